// A team of three coaches through the real local stack: the employee's home summary and the coach inbox markers
// (unread reply, expected reply, new since a coach opened it); assignment by load; a coach marks themselves away so
// new threads and new messages go to others; handover of their open threads and of one thread; the lead coach's
// board (numbers per coach, no message text); and who may do what (coaches, the lead, employees, HR, managers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadItem } from '../../functions/domain/coaching/schema.js';
import { keys } from '../../functions/domain/keys.js';
import { loadKeyring } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const A = 'alex.coach@respite.example';
const B = 'bea.coach@respite.example';
const L = 'lee.lead@respite.example';

let stack: TestStack;
let invite: string;
let coachA: ApiClient;
let coachB: ApiClient;
let lead: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
const people = new Map<string, ApiClient>();
const ids = new Map<string, string>(); // coach email → coach id
let seq = 0;
const id = (prefix = 'msg') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

const userIdOf = async (email: string) =>
  (await stack
    .db('demo')
    .get(keys.emailLookup(loadKeyring(stack.keys()).pseudonym('email', email)), z.object({ userId: z.string() })))!
    .userId;
const threadOf = async (email: string) =>
  (await stack.db('demo').get(keys.coachThread(await userIdOf(email)), ThreadItem, { consistent: true }))!;
const coachOf = async (email: string) => {
  const coachId = (await threadOf(email)).coachId;
  return [...ids.entries()].find(([, v]) => v === coachId)?.[0];
};

async function person(name: string): Promise<ApiClient> {
  const email = `${name}.team@example.org`;
  const c = people.get(email) ?? (await stack.signIn(email, { inviteToken: invite }));
  people.set(email, c);
  return c;
}
const write = async (name: string, text = 'Hello, could we talk?') => {
  const res = await (await person(name)).post('/api/coaching/messages', { id: id(), text });
  expect(res.status).toBe(201);
  return res;
};
const emailOf = (name: string) => `${name}.team@example.org`;

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [demoTenant({ coachEmails: [A, B, L], coaching: { ...demoTenant().coaching, leadCoachEmails: [L] } })],
  });
  // Wednesday 10:00 in London: coaching hours (Mon–Fri 09:00–17:00, 8 working hours to reply).
  await stack.clock({ at: '2027-03-10T10:00:00Z' });
  hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  manager = await stack.signIn('manager@northwind.example');
  // sign-in order decides ties in load: A, then B, then L
  coachA = await stack.signIn(A);
  await stack.clock({ at: '2027-03-10T10:01:00Z' });
  coachB = await stack.signIn(B);
  await stack.clock({ at: '2027-03-10T10:02:00Z' });
  lead = await stack.signIn(L);
  await stack.clock({ at: '2027-03-10T10:05:00Z' });
  const team = (await coachA.get('/api/coaching/team')).body;
  for (const c of team.coaches) ids.set(c.email, c.coachId);
  expect(team.coaches.map((c: { email: string; lead: boolean; away: boolean }) => [c.email, c.lead, c.away])).toEqual([
    [A, false, false],
    [B, false, false],
    [L, true, false],
  ]);
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('markers: the employee’s home summary and the coach inbox', () => {
  it('shows when a reply is expected, marks new messages for the coach until opened, and the reply as unread until read', async () => {
    const ana = await person('ana');
    expect((await ana.get('/api/coaching/thread/summary')).body).toEqual({
      started: false,
      unread: false,
      expectedReply: null,
      replyExpectation: 'within 24 hours, Monday to Friday',
    });
    const sent = await write('ana');
    // written Wednesday 10:05: 8 coaching hours later is Thursday 10:05
    expect(sent.body.expectedReply).toEqual({ at: '2027-03-11T10:05:00.000Z', label: 'Thursday 10:05' });
    const summary = (await ana.get('/api/coaching/thread/summary')).body;
    expect(summary).toMatchObject({ started: true, unread: false, expectedReply: { label: 'Thursday 10:05' } });
    expect(await coachOf(emailOf('ana'))).toBe(A);

    const row = () =>
      coachA.get('/api/coaching/inbox').then((r) => r.body.waiting.find((w: { mine: boolean }) => w.mine));
    expect(await row()).toMatchObject({ unread: true, mine: true, dueAt: '2027-03-11T10:05:00.000Z', overdue: false });
    const threadId = (await row()).threadId;
    // another coach sees the same thread, not as theirs
    expect((await coachB.get('/api/coaching/inbox')).body.waiting[0]).toMatchObject({
      threadId,
      mine: false,
      unread: true,
    });
    expect((await coachA.post(`/api/coaching/threads/${threadId}/read`)).status).toBe(204);
    expect(await row()).toMatchObject({ unread: false });
    expect((await coachA.post(`/api/coaching/threads/${threadId}/read`)).status).toBe(204); // nothing new: no write
    await stack.clock({ at: '2027-03-10T10:10:00Z' });
    await write('ana', 'One more thing.');
    expect(await row()).toMatchObject({ unread: true });

    await coachA.post(`/api/coaching/threads/${threadId}/read`);
    expect(
      (
        await coachA.post(`/api/coaching/threads/${threadId}/messages`, {
          id: id('reply'),
          text: 'Of course. Tell me more.',
        })
      ).status,
    ).toBe(201);
    expect((await ana.get('/api/coaching/thread/summary')).body).toMatchObject({ unread: true, expectedReply: null });
    expect((await ana.post('/api/coaching/thread/read')).status).toBe(204);
    expect((await ana.get('/api/coaching/thread/summary')).body.unread).toBe(false);
    // the summary holds nothing of the conversation
    expect(JSON.stringify((await ana.get('/api/coaching/thread/summary')).body)).not.toMatch(/Tell me more|One more/);
  });
});

describe('assignment, away and handover', () => {
  it('assigns new threads by load among coaches who are in', async () => {
    // waiting now: nobody (ana was answered)
    await write('ben'); // loads A0 B0 L0 → A
    await write('cat'); // A1 B0 L0 → B
    expect([await coachOf(emailOf('ben')), await coachOf(emailOf('cat'))]).toEqual([A, B]);
  });

  it('a coach marks themselves away: idempotent; new threads and new messages in their threads go to others', async () => {
    const away = await coachA.put('/api/coaching/team/me', { away: true });
    expect(away.status).toBe(200);
    expect(away.body).toEqual({ away: true });
    expect((await coachA.put('/api/coaching/team/me', { away: true })).body).toEqual({ away: true });
    expect(
      (await coachB.get('/api/coaching/team')).body.coaches.find((c: { email: string }) => c.email === A).away,
    ).toBe(true);
    expect((await coachA.get('/api/coaching/team')).body.me).toMatchObject({ away: true, lead: false, onTeam: true });

    await write('dan'); // A away; B1 L0 → L
    expect(await coachOf(emailOf('dan'))).toBe(L);
    // ana's answered thread is A's: her new message moves it to an available coach (B1 L1 → B, the earlier)
    await write('ana', 'It got worse this week.');
    expect(await coachOf(emailOf('ana'))).toBe(B);
    // ben is still waiting on A: handover moves it
    expect(await coachOf(emailOf('ben'))).toBe(A);
  });

  it('hands over every open thread of an away coach by load; a re-run moves nothing', async () => {
    expect((await coachB.post(`/api/coaching/team/${ids.get(A)}/hand-over`)).status).toBe(403); // only A or a lead
    const first = await coachA.post(`/api/coaching/team/${ids.get(A)}/hand-over`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ moved: 1, left: 0 });
    expect(await coachOf(emailOf('ben'))).toBe(L); // B2 (cat, ana) L1 (dan) → L
    expect((await coachA.post(`/api/coaching/team/${ids.get(A)}/hand-over`)).body).toEqual({ moved: 0, left: 0 });
    // the history stays with the thread: the new coach sees every message
    const benThread = (await threadOf(emailOf('ben'))).threadId;
    expect((await lead.get(`/api/coaching/threads/${benThread}`)).body.messages).toHaveLength(1);
  });

  it('hands one thread to another coach: its coach or a lead may; never to a coach who is away', async () => {
    const cat = (await threadOf(emailOf('cat'))).threadId; // B's
    const dan = (await threadOf(emailOf('dan'))).threadId; // L's
    const toAway = await coachB.post(`/api/coaching/threads/${cat}/assign`, { coachId: ids.get(A) });
    expect([toAway.status, toAway.body.error.code]).toEqual([409, 'coach_away']);
    expect((await coachB.post(`/api/coaching/threads/${dan}/assign`, { coachId: ids.get(B) })).status).toBe(403); // not B's
    const moved = await coachB.post(`/api/coaching/threads/${cat}/assign`, { coachId: ids.get(L) });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ coachId: ids.get(L), moved: true });
    expect((await lead.post(`/api/coaching/threads/${cat}/assign`, { coachId: ids.get(L) })).body).toEqual({
      coachId: ids.get(L),
      moved: false,
    });
    expect((await lead.post(`/api/coaching/threads/${cat}/assign`, { coachId: ids.get(B) })).body.moved).toBe(true); // a lead may move any
    expect(await coachOf(emailOf('cat'))).toBe(B);
    expect((await lead.post(`/api/coaching/threads/${cat}/assign`, { coachId: 'AAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(
      404,
    );
    const bad = await lead.post(`/api/coaching/threads/${cat}/assign`, { coachId: 'x' });
    expect([bad.status, bad.body.error.fields[0].field]).toEqual([422, 'body.coachId']);
    expect((await lead.post(`/api/coaching/threads/${cat}/assign`, {})).status).toBe(422);
    expect((await coachA.put('/api/coaching/team/me', { away: 'yes' })).status).toBe(422);
  });

  it('a coach back from away takes new threads again', async () => {
    expect((await coachA.put('/api/coaching/team/me', { away: false })).body).toEqual({ away: false });
    await write('eve'); // A0 B2 L2 → A
    expect(await coachOf(emailOf('eve'))).toBe(A);
  });
});

describe('the lead coach’s board', () => {
  it('shows the whole service as numbers per coach, waiting threads by label only, and this month’s reply times', async () => {
    await stack.clock({ at: '2027-03-11T16:00:00Z' }); // Thursday 16:00: the oldest waits are overdue
    // staff sessions end after 2 idle hours: sign in again
    lead = await stack.signIn(L);
    coachB = await stack.signIn(B);
    hr = await stack.signIn('hr@northwind.example');
    manager = await stack.signIn('manager@northwind.example');
    const board = await lead.get('/api/coaching/board');
    expect(board.status).toBe(200);
    const per = Object.fromEntries(
      board.body.coaches.map((c: { email: string; waiting: number }) => [c.email, c.waiting]),
    );
    expect(per).toEqual({ [A]: 1, [B]: 2, [L]: 2 });
    expect(board.body.totals).toMatchObject({ waiting: 5, coaches: 3, available: 3 });
    expect(board.body.totals.overdue).toBeGreaterThanOrEqual(1);
    expect(
      board.body.coaches.reduce((n: number, c: { overdue: number }) => n + c.overdue, 0) +
        board.body.unassigned.overdue,
    ).toBe(board.body.totals.overdue);
    expect(board.body.unassigned).toEqual({ waiting: 0, nearDue: 0, overdue: 0, safety: 0 });
    expect(board.body.threads).toHaveLength(5);
    expect(board.body.threads[0].label).toMatch(/^Conversation [A-Z0-9]{4}$/);
    expect(board.body.replyTimes).toMatchObject({ period: '2027-03' });
    expect(board.body.replyTimes.replies).toBe(1); // A's reply to ana
    const text = board.text;
    expect(text).not.toMatch(/team@example\.org|Hello|worse|talk|USER#/);
    // a coach who is not a lead does not see the board
    expect((await coachB.get('/api/coaching/board')).status).toBe(403);
  });

  it('employees, HR and managers reach no team route; signed out is 401', async () => {
    const ana = await person('ana');
    const cat = (await threadOf(emailOf('cat'))).threadId;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/coaching/team'],
      ['PUT', '/api/coaching/team/me', { away: true }],
      ['POST', `/api/coaching/team/${ids.get(B)}/hand-over`],
      ['GET', '/api/coaching/board'],
      ['POST', `/api/coaching/threads/${cat}/assign`, { coachId: ids.get(A) }],
      ['POST', `/api/coaching/threads/${cat}/read`],
    ];
    for (const [method, path, body] of routes) {
      for (const who of [ana, hr, manager]) {
        const res = await who.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.text).not.toMatch(/Conversation|respite\.example/);
      }
      expect((await stack.client().request(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    for (const who of [hr, manager, coachB]) expect((await who.get('/api/coaching/thread/summary')).status).toBe(403);
    expect((await stack.client().get('/api/coaching/thread/summary')).status).toBe(401);
    expect(await coachOf(emailOf('cat'))).toBe(B); // nothing moved
  });
});

describe('working hours', () => {
  it('a message written on Friday evening is expected on Monday', async () => {
    await stack.clock({ at: '2027-03-12T18:30:00Z' }); // Friday 18:30 London
    const res = await write('fay');
    expect(res.body.expectedReply).toEqual({ at: '2027-03-15T17:00:00.000Z', label: 'Monday 17:00' });
    expect((await (await person('fay')).get('/api/coaching/thread/summary')).body.expectedReply.label).toBe(
      'Monday 17:00',
    );
  });
});
