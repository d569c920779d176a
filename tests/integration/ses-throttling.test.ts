// SES's rate is the account's, shared by every tenant: when SES throttles anyway, the sender halves its rate and puts
// the email back on its queue with a growing delay (its ledger claim released), so a throttle does not use up one of
// the message's receives. Here the queue dead-letters after 2 receives and SES (through a fault-injecting proxy in
// front of the local SES) throttles every address through 3 receives' worth of tries: every email still arrives exactly once and nothing is
// dead-lettered — while an email that has already been put back MAX_DEFERRALS times fails like any other error.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_DEFERRALS } from '../../functions/domain/email/schema.js';
import { startThrottlingSes, type ThrottlingSes } from '../support/ses-throttle.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const RUN = Date.now().toString(36);
/** The SDK tries a throttled call 3 times itself (its default) before the sender sees the throttle. */
const SDK_ATTEMPTS = 3;
/** Each address is throttled through 3 receives' worth of tries: more than the queue's 2 receives allow. */
const THROTTLES = 3 * SDK_ATTEMPTS;
let proxy: ThrottlingSes;
let stack: TestStack;

beforeAll(async () => {
  proxy = await startThrottlingSes(inject('sesEndpoint'), {
    throttlesPerAddress: THROTTLES,
    applies: (to) => to.startsWith(`throttle-${RUN}-`),
  });
  stack = await startTestStack({
    sesEndpoint: proxy.endpoint,
    extraEnv: {
      LOCAL_QUEUE_MAX_RECEIVE_COUNT: '2',
      // Longer than an invocation with the SDK's own retries, as in AWS (6 × the function timeout).
      LOCAL_QUEUE_VISIBILITY_MS: '5000',
      LOCAL_QUEUE_SETTLE_WAIT_MS: '0',
      EMAIL_THROTTLE_DELAY_SECONDS: '1',
      EMAIL_SEND_RATE: '1000',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

const address = (n: number) => `throttle-${RUN}-${n}@example.org`;
const message = (n: number, extra: Record<string, unknown> = {}) => ({
  to: { address: address(n) },
  kind: 'announcement',
  idempotencyKey: `throttle-${RUN}-${n}`,
  nonTransactional: false,
  content: {
    subject: 'A note from Respite',
    preheader: 'A short note',
    heading: 'Hello',
    blocks: [{ text: 'An email SES throttled before it went out.' }],
    footer: 'Test footer.',
  },
  ...extra,
});

async function enqueue(bodies: object[]) {
  const sqs = new SQSClient({
    region: 'eu-west-1',
    endpoint: stack.queues.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (let i = 0; i < bodies.length; i += 10)
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: stack.queues.queueUrl('email-demo'),
        Entries: bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: JSON.stringify(b) })),
      }),
    );
}

describe('SES throttling', () => {
  it('backs off and sends every throttled email exactly once, without dead-lettering any', async () => {
    const N = 12;
    await enqueue(Array.from({ length: N }, (_, n) => message(n)));
    const after = await stack.queue('email-demo', 'drain');
    expect(after).toMatchObject({ size: 0, dlq: 0 });
    expect(proxy.throttled()).toBe(N * THROTTLES);
    for (let n = 0; n < N; n++) expect(await stack.inbox(address(n)), address(n)).toHaveLength(1);
  });

  it('lets an email that was put back MAX_DEFERRALS times fail like any error (receives, then the DLQ)', async () => {
    const before = proxy.throttled();
    await enqueue([message(100, { deferrals: MAX_DEFERRALS })]);
    const after = await stack.queue('email-demo', 'drain');
    expect(after).toMatchObject({ size: 0, dlq: 1 });
    expect(proxy.throttled() - before).toBe(2 * SDK_ATTEMPTS); // a throttle per receive, and the queue allows 2
    expect(await stack.inbox(address(100))).toHaveLength(0);
  });
});
