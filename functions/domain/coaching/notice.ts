// The email telling someone their coach wrote. It never contains the message (or any hint of what it is about):
// only that there is something to read in Respite.
//
// Delivery is guarded by the notice record written in the same transaction as the coach's message (status
// pending → sending → sent, conditional at each step), so a retried reply never sends twice and a failed send is
// retried the next time the same message is submitted.
// TODO(reminders engine): when functions/domain/email/outbox.ts lands, replace deliverNotice's direct send with
// enqueueEmails(rt, [{ to: { userId }, kind: 'coach-notice', idempotencyKey: messageId, content, discreetContent,
// nonTransactional: false }]).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.js';
import { getProfile } from '../enrolment/repository.js';
import { isConditionalFailure } from '../../shared/db.js';
import { sendEmail, type EmailContent } from '../../shared/email.js';
import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';

/** A notice stuck in "sending" this long (the sender crashed) may be claimed again. */
const RECLAIM_AFTER_MS = 5 * 60_000;

export function noticeContent(appUrl: string, tenantName: string): EmailContent {
  return {
    subject: 'You have a new message',
    preheader: 'Sign in to read it.',
    heading: 'You have a new message',
    blocks: [
      { text: 'There is a new message waiting for you. To keep it private, we never put messages in emails.' },
      { button: { label: 'Sign in to read it', href: `${appUrl}/#/messages` } },
    ],
    footer: `You get this email when there is a new message for you in the app ${tenantName} offers its staff.`,
  };
}

async function setStatus(rt: Runtime, userId: string, messageId: string, to: string, condition: string, values: Record<string, unknown>) {
  try {
    await rt.db.client.send(
      new UpdateCommand({
        TableName: rt.db.tableName,
        Key: keys.coachNotice(userId, messageId),
        UpdateExpression: 'SET #s = :to, claimedAt = :now',
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':to': to, ...values },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionalFailure(err)) return false;
    throw err;
  }
}

/** Sends the notice for one coach message if it has not been sent. Returns true when this call sent it. */
export async function deliverNotice(rt: Runtime, userId: string, messageId: string, nowMs: number): Promise<boolean> {
  const claimed = await setStatus(rt, userId, messageId, 'sending', '#s = :pending OR (#s = :sending AND claimedAt < :stale)', {
    ':now': nowMs,
    ':pending': 'pending',
    ':sending': 'sending',
    ':stale': nowMs - RECLAIM_AFTER_MS,
  });
  if (!claimed) return false;
  try {
    const profile = await getProfile(rt.db, userId);
    if (!profile) return false;
    const tenant = rt.config.tenant;
    // Neutral wording whatever the person's discreet choice, so the sender name is the neutral one too.
    await sendEmail(rt, { to: profile.email, senderName: tenant.email.discreetSenderName, kind: 'coach-notice', content: noticeContent(rt.config.appUrl, tenant.name) });
    await setStatus(rt, userId, messageId, 'sent', '#s = :sending', { ':now': nowMs, ':sending': 'sending' });
    return true;
  } catch (err) {
    // Back to pending so the next attempt (a retried reply) sends it; the reply itself is already safe.
    await setStatus(rt, userId, messageId, 'pending', '#s = :sending', { ':now': nowMs, ':sending': 'sending' }).catch(() => undefined);
    log.warn({ event: 'coach_notice_failed', tenant: rt.config.tenantId, errorName: err instanceof Error ? err.name : 'unknown' });
    return false;
  }
}
