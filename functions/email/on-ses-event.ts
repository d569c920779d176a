// SQS consumer of SES event publishing (send, bounce and complaint notifications, via SNS or EventBridge). Permanent
// bounces and complaints put the address's HMAC on the suppression list; nothing is shown to the employer. A Send
// event confirms the send-ledger claim named by the email's "claim" tag (see docs/architecture.md, email delivery).
// The wrapper (functions/shared/queue.ts) drops what is not an SES event and retries what fails for now.
import { addressHash, confirmByTag, suppress } from '../domain/email/repository.js';
import { clock } from '../shared/clock.js';
import { log } from '../shared/log.js';
import { count } from '../shared/metrics.js';
import { queueConsumer } from '../shared/queue.js';
import * as z from '../shared/zod.js';

const Recipients = z._default(z.array(z.object({ emailAddress: z.string() })), []);
const SesEvent = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: Recipients })),
  complaint: z.optional(z.object({ complainedRecipients: Recipients })),
  /** Our tags on the email (SES lists each tag's values): "claim" names the send-ledger claim. */
  mail: z.optional(z.object({ tags: z.optional(z.record(z.string(), z.array(z.string()))) })),
});

/** The SES event inside an SQS body: raw, wrapped by SNS ({ Message: "<json>" }) or by EventBridge ({ detail }). */
export function unwrap(value: unknown): unknown {
  const obj = value as { Message?: unknown; detail?: unknown };
  if (typeof obj?.Message === 'string') return JSON.parse(obj.Message);
  if (obj?.detail && typeof obj.detail === 'object') return obj.detail;
  return value;
}

export const handler = queueConsumer('ses-events', {
  schema: SesEvent,
  unwrap,
  each: async (rt, e) => {
    const type = e.eventType ?? e.notificationType;
    if (type === 'Bounce' && e.bounce?.bounceType === 'Permanent') {
      for (const r of e.bounce.bouncedRecipients)
        await suppress(rt.db, addressHash(rt, r.emailAddress), 'bounce', clock.now());
      count(rt.config.tenantId, 'emails_bounced', e.bounce.bouncedRecipients.length);
      log.info({
        event: 'email_suppressed',
        tenant: rt.config.tenantId,
        kind: 'bounce',
        count: e.bounce.bouncedRecipients.length,
      });
    } else if (type === 'Send') {
      const tag = e.mail?.tags?.claim?.[0];
      if (tag) await confirmByTag(rt.db, tag);
    } else if (type === 'Complaint' && e.complaint) {
      for (const r of e.complaint.complainedRecipients)
        await suppress(rt.db, addressHash(rt, r.emailAddress), 'complaint', clock.now());
      count(rt.config.tenantId, 'emails_complained', e.complaint.complainedRecipients.length);
      log.info({
        event: 'email_suppressed',
        tenant: rt.config.tenantId,
        kind: 'complaint',
        count: e.complaint.complainedRecipients.length,
      });
    } else if (type === 'Reject' || type === 'DeliveryDelay' || type === 'Bounce') {
      // Nothing to change: SES rejected our message (content) or the mailbox is slow or full for now. Counted only.
      log.info({
        event: 'email_not_delivered',
        tenant: rt.config.tenantId,
        kind: type === 'Bounce' ? 'transient_bounce' : type,
      });
    }
    // Deliveries, opens and other events need nothing from us.
  },
});
