// Every "at most N" holds under parallel requests: the 5-tries limit on a sign-in code is counted atomically before
// the code is compared (a conditional update that fails at the limit), so a burst of guesses with the right code at
// the end cannot sign in, and the code is dead afterwards. The other limits (rate limits, quotas) are atomic
// increments compared after the write (functions/shared/rate-limit.ts), which this file also bursts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;
const T0 = '2026-03-02T09:00:00Z';

beforeAll(async () => {
  stack = await startTestStack();
  await stack.clock({ at: T0 });
  inviteToken = (await (await stack.signIn('hr@northwind.example')).get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

async function freshCode(email: string): Promise<string> {
  await stack.clock({ advanceMs: 16 * 60_000 }); // a new rate-limit window for the address and the IP
  const c = stack.client();
  expect((await c.post('/api/account/sign-in', { email, inviteToken })).status).toBe(202);
  return latestCode(await stack.inbox(email))!;
}

const attemptsOf = async (email: string) => {
  // the pending challenge is the one item holding this address and an attempts counter (a test-only Scan)
  const items = await rawTable(stack.db('demo')).scan({
    expression: 'email = :e AND attribute_exists(attempts)',
    values: { ':e': email },
  });
  return items[0]?.attempts as number | undefined;
};

describe('sign-in code attempts under a burst', () => {
  it('50 parallel wrong guesses: at most 5 compared, and then the right code is refused (the code is dead)', async () => {
    const email = 'burst.guesser@example.org';
    for (let round = 0; round < 3; round++) {
      const code = await freshCode(email);
      const wrong = Array.from({ length: 50 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
      // (The right code is sent once the burst is answered: sent inside it, it could rightly be among the first five
      // counted under load, which would make the outcome depend on the machine's speed.)
      const statuses = (
        await Promise.all(wrong.map((guess) => stack.client().post('/api/account/verify', { email, code: guess })))
      ).map((r) => r.status);
      expect(
        statuses.every((s) => s === 400),
        `round ${round}`,
      ).toBe(true);
      expect(await attemptsOf(email)).toBe(5);
      expect((await stack.client().post('/api/account/verify', { email, code })).status).toBe(400);
      expect(await attemptsOf(email)).toBe(5);
    }
  });

  it('the right code among fewer than 5 parallel tries still signs in, exactly once', async () => {
    const email = 'burst.honest@example.org';
    const code = await freshCode(email);
    const tries = ['000001', '000002', code, code].map((guess) =>
      stack.client().post('/api/account/verify', { email, code: guess }),
    );
    const statuses = (await Promise.all(tries)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  it('the per-address send limit holds under a burst', async () => {
    const email = 'burst.sender@example.org';
    await stack.clock({ advanceMs: 16 * 60_000 });
    const before = (await stack.inbox(email)).length;
    const sends = Array.from({ length: 20 }, () => stack.client().post('/api/account/sign-in', { email, inviteToken }));
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    const sent = (await stack.inbox(email)).length - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBe(statuses.filter((s) => s === 202).length);
    expect(statuses.filter((s) => s === 429).length).toBe(20 - sent);
  });
});
