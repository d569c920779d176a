// Delivery: claims SES never confirmed are sent again later (once), SES's Send event confirms claims; coach
// check-ins; bounces suppress through the SES events queue. (Fault injection: email-faults.test.ts.)
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSend, LedgerItem } from '../../functions/domain/email/repository.js';
import type { OutboxMessage } from '../../functions/domain/email/schema.js';
import { keys, pendingSendTag } from '../../functions/domain/keys.js';
import { getCheckin, listUpcomingCheckins, personaliseCheckin } from '../../functions/domain/reminders/checkins.js';
import type { Runtime } from '../../functions/shared/runtime.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;
const RUN = Math.random().toString(36).slice(2, 8);

const tick = (iso: string) => stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo');

beforeAll(async () => {
  stack = await startTestStack({
    extraEnv: { EMAIL_SEND_RATE: '1000' },
  });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('claims that SES never confirmed', () => {
  const sqs = () =>
    new SQSClient({
      region: 'eu-west-1',
      endpoint: stack.queues.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  /** A reminder whose ledger claim was written but whose sender died before (or right after) calling SES. */
  async function crashedClaim(email: string, claimedAt: Date) {
    const db = stack.db('demo');
    const id = `pending-${RUN}-${email.length}`;
    await db.put({
      ...keys.userProfile(id),
      userId: id,
      role: 'employee',
      email,
      emailHash: `h-${id}`,
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    await db.put({
      ...keys.reminderPrefs(id),
      remindersOn: true,
      days: [3],
      time: '09:00',
      timeZone: 'Europe/London',
      frequency: 'weekly',
      mondayOn: false,
      discreet: false,
      checkinsOn: true,
      optedOut: [],
      version: 1,
      updatedAt: '2027-01-01T00:00:00.000Z',
    });
    const message: OutboxMessage = {
      to: { userId: id },
      kind: 'reminder',
      idempotencyKey: `reminder:${claimedAt.toISOString()}`,
      template: { template: 'reminder' },
      nonTransactional: true,
    };
    const claimId = `crash${RUN}${email.length}`;
    const key = keys.sendLedgerForUser(id, 'reminder', message.idempotencyKey);
    expect(await claimSend(stack.db('demo'), key, 'reminder', claimId, claimedAt, message)).toBe(true);
    return { key, tag: pendingSendTag(claimedAt.getTime(), claimId) };
  }
  const ledger = (key: { pk: string; sk: string }) => stack.db('demo').get(key, LedgerItem, { consistent: true });
  const reminders = async (email: string) =>
    (await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder');

  it('a claim left pending is sent an hour later, once, and confirmed', async () => {
    const email = `pending-${RUN}@example.org`;
    await stack.clock({ at: '2027-04-07T09:00:10Z' });
    const { key } = await crashedClaim(email, new Date('2027-04-07T09:00:05Z'));

    // Within the hour nothing is resent: the original send may still be on its way.
    await stack.clock({ at: '2027-04-07T09:30:10Z' });
    expect(await tick('2027-04-07T09:30:00Z')).toMatchObject([{ resent: 0 }]);
    await stack.queue('email-demo', 'drain');
    expect(await reminders(email)).toHaveLength(0);

    await stack.clock({ at: '2027-04-07T10:15:10Z' });
    expect(await tick('2027-04-07T10:15:00Z')).toMatchObject([{ resent: 1 }]);
    await stack.queue('email-demo', 'drain');
    expect(await reminders(email)).toHaveLength(1);
    expect(await ledger(key)).toMatchObject({ state: 'sent' });

    // Later ticks find nothing pending, so nothing goes twice.
    await stack.clock({ at: '2027-04-07T12:15:10Z' });
    expect(await tick('2027-04-07T12:15:00Z')).toMatchObject([{ resent: 0 }]);
    await stack.queue('email-demo', 'drain');
    expect(await reminders(email)).toHaveLength(1);
  });

  it("SES's Send event confirms a claim whose sender died after the call, so it is never sent again", async () => {
    const email = `accepted-${RUN}@example.org`;
    await stack.clock({ at: '2027-04-14T09:00:10Z' });
    const { key, tag } = await crashedClaim(email, new Date('2027-04-14T09:00:05Z'));
    // SES accepted the email (not in the local inbox here: the sender "died" after the call) and published Send.
    const event = {
      eventType: 'Send',
      mail: { messageId: 'm-send', tags: { tenant: ['demo'], kind: ['reminder'], claim: [tag] } },
      send: {},
    };
    await sqs().send(
      new SendMessageCommand({
        QueueUrl: stack.queues.queueUrl('ses-events-demo'),
        MessageBody: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(event) }),
      }),
    );
    expect(await stack.queue('ses-events-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });
    expect(await ledger(key)).toMatchObject({ state: 'sent' });

    await stack.clock({ at: '2027-04-14T11:15:10Z' });
    expect(await tick('2027-04-14T11:15:00Z')).toMatchObject([{ resent: 0 }]);
    await stack.queue('email-demo', 'drain');
    expect(await reminders(email)).toHaveLength(0);
  });
});

describe('coach check-ins', () => {
  const rt = () => ({ db: stack.db('demo') }) as unknown as Runtime;

  it('are scheduled for weeks 1, 3 and 6 at sign-up, can be personalised (versioned) and go in the coach’s name', async () => {
    await stack.clock({ at: '2027-02-01T12:00:00Z' }); // a Monday
    const email = `checkin-${RUN}@example.org`;
    const person = await stack.signIn(email, { inviteToken });
    const me = await person.get('/api/account/me');
    expect(me.status).toBe(200);
    const upcoming = (await listUpcomingCheckins(rt(), { from: new Date('2027-02-01T00:00:00Z'), limit: 1000 })).filter(
      (c) => c.dueAt < '2027-04-01',
    );
    const mineUp = upcoming.filter((c) => c.number && c.dueAt >= '2027-02-08');
    expect(mineUp.map((c) => c.dueAt)).toEqual([
      '2027-02-08T10:00:00.000Z',
      '2027-02-22T10:00:00.000Z',
      '2027-03-15T10:00:00.000Z',
    ]);
    const userId = mineUp[0]!.userId;

    const first = await getCheckin(rt(), userId, 1);
    expect(first).toMatchObject({ version: 0, personalised: false, sent: false });
    const text = 'Hello Sam, it is Alex. I saw you joined last week and wanted to say hello. Write to me any time.';
    const edited = await personaliseCheckin(
      rt(),
      { userId, number: 1, text, coachName: 'Alex', expectedVersion: 0 },
      new Date(),
    );
    expect(edited).toMatchObject({ version: 1, personalised: true, text });
    await expect(
      personaliseCheckin(
        rt(),
        { userId, number: 1, text: `${text} Again.`, coachName: 'Alex', expectedVersion: 0 },
        new Date(),
      ),
    ).rejects.toMatchObject({ status: 409 });

    await stack.clock({ at: '2027-02-08T10:00:30Z' });
    await tick('2027-02-08T10:00:00Z');
    await stack.queue('email-demo', 'drain');
    const mails = (await stack.inbox(email)).filter((m) => m.subject === 'A message from Alex');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toContain('Alex');
    expect(mails[0]!.body.text).toContain('I saw you joined last week');
    expect((await getCheckin(rt(), userId, 1)).sent).toBe(true);
    await expect(
      personaliseCheckin(rt(), { userId, number: 1, text, coachName: 'Alex', expectedVersion: 1 }, new Date()),
    ).rejects.toMatchObject({ status: 409 });

    // The employee turns check-ins off: the next one leaves the coach's list and is not sent.
    expect((await person.put('/api/reminders/checkins', { on: false })).status).toBe(200);
    const left = await listUpcomingCheckins(rt(), { from: new Date('2027-02-09T00:00:00Z'), limit: 1000 });
    expect(left.filter((c) => c.userId === userId)).toEqual([]);
    await stack.clock({ at: '2027-02-22T10:00:30Z' });
    await tick('2027-02-22T10:00:00Z');
    await stack.queue('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => /message/.test(m.subject))).toHaveLength(1);
  });
});

describe('bounces and complaints', () => {
  it('a permanent bounce from SES suppresses the address; nothing more is sent to it', async () => {
    await stack.clock({ at: '2027-03-01T12:00:00Z' });
    const email = `bounce-${RUN}@example.org`;
    const person = await stack.signIn(email, { inviteToken });
    await person.put('/api/reminders/preferences', {
      remindersOn: true,
      days: [1, 2, 3, 4, 5],
      time: '09:00',
      timeZone: 'Europe/London',
      frequency: 'weekdays',
      mondayOn: false,
      discreet: false,
      checkinsOn: false,
    });
    await stack.clock({ at: '2027-03-02T09:00:30Z' });
    await tick('2027-03-02T09:00:00Z');
    await stack.queue('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);

    // SES event publishing → SNS → SQS, as the real stack wires it.
    const sqs = new SQSClient({
      region: 'eu-west-1',
      endpoint: stack.queues.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const event = {
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email.toUpperCase() }] },
      mail: { messageId: 'm1' },
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queues.queueUrl('ses-events-demo'),
        MessageBody: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(event) }),
      }),
    );
    expect(await stack.queue('ses-events-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });

    await stack.clock({ at: '2027-03-03T09:00:30Z' });
    await tick('2027-03-03T09:00:00Z');
    await stack.queue('email-demo', 'drain');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);
  });

  it('a malformed SES event is dropped at once (it can never be handled): not retried, not dead-lettered', async () => {
    const sqs = new SQSClient({
      region: 'eu-west-1',
      endpoint: stack.queues.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await sqs.send(
      new SendMessageCommand({ QueueUrl: stack.queues.queueUrl('ses-events-demo'), MessageBody: 'not json' }),
    );
    const after = await stack.queue('ses-events-demo', 'drain');
    expect(after).toMatchObject({ size: 0, dlq: 0 });
    // nothing was kept to redrive (tests/integration/queue-consumers.test.ts checks the log line it leaves)
    expect(await stack.queue('ses-events-demo', 'redrive')).toMatchObject({ moved: 0, dlq: 0, size: 0 });
  });
});
