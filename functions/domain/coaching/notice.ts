// The email telling someone their coach wrote. It never contains the message (or any hint of what it is about):
// only that there is something to read. It goes through the email engine, whose send ledger makes it exactly once
// per message id, so it is safe to enqueue again whenever the same reply is submitted again (e.g. after a crash).

import type { EmailContent } from '../../shared/email.js';
import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { enqueueEmails } from '../email/outbox.js';

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

/** Queues the notice for one coach message. Returns false (and logs, without detail) if the engine refused it. */
export async function deliverNotice(rt: Runtime, userId: string, messageId: string): Promise<boolean> {
  try {
    await enqueueEmails(rt, [
      {
        to: { userId },
        kind: 'coach-notice',
        idempotencyKey: `msg-${messageId}`,
        content: noticeContent(rt.config.appUrl, rt.config.tenant.name),
        nonTransactional: false,
      },
    ]);
    return true;
  } catch (err) {
    log.warn({
      event: 'coach_notice_failed',
      tenant: rt.config.tenantId,
      errorName: err instanceof Error ? err.name : 'unknown',
    });
    return false;
  }
}
