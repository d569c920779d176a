// `npm run redrive` against the local stack: dead-lettered emails go back to their queue and are sent, and a message
// that was already sent (or is redriven twice) is not sent again — the sender's ledger holds.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueAccount, redrive, redriveJob, redriveQueue } from '../../scripts/redrive.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack?.stop());

const RUN = Date.now().toString(36);
const message = (n: number) =>
  JSON.stringify({
    to: { address: `redrive-${RUN}-${n}@example.org` },
    kind: 'announcement',
    idempotencyKey: `redrive-test-${n}`,
    nonTransactional: false,
    content: {
      subject: 'A note from Respite',
      preheader: 'A short note',
      heading: 'Hello',
      blocks: [{ text: 'A message that was dead-lettered and redriven.' }],
      footer: 'Test footer.',
    },
  });

describe('dead-letter redrive', () => {
  it('moves dead-lettered emails back, sends each once, and a second run moves nothing', async () => {
    const dlq = stack.queues.queue('email-demo')!.dlq!;
    // two distinct emails, one of them dead-lettered twice (a duplicate delivery before it failed)
    for (const body of [message(1), message(2), message(2)]) dlq.send(body);
    expect((await stack.queue('email-demo', 'drain')).dlq).toBe(3);

    expect(await redrive({ tenant: 'demo', queue: 'email', local: stack.url })).toBe(
      'Moved 3 message(s) from email-demo-dlq back to email-demo.',
    );
    const after = await stack.queue('email-demo', 'drain');
    expect(after).toMatchObject({ size: 0, dlq: 0 });
    expect(await stack.inbox(`redrive-${RUN}-1@example.org`)).toHaveLength(1);
    expect(await stack.inbox(`redrive-${RUN}-2@example.org`)).toHaveLength(1);

    // the same body again (an operator redriving an old copy): the ledger says it was sent
    dlq.send(message(1));
    await redrive({ tenant: 'demo', queue: 'email', local: stack.url });
    await stack.queue('email-demo', 'drain');
    expect(await stack.inbox(`redrive-${RUN}-1@example.org`)).toHaveLength(1);
    expect(await redrive({ tenant: 'demo', queue: 'email', local: stack.url })).toBe(
      'Moved 0 message(s) from email-demo-dlq back to email-demo.',
    );
  });

  it('the AWS path (the SQS SDK) run against the local queues: a message-move task, and failed ticks invoked again', async () => {
    const invoked: { tenant: string; job: string; payload: unknown }[] = [];
    const account: QueueAccount = {
      sqs: new SQSClient({
        region: 'eu-west-1',
        endpoint: stack.queues.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      // The local stack names queues <queue>-<tenant> (AWS: respite-<tenant>-<queue>); the code is the same.
      queueName: (tenant, queue) => `${queue}-${tenant}`,
      invokeJob: async (tenant, job, payload) => {
        invoked.push({ tenant, job, payload });
        await stack.runJob(job, payload, tenant);
      },
    };
    stack.queues.queue('email-demo')!.dlq!.send(message(20));
    expect(await redriveQueue(account, 'demo', 'email')).toMatch(
      /^Started moving about 1 message\(s\) from email-demo-dlq back to its queue \(task .+\)\. Watch it with: aws sqs list-message-move-tasks --source-arn arn:aws:sqs:eu-west-1:000000000000:email-demo-dlq$/,
    );
    expect(await stack.queue('email-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });
    expect(await stack.inbox(`redrive-${RUN}-20@example.org`)).toHaveLength(1);

    const failures = stack.jobs.failures('stats-release', 'demo');
    const payload = { scheduledTime: '2027-01-04T10:00:00Z' };
    failures.send(JSON.stringify({ requestPayload: payload, responsePayload: { errorMessage: 'boom' } }));
    failures.send(JSON.stringify({ requestPayload: payload, responsePayload: { errorMessage: 'boom again' } }));
    expect(await redriveJob(account, 'demo', 'stats-release')).toBe(
      "Invoked respite-demo-stats-release again for 2 failed tick(s) from stats-release-demo-dlq. A tick that fails again returns to stats-release-demo-dlq after Lambda's retries; watch /aws/lambda/respite-demo-stats-release.",
    );
    expect(invoked).toEqual([
      { tenant: 'demo', job: 'stats-release', payload },
      { tenant: 'demo', job: 'stats-release', payload },
    ]);
    expect(failures.size).toBe(0);

    // Something that is not an on-failure record is left where it is.
    failures.send('{"not":"a record"}');
    await expect(redriveJob(account, 'demo', 'stats-release')).rejects.toThrow(
      'A message in stats-release-demo-dlq is not a Lambda on-failure record; left in place.',
    );
    expect(failures.size).toBe(1);
    failures.purge();
  });

  it('refuses an unknown queue or tenant with a clear message, from the command line too', async () => {
    await expect(redrive({ tenant: 'demo', queue: 'nope', local: stack.url })).rejects.toThrow(
      '"nope" is neither a queue (email, ses-events) nor a scheduled job',
    );
    await expect(redrive({ tenant: 'Bad Slug', queue: 'email', local: stack.url })).rejects.toThrow(
      'is not a tenant slug',
    );
    const root = resolve(import.meta.dirname, '../..');
    // async: the local stack answers from this same process
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        resolve(root, 'scripts/redrive.ts'),
        'demo',
        'email',
        '--local',
        stack.url,
      ],
      { encoding: 'utf8' },
    );
    expect(stdout.trim()).toBe('Moved 0 message(s) from email-demo-dlq back to email-demo.');
  });
});
