// SQS consumer of the email outbox (batch size 10, partial batch responses). Each record is one outbox message.
// A malformed record or a failed send is reported in batchItemFailures: SQS redelivers it, and after the
// queue's maxReceiveCount it moves to the dead-letter queue (redrive with StartMessageMoveTask; see docs).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendOutboxMessages } from '../domain/delivery/sender.js';
import { type OutboxMessage, OutboxMessageSchema } from '../domain/email/schema.js';
import { log } from '../shared/log.js';
import { runtime } from '../shared/runtime.js';

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const rt = await runtime();
  const failures: string[] = [];
  const valid: { id: string; message: OutboxMessage }[] = [];
  for (const record of event.Records) {
    let parsed: ReturnType<typeof OutboxMessageSchema.safeParse> | undefined;
    try {
      parsed = OutboxMessageSchema.safeParse(JSON.parse(record.body));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) valid.push({ id: record.messageId, message: parsed.data });
    else {
      log.error({ event: 'email_message_invalid', tenant: rt.config.tenantId });
      failures.push(record.messageId);
    }
  }
  const outcome = await sendOutboxMessages(
    rt,
    valid.map((v) => v.message),
  );
  for (const i of outcome.failed) failures.push(valid[i]!.id);
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
