// Delivery guarantees under injected faults (10% queue redelivery, sender crashes mid-batch, overlapping ticks),
// counted in the local SES store; coach check-ins; bounces suppress through the SES events queue.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { getCheckin, listUpcomingCheckins, personaliseCheckin } from '../../functions/domain/reminders/checkins.js';
import { slotIndex } from '../../functions/domain/reminders/repository.js';
import type { Runtime } from '../../functions/shared/runtime.js';
import { readInbox } from '../../scripts/local/ses.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;
const RUN = Math.random().toString(36).slice(2, 8);

const queueCall = (queue: string, action: string) =>
  fetch(`${stack.url}/_local/queues`, { method: 'POST', body: JSON.stringify({ queue, action }) }).then((r) => r.json() as Promise<{ size: number; dlq: number }>);
const tick = (iso: string) => stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo');

beforeAll(async () => {
  stack = await startTestStack({
    extraEnv: {
      LOCAL_QUEUE_REDELIVERY_RATE: '0.1',
      LOCAL_QUEUE_VISIBILITY_MS: '2000',
      LOCAL_QUEUE_SETTLE_WAIT_MS: '0',
      // 20% of sender invocations crash mid-batch (far above the 1% asked for), so a run of ~30 batches surely
      // includes several crashes at both points (before a message, after a send).
      EMAIL_FAULT_CRASH_RATE: '0.2',
      EMAIL_SEND_RATE: '1000',
    },
  });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
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
    const people = Array.from({ length: N }, (_, i) => ({ userId: `fault-${RUN}-${i}`, email: `fault-${RUN}-${i}@example.org` }));
    for (let i = 0; i < N; i += 25) {
      await Promise.all(
        people.slice(i, i + 25).flatMap((p) => [
          db.put({ ...keys.userProfile(p.userId), userId: p.userId, role: 'employee', email: p.email, emailHash: `h-${p.userId}`, createdAt: '2027-01-01T00:00:00.000Z' }),
          db.put({ ...keys.reminderPrefs(p.userId), remindersOn: true, days: [2], time: '09:00', timeZone: 'Europe/London', frequency: 'weekly', mondayOn: false, discreet: false, checkinsOn: true, optedOut: [], version: 1, updatedAt: '2027-01-01T00:00:00.000Z' }),
          db.put({ ...keys.reminderSchedule(p.userId, 'reminder'), userId: p.userId, kind: 'reminder', what: 'reminder', ...slotIndex(p.userId, 'reminder', dueAt), days: [2], time: '09:00', timeZone: 'Europe/London', fired: 0 }),
        ]),
      );
    }
    await stack.clock({ at: '2027-01-05T09:00:20Z' });
    // Overlapping ticks for the same slot, then a late one that looks back over it.
    await Promise.all([tick('2027-01-05T09:00:00Z'), tick('2027-01-05T09:00:00Z'), tick('2027-01-05T09:00:00Z')]);
    await tick('2027-01-05T09:15:00Z');
    // At these fault rates a message can fail 5 receives in a row and land in the DLQ; operations redrive it, and
    // the ledger makes that safe (anything already sent is skipped).
    let state = await queueCall('email-demo', 'drain');
    for (let round = 0; state.dlq > 0 && round < 5; round++) {
      await queueCall('email-demo', 'redrive');
      state = await queueCall('email-demo', 'drain');
    }
    expect(state).toMatchObject({ size: 0, dlq: 0 });

    const mine = (await readInbox(stack.sesEndpoint)).filter((m) => m.destination.to[0]!.startsWith(`fault-${RUN}-`));
    const perAddress = new Map<string, number>();
    for (const m of mine) perAddress.set(m.destination.to[0]!, (perAddress.get(m.destination.to[0]!) ?? 0) + 1);
    expect(perAddress.size).toBe(N); // nobody lost
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true); // nobody twice
    expect(mine).toHaveLength(N);
  }, 180_000);
});

describe('coach check-ins', () => {
  const rt = () => ({ db: stack.db('demo') }) as unknown as Runtime;

  it('are scheduled for weeks 1, 3 and 6 at sign-up, can be personalised (versioned) and go in the coach’s name', async () => {
    await stack.clock({ at: '2027-02-01T12:00:00Z' }); // a Monday
    const email = `checkin-${RUN}@example.org`;
    const person = await stack.signIn(email, { inviteToken });
    const me = await person.get('/api/account/me');
    expect(me.status).toBe(200);
    const upcoming = (await listUpcomingCheckins(rt(), { from: new Date('2027-02-01T00:00:00Z'), limit: 1000 })).filter((c) => c.dueAt < '2027-04-01');
    const mineUp = upcoming.filter((c) => c.number && c.dueAt >= '2027-02-08');
    expect(mineUp.map((c) => c.dueAt)).toEqual(['2027-02-08T10:00:00.000Z', '2027-02-22T10:00:00.000Z', '2027-03-15T10:00:00.000Z']);
    const userId = mineUp[0]!.userId;

    const first = await getCheckin(rt(), userId, 1);
    expect(first).toMatchObject({ version: 0, personalised: false, sent: false });
    const text = 'Hello Sam, it is Alex. I saw you joined last week and wanted to say hello. Write to me any time.';
    const edited = await personaliseCheckin(rt(), { userId, number: 1, text, coachName: 'Alex', expectedVersion: 0 }, new Date());
    expect(edited).toMatchObject({ version: 1, personalised: true, text });
    await expect(personaliseCheckin(rt(), { userId, number: 1, text: text + ' Again.', coachName: 'Alex', expectedVersion: 0 }, new Date())).rejects.toMatchObject({ status: 409 });

    await stack.clock({ at: '2027-02-08T10:00:30Z' });
    await tick('2027-02-08T10:00:00Z');
    await queueCall('email-demo', 'drain');
    const mails = (await stack.inbox(email)).filter((m) => m.subject === 'A message from Alex');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toContain('Alex');
    expect(mails[0]!.body.text).toContain('I saw you joined last week');
    expect((await getCheckin(rt(), userId, 1)).sent).toBe(true);
    await expect(personaliseCheckin(rt(), { userId, number: 1, text, coachName: 'Alex', expectedVersion: 1 }, new Date())).rejects.toMatchObject({ status: 409 });

    // The employee turns check-ins off: the next one leaves the coach's list and is not sent.
    expect((await person.put('/api/reminders/checkins', { on: false })).status).toBe(200);
    const left = await listUpcomingCheckins(rt(), { from: new Date('2027-02-09T00:00:00Z'), limit: 1000 });
    expect(left.filter((c) => c.userId === userId)).toEqual([]);
    await stack.clock({ at: '2027-02-22T10:00:30Z' });
    await tick('2027-02-22T10:00:00Z');
    await queueCall('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => /message/.test(m.subject))).toHaveLength(1);
  });
});

describe('bounces and complaints', () => {
  it('a permanent bounce from SES suppresses the address; nothing more is sent to it', async () => {
    await stack.clock({ at: '2027-03-01T12:00:00Z' });
    const email = `bounce-${RUN}@example.org`;
    const person = await stack.signIn(email, { inviteToken });
    await person.put('/api/reminders/preferences', { remindersOn: true, days: [1, 2, 3, 4, 5], time: '09:00', timeZone: 'Europe/London', frequency: 'weekdays', mondayOn: false, discreet: false, checkinsOn: false });
    await stack.clock({ at: '2027-03-02T09:00:30Z' });
    await tick('2027-03-02T09:00:00Z');
    await queueCall('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);

    // SES event publishing → SNS → SQS, as the real stack wires it.
    const sqs = new SQSClient({ region: 'eu-west-1', endpoint: stack.queues.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const event = { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email.toUpperCase() }] }, mail: { messageId: 'm1' } };
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.queueUrl('ses-events-demo'), MessageBody: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(event) }) }));
    expect(await queueCall('ses-events-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });

    await stack.clock({ at: '2027-03-03T09:00:30Z' });
    await tick('2027-03-03T09:00:00Z');
    await queueCall('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);
  });

  it('a malformed SES event ends in the dead-letter queue and can be redriven', async () => {
    const sqs = new SQSClient({ region: 'eu-west-1', endpoint: stack.queues.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.queues.queueUrl('ses-events-demo'), MessageBody: 'not json' }));
    const after = await queueCall('ses-events-demo', 'drain');
    expect(after).toMatchObject({ size: 0, dlq: 1 });
    const redriven = await fetch(`${stack.url}/_local/queues`, { method: 'POST', body: JSON.stringify({ queue: 'ses-events-demo', action: 'redrive' }) }).then((r) => r.json());
    expect(redriven).toMatchObject({ moved: 1, dlq: 0, size: 1 });
  });
});
