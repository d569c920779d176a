// Practice reminders (a module's "try this week" as a reminder): through the local API server, the tick job, the
// local queue, the sender and local SES. One per module (idempotent PUT), at most three (a conditional write, raced),
// cancel, discreet mode (the email never names the practice; its link opens the Reminders page), unsubscribe,
// the data export and account deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { MAX_PRACTICE_REMINDERS, practiceOfModule } from '../../functions/domain/reminders/practice.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;

const tick = async (iso: string) => {
  const [result] = (await stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo')) as { enqueued: number }[];
  await stack.queue('email-demo', 'drain');
  return result!;
};
const join = (email: string) => stack.signIn(email, { inviteToken });
const mails = async (email: string) => (await stack.inbox(email)).filter((m) => !/sign-in/i.test(m.subject));
const text = (m: { body: { text?: string; html?: string } }) => `${m.body.text ?? ''}\n${m.body.html ?? ''}`;
const MODULE = 'thoughts-and-feelings';
const PRACTICE = 'Catch one thought a day';

beforeAll(async () => {
  stack = await startTestStack({ extraEnv: { EMAIL_SEND_RATE: '1000' } });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('practice reminders', () => {
  let p: ApiClient;
  const email = 'practice.person@example.org';

  it('every module has a named "try this week" practice to remind of', () => {
    expect(practiceOfModule(MODULE)).toMatchObject({ title: PRACTICE, moduleNumber: 2, sectionId: 'try-this-week' });
    expect(practiceOfModule('no-such-module')).toBeUndefined();
  });

  it('PUT creates one per module, and the same PUT again changes nothing; another body changes its time', async () => {
    await stack.clock({ at: '2026-11-23T12:00:00Z' }); // a Monday, Europe/London (GMT)
    p = await join(email);
    expect((await p.get('/api/reminders/practices')).body).toEqual({ reminders: [], max: MAX_PRACTICE_REMINDERS });
    const body = { days: [2, 4], time: '18:00' };
    const first = await p.put(`/api/reminders/practices/${MODULE}`, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ moduleId: MODULE, title: PRACTICE, days: [2, 4], time: '18:00' });
    expect(first.body.nextAt).toBe('2026-11-24T18:00:00.000Z');
    const again = await p.put(`/api/reminders/practices/${MODULE}`, body);
    expect(again.body).toEqual(first.body);
    const list = (await p.get('/api/reminders/practices')).body;
    expect(list.reminders).toHaveLength(1);
    const count = z.object({ active: z.number() });
    const userId = (await p.get('/api/my-data/export')).body.sections[0].records[0].userId as string;
    const counter = () => stack.db('demo').get(keys.practiceReminderCount(userId), count, { consistent: true });
    expect((await counter())?.active).toBe(1);
    const changed = await p.put(`/api/reminders/practices/${MODULE}`, { days: [3], time: '07:30' });
    expect(changed.body).toMatchObject({ days: [3], time: '07:30', nextAt: '2026-11-25T07:30:00.000Z' });
    expect((await counter())?.active).toBe(1);
  });

  it('follows the reminder time zone when the person changes it on the Reminders page', async () => {
    const prefs = {
      remindersOn: false,
      days: [2],
      time: '09:00',
      frequency: 'weekly',
      mondayOn: false,
      discreet: false,
      checkinsOn: true,
    };
    expect((await p.put('/api/reminders/preferences', { ...prefs, timeZone: 'America/New_York' })).status).toBe(200);
    const moved = (await p.get('/api/reminders/practices')).body.reminders[0];
    expect(moved).toMatchObject({ timeZone: 'America/New_York', time: '07:30', nextAt: '2026-11-25T12:30:00.000Z' });
    expect((await p.put('/api/reminders/preferences', { ...prefs, timeZone: 'Europe/London' })).status).toBe(200);
    expect((await p.get('/api/reminders/practices')).body.reminders[0].nextAt).toBe('2026-11-25T07:30:00.000Z');
  });

  it('bad input is a 4xx naming the field; an unknown module is a 404', async () => {
    const bad = await p.put(`/api/reminders/practices/${MODULE}`, { days: [], time: '18:05' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.days', 'body.time']);
    expect((await p.put(`/api/reminders/practices/${MODULE}`, { days: [8], time: '18:00' })).status).toBe(422);
    const badId = await p.put('/api/reminders/practices/Not_An_Id', { days: [1], time: '18:00' });
    expect([badId.status, badId.body.error.fields[0].field]).toEqual([422, 'path.moduleId']);
    expect((await p.put('/api/reminders/practices/no-such-module', { days: [1], time: '18:00' })).status).toBe(404);
  });

  it('the email names the practice in its body (never in its subject) and links to the module', async () => {
    await stack.clock({ at: '2026-11-25T07:30:30Z' });
    expect((await tick('2026-11-25T07:30:00Z')).enqueued).toBe(1);
    const [mail, ...more] = await mails(email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Your Respite reminder');
    expect(mail!.subject).not.toContain(PRACTICE);
    expect(text(mail!)).toContain(`This week's practice: ${PRACTICE} (Module 2: Thoughts and feelings)`);
    expect(text(mail!)).toContain(`/#/course/${MODULE}`);
    // the same tick again sends nothing (the send ledger); the next is a week later
    await tick('2026-11-25T07:30:00Z');
    expect(await mails(email)).toHaveLength(1);
    expect((await p.get('/api/reminders/practices')).body.reminders[0].nextAt).toBe('2026-12-02T07:30:00.000Z');
  });

  it('in discreet mode the email does not name the practice or the module, and opens the Reminders page', async () => {
    expect((await p.put('/api/reminders/discreet', { on: true })).status).toBe(200);
    await stack.clock({ at: '2026-12-02T07:30:30Z' });
    expect((await tick('2026-12-02T07:30:00Z')).enqueued).toBe(1);
    const mail = (await mails(email))[1]!;
    expect(mail.subject).toBe('Your reminder');
    expect(mail.from).toContain('Notifications');
    const body = text(mail);
    for (const word of [PRACTICE, 'thought', 'Thoughts and feelings', 'Module', MODULE, 'Respite'])
      expect(body, word).not.toContain(word);
    expect(body).toContain('/#/reminders');
    // …and the app, after sign-in, still names it
    expect((await p.get('/api/reminders/practices')).body.reminders[0].title).toBe(PRACTICE);
    await p.put('/api/reminders/discreet', { on: false });
  });

  it('at most three at once, even when asked for in parallel; cancelling makes room; cancel is idempotent', async () => {
    const others = [
      'understanding-stress',
      'problem-solving',
      'sleep-and-recovery',
      'staying-well',
      'worry-and-rumination',
    ];
    const results = await Promise.all(
      others.map((m) => p.put(`/api/reminders/practices/${m}`, { days: [1], time: '12:00' })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(MAX_PRACTICE_REMINDERS - 1);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(
      Array(others.length - MAX_PRACTICE_REMINDERS + 1).fill([409, 'too_many_practice_reminders']),
    );
    const listed = (await p.get('/api/reminders/practices')).body.reminders;
    expect(listed).toHaveLength(MAX_PRACTICE_REMINDERS);
    // an existing one can still be changed at the limit
    expect((await p.put(`/api/reminders/practices/${MODULE}`, { days: [3], time: '07:30' })).status).toBe(200);

    const cancels = await Promise.all([1, 2, 3].map(() => p.delete(`/api/reminders/practices/${MODULE}`)));
    expect(cancels.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await p.get('/api/reminders/practices')).body.reminders).toHaveLength(MAX_PRACTICE_REMINDERS - 1);
    // three cancels took one place off the count, not three: exactly one more fits
    const refusedOne = refused[0]!.body;
    expect(refusedOne.error.message).toMatch(/up to 3/);
    const added = await Promise.all(
      ['staying-well', 'worry-and-rumination'].map((m) =>
        p.put(`/api/reminders/practices/${m}`, { days: [1], time: '12:00' }),
      ),
    );
    const statuses = added.map((r) => r.status).sort();
    const listedAfter = (await p.get('/api/reminders/practices')).body.reminders;
    expect(listedAfter).toHaveLength(MAX_PRACTICE_REMINDERS);
    expect(statuses).toEqual(
      listed.some((r: { moduleId: string }) => ['staying-well', 'worry-and-rumination'].includes(r.moduleId))
        ? [200, 200]
        : [200, 409],
    );
  });

  it('a cancelled one is not sent', async () => {
    await stack.clock({ at: '2026-12-09T07:30:30Z' });
    await tick('2026-12-09T07:30:00Z');
    expect(await mails(email)).toHaveLength(2);
  });

  it('is in the data export, and account deletion removes it (with its count)', async () => {
    const exported = (await p.get('/api/my-data/export')).body;
    const prefs = exported.sections.find((s: { id: string }) => s.id === 'preferences');
    const records = JSON.stringify(prefs.records);
    expect(records).toContain('practice#');
    expect(records).toContain('"active":3');
    const userId = exported.sections[0].records[0].userId as string;
    expect((await p.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
    const left = await stack
      .db('demo')
      .query({ pk: keys.userPartition(userId), skPrefix: 'REMINDERS#' }, z.looseObject({ sk: z.string() }));
    expect(left).toEqual([]);
    await stack.clock({ at: '2026-12-14T12:00:30Z' });
    await tick('2026-12-14T12:00:00Z'); // Monday 12:00: the reminders made above were due now
    expect(await mails(email)).toHaveLength(2);
  });

  it('the unsubscribe link in a practice reminder cancels every practice reminder', async () => {
    await stack.clock({ at: '2026-12-14T13:00:00Z' });
    const q = await join('practice.unsub@example.org');
    await q.put('/api/reminders/practices/problem-solving', { days: [2], time: '09:00' });
    await q.put('/api/reminders/practices/staying-well', { days: [2], time: '09:00' });
    await stack.clock({ at: '2026-12-15T09:00:30Z' });
    expect((await tick('2026-12-15T09:00:00Z')).enqueued).toBe(2);
    const [mail] = await mails('practice.unsub@example.org');
    const path = /Unsubscribe: (\S+)/.exec(mail!.body.text!)![1]!.replace(stack.tenantUrl('demo'), '');
    const anonymous = stack.client();
    expect((await anonymous.get(path)).text).toContain('Stop practice reminders?');
    const post = await anonymous.request('POST', path, undefined, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(post.text).toContain('We will not send you any more practice reminders.');
    expect((await q.get('/api/reminders/practices')).body.reminders).toEqual([]);
    expect((await q.put('/api/reminders/practices/problem-solving', { days: [2], time: '09:00' })).status).toBe(200);
  });
});
