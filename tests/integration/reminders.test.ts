// Reminders end to end through the local API server, the tick job, the local SQS queue, the sender and local SES:
// DST on both sides, other zones, Monday message opt-in, one-click unsubscribe, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../functions/domain/programme/content/all-modules.js';
import { localParts } from '../../functions/domain/reminders/schedule.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let inviteToken: string;

const tick = async (iso: string) => {
  const [result] = (await stack.runJob('reminders-tick', { scheduledTime: iso }, 'demo')) as {
    due: number;
    enqueued: number;
    skippedStale: number;
  }[];
  await drain();
  return result!;
};
const drain = () => stack.queue('email-demo', 'drain');
const join = async (email: string) => stack.signIn(email, { inviteToken });
const prefs = (over: Record<string, unknown> = {}) => ({
  remindersOn: true,
  days: [1, 2, 3, 4, 5, 6, 7],
  time: '09:00',
  timeZone: 'Europe/London',
  frequency: 'custom',
  mondayOn: false,
  discreet: false,
  checkinsOn: true,
  ...over,
});

beforeAll(async () => {
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('a 09:00 Europe/London reminder across the spring DST change', () => {
  let person: ApiClient;
  const email = 'dst.spring@example.org';

  it('fires at 09:00 local on the last GMT day and on the first BST day', async () => {
    await stack.clock({ at: '2026-03-27T12:00:00Z' });
    person = await join(email);
    const saved = await person.put('/api/reminders/preferences', prefs());
    expect(saved.status).toBe(200);
    expect(saved.body.nextReminderAt).toBe('2026-03-28T09:00:00.000Z'); // GMT: 09:00 local = 09:00 UTC

    await stack.clock({ at: '2026-03-28T09:00:30Z' });
    expect((await tick('2026-03-28T09:00:00Z')).enqueued).toBe(1);
    const first = await stack.inbox(email);
    expect(first.filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);

    const after = await person.get('/api/reminders/preferences');
    expect(after.body.nextReminderAt).toBe('2026-03-29T08:00:00.000Z'); // BST: 09:00 local = 08:00 UTC
    expect(localParts(new Date(after.body.nextReminderAt), 'Europe/London')).toMatchObject({ hour: 9, minute: 0 });

    await stack.clock({ at: '2026-03-29T07:45:30Z' });
    expect((await tick('2026-03-29T07:45:00Z')).enqueued).toBe(0);
    await stack.clock({ at: '2026-03-29T08:00:30Z' });
    expect((await tick('2026-03-29T08:00:00Z')).enqueued).toBe(1);
    const reminders = (await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder');
    expect(reminders).toHaveLength(2);
    // The body names the next module and its minutes (never the subject or the preview).
    expect(reminders[0]!.body.text).toContain(
      `Next for you: Module 1: ${MODULES[0]!.title}, ${MODULES[0]!.minutes} min.`,
    );
    // The tick ran again for the same slot (a retry): nothing new is sent.
    await tick('2026-03-29T08:00:00Z');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(2);
  });
});

describe('a 09:00 Europe/London reminder across the autumn DST change', () => {
  it('is due at 08:00 UTC in BST and 09:00 UTC in GMT', async () => {
    const email = 'dst.autumn@example.org';
    await stack.clock({ at: '2026-10-23T12:00:00Z' });
    const person = await join(email);
    const saved = await person.put('/api/reminders/preferences', prefs({ days: [6, 7], frequency: 'twice-weekly' }));
    expect(saved.body.nextReminderAt).toBe('2026-10-24T08:00:00.000Z'); // Saturday, BST
    await stack.clock({ at: '2026-10-24T08:00:30Z' });
    expect((await tick('2026-10-24T08:00:00Z')).enqueued).toBe(1);
    expect((await person.get('/api/reminders/preferences')).body.nextReminderAt).toBe('2026-10-25T09:00:00.000Z'); // Sunday, GMT
    await stack.clock({ at: '2026-10-25T09:00:30Z' });
    expect((await tick('2026-10-25T09:00:00Z')).enqueued).toBe(1);
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(2);
  });
});

describe('a missed tick', () => {
  it('still sends a reminder up to 2 hours late, and moves an older one on without sending it', async () => {
    await stack.clock({ at: '2027-01-10T12:00:00Z' });
    const late = await join('late@example.org');
    const stale = await join('stale@example.org');
    await late.put('/api/reminders/preferences', prefs({ time: '09:00' }));
    await stale.put('/api/reminders/preferences', prefs({ time: '08:00' }));
    // The scheduler was down from 07:45 until 10:45: the 10:45 tick looks back over the missed slots.
    await stack.clock({ at: '2027-01-11T10:45:20Z' });
    const result = await tick('2027-01-11T10:45:00Z');
    expect(result).toMatchObject({ enqueued: 1, skippedStale: 1 });
    expect((await stack.inbox('late@example.org')).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(
      1,
    );
    expect((await stack.inbox('stale@example.org')).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(
      0,
    );
    expect((await stale.get('/api/reminders/preferences')).body.nextReminderAt).toBe('2027-01-12T08:00:00.000Z');
    expect((await late.get('/api/reminders/preferences')).body.nextReminderAt).toBe('2027-01-12T09:00:00.000Z');
  });
});

describe('people in other time zones', () => {
  it('get theirs at their own local time', async () => {
    await stack.clock({ at: '2026-11-20T12:00:00Z' });
    const ny = await join('new.york@example.org');
    const ktm = await join('kathmandu@example.org');
    expect(
      (
        await ny.put(
          '/api/reminders/preferences',
          prefs({ days: [1], frequency: 'weekly', timeZone: 'America/New_York' }),
        )
      ).body.nextReminderAt,
    ).toBe('2026-11-23T14:00:00.000Z');
    expect(
      (
        await ktm.put(
          '/api/reminders/preferences',
          prefs({ days: [1], frequency: 'weekly', time: '08:30', timeZone: 'Asia/Kathmandu' }),
        )
      ).body.nextReminderAt,
    ).toBe('2026-11-23T02:45:00.000Z');
    await stack.clock({ at: '2026-11-23T02:45:30Z' });
    await tick('2026-11-23T02:45:00Z');
    expect(
      await stack.inbox('kathmandu@example.org').then((m) => m.filter((x) => x.subject === 'Your Respite reminder')),
    ).toHaveLength(1);
    expect(
      await stack.inbox('new.york@example.org').then((m) => m.filter((x) => x.subject === 'Your Respite reminder')),
    ).toHaveLength(0);
    await stack.clock({ at: '2026-11-23T14:00:30Z' });
    await tick('2026-11-23T14:00:00Z');
    expect(
      await stack.inbox('new.york@example.org').then((m) => m.filter((x) => x.subject === 'Your Respite reminder')),
    ).toHaveLength(1);
  });
});

describe('the Monday message', () => {
  it('goes only to people who turned it on, at 08:30 local, with a tip, a way back in and the permission statement', async () => {
    await stack.clock({ at: '2026-11-25T12:00:00Z' });
    const yes = await join('monday.yes@example.org');
    await join('monday.no@example.org'); // never opts in
    const off = await join('monday.off@example.org');
    const on = await yes.put('/api/reminders/preferences', prefs({ remindersOn: false, mondayOn: true }));
    expect(on.body.nextMondayAt).toBe('2026-11-30T08:30:00.000Z');
    await off.put('/api/reminders/preferences', prefs({ remindersOn: false, mondayOn: true }));
    await off.put('/api/reminders/preferences', prefs({ remindersOn: false, mondayOn: false }));

    await stack.clock({ at: '2026-11-30T08:30:30Z' });
    expect((await tick('2026-11-30T08:30:00Z')).enqueued).toBe(1);
    const mails = await stack.inbox('monday.yes@example.org');
    const monday = mails.filter((m) => m.subject === 'Your Monday note');
    expect(monday).toHaveLength(1);
    expect(monday[0]!.body.text).toContain('Something to try: Drop your shoulders.');
    expect(monday[0]!.body.text).toContain('Pick up where you left off');
    expect(monday[0]!.body.text).toMatch(/30 minutes a week/);
    expect(monday[0]!.from).toContain('Respite');
    expect((await stack.inbox('monday.no@example.org')).filter((m) => m.subject === 'Your Monday note')).toHaveLength(
      0,
    );
    expect((await stack.inbox('monday.off@example.org')).filter((m) => m.subject === 'Your Monday note')).toHaveLength(
      0,
    );
  });

  it('in discreet mode uses the neutral sender name and no Respite or health words in the subject', async () => {
    await stack.clock({ at: '2026-11-25T12:00:00Z' });
    const p = await join('discreet@example.org');
    await p.put('/api/reminders/preferences', prefs({ days: [1], frequency: 'weekly', time: '10:00', discreet: true }));
    await stack.clock({ at: '2026-11-30T10:00:30Z' });
    await tick('2026-11-30T10:00:00Z');
    const [mail] = await stack.inbox('discreet@example.org').then((m) => m.filter((x) => !/sign-in/i.test(x.subject)));
    expect(mail!.subject).toBe('Your reminder');
    expect(mail!.from).toContain('Notifications');
    expect(mail!.from).not.toContain('Respite');
  });
});

describe('discreet mode for the account (PUT /api/reminders/discreet)', () => {
  it('is validated, stored, idempotent, and makes every later email neutral in subject, sender and wording', async () => {
    await stack.clock({ at: '2026-11-25T12:00:00Z' });
    const p = await join('discreet.account@example.org');
    expect((await p.get('/api/reminders/discreet')).body).toEqual({ on: false });
    for (const bad of [{ on: 'yes' }, {}, { on: true, extra: 1 }]) {
      const res = await p.put('/api/reminders/discreet', bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.error.fields[0].field).toMatch(/^body(\.on|\.extra)?$/);
    }
    await p.put('/api/reminders/preferences', prefs({ days: [1], frequency: 'weekly', time: '11:00' }));
    const before = (await p.get('/api/reminders/preferences')).body.preferences.version;
    expect((await p.put('/api/reminders/discreet', { on: true })).body).toEqual({ on: true });
    expect((await p.put('/api/reminders/discreet', { on: true })).body).toEqual({ on: true });
    const after = (await p.get('/api/reminders/preferences')).body.preferences;
    expect(after).toMatchObject({ discreet: true, remindersOn: true, days: [1], time: '11:00' }); // nothing else changed
    expect(after.version).toBe(before + 1); // the second PUT wrote nothing
    expect((await p.get('/api/reminders/discreet')).body).toEqual({ on: true });

    await stack.clock({ at: '2026-11-30T11:00:30Z' });
    await tick('2026-11-30T11:00:00Z');
    const [mail] = (await stack.inbox('discreet.account@example.org')).filter((x) => !/sign-in/i.test(x.subject));
    expect(mail!.subject).toBe('Your reminder');
    expect(mail!.from).toContain('Notifications');
    const senderName = mail!.from.replace(/<[^>]*>/, ''); // the address itself is the organisation's sending domain
    expect(`${senderName} ${mail!.subject} ${mail!.body.text}`).not.toMatch(/respite|wellbeing|stress|module/i);

    // Turned off again: stored as off, and the rest of the preferences are kept.
    expect((await p.put('/api/reminders/discreet', { on: false })).body).toEqual({ on: false });
    expect((await p.get('/api/reminders/preferences')).body.preferences).toMatchObject({
      discreet: false,
      remindersOn: true,
      time: '11:00',
    });
    await p.put('/api/reminders/preferences', prefs({ remindersOn: false })); // keep later ticks in this file to themselves
  });
});

describe('one-click unsubscribe', () => {
  it('works from the email (RFC 8058 POST) without signing in, and the link opens a page with one button', async () => {
    const email = 'unsub@example.org';
    await stack.clock({ at: '2026-12-01T12:00:00Z' });
    const p = await join(email);
    await p.put('/api/reminders/preferences', prefs());
    await stack.clock({ at: '2026-12-02T09:00:30Z' });
    await tick('2026-12-02T09:00:00Z');
    const mail = (await stack.inbox(email)).find((m) => m.subject === 'Your Respite reminder')!;
    const url = /Unsubscribe: (\S+)/.exec(mail.body.text!)![1]!;
    expect(mail.body.html).toContain('Unsubscribe from these emails');
    const path = url.replace(stack.tenantUrl('demo'), '');

    const anonymous = stack.client();
    const pageRes = await anonymous.get(path);
    expect(pageRes.status).toBe(200);
    expect(pageRes.text).toContain('<button type="submit">Unsubscribe</button>');
    expect((await p.get('/api/reminders/preferences')).body.preferences.remindersOn).toBe(true); // GET changes nothing

    const post = await anonymous.request('POST', path, undefined, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(post.text).toContain('You are unsubscribed');
    expect(post.text).toContain(
      'We will not send you any more reminder emails. You can turn them back on at any time in the app, under Reminders and emails.',
    );
    const after = await p.get('/api/reminders/preferences');
    expect(after.body.preferences.remindersOn).toBe(false);
    expect(after.body.nextReminderAt).toBeNull();
    // a second click is harmless
    expect(
      (
        await anonymous.request('POST', path, undefined, {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          raw: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBe(200);

    await stack.clock({ at: '2026-12-03T09:00:30Z' });
    await tick('2026-12-03T09:00:00Z');
    expect((await stack.inbox(email)).filter((m) => m.subject === 'Your Respite reminder')).toHaveLength(1);
  });

  it('refuses tampered or missing tokens with a 4xx and changes nothing', async () => {
    const email = 'tamper@example.org';
    await stack.clock({ at: '2026-12-01T12:00:00Z' });
    const p = await join(email);
    await p.put('/api/reminders/preferences', prefs());
    await stack.clock({ at: '2026-12-02T09:00:30Z' });
    await tick('2026-12-02T09:00:00Z');
    const mail = (await stack.inbox(email)).find((m) => m.subject === 'Your Respite reminder')!;
    const url = new URL(/Unsubscribe: (\S+)/.exec(mail.body.text!)![1]!);
    const token = url.searchParams.get('t')!;
    const [kid, body, sig] = token.split('.') as [string, string, string];
    // Someone else's user id with the original kid and signature: refused.
    const forged = `${kid}.${Buffer.from(JSON.stringify({ u: 'someone-else', k: 'reminder' })).toString('base64url')}.${sig}`;
    const c = stack.client();
    const form = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'List-Unsubscribe=One-Click',
    };
    expect(
      (await c.request('POST', `/api/reminders/unsubscribe?t=${encodeURIComponent(forged)}`, undefined, form)).status,
    ).toBe(400);
    expect(
      (
        await c.request(
          'POST',
          `/api/reminders/unsubscribe?t=${encodeURIComponent(`${kid}.${body}.x${sig.slice(1)}`)}`,
          undefined,
          form,
        )
      ).status,
    ).toBe(400);
    expect((await c.get(`/api/reminders/unsubscribe?t=${encodeURIComponent(forged)}`)).status).toBe(400);
    const missing = await c.request('POST', '/api/reminders/unsubscribe', undefined, form);
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields[0].field).toBe('query.t');
    expect((await p.get('/api/reminders/preferences')).body.preferences.remindersOn).toBe(true);
  });
});

describe('bad input', () => {
  let p: ApiClient;
  beforeAll(async () => {
    p = await join('bad.input@example.org');
  });
  const fieldsOf = async (body: unknown) => {
    const res = await p.put('/api/reminders/preferences', body);
    expect(res.status).toBe(422);
    return res.body.error.fields.map((f: { field: string }) => f.field);
  };

  it('names an invalid time, an unknown zone and an empty day set', async () => {
    expect(await fieldsOf(prefs({ time: '25:00' }))).toEqual(['body.time']);
    expect(await fieldsOf(prefs({ time: '09:10' }))).toEqual(['body.time']);
    expect(await fieldsOf(prefs({ timeZone: 'Mars/Olympus_Mons' }))).toEqual(['body.timeZone']);
    expect(await fieldsOf(prefs({ days: [] }))).toEqual(['body.days']);
    expect(await fieldsOf(prefs({ days: [8] }))).toEqual(['body.days.0']);
    expect(await fieldsOf(prefs({ frequency: 'weekly', days: [1, 2] }))).toEqual(['body.days']);
    expect(await fieldsOf(prefs({ frequency: 'weekdays', days: [1, 2, 3, 4, 6] }))).toEqual(['body.days']);
    expect(await fieldsOf({ ...prefs(), extra: 1 })).toEqual(['body']);
  });

  it('keeps the previous schedule when a change is refused', async () => {
    await stack.clock({ at: '2026-12-01T12:00:00Z' });
    const ok = await p.put('/api/reminders/preferences', prefs({ days: [3], frequency: 'weekly' }));
    expect(ok.status).toBe(200);
    await p.put('/api/reminders/preferences', prefs({ days: [] }));
    expect((await p.get('/api/reminders/preferences')).body.nextReminderAt).toBe(ok.body.nextReminderAt);
  });

  it('only employees can read or change reminder preferences', async () => {
    expect((await stack.client().get('/api/reminders/preferences')).status).toBe(401);
    const hr = await stack.signIn('hr@northwind.example');
    expect((await hr.get('/api/reminders/preferences')).status).toBe(403);
  });
});
