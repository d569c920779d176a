// Local stand-in for SES event publishing: builds the event SES would publish for an address (a hard or soft bounce,
// a complaint, a reject or a delivery delay) in the shape EventBridge delivers it, for the tenant's ses-events queue,
// where the same consumer as in AWS (functions/email/on-ses-event.ts) reads it. POST /_local/ses-event
// {"tenant":"demo","address":"a@example.org","type":"bounce"|"soft-bounce"|"complaint"|"reject"|"delay"}.
import { randomUUID } from 'node:crypto';

export const LOCAL_SES_EVENT_TYPES = ['bounce', 'soft-bounce', 'complaint', 'reject', 'delay'] as const;
export type LocalSesEventType = (typeof LOCAL_SES_EVENT_TYPES)[number];

export function sesEventFor(type: LocalSesEventType, address: string, at = new Date()): string {
  const mail = {
    timestamp: at.toISOString(),
    messageId: randomUUID(),
    destination: [address],
    tags: { kind: ['local'] },
  };
  const recipients = [{ emailAddress: address }];
  const detail =
    type === 'bounce'
      ? {
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: recipients,
            timestamp: at.toISOString(),
          },
        }
      : type === 'soft-bounce'
        ? {
            eventType: 'Bounce',
            mail,
            bounce: {
              bounceType: 'Transient',
              bounceSubType: 'MailboxFull',
              bouncedRecipients: recipients,
              timestamp: at.toISOString(),
            },
          }
        : type === 'complaint'
          ? {
              eventType: 'Complaint',
              mail,
              complaint: {
                complainedRecipients: recipients,
                complaintFeedbackType: 'abuse',
                timestamp: at.toISOString(),
              },
            }
          : type === 'reject'
            ? { eventType: 'Reject', mail, reject: { reason: 'Bad content' } }
            : {
                eventType: 'DeliveryDelay',
                mail,
                deliveryDelay: { delayType: 'MailboxFull', delayedRecipients: recipients, timestamp: at.toISOString() },
              };
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': `Email ${detail.eventType}`,
    source: 'aws.ses',
    time: at.toISOString(),
    detail,
  });
}
