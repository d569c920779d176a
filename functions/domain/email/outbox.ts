// The email engine's one entry point for every context: put emails on the outbox queue; the sender
// (functions/email/on-email-queue.ts) sends them within the SES rate, exactly once per idempotency key.
//
//   import { enqueueEmails } from '../domain/email/outbox.js';
//   await enqueueEmails(rt, [{
//     to: { userId },                       // or { address: 'team@example.com' } for a raw address (not stored)
//     kind: 'coach-notice',                 // 'reminder' | 'monday' | 'checkin' | 'endorsement' | 'coach-notice' | 'coach-alert' | 'announcement' | 'notice'
//     idempotencyKey: `msg-${messageId}`,   // unique per recipient + kind: enqueuing it again sends nothing new
//     content: { subject, preheader, heading, blocks, footer },   // or template: { template: 'checkin', number: 1 }
//     discreetContent: { … },               // optional: used when the account holder chose discreet email
//     senderName: 'Alex (your coach)',      // optional; discreet mode always uses the tenant's neutral sender name
//     nonTransactional: true,               // true → List-Unsubscribe + List-Unsubscribe-Post headers and a link
//   }]);
//
// Guarantees:
// - Validated here (a bad message throws AppError 422 naming the field, before anything is queued).
// - Exactly once per (recipient, kind, idempotencyKey): the sender writes a ledger record with a conditional put
//   before calling SES, so retries, queue redeliveries and overlapping ticks never send twice.
// - For { userId } the address is read from the profile at send time; a deleted account, a turned-off preference
//   (reminders/monday/checkins), an unsubscribe or a suppressed (bounced/complained) address means nothing is sent.
// - For { address } the address travels on the queue for this send only and is never written to the table; the
//   ledger and the suppression list hold only an HMAC of it.
// - Subjects: keep them neutral (no mental-health words); discreetContent, if given, must be neutral in every line.
// - Nothing about bounces or unsubscribes is visible to the employer or a manager.
//

import { makeSqsClient, type Sqs } from '../../shared/clients.js';
import { AppError, validationError } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { type OutboxMessage, OutboxMessageSchema } from './schema.js';

export type { EmailKind, OutboxMessage, Recipient, TemplateRef } from './schema.js';

/** SQS allows 10 entries per SendMessageBatch. */
const BATCH = 10;
const MAX_ATTEMPTS = 4;

let sqs: Promise<Sqs> | undefined;
/** The SQS client, made (and its SDK loaded) on first use; only functions that queue email bundle it. */
export function sqsClient(rt: Runtime): Promise<Sqs> {
  sqs ??= makeSqsClient(rt.config);
  return sqs;
}

/** Validates every message, then queues them (10 per call), visible after `delaySeconds` (0–900). Returns how many were queued. */
export async function enqueueEmails(
  rt: Runtime,
  messages: OutboxMessage[],
  opts: { delaySeconds?: number } = {},
): Promise<{ enqueued: number }> {
  const valid = messages.map((m, i) => {
    const parsed = OutboxMessageSchema.safeParse(m);
    if (!parsed.success) {
      const err = validationError(parsed.error, 'body');
      throw new AppError(422, 'invalid_email_message', `Email message ${i} is not valid. ${err.message}`, err.fields);
    }
    return parsed.data;
  });
  if (valid.length === 0) return { enqueued: 0 };
  const queueUrl = rt.config.emailQueueUrl;
  // Every deployed function and the local stack have the queue: there is one way an email is sent from the outbox.
  if (!queueUrl) throw new Error('EMAIL_QUEUE_URL is not set: outbox emails are sent through the email queue only');
  for (let start = 0; start < valid.length; start += BATCH) {
    await sendBatch(rt, queueUrl, valid.slice(start, start + BATCH), opts.delaySeconds);
  }
  return { enqueued: valid.length };
}

/** Sends one batch, retrying only the entries SQS reported as failed. Throws if some still fail. */
async function sendBatch(rt: Runtime, queueUrl: string, batch: OutboxMessage[], delaySeconds?: number): Promise<void> {
  let pending = batch.map((m, i) => ({
    Id: String(i),
    MessageBody: JSON.stringify(m),
    ...(delaySeconds ? { DelaySeconds: delaySeconds } : {}),
  }));
  for (let attempt = 1; pending.length > 0; attempt++) {
    const sqs = await sqsClient(rt);
    const out = await sqs.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
    const failed = new Set((out.Failed ?? []).map((f) => f.Id));
    pending = pending.filter((e) => failed.has(e.Id));
    if (pending.length > 0 && attempt >= MAX_ATTEMPTS) throw new Error(`could not queue ${pending.length} email(s)`);
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
  }
}
