// A line manager's endorsement: a short message to their team saying it is fine to use Respite in work time.
// The team's addresses are used for this send only: they go to the email engine with the message and are never
// written anywhere by this context. Managers and HR only ever get counts back ("N messages sent").
import { createHash } from 'node:crypto';
import type { EmailContent } from '../../shared/email.js';
import { AppError, conflict } from '../../shared/errors.js';
import { enforceRateLimit } from '../../shared/rate-limit.js';
import type { Runtime } from '../../shared/runtime.js';
import { enqueueEmails } from '../email/outbox.js';
import type { OutboxMessage } from '../email/schema.js';
import { currentPermissionStatement, ensureInvite } from '../enrolment/repository.js';
import { keys } from '../keys.js';
import { counterUpdates } from '../stats/counters.js';
import { inviteUrlFor } from './launch-kit.js';
import { getEndorsementBatch } from './repository.js';
import { MAX_TEAM_ADDRESSES } from './schema.js';
import { parseTeamList } from './team-addresses.js';
import { ENDORSEMENT_TEMPLATES, fillTemplate } from './templates.js';

/** New batches per manager per day (a retry of a batch does not count). 10 × 200 addresses is plenty for a team. */
export const BATCHES_PER_DAY = 10;

/** Shown to the manager beside the address box; docs/privacy-endorsements.md explains the details. */
export const RETENTION_NOTE =
  'Respite uses these addresses only to send this message and does not save them. Each address is gone once its email has been sent, usually within minutes. If an email cannot be sent, it waits in a locked queue for at most 14 days so it can be tried again, then it is deleted. Only the number of messages is kept.';

export interface EndorsementDraft {
  subject: string;
  message: string;
  addresses: string;
}

/** The same checks for preview and send: every malformed line is named, and an oversized list is refused whole. */
export function checkTeamList(raw: string): string[] {
  const parsed = parseTeamList(raw);
  if (parsed.problems.length)
    throw new AppError(
      422,
      'validation_failed',
      `Some lines of the address list are not email addresses. ${parsed.problems.map((p) => p.message).join('; ')}`,
      parsed.problems.map((p) => ({ field: 'body.addresses', message: p.message })),
    );
  if (parsed.addresses.length === 0)
    throw new AppError(
      422,
      'validation_failed',
      'Some fields are not valid. body.addresses: add at least one email address',
      [{ field: 'body.addresses', message: 'add at least one email address' }],
    );
  if (parsed.tooMany) {
    const message = `has ${parsed.addresses.length} different addresses; you can send to at most ${MAX_TEAM_ADDRESSES} at a time, so split the list`;
    throw new AppError(422, 'too_many_addresses', `Some fields are not valid. body.addresses: ${message}`, [
      { field: 'body.addresses', message },
    ]);
  }
  return parsed.addresses;
}

export async function endorsementTemplates(rt: Runtime) {
  const statement = await currentPermissionStatement(rt.db, rt.config.tenant.permissionStatement);
  const values = { orgName: rt.config.tenant.name, permissionStatement: statement.text };
  return ENDORSEMENT_TEMPLATES.map((t) => ({ id: t.id, label: t.label, text: fillTemplate(t.text, values) }));
}

async function emailContent(
  rt: Runtime,
  draft: Pick<EndorsementDraft, 'subject' | 'message'>,
  now: Date,
): Promise<EmailContent> {
  const org = rt.config.tenant.name;
  const invite = await ensureInvite(rt.db, now.toISOString());
  // Paragraphs become blocks; the engine accepts at most 20, so anything after the 17th joins the last one.
  const paragraphs = draft.message
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const kept = paragraphs.length > 17 ? [...paragraphs.slice(0, 16), paragraphs.slice(16).join('\n\n')] : paragraphs;
  return {
    subject: draft.subject,
    preheader: `A note from your line manager at ${org}.`,
    heading: `A message from your line manager at ${org}`,
    blocks: [
      ...kept.map((text) => ({ text })),
      { button: { label: 'Find out about Respite', href: inviteUrlFor(rt, invite.token) } },
      { text: `Respite is private. ${org} and your manager never see who joins or what anyone does in it.` },
    ],
    footer: `Your line manager at ${org} sent this to their team through Respite. Your address was used only to send this email and has not been kept.`,
  };
}

export async function previewEndorsement(rt: Runtime, draft: EndorsementDraft, now: Date) {
  const addresses = checkTeamList(draft.addresses);
  const content = await emailContent(rt, draft, now);
  return {
    recipients: addresses.length,
    duplicatesMerged: parseTeamList(draft.addresses).duplicatesMerged,
    senderName: rt.config.tenant.email.senderName,
    content,
  };
}

const hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** manager + batch + keyed hash of the address: the same address in the same batch is sent once, however often it is submitted. */
export const endorsementIdempotencyKey = (rt: Runtime, managerId: string, batchId: string, address: string) =>
  `endorse:${hex(`m:${managerId}`).slice(0, 16)}:${hex(`b:${batchId}`).slice(0, 16)}:${hex(rt.config.keys.pseudonym('endorsement', `address:${address}`)).slice(0, 32)}`;

export async function sendEndorsement(
  rt: Runtime,
  managerId: string,
  input: EndorsementDraft & { batchId: string },
  now: Date,
) {
  const addresses = checkTeamList(input.addresses);
  const fingerprint = rt.config.keys.pseudonym(
    'endorsement',
    `batch:${JSON.stringify([input.subject, input.message, [...addresses].sort()])}`,
  );
  const existing = await getEndorsementBatch(rt.db, managerId, input.batchId);
  if (existing && existing.fingerprint !== fingerprint)
    throw conflict(
      'This message was already sent. Start a new message to send something different.',
      'batch_already_sent',
    );
  if (!existing)
    await enforceRateLimit(rt.db, {
      bucket: 'endorse',
      subject: rt.config.keys.pseudonym('rate-limit', `manager:${managerId}`),
      limit: BATCHES_PER_DAY,
      windowSeconds: 86_400,
      nowMs: now.getTime(),
    });

  // Enqueue first (idempotent per address), then record the count once: a retry after a crash finishes the job
  // without sending anything twice, and the count never runs ahead of what was handed to the engine.
  const content = await emailContent(rt, input, now);
  const messages: OutboxMessage[] = addresses.map((address) => ({
    to: { address },
    kind: 'endorsement',
    idempotencyKey: endorsementIdempotencyKey(rt, managerId, input.batchId, address),
    content,
    senderName: rt.config.tenant.email.senderName,
    nonTransactional: true,
  }));
  await enqueueEmails(rt, messages);

  if (existing) return { batchId: input.batchId, sent: existing.count, sentAt: existing.sentAt };
  const sentAt = now.toISOString();
  const record = [
    rt.db.txPut(
      {
        ...keys.endorsementBatch(managerId, input.batchId),
        batchId: input.batchId,
        count: addresses.length,
        sentAt,
        fingerprint,
      },
      { ifAbsent: true },
    ),
    ...counterUpdates(rt.db, 'endorsements_sent', undefined, now, addresses.length),
  ];
  if (await transactRetryingConflicts(rt, record)) return { batchId: input.batchId, sent: addresses.length, sentAt };
  // A simultaneous double submit recorded it first: answer with what was recorded.
  const winner = await getEndorsementBatch(rt.db, managerId, input.batchId);
  if (!winner || winner.fingerprint !== fingerprint)
    throw conflict(
      'This message was already sent. Start a new message to send something different.',
      'batch_already_sent',
    );
  return { batchId: input.batchId, sent: winner.count, sentAt: winner.sentAt };
}

/** Concurrent transactions on the same counters can be cancelled with TransactionConflict: try again briefly. */
async function transactRetryingConflicts(
  rt: Runtime,
  items: Parameters<Runtime['db']['transact']>[0],
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rt.db.transact(items);
    } catch (err) {
      const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (attempt >= 4 || !reasons.some((r) => r.Code === 'TransactionConflict')) throw err;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
}
