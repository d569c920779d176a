// The send ledger's safety net. A claim stays "pending" until SES is known to have accepted its email: the sender
// confirms it after SES replies, and SES's Send event (tagged with the claim) confirms it even when the sender died
// right after the call. A claim still pending an hour later was therefore never accepted by SES: its message is
// queued again, taking over that claim, so nothing is lost and nothing is sent twice. Runs in every reminders tick.

import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { enqueueEmails } from './outbox.js';
import { pendingSends } from './repository.js';
import { OutboxMessageSchema } from './schema.js';

/** How long a claim may stay pending before its message is sent again (SES events arrive within seconds). */
export const RESEND_AFTER_MS = 60 * 60_000;
/** Claims looked at per tick; the pending list holds only claims in flight or left behind by crashes. */
const PER_TICK = 500;

export async function resendStaleClaims(rt: Runtime, now: Date): Promise<number> {
  const cutoff = now.getTime() - RESEND_AFTER_MS;
  const stale = (await pendingSends(rt.db, PER_TICK)).filter((c) => Number(c.gsi1sk.slice(0, 13)) < cutoff);
  const messages = stale.flatMap((c) => {
    const parsed = OutboxMessageSchema.safeParse({ ...JSON.parse(c.message), reclaim: { claimId: c.claimId } });
    return parsed.success ? [parsed.data] : [];
  });
  // Only messages this code wrote are stored, so this cannot happen short of a schema change; say so, never silently.
  if (messages.length < stale.length)
    log.error({
      event: 'email_stale_claim_unreadable',
      tenant: rt.config.tenantId,
      count: stale.length - messages.length,
    });
  if (messages.length) {
    await enqueueEmails(rt, messages);
    log.warn({ event: 'email_resent_stale_claims', tenant: rt.config.tenantId, count: messages.length });
  }
  return messages.length;
}
