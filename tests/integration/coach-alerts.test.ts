// Coach alerts arrive, through the real local stack: an employee writes → the coaching-alerts job (run through the
// local job control) → the assigned coach's content-free alert is in the local SES inbox; a second run sends nothing;
// an urgent message and a shared PHQ-9 with item 9 above 0 alert the coach and the lead coach at once; quiet hours
// hold routine alerts until the morning. What each email may contain: functions/domain/coaching/alerts.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEmail } from '../../scripts/local/ses.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const RUN = Math.random().toString(36).slice(2, 8);
// Addresses of this run only: the local SES inbox is shared by every test file.
const ANA = `ana-${RUN}@example.org`;
const COACH = `coach-${RUN}@respite.example`;
const LEAD = `lead-${RUN}@respite.example`;
const LATE_COACH = `late-coach-${RUN}@respite.example`;

let stack: TestStack;
let ana: ApiClient;
let coach: ApiClient;
let seq = 0;
const id = (prefix = 'msg') => `${prefix}-${RUN}-${(seq++).toString(36)}`;

interface AlertRun {
  safety: number;
  digests: number;
  waiting: number;
}
const alertsJob = async (scheduledTime: string) =>
  (await stack.runJob('coaching-alerts', { scheduledTime }, 'demo')) as AlertRun[];
/** Sends whatever is on the email queue, then returns each address's emails. */
async function delivered() {
  expect(await stack.queue('email-demo', 'drain')).toMatchObject({ size: 0, dlq: 0 });
  const r = { coach: await stack.inbox(COACH), lead: await stack.inbox(LEAD), ana: await stack.inbox(ANA) };
  return r;
}
const everything = (m: StoredEmail) => JSON.stringify(m);

/** Nothing in an alert says who wrote, what they wrote, or any score. */
function expectContentFree(mail: StoredEmail, forbidden: string[]) {
  const all = everything(mail);
  for (const s of [ANA, ANA.split('@')[0]!, ...forbidden]) expect(all).not.toContain(s);
  expect(all).not.toMatch(/PHQ|score|item 9|self-harm|urgent/i);
}

async function threadId(): Promise<string> {
  const inbox = (await coach.get('/api/coaching/inbox')).body;
  const rows = [...inbox.waiting, ...inbox.answered];
  expect(rows).toHaveLength(1);
  expect(rows[0].mine).toBe(true); // assigned to COACH, not to the lead coach
  return rows[0].threadId;
}
const code = (threadId: string) =>
  threadId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase();

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant({ coachEmails: [COACH, LEAD], coaching: { ...demoTenant().coaching, leadCoachEmails: [LEAD] } }),
      // An organisation whose only coach has not signed in yet (no one on the team).
      demoTenant({
        slug: 'acme',
        name: 'Acme Engineering',
        adminEmails: [`people-${RUN}@acme.example`],
        coachEmails: [LATE_COACH],
      }),
    ],
    extraEnv: { EMAIL_SEND_RATE: '1000' },
  });
  // A Wednesday morning in London (coaching hours, outside the 20:00–08:00 quiet hours).
  await stack.clock({ at: '2027-03-10T09:58:00Z' });
  const hr = await stack.signIn('hr@northwind.example');
  const invite = (await hr.get('/api/account/invite-link')).body.token;
  // The earlier account gets new threads when loads are equal: the coach signs in a minute before the lead coach.
  coach = await stack.signIn(COACH);
  await stack.clock({ at: '2027-03-10T09:59:00Z' });
  await stack.signIn(LEAD);
  await stack.clock({ at: '2027-03-10T10:00:00Z' });
  ana = await stack.signIn(ANA, { inviteToken: invite, departmentId: 'warehouse' });
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('a new message', () => {
  it('reaches the assigned coach as one content-free email on the next tick, and a second run sends nothing', async () => {
    const before = await delivered();
    const text = `Secret-words-${RUN}: the night shifts are getting to me.`;
    expect((await ana.post('/api/coaching/messages', { id: id(), text })).status).toBe(201);
    // Nothing goes before the tick: routine alerts are sent by the job only.
    expect((await delivered()).coach).toHaveLength(before.coach.length);

    expect(await alertsJob('2027-03-10T10:05:00Z')).toEqual([{ safety: 0, digests: 1, waiting: 0 }]);
    const after = await delivered();
    const mails = after.coach.slice(before.coach.length);
    expect(mails).toHaveLength(1);
    const tid = await threadId();
    expect(mails[0]!.subject).toBe(`A new message in conversation ${code(tid)}`);
    expect(mails[0]!.body.text).toContain(`#/coach/threads/${encodeURIComponent(tid)}`);
    expectContentFree(mails[0]!, [text, 'Secret-words', 'night shifts', 'warehouse']);
    // Routine alerts go to the thread's coach only, never to the employee.
    expect(after.lead).toHaveLength(before.lead.length);
    expect(after.ana).toHaveLength(before.ana.length);

    // The same slot again (a retried tick) and the next slot: nothing new.
    expect(await alertsJob('2027-03-10T10:05:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    expect(await alertsJob('2027-03-10T10:10:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    expect((await delivered()).coach).toHaveLength(after.coach.length);
  });

  it('several messages before one tick make one digest for the coach', async () => {
    await stack.clock({ at: '2027-03-10T10:20:00Z' });
    const before = await delivered();
    for (const n of [1, 2, 3])
      expect((await ana.post('/api/coaching/messages', { id: id(), text: `More secret words ${n}` })).status).toBe(201);
    expect(await alertsJob('2027-03-10T10:25:00Z')).toEqual([{ safety: 0, digests: 1, waiting: 0 }]);
    const mails = (await delivered()).coach.slice(before.coach.length);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`A new message in conversation ${code(await threadId())}`);
    expectContentFree(mails[0]!, ['More secret words']);
  });
});

describe('a safety signal', () => {
  it('an urgent message alerts the coach and the lead coach at once, puts the thread on top, and the tick adds nothing', async () => {
    await stack.clock({ at: '2027-03-10T10:30:00Z' });
    const before = await delivered();
    const text = `Urgent-secret-${RUN}: I cannot cope today.`;
    const sent = await ana.post('/api/coaching/messages', { id: id(), text, urgent: true });
    expect(sent.status).toBe(201);
    expect(sent.body.urgent).toBe(true);

    const after = await delivered(); // no tick: the request itself queued the alerts
    const tid = await threadId();
    for (const who of ['coach', 'lead'] as const) {
      const mails = after[who].slice(before[who].length);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Please reply today: conversation ${code(tid)}`);
      expect(mails[0]!.body.text).toContain(`#/coach/threads/${encodeURIComponent(tid)}`);
      expectContentFree(mails[0]!, [text, 'Urgent-secret', 'cannot cope']);
    }
    expect(after.ana).toHaveLength(before.ana.length);
    const inbox = (await coach.get('/api/coaching/inbox')).body;
    expect(inbox.waiting[0]).toMatchObject({ threadId: tid, urgent: true });

    // The event was removed once queued: the tick finds nothing, and nothing is sent twice.
    expect(await alertsJob('2027-03-10T10:35:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    const later = await delivered();
    expect(later.coach).toHaveLength(after.coach.length);
    expect(later.lead).toHaveLength(after.lead.length);
  });

  it('a shared PHQ-9 with item 9 above 0 alerts the coach and the lead coach, without the score', async () => {
    await stack.clock({ at: '2027-03-10T10:40:00Z' });
    const before = await delivered();
    const responseId = id('phq');
    // Total 17 of 27; item 9 = 1.
    const answers = [2, 2, 2, 2, 2, 2, 2, 2, 1];
    expect(
      (await ana.post('/api/programme/questionnaires/phq9/responses', { responseId, answers })).status,
    ).toBeLessThan(300);
    expect(
      (await ana.post('/api/coaching/shares', { itemType: 'questionnaire', itemId: `phq9:${responseId}` })).status,
    ).toBe(201);

    const after = await delivered();
    const tid = await threadId();
    for (const who of ['coach', 'lead'] as const) {
      const mails = after[who].slice(before[who].length);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Please reply today: conversation ${code(tid)}`);
      expectContentFree(mails[0]!, [responseId]);
      expect(`${mails[0]!.body.text}\n${mails[0]!.body.html}`).not.toMatch(/\b17\b|\b27\b|moderately|severe/i);
    }
    expect(await alertsJob('2027-03-10T10:45:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    expect((await delivered()).lead).toHaveLength(after.lead.length);
  });
});

describe('quiet hours', () => {
  it('hold a routine alert from 20:00 until the first tick after 08:00, then send it once', async () => {
    await stack.clock({ at: '2027-03-10T21:00:00Z' });
    const before = await delivered();
    expect((await ana.post('/api/coaching/messages', { id: id(), text: 'Late-night secret words' })).status).toBe(201);

    expect(await alertsJob('2027-03-10T21:05:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 1 }]);
    expect(await alertsJob('2027-03-11T07:55:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 1 }]);
    expect((await delivered()).coach).toHaveLength(before.coach.length);

    await stack.clock({ at: '2027-03-11T08:05:00Z' });
    expect(await alertsJob('2027-03-11T08:05:00Z')).toEqual([{ safety: 0, digests: 1, waiting: 0 }]);
    expect(await alertsJob('2027-03-11T08:05:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    const mails = (await delivered()).coach.slice(before.coach.length);
    expect(mails).toHaveLength(1);
    expectContentFree(mails[0]!, ['Late-night secret words']);
  });
});

describe('an alert nobody could be sent yet', () => {
  it('is kept until a coach is on the team, then sent once', async () => {
    await stack.clock({ at: '2027-03-10T11:00:00Z' });
    const people = await stack.signIn(`people-${RUN}@acme.example`, { slug: 'acme' });
    const invite = (await people.get('/api/account/invite-link')).body.token;
    const cy = await stack.signIn(`cy-${RUN}@example.org`, { slug: 'acme', inviteToken: invite });
    expect(
      (await cy.post('/api/coaching/messages', { id: id(), text: 'Nobody-here-yet words', urgent: true })).status,
    ).toBe(201);
    const job = async (at: string) =>
      (await stack.runJob('coaching-alerts', { scheduledTime: at }, 'acme')) as AlertRun[];
    // Held, not dropped, and counted as waiting (the job logs coach_alerts_waiting).
    expect(await job('2027-03-10T11:05:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 1 }]);

    await stack.clock({ at: '2027-03-10T11:07:00Z' });
    await stack.signIn(LATE_COACH, { slug: 'acme' });
    const before = (await stack.inbox(LATE_COACH)).length;
    expect(await job('2027-03-10T11:10:00Z')).toEqual([{ safety: 1, digests: 0, waiting: 0 }]);
    expect(await job('2027-03-10T11:15:00Z')).toEqual([{ safety: 0, digests: 0, waiting: 0 }]);
    expect(await stack.queue('email-acme', 'drain')).toMatchObject({ size: 0, dlq: 0 });
    const mails = (await stack.inbox(LATE_COACH)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Please reply today: conversation [A-Z0-9]{4}$/);
    expectContentFree(mails[0]!, ['Nobody-here-yet', `cy-${RUN}`]);
  });
});
