// How proactive the coach is, the employee's choice, through the real local stack: only when I write / check-ins as
// planned / a weekly check-in. The new joiner's check-ins (scheduled at sign-up) and the weekly one follow it: the
// coach's list of upcoming check-ins (the weekly one too, personalised for one week), the due index the reminders
// tick reads, and the emails that go out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { ScheduleItem } from '../../functions/domain/reminders/schema.js';
import { loadKeyring } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const EMAIL = 'kit.contact@example.org';
/** Monday 09:00 in London (GMT in early March): the weekly check-in is due on Wednesday at 10:00. */
const MONDAY = '2027-03-08T09:00:00.000Z';
const WEDNESDAY_10 = '2027-03-10T10:00:00.000Z';
const NEXT_WEDNESDAY_10 = '2027-03-17T10:00:00.000Z';
const THIRD_WEDNESDAY_10 = '2027-03-24T10:00:00.000Z';
const PERSONAL = 'Hello Kit, it is Sam. Last week sounded busy: how did the Thursday meeting go in the end?';

interface Listed {
  ref: string;
  number: number;
  weekly: boolean;
  dueAt: string;
  person: string;
  threadId: string | null;
}

let stack: TestStack;
let kit: ApiClient;
let coach: ApiClient;
let userId: string;

const tick = (iso: string) => stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo');
const weeklyItem = () =>
  stack.db('demo').get(keys.reminderSchedule(userId, 'coach-weekly'), ScheduleItem, { consistent: true });
const upcoming = async () => (await coach.get('/api/coaching/checkins')).body.checkins as unknown[];
const checkinMails = async () =>
  // "A message from your coach", or from the coach by name once they made it personal
  (await stack.inbox(EMAIL)).filter((m) => m.subject.startsWith('A message from ') || /coach/.test(m.subject));
const choose = (choice: unknown) => kit.put('/api/reminders/coach-contact', { choice });

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant()], extraEnv: { EMAIL_SEND_RATE: '1000' } });
  await stack.clock({ at: MONDAY });
  const hr = await stack.signIn('hr@northwind.example');
  const invite = (await hr.get('/api/account/invite-link')).body.token;
  kit = await stack.signIn(EMAIL, { inviteToken: invite });
  coach = await stack.signIn('coach@respite.example');
  const hash = loadKeyring(stack.keys()).pseudonym('email', EMAIL);
  userId = (await stack.db('demo').get(keys.emailLookup(hash), z.object({ userId: z.string() })))!.userId;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('how proactive the coach is', () => {
  it('starts with the check-ins as planned: three in the coach’s list, no weekly one', async () => {
    const thread = (await kit.get('/api/coaching/thread')).body;
    expect([thread.coachContact, thread.checkinsOn]).toEqual(['planned', true]);
    expect(await upcoming()).toHaveLength(3);
    expect(await weeklyItem()).toBeUndefined();
  });

  it.each([['sometimes'], [null], [true]])('refuses a choice of %j with a 422 naming body.choice', async (choice) => {
    const res = await choose(choice);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.choice']);
  });

  it('a weekly check-in: scheduled for Wednesday 10:00, sent by the tick once, then moved to the next week', async () => {
    expect(
      (await kit.post('/api/coaching/messages', { id: 'kit-first-1', text: 'Hello, a first message.' })).status,
    ).toBe(201);
    const res = await choose('weekly');
    expect([res.status, res.body]).toEqual([200, { coachContact: 'weekly' }]);
    expect((await choose('weekly')).body).toEqual({ coachContact: 'weekly' }); // the same again: no change
    expect((await kit.get('/api/coaching/thread')).body).toMatchObject({ coachContact: 'weekly', checkinsOn: true });
    expect(await weeklyItem()).toMatchObject({ kind: 'coach-weekly', dueAt: WEDNESDAY_10, gsi2pk: expect.any(String) });

    // the coaches' list: the planned ones stay and the weekly one joins them, under the same conversation label
    const list = (await upcoming()) as Listed[];
    expect(list.map((c) => [c.number, c.weekly])).toEqual([
      [4, true],
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect(list[0]).toMatchObject({ dueAt: WEDNESDAY_10, person: expect.stringMatching(/^Conversation [A-Z0-9]{4}$/) });
    expect(new Set(list.map((c) => `${c.person}|${c.threadId}`)).size).toBe(1);
    expect(JSON.stringify(list)).not.toContain(userId);
    expect(JSON.stringify(list)).not.toContain(EMAIL);

    // personalised like the others, for this week only
    const ref = list[0]!.ref; // sealed afresh on each listing (a new IV), so compare what it opens to
    expect((await coach.get(`/api/coaching/checkins/${ref}`)).body).toMatchObject({
      number: 4,
      weekly: true,
      dueAt: WEDNESDAY_10,
      sent: false,
      personalised: false,
      version: 0,
      text: expect.stringContaining('This is your weekly check-in from your coach.'),
    });
    const saved = await coach.put(`/api/coaching/checkins/${ref}`, {
      text: PERSONAL,
      coachName: 'Sam',
      expectedVersion: 0,
    });
    expect([saved.status, saved.body.personalised, saved.body.version, saved.body.text]).toEqual([
      200,
      true,
      1,
      PERSONAL,
    ]);

    await stack.clock({ at: WEDNESDAY_10 });
    coach = await stack.signIn('coach@respite.example'); // a coach's session times out after 2 idle hours
    await tick(WEDNESDAY_10);
    await tick(WEDNESDAY_10); // a repeated tick sends nothing more
    await stack.queue('email-demo', 'drain');
    const mails = await checkinMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(PERSONAL);
    expect(mails[0]!.body.text).not.toContain('This is your weekly check-in from your coach.');
    expect(mails[0]!.body.text).toContain('You asked your coach for a weekly check-in.');
    expect(mails[0]!.subject).toBe('A message from Sam');
    expect((await weeklyItem())?.dueAt).toBe(NEXT_WEDNESDAY_10);

    // the listing moved on a week with it (not left behind, not doubled); last week's words are not next week's
    const after = (await upcoming()) as Listed[];
    expect(after.map((c) => [c.number, c.dueAt === NEXT_WEDNESDAY_10])).toEqual([
      [1, false],
      [4, true],
      [2, false],
      [3, false],
    ]);
    expect((await coach.get(`/api/coaching/checkins/${ref}`)).body).toMatchObject({
      dueAt: NEXT_WEDNESDAY_10,
      personalised: false,
      version: 1,
      text: expect.stringContaining('This is your weekly check-in from your coach.'),
    });
    await stack.clock({ at: NEXT_WEDNESDAY_10 });
    coach = await stack.signIn('coach@respite.example');
    await tick(NEXT_WEDNESDAY_10);
    await stack.queue('email-demo', 'drain');
    const both = await checkinMails();
    expect(both).toHaveLength(2);
    const others = both.filter((m) => !m.body.text?.includes(PERSONAL));
    expect(others).toHaveLength(1);
    expect(others[0]!.body.text).toContain('This is your weekly check-in from your coach.');
    expect(others[0]!.subject).toBe('A message from your coach'); // not in Sam's name either
    expect((await weeklyItem())?.dueAt).toBe(THIRD_WEDNESDAY_10);
  });

  it('only when I write: no check-ins in the coach’s list, no weekly one, nothing sent', async () => {
    kit = await stack.signIn(EMAIL); // two weeks on: the person's session has timed out
    expect((await choose('on_request')).body).toEqual({ coachContact: 'on_request' });
    expect((await kit.get('/api/coaching/thread')).body).toMatchObject({
      coachContact: 'on_request',
      checkinsOn: false,
    });
    expect(await upcoming()).toHaveLength(0);
    expect(await weeklyItem()).toBeUndefined();
    await stack.clock({ at: THIRD_WEDNESDAY_10 });
    coach = await stack.signIn('coach@respite.example');
    await tick(THIRD_WEDNESDAY_10);
    await stack.queue('email-demo', 'drain');
    expect(await checkinMails()).toHaveLength(2); // still only the two weekly ones
  });

  it('back to the check-ins as planned; the old on/off switch and the choice agree', async () => {
    expect((await choose('planned')).body).toEqual({ coachContact: 'planned' });
    // back in the coach's list: the week-3 and week-6 check-ins (the week-1 one fell due while they were off)
    expect(await upcoming()).toHaveLength(2);
    expect(await weeklyItem()).toBeUndefined();
    // turning check-ins off (the switch, or an unsubscribe) means "only when I write"; on again means "as planned"
    expect((await kit.put('/api/reminders/checkins', { on: false })).status).toBe(200);
    expect((await kit.get('/api/coaching/thread')).body.coachContact).toBe('on_request');
    expect((await kit.put('/api/reminders/checkins', { on: true })).status).toBe(200);
    expect((await kit.get('/api/coaching/thread')).body.coachContact).toBe('planned');
  });
});
