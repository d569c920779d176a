// Exactly-once delivery under injected faults (10% queue redelivery, sender crashes at every point of a send,
// overlapping ticks), counted in the local SES store. Its own stack: the faults apply to every send in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { slotIndex } from '../../functions/domain/reminders/repository.js';
import { readInbox } from '../../scripts/local/ses.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
const RUN = Math.random().toString(36).slice(2, 8);

const tick = (iso: string) => stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo');

beforeAll(async () => {
  stack = await startTestStack({
    extraEnv: {
      LOCAL_QUEUE_REDELIVERY_RATE: '0.1',
      LOCAL_QUEUE_VISIBILITY_MS: '2000',
      LOCAL_QUEUE_SETTLE_WAIT_MS: '0',
      // 20% of sender invocations crash mid-batch (far above the 1% asked for), so a run of ~30 batches surely
      // includes several crashes at each point (before a message, between the ledger claim and SES, after a send).
      EMAIL_FAULT_CRASH_RATE: '0.2',
      EMAIL_SEND_RATE: '1000',
    },
  });
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('exactly once under faults', () => {
  it('sends every due reminder exactly once despite redelivery, sender crashes and overlapping ticks', async () => {
    const N = 250;
    const dueAt = new Date('2027-01-05T09:00:00Z');
    const db = stack.db('demo');
    const people = Array.from({ length: N }, (_, i) => ({
      userId: `fault-${RUN}-${i}`,
      email: `fault-${RUN}-${i}@example.org`,
    }));
    for (let i = 0; i < N; i += 25) {
      await Promise.all(
        people.slice(i, i + 25).flatMap((p) => [
          db.put({
            ...keys.userProfile(p.userId),
            userId: p.userId,
            role: 'employee',
            email: p.email,
            emailHash: `h-${p.userId}`,
            createdAt: '2027-01-01T00:00:00.000Z',
          }),
          db.put({
            ...keys.reminderPrefs(p.userId),
            remindersOn: true,
            days: [2],
            time: '09:00',
            timeZone: 'Europe/London',
            frequency: 'weekly',
            mondayOn: false,
            discreet: false,
            checkinsOn: true,
            optedOut: [],
            version: 1,
            updatedAt: '2027-01-01T00:00:00.000Z',
          }),
          db.put({
            ...keys.reminderSchedule(p.userId, 'reminder'),
            userId: p.userId,
            kind: 'reminder',
            what: 'reminder',
            ...slotIndex(p.userId, 'reminder', dueAt),
            days: [2],
            time: '09:00',
            timeZone: 'Europe/London',
            fired: 0,
          }),
        ]),
      );
    }
    await stack.clock({ at: '2027-01-05T09:00:20Z' });
    // Overlapping ticks for the same slot, then a late one that looks back over it.
    await Promise.all([tick('2027-01-05T09:00:00Z'), tick('2027-01-05T09:00:00Z'), tick('2027-01-05T09:00:00Z')]);
    await tick('2027-01-05T09:15:00Z');
    // At these fault rates a message can fail 5 receives in a row and land in the DLQ; operations redrive it, and
    // the ledger makes that safe (anything already sent is skipped).
    let state = await stack.queue('email-demo', 'drain');
    for (let round = 0; state.dlq > 0 && round < 5; round++) {
      await stack.queue('email-demo', 'redrive');
      state = await stack.queue('email-demo', 'drain');
    }
    expect(state).toMatchObject({ size: 0, dlq: 0 });

    // A crash between the claim and SES leaves a pending claim that nothing else will retry; an hour on, the tick's
    // reconciler sends those again (the claim proves SES never accepted them: no Send event, no confirmation).
    await stack.clock({ at: '2027-01-05T10:15:20Z' });
    const [later] = (await tick('2027-01-05T10:15:00Z')) as { resent: number }[];
    state = await stack.queue('email-demo', 'drain');
    for (let round = 0; state.dlq > 0 && round < 5; round++) {
      await stack.queue('email-demo', 'redrive');
      state = await stack.queue('email-demo', 'drain');
    }
    expect(state).toMatchObject({ size: 0, dlq: 0 });
    // A second round finds nothing left (the resends may themselves crash after claiming; then once more).
    for (let round = 0, resent = later!.resent; resent > 0 && round < 5; round++) {
      await stack.clock({ at: `2027-01-05T${12 + 2 * round}:15:20Z` });
      resent = ((await tick(`2027-01-05T${12 + 2 * round}:15:00Z`)) as { resent: number }[])[0]!.resent;
      await stack.queue('email-demo', 'drain');
    }

    const mine = (await readInbox(stack.sesEndpoint)).filter((m) => m.destination.to[0]!.startsWith(`fault-${RUN}-`));
    const perAddress = new Map<string, number>();
    for (const m of mine) perAddress.set(m.destination.to[0]!, (perAddress.get(m.destination.to[0]!) ?? 0) + 1);
    expect(perAddress.size).toBe(N); // nobody lost
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true); // nobody twice
    expect(mine).toHaveLength(N);
  }, 180_000);
});
