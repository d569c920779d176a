// A small, self-contained printable HTML page (no scripts, no external assets) for the data export and the
// workplace adjustments request. Everything put in it is escaped by the caller with escapeHtml.
import { escapeHtml } from '../../shared/email.js';
import { cspAllowingStyle } from '../../shared/security-headers.js';

export { escapeHtml };

const STYLE = `
  body { font-family: Georgia, 'Times New Roman', serif; color: #1d2624; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; font-size: 1.05rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #c9d2cf; padding-bottom: .25rem; }
  h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
  p, li { white-space: pre-wrap; }
  .muted { color: #4b5a57; font-size: .95rem; }
  dl { margin: 0; }
  dt { font-weight: 700; margin-top: .5rem; }
  dd { margin: 0 0 .25rem 0; white-space: pre-wrap; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  th, td { border: 1px solid #c9d2cf; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  .record { border: 1px solid #d8dfdc; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; break-inside: avoid; }
  .signature { margin-top: 3rem; }
  @media print { body { margin: 0; max-width: none; font-size: 11pt; } .no-print { display: none; } a { color: inherit; } }
`;

/** The API's CSP (no scripts, no framing) with only this page's own stylesheet allowed, by its hash. */
export const PRINTABLE_CSP = cspAllowingStyle(STYLE);

export function printablePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body></html>`;
}

/** Paragraphs from free text: blank lines split paragraphs, single line breaks are kept (pre-wrap). */
export const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
