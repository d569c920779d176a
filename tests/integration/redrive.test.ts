// `npm run redrive` against the local stack: dead-lettered emails go back to their queue and are sent, and a message
// that was already sent (or is redriven twice) is not sent again — the sender's ledger holds.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redrive } from '../../scripts/redrive.js';
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
