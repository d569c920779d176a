// Every SQS consumer (functions/contexts.ts QUEUE_CONSUMERS) runs in the one queue wrapper (functions/shared/queue.ts),
// in-process against DynamoDB Local and the local SES. For each consumer:
//   - invalid records (not JSON, not the consumer's schema) are dropped: not in batchItemFailures, one log line each
//     naming the consumer;
//   - a transient DynamoDB failure (injected with Db.intercept) puts the valid record in batchItemFailures and is
//     never logged as invalid;
//   - without the fault the same record is handled and nothing is retried;
// and every line written carries the invocation's request id, and none names an address.
import { randomBytes } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUEUE_CONSUMERS } from '../../functions/contexts.js';
import type { Db } from '../../functions/shared/db.js';
import { setLogSink } from '../../functions/shared/log.js';
import { runtime } from '../../functions/shared/runtime.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { inProcessFunctionEnv } from '../support/stack.js';

type Consumer = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;
const functionsRoot = new URL('../../functions/', import.meta.url);
const RUN = randomBytes(3).toString('hex');

/** Per consumer: a body it must handle, and bodies it can never handle. A new consumer fails until it is added. */
const SAMPLES: Record<string, { valid: () => string; invalid: string[]; metric: string }> = {
  'email-sender': {
    valid: () =>
      JSON.stringify({
        to: { address: `queue-${RUN}@example.org` },
        kind: 'notice',
        idempotencyKey: `queue-test-${RUN}-${randomBytes(3).toString('hex')}`,
        content: { subject: 'Hello', preheader: '', heading: 'Hello', blocks: [{ text: 'A note.' }], footer: '' },
        nonTransactional: false,
      }),
    invalid: ['not json', '{"to":{"address":"x@example.org"},"kind":"no-such-kind"}', 'null'],
    metric: 'emails_sent',
  },
  'ses-events': {
    // as SNS delivers it: the SES event is a JSON string in Message
    valid: () =>
      JSON.stringify({
        Message: JSON.stringify({
          eventType: 'Bounce',
          bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: `bounced-${RUN}@example.org` }] },
        }),
      }),
    invalid: ['not json', '{"Message":"not json either"}', '{"eventType":42}', 'null'],
    metric: 'emails_bounced',
  },
};

const lines: Record<string, unknown>[] = [];
let db: Db;

beforeAll(async () => {
  const table = `queues-${randomBytes(4).toString('hex')}`;
  await ensureTable(localDynamoClient(inject('ddbEndpoint')), table);
  Object.assign(process.env, inProcessFunctionEnv(table));
  setLogSink((l) => lines.push(JSON.parse(l)), 'info');
  db = (await runtime()).db;
});
afterAll(() => setLogSink(() => undefined, 'error'));

const load = async (entry: string) =>
  ((await import(/* @vite-ignore */ new URL(entry, functionsRoot).href)) as { handler: Consumer }).handler;

let invocation = 0;
/** Runs one batch; returns the failures and the log lines it wrote, each checked for the request id. */
async function run(handler: Consumer, bodies: string[]) {
  const requestId = `queue-test-${RUN}-${++invocation}`;
  const event = { Records: bodies.map((body, i) => ({ messageId: `m${i}`, body })) } as unknown as SQSEvent;
  const from = lines.length;
  const out = await handler(event, { awsRequestId: requestId } as Context);
  const written = lines.slice(from);
  for (const l of written) expect(l.requestId, JSON.stringify(l)).toBe(requestId);
  return { failed: out.batchItemFailures.map((f) => f.itemIdentifier), written };
}

it('every consumer has samples here', () => {
  expect(QUEUE_CONSUMERS.map((c) => c.name).sort()).toEqual(Object.keys(SAMPLES).sort());
});

describe.each(QUEUE_CONSUMERS)('queue consumer $name', (consumer) => {
  const samples = SAMPLES[consumer.name]!;

  it('drops invalid records (never retried) with one log line each naming the consumer', async () => {
    const handler = await load(consumer.entry);
    const { failed, written } = await run(handler, samples.invalid);
    expect(failed).toEqual([]);
    const invalid = written.filter((l) => l.event === 'queue_record_invalid');
    expect(invalid).toHaveLength(samples.invalid.length);
    for (const l of invalid) expect(l).toMatchObject({ level: 'error', kind: consumer.name, tenant: 'demo' });
    expect(written.find((l) => l.event === 'queue')).toMatchObject({
      kind: consumer.name,
      count: samples.invalid.length,
      invalid: samples.invalid.length,
      failed: 0,
    });
  });

  it('retries a valid record whose handling hits a transient DynamoDB error, and never calls it invalid', async () => {
    const handler = await load(consumer.entry);
    const undo = db.intercept(async () => {
      throw Object.assign(new Error('injected throttling'), { name: 'ProvisionedThroughputExceededException' });
    });
    let result: Awaited<ReturnType<typeof run>>;
    try {
      // m0 invalid, m1 valid: only m1 comes back
      result = await run(handler, [samples.invalid[0]!, samples.valid()]);
    } finally {
      undo();
    }
    expect(result.failed).toEqual(['m1']);
    expect(result.written.filter((l) => l.event === 'queue_record_invalid')).toHaveLength(1);
    expect(result.written.filter((l) => l.event === 'queue_record_failed')).toEqual([
      expect.objectContaining({ kind: consumer.name, errorName: 'ProvisionedThroughputExceededException' }),
    ]);
    expect(result.written.some((l) => l[samples.metric] !== undefined)).toBe(false);
  });

  it('handles the same kind of record when DynamoDB is well: nothing retried, and the count is a metric', async () => {
    const handler = await load(consumer.entry);
    const { failed, written } = await run(handler, [samples.valid(), samples.valid()]);
    expect(failed).toEqual([]);
    expect(written.filter((l) => /invalid|failed/.test(String(l.event)))).toEqual([]);
    const metrics = written.filter((l) => l.event === 'metric' && l[samples.metric] !== undefined);
    expect(metrics.reduce((n, l) => n + Number(l[samples.metric]), 0)).toBe(2);
  });
});

it('no line written by any consumer above names an address (sent to, bounced) or any part of one', () => {
  expect(lines.length).toBeGreaterThan(10);
  const all = JSON.stringify(lines);
  for (const secret of ['@example.org', `queue-${RUN}`, `bounced-${RUN}`, 'A note.', 'Hello'])
    expect(all, `logs must not contain ${secret}`).not.toContain(secret);
});
