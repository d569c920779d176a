// SQS consumer of the email outbox (batch size 10, partial batch responses; the wrapper is functions/shared/queue.ts).
// Each record is one outbox message. A malformed record is logged and dropped; a failed send is reported in
// batchItemFailures: SQS redelivers it, and after the queue's maxReceiveCount it moves to the dead-letter queue
// (redrive with StartMessageMoveTask; see docs).
import { sendOutboxMessages } from '../domain/delivery/sender.js';
import { OutboxMessageSchema } from '../domain/email/schema.js';
import { queueConsumer } from '../shared/queue.js';

export const handler = queueConsumer('email-sender', {
  schema: OutboxMessageSchema,
  batch: sendOutboxMessages,
});
