// The one wrapper for SQS consumers (functions/contexts.ts QUEUE_CONSUMERS; every queue is set up with partial batch
// responses, ReportBatchItemFailures). Same runtime, logging and error model as the HTTP and job wrappers, with two
// kinds of failure kept apart:
//   - invalid input: a body that is not JSON or does not match the consumer's schema. It will never become valid, so
//     it is logged (one line naming the consumer) and dropped, never retried.
//   - transient failure: anything that goes wrong while handling a valid message (DynamoDB throttling, SES, a
//     timeout). The record goes in batchItemFailures, so SQS delivers it again (then to the dead-letter queue).
// Parsing is synchronous and sees only the body, before the runtime exists: it cannot reach DynamoDB, so a
// transient error can never be taken for invalid input (and logged or dropped as one).
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { errorName, log, withInvocation } from './log.js';
import { type Runtime, runtime } from './runtime.js';
import type * as z from './zod.js';

export type QueueHandling<T> =
  /** Each valid message on its own: a throw retries that record only. */
  | { each: (rt: Runtime, message: T) => Promise<void> }
  /** The batch's valid messages together; returns the indexes (into `messages`) to retry. A throw retries them all. */
  | { batch: (rt: Runtime, messages: T[]) => Promise<{ failed: number[] }> };

export type QueueConsumerOptions<S extends z.ZodMiniType> = {
  /** The message schema; a record that does not match it is invalid. */
  schema: S;
  /** Takes the message out of an envelope (SNS, EventBridge) before the schema sees it; pure. */
  unwrap?: (json: unknown) => unknown;
} & QueueHandling<z.infer<S>>;

/** Makes a consumer's Lambda handler. `name` is the consumer's name in functions/contexts.ts. */
export function queueConsumer<S extends z.ZodMiniType>(name: string, opts: QueueConsumerOptions<S>) {
  const parse = (body: string): { ok: true; message: z.infer<S> } | { ok: false } => {
    let json: unknown;
    try {
      json = JSON.parse(body);
      json = opts.unwrap ? opts.unwrap(json) : json;
    } catch {
      return { ok: false };
    }
    const parsed = opts.schema.safeParse(json);
    return parsed.success ? { ok: true, message: parsed.data } : { ok: false };
  };

  const consume = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const started = performance.now();
    const records = event?.Records ?? [];
    const valid: { id: string; message: z.infer<S> }[] = [];
    let invalid = 0;
    for (const record of records) {
      const parsed = parse(record.body);
      if (parsed.ok) valid.push({ id: record.messageId, message: parsed.message });
      else invalid += 1;
    }
    let rt: Runtime;
    try {
      rt = await runtime();
    } catch (err) {
      // No config or keys: nothing can be handled, not even judged; the whole batch comes back.
      log.error({ event: 'queue_failed', kind: name, errorName: errorName(err) });
      throw err;
    }
    const tenant = rt.config.tenantId;
    for (let i = 0; i < invalid; i++) log.error({ event: 'queue_record_invalid', tenant, kind: name });

    const failed: string[] = [];
    const transient = (id: string, err: unknown) => {
      log.error({ event: 'queue_record_failed', tenant, kind: name, errorName: errorName(err) });
      failed.push(id);
    };
    if ('each' in opts) {
      for (const v of valid) {
        try {
          await opts.each(rt, v.message);
        } catch (err) {
          transient(v.id, err);
        }
      }
    } else if (valid.length) {
      try {
        const outcome = await opts.batch(
          rt,
          valid.map((v) => v.message),
        );
        for (const i of new Set(outcome.failed)) if (valid[i]) failed.push(valid[i].id);
      } catch (err) {
        for (const v of valid) transient(v.id, err);
      }
    }
    log.info({
      event: 'queue',
      tenant,
      kind: name,
      count: records.length,
      invalid,
      failed: failed.length,
      ms: Math.round(performance.now() - started),
    });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };

  return (event: SQSEvent, context?: Pick<Context, 'awsRequestId'>): Promise<SQSBatchResponse> =>
    withInvocation({ requestId: context?.awsRequestId || randomUUID() }, () => consume(event));
}
