// Route-level privacy: no HR or line-manager route of the employer context returns anything about an individual.
// Every route in functions/employer/http.ts must appear in CALLS (a new route without a case fails this test).
// Each response is checked for per-person fields and values, and every GET answers byte-for-byte the same before
// and after more employees join (including someone the manager emailed) and after one uses coaching (messages, a
// safety share, the weekly check-in, the coach's reply and note, alerts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/employer/http.js';
import { type ApiClient, type ApiResponse, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let hr: ApiClient;
let manager: ApiClient;
let inviteToken: string;
const joined: string[] = [];

const FORBIDDEN_KEYS = new Set([
  'email',
  'emails',
  'emailHash',
  'userId',
  'userIds',
  'sub',
  'sessionId',
  'joinedAt',
  'lastSeenAt',
  'address',
  'addresses',
  'device',
  'opened',
  'bounced',
  'unsubscribed',
  'joined',
  'registered',
  'profile',
  'departmentId',
]);

function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysOf(v, out);
    }
  return out;
}

async function personalValues(): Promise<string[]> {
  const items = await rawTable(stack.db('demo')).scan();
  const employees = items.filter((i) => String(i.sk) === 'PROFILE' && i.role === 'employee');
  return employees.flatMap((p) => [String(p.userId), String(p.email), String(p.emailHash)]);
}

type Call = { who: () => ApiClient; body?: () => unknown; path?: string };
const subject = 'Time for this at work';
const message = 'Hello team, it is fine to use Respite during work hours. I will never know who uses it.';
let batch = 0;

/** One call per route: "METHOD path-pattern" → how to call it. */
const CALLS: Record<string, Call> = {
  'GET /api/employer/launch-kit': { who: () => hr },
  'GET /api/employer/launch-kit/qr': { who: () => hr },
  'PUT /api/employer/launch-kit/checklist/:itemId': {
    who: () => hr,
    path: '/api/employer/launch-kit/checklist/managers',
    body: () => ({ done: true }),
  },
  'GET /api/employer/permission-statements': { who: () => hr },
  'POST /api/employer/permission-statements': {
    who: () => hr,
    body: () => ({ text: 'You may use Respite for half an hour each week at work.', expectedVersion: 1 }),
  },
  'GET /api/employer/departments': { who: () => hr },
  'POST /api/employer/departments': {
    who: () => hr,
    body: () => ({ name: `Privacy test ${Date.now()}`, headcount: 25 }),
  },
  'PATCH /api/employer/departments/:departmentId': {
    who: () => hr,
    path: '/api/employer/departments/warehouse',
    body: () => ({ headcount: 86 }),
  },
  'DELETE /api/employer/departments/:departmentId': { who: () => hr, path: '/api/employer/departments/no-such-dept' },
  'GET /api/employer/managers': { who: () => hr },
  'GET /api/employer/endorsements': { who: () => manager },
  'POST /api/employer/endorsements/preview': {
    who: () => manager,
    body: () => ({ subject, message, addresses: joined.join('\n') }),
  },
  'POST /api/employer/endorsements': {
    who: () => manager,
    body: () => ({
      batchId: `privacy-batch-${++batch}-xxxxxxxx`,
      subject,
      message,
      addresses: [...joined, 'not.joined@team.example'].join('\n'),
    }),
  },
};

async function call(c: Call, method: string, pattern: string): Promise<ApiResponse> {
  return c.who().request(method, c.path ?? pattern, c.body?.());
}

async function allGets(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of routes.filter((x) => x.method === 'GET')) {
    const res = await call(CALLS[`GET ${r.path}`]!, 'GET', r.path);
    out[r.path] = `${res.status} ${res.text}`;
  }
  return out;
}

beforeAll(async () => {
  stack = await startTestStack();
  hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
  manager = await stack.signIn('manager@northwind.example');
  for (const [email, dept] of [
    ['jo.staff@team.example', 'finance'],
    ['kim.staff@team.example', 'people'],
    ['lee.home@example.org', undefined],
  ] as const) {
    await stack.signIn(email, { inviteToken, ...(dept ? { departmentId: dept } : {}) });
    joined.push(email);
  }
});
afterAll(async () => stack?.stop());

describe('employer routes reveal nothing about any person', () => {
  it('every route has a privacy case', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(CALLS).sort());
  });

  it('no response carries a per-person field or any employee’s id, email or email hash', async () => {
    const personal = await personalValues();
    expect(personal.length).toBe(9);
    for (const r of routes) {
      const res = await call(CALLS[`${r.method} ${r.path}`]!, r.method, r.path);
      const label = `${r.method} ${r.path} → ${res.status}`;
      expect(res.status, label).toBeLessThan(300);
      const found = keysOf(res.body).filter((k) => FORBIDDEN_KEYS.has(k));
      expect(found, label).toEqual([]);
      for (const value of personal) expect(res.text.includes(value), `${label} contains a personal value`).toBe(false);
      expect(res.text, label).not.toContain('@team.example');
      expect(res.text, label).not.toContain('@example.org');
    }
  });

  it('every GET answers exactly the same after more people join, including someone the manager emailed', async () => {
    const before = await allGets();
    await stack.signIn('not.joined@team.example', { inviteToken, departmentId: 'finance' });
    await stack.signIn('new.person@example.org', { inviteToken });
    const after = await allGets();
    expect(after).toEqual(before);
  });

  it('every GET answers exactly the same after someone uses coaching: messages, safety, check-ins, notes, alerts', async () => {
    const person = await stack.signIn('uses.coaching@example.org', { inviteToken, departmentId: 'finance' });
    const coach = await stack.signIn('coach@respite.example');
    const before = await allGets();
    // everything the coaching work added: a message (routine alert), an urgent one and a PHQ-9 share (safety alerts),
    // a weekly check-in chosen, the coach's reply and private note, the alerts job's tick
    expect((await person.post('/api/coaching/messages', { id: 'privacy-msg-1', text: 'Work is a lot.' })).status).toBe(
      201,
    );
    expect(
      (await person.post('/api/coaching/messages', { id: 'privacy-msg-2', text: 'Today is bad.', urgent: true }))
        .status,
    ).toBe(201);
    const responseId = 'privacy-phq9';
    expect(
      (
        await person.post('/api/programme/questionnaires/phq9/responses', {
          responseId,
          answers: [2, 2, 2, 2, 2, 2, 2, 2, 1],
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (await person.post('/api/coaching/shares', { itemType: 'questionnaire', itemId: `phq9:${responseId}` })).status,
    ).toBe(201);
    expect((await person.put('/api/reminders/coach-contact', { choice: 'weekly' })).status).toBe(200);
    const threadId = (await coach.get('/api/coaching/inbox')).body.waiting[0].threadId as string;
    expect(
      (
        await coach.post(`/api/coaching/threads/${encodeURIComponent(threadId)}/messages`, {
          id: 'privacy-reply-1',
          text: 'I am here.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await coach.put(`/api/coaching/threads/${encodeURIComponent(threadId)}/notes/privacy-note-1`, {
          text: 'Safety plan talked through.',
          kind: 'safety_action',
          expectedVersion: 0,
        })
      ).status,
    ).toBe(201);
    await stack.runJob('coaching-alerts', { scheduledTime: new Date().toISOString() }, 'demo');
    await stack.queue('email-demo', 'drain');
    expect(await allGets()).toEqual(before);
  });
});
