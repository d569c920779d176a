// Email: one layout (HTML + plain-text alternative) and one sender over SES v2.
// Subjects and sender names are chosen by the caller from neutral wording when the person asked for discreet mode.

import { count } from './metrics.js';
import type { Runtime } from './runtime.js';

export interface EmailBlock {
  /** A paragraph of plain text (escaped in HTML). */
  text?: string;
  /** A prominent one-line value, e.g. a sign-in code. */
  code?: string;
  /** A call-to-action button. */
  button?: { label: string; href: string };
}

export interface EmailContent {
  subject: string;
  /** Hidden preview line shown by mail clients after the subject. Keep it neutral. */
  preheader: string;
  heading: string;
  blocks: EmailBlock[];
  /** Small print at the bottom (why you got this; unsubscribe link text is added by the sender when given). */
  footer: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderEmail(content: EmailContent, unsubscribeUrl?: string): { html: string; text: string } {
  const blockHtml = content.blocks
    .map((b) => {
      if (b.code)
        return `<p style="font-size:32px;letter-spacing:8px;font-weight:700;margin:24px 0;color:#1f3a36">${escapeHtml(b.code)}</p>`;
      if (b.button)
        return `<p style="margin:24px 0"><a href="${escapeHtml(b.button.href)}" style="background:#2f6f62;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(b.button.label)}</a></p>`;
      return `<p style="margin:0 0 16px">${escapeHtml(b.text ?? '')}</p>`;
    })
    .join('\n');
  const unsubscribeHtml = unsubscribeUrl
    ? `<br><a href="${escapeHtml(unsubscribeUrl)}" style="color:#5b6b68">Unsubscribe from these emails</a>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;background:#f4f1ea;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2624">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:560px;background:#ffffff;border-radius:10px" cellpadding="0" cellspacing="0"><tr><td style="padding:28px 28px 20px;font-size:16px;line-height:1.55">
<h1 style="font-size:22px;margin:0 0 16px;color:#1f3a36">${escapeHtml(content.heading)}</h1>
${blockHtml}
</td></tr><tr><td style="padding:0 28px 24px;font-size:13px;color:#5b6b68;line-height:1.5">${escapeHtml(content.footer)}${unsubscribeHtml}</td></tr></table>
</td></tr></table></body></html>`;
  const textBlocks = content.blocks.map((b) =>
    b.code ? `    ${b.code}` : b.button ? `${b.button.label}: ${b.button.href}` : (b.text ?? ''),
  );
  const text = [
    content.heading,
    '',
    ...textBlocks.flatMap((t) => [t, '']),
    '--',
    content.footer,
    ...(unsubscribeUrl ? [`Unsubscribe: ${unsubscribeUrl}`] : []),
  ].join('\n');
  return { html, text };
}

export interface OutgoingEmail {
  to: string;
  senderName: string;
  content: EmailContent;
  /** For non-transactional email: RFC 8058 one-click unsubscribe (List-Unsubscribe + List-Unsubscribe-Post). */
  unsubscribe?: { url: string; postUrl: string };
  /** Low-cardinality tag for SES event routing, e.g. "signin", "reminder". */
  kind: string;
  /** The send-ledger claim (tag "claim"): SES's Send event confirms it, even if the sender crashed after the call. */
  claimTag?: string;
  /**
   * Pads the HTML and text parts with invisible whitespace to the next multiple of this many bytes, so emails whose
   * very existence must not tell apart (a sign-in code vs "no account here") have the same size in a mail log.
   */
  padToBytes?: number;
}

/** Whitespace padding to the next multiple of `block` bytes (HTML: inside a comment before </body>). */
export function padParts(parts: { html: string; text: string }, block: number): { html: string; text: string } {
  const fill = (len: number, overhead: number) =>
    Math.max(0, Math.ceil((len + overhead) / block) * block - len - overhead);
  const htmlLen = Buffer.byteLength(parts.html);
  const htmlFill = fill(htmlLen, 7); // "<!--" + "-->"
  const html = parts.html.replace(/<\/body>/, `<!--${' '.repeat(htmlFill)}--></body>`);
  const textLen = Buffer.byteLength(parts.text);
  const text = `${parts.text}\n${' '.repeat(fill(textLen, 1))}`;
  return { html, text };
}

/** Control characters (CR, LF, NUL, NEL, …) and U+2028/U+2029: never allowed to reach a header as they are. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]+/gu;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * RFC 2047: a header value as one line of 7-bit ASCII, whatever it is given. Control and line-break characters
 * become a space; anything not plain printable ASCII is sent as UTF-8 "B" encoded-words (base64 has no line
 * breaks), each at most 75 characters and never splitting a character. So no value can end its header or add one.
 */
export function encodeHeaderText(value: string): string {
  const flat = flatten(value);
  return PLAIN_ASCII.test(flat) && !flat.includes('=?') ? flat : encodedWords(flat);
}

/** A From display name: a quoted string when it is plain ASCII without quotes, encoded-words otherwise. */
export function encodeDisplayName(name: string): string {
  const flat = flatten(name);
  return PLAIN_ASCII.test(flat) && !/["\\]|=\?/.test(flat) ? `"${flat}"` : encodedWords(flat);
}

const flatten = (value: string) => value.replace(LINE_BREAKING, ' ').trim();

function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

/** A value we build ourselves (List-Unsubscribe URLs): refused outright unless it is plain printable ASCII. */
function headerValue(value: string): string {
  if (!PLAIN_ASCII.test(value)) throw new Error('refusing a header value that is not printable ASCII');
  return value;
}

/** Sends one email; returns the SES message id. Never logs the address or content. */
export async function sendEmail(rt: Runtime, email: OutgoingEmail): Promise<string> {
  const rendered = renderEmail(email.content, email.unsubscribe?.url);
  const { html, text } = email.padToBytes ? padParts(rendered, email.padToBytes) : rendered;
  const headers = email.unsubscribe
    ? [
        { Name: 'List-Unsubscribe', Value: headerValue(`<${email.unsubscribe.postUrl}>`) },
        { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
      ]
    : undefined;
  const ses = await rt.ses();
  const out = await ses.client.send(
    new ses.SendEmailCommand({
      FromEmailAddress: `${encodeDisplayName(email.senderName)} <${rt.config.emailFrom}>`,
      Destination: { ToAddresses: [email.to] },
      Content: {
        Simple: {
          Subject: { Data: encodeHeaderText(email.content.subject), Charset: 'UTF-8' },
          Body: { Html: { Data: html, Charset: 'UTF-8' }, Text: { Data: text, Charset: 'UTF-8' } },
          ...(headers ? { Headers: headers } : {}),
        },
      },
      ConfigurationSetName: rt.config.sesConfigurationSet,
      EmailTags: [
        { Name: 'tenant', Value: rt.config.tenantId },
        { Name: 'kind', Value: email.kind },
        ...(email.claimTag ? [{ Name: 'claim', Value: email.claimTag }] : []),
      ],
    }),
  );
  count(rt.config.tenantId, 'emails_sent'); // every email SES accepted, whichever path sent it
  return out.MessageId ?? '';
}
