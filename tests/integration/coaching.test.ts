// Coach messaging through the real local stack: the employee's thread, sharing, the coach console, reply-time
// figures, counters, the email notice, bad input, and access checks for every route and role (two tenants).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/coaching/http.js';
import { keys } from '../../functions/domain/keys.js';
import { loadKeyring } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let invite: string;
let ana: ApiClient; // employee with a conversation
let ben: ApiClient; // another employee
let coach: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
let seq = 0;
const id = (prefix = 'msg') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

const counter = async (metric: string, dept = '_all', period = 'all') => {
  return rawTable(stack.db('demo')).number(keys.counter(period, metric, dept));
};

async function anasThreadId(): Promise<string> {
  const inbox = await coach.get('/api/coaching/inbox');
  const rows = [...inbox.body.waiting, ...inbox.body.answered];
  expect(rows).toHaveLength(1);
  return rows[0].threadId;
}

const WEDNESDAY_MORNING = '2027-03-10T09:00:00Z';

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant(),
      demoTenant({ slug: 'acme', name: 'Acme Engineering', adminEmails: ['people@acme.example'] }),
    ],
  });
  // Reply deadlines count coaching hours only, so the day and hour matter: run from a Wednesday 09:00 in London
  // (the clock keeps ticking from there), whatever day the suite runs on.
  await stack.clock({ advanceMs: Date.parse(WEDNESDAY_MORNING) - Date.now() });
  hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  ana = await stack.signIn('ana@example.org', { inviteToken: invite, departmentId: 'warehouse' });
  ben = await stack.signIn('ben@example.org', { inviteToken: invite });
  coach = await stack.signIn('coach@respite.example');
  manager = await stack.signIn('manager@northwind.example');
});
afterAll(async () => stack?.stop());

describe('the employee writes to their coach', () => {
  it('starts with an empty thread that states the reply expectation and the limit', async () => {
    const res = await ana.get('/api/coaching/thread');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      started: false,
      messages: [],
      shares: [],
      maxLength: 4000,
      replyExpectation: 'within 24 hours, Monday to Friday',
    });
  });

  it('stores a message once even when sent twice, and counts it', async () => {
    const messagesBefore = await counter('coach_messages');
    const warehouseBefore = await counter('coach_messages', 'warehouse');
    const conversationsBefore = await counter('coach_conversations');
    const body = { id: id(), text: 'Work has been a lot lately. <script>alert(1)</script> Can we talk?' };
    const first = await ana.post('/api/coaching/messages', body);
    expect(first.status).toBe(201);
    expect(first.body.text).toBe(body.text);
    const again = await ana.post('/api/coaching/messages', body);
    expect(again.status).toBe(200);
    expect(again.body.createdAt).toBe(first.body.createdAt);

    const thread = await ana.get('/api/coaching/thread');
    expect(thread.body.started).toBe(true);
    expect(thread.body.messages).toHaveLength(1);
    expect(thread.body.messages[0]).toMatchObject({ from: 'employee', text: body.text });
    expect(thread.body.waitingSince).toBe(first.body.createdAt);
    expect(await counter('coach_messages')).toBe(messagesBefore + 1);
    expect(await counter('coach_messages', 'warehouse')).toBe(warehouseBefore + 1);
    expect(await counter('coach_conversations')).toBe(conversationsBefore + 1);

    // a second message in the same period: one more message, still one conversation
    expect((await ana.post('/api/coaching/messages', { id: id(), text: 'Mostly in the mornings.' })).status).toBe(201);
    expect(await counter('coach_messages')).toBe(messagesBefore + 2);
    expect(await counter('coach_conversations')).toBe(conversationsBefore + 1);
  });

  it('refuses a different message under an id already used (409) and keeps the original', async () => {
    const body = { id: id(), text: 'First version' };
    await ana.post('/api/coaching/messages', body);
    const clash = await ana.post('/api/coaching/messages', { ...body, text: 'Second version' });
    expect(clash.status).toBe(409);
    const texts = (await ana.get('/api/coaching/thread')).body.messages.map((m: { text: string }) => m.text);
    expect(texts).toContain('First version');
    expect(texts).not.toContain('Second version');
  });

  it('refuses empty, whitespace-only, oversized and malformed messages with a 422 naming the field; nothing is stored', async () => {
    const before = (await ana.get('/api/coaching/thread')).body.messages.length;
    const empty = await ana.post('/api/coaching/messages', { id: id(), text: '' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.text']);
    expect((await ana.post('/api/coaching/messages', { id: id(), text: '   \n ' })).status).toBe(422);
    const long = await ana.post('/api/coaching/messages', { id: id(), text: 'a'.repeat(4001) });
    expect(long.status).toBe(422);
    expect(long.body.error.fields[0]).toMatchObject({ field: 'body.text', message: 'must be at most 4000 characters' });
    const extra = await ana.post('/api/coaching/messages', { id: id(), text: 'hi', userId: 'someone-else' });
    expect(extra.status).toBe(422);
    expect(extra.body.error.fields.map((f: { field: string }) => f.field)).toContain('body');
    const badId = await ana.post('/api/coaching/messages', { id: 'x', text: 'hi' });
    expect(badId.status).toBe(422);
    expect(badId.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.id']);
    expect((await ana.get('/api/coaching/thread')).body.messages.length).toBe(before);
    // exactly at the limit is fine
    expect((await ana.post('/api/coaching/messages', { id: id(), text: 'b'.repeat(4000) })).status).toBe(201);
  });
});

describe('the coach console', () => {
  it('lists the waiting thread by an opaque label, without the person’s id or email', async () => {
    const inbox = await coach.get('/api/coaching/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.waiting).toHaveLength(1);
    const row = inbox.body.waiting[0];
    expect(row.label).toMatch(/^Conversation [A-Z0-9]{4}$/);
    expect(row).toMatchObject({ overdue: false, nearDue: false, lastFrom: 'employee', safety: false });
    expect(row.waitingMinutes).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(inbox.body)).not.toMatch(/ana@example\.org|USER#/);
  });

  it('shows the thread and replies once; the employee gets a notice without the message and sees the reply', async () => {
    const threadId = await anasThreadId();
    const view = await coach.get(`/api/coaching/threads/${threadId}`);
    expect(view.status).toBe(200);
    expect(view.body.messages.length).toBeGreaterThanOrEqual(3);
    expect(view.body.safetyBanner).toBeNull();
    expect(JSON.stringify(view.body)).not.toContain('ana@example.org');

    const inboxBefore = (await stack.inbox('ana@example.org')).length;
    const reply = { id: id('reply'), text: 'Thank you for writing. Secret-reply-words about mornings.' };
    const sent = await coach.post(`/api/coaching/threads/${threadId}/messages`, reply);
    expect(sent.status).toBe(201);
    expect(sent.body.noticeSent).toBe(true);
    const retried = await coach.post(`/api/coaching/threads/${threadId}/messages`, reply);
    expect(retried.status).toBe(200);

    // the email engine may queue it: wait for it to arrive, then make sure no second one follows
    let mails = (await stack.inbox('ana@example.org')).slice(inboxBefore);
    for (let i = 0; i < 50 && mails.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      mails = (await stack.inbox('ana@example.org')).slice(inboxBefore);
    }
    await new Promise((r) => setTimeout(r, 500));
    mails = (await stack.inbox('ana@example.org')).slice(inboxBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('You have a new message');
    const everything = JSON.stringify(mails[0]);
    expect(everything).not.toContain('Secret-reply-words');
    expect(everything).not.toMatch(/coach|stress|mental/i);

    const thread = (await ana.get('/api/coaching/thread')).body;
    expect(
      thread.messages.filter((m: { from: string }) => m.from === 'coach').map((m: { text: string }) => m.text),
    ).toEqual([reply.text]);
    expect(thread.waitingSince).toBeNull();
    const inbox = (await coach.get('/api/coaching/inbox')).body;
    expect(inbox.waiting).toHaveLength(0);
    expect(inbox.answered[0].threadId).toBe(threadId);
  });

  it('records first-reply times as aggregates, flags overdue threads after 24 hours', async () => {
    const first = (await coach.get('/api/coaching/sla?period=all')).body;
    expect(first).toMatchObject({ replies: 1, within24h: 1, shareWithin24h: 1 });
    expect(first.medianMinutes).toBe(5);

    await ana.post('/api/coaching/messages', { id: id(), text: 'Another question, no rush.' });
    const threadId = await anasThreadId();
    await stack.clock({ advanceMs: 19 * 3_600_000 });
    let lateCoach: ApiClient | undefined;
    try {
      // coach sessions time out after 2 idle hours: sign in again after moving the clock
      lateCoach = await stack.signIn('coach@respite.example');
      const near = (await lateCoach.get('/api/coaching/inbox')).body.waiting[0];
      expect(near).toMatchObject({ threadId, overdue: false, nearDue: true });
      await stack.clock({ advanceMs: 6 * 3_600_000 });
      lateCoach = await stack.signIn('coach@respite.example');
      const late = (await lateCoach.get('/api/coaching/inbox')).body.waiting[0];
      expect(late).toMatchObject({ threadId, overdue: true, nearDue: false });
      expect(late.waitingMinutes).toBeGreaterThanOrEqual(25 * 60);
      expect(
        (
          await lateCoach.post(`/api/coaching/threads/${threadId}/messages`, {
            id: id('reply'),
            text: 'Sorry for the wait.',
          })
        ).status,
      ).toBe(201);
      const sla = (await lateCoach.get('/api/coaching/sla?period=all')).body;
      expect(sla).toMatchObject({ replies: 2, within24h: 1, shareWithin24h: 0.5 });
      // the median of {0 min, 25 h}: the lower half's bucket
      expect(sla.medianMinutes).toBe(5);
      // a coach follow-up while nobody waits is not a first reply
      await lateCoach.post(`/api/coaching/threads/${threadId}/messages`, {
        id: id('reply'),
        text: 'One more thought.',
      });
      expect((await lateCoach.get('/api/coaching/sla?period=all')).body.replies).toBe(2);
      expect((await lateCoach.get('/api/coaching/sla?period=2026-13')).status).toBe(422);
    } finally {
      await stack.clock({ advanceMs: -25 * 3_600_000 });
    }
    coach = await stack.signIn('coach@respite.example');
  });

  it('keeps reply templates: built-ins plus the coach’s own, idempotent to save and delete', async () => {
    const list = (await coach.get('/api/coaching/templates')).body.templates;
    expect(list.filter((t: { builtIn: boolean }) => t.builtIn).length).toBeGreaterThanOrEqual(3);
    const t = { id: id('tpl'), title: 'Sleep tips', text: 'Try keeping the same wake-up time every day.' };
    expect((await coach.post('/api/coaching/templates', t)).status).toBe(201);
    expect((await coach.post('/api/coaching/templates', t)).status).toBe(200);
    expect((await coach.post('/api/coaching/templates', { ...t, text: 'changed' })).status).toBe(409);
    expect(
      (await coach.get('/api/coaching/templates')).body.templates.map((x: { templateId: string }) => x.templateId),
    ).toContain(t.id);
    expect((await coach.delete(`/api/coaching/templates/${t.id}`)).status).toBe(204);
    expect((await coach.delete(`/api/coaching/templates/${t.id}`)).status).toBe(204);
    expect(
      (await coach.get('/api/coaching/templates')).body.templates.map((x: { templateId: string }) => x.templateId),
    ).not.toContain(t.id);
    expect((await coach.delete('/api/coaching/templates/builtin-welcome')).status).toBe(409);
    expect((await coach.post('/api/coaching/templates', { id: id('tpl'), title: '', text: 'x' })).status).toBe(422);
  });
});

describe('sharing items into the thread', () => {
  it('shares a diary entry as a snapshot the coach can see, once, and revokes it', async () => {
    const entryId = id('diary');
    const created = await ana.post('/api/programme/diary', {
      entryId,
      entry: {
        kind: 'stress',
        situation: 'Busy loading bay before the deadline',
        stress: 7,
        whatHelped: 'A short walk',
      },
    });
    expect(created.status).toBe(201);
    const shareable = (await ana.get('/api/coaching/shareable')).body.items;
    expect(shareable).toContainEqual(
      expect.objectContaining({ itemType: 'diary', itemId: entryId, title: 'Stress diary entry' }),
    );

    const share = await ana.post('/api/coaching/shares', { itemType: 'diary', itemId: entryId });
    expect(share.status).toBe(201);
    expect((await ana.post('/api/coaching/shares', { itemType: 'diary', itemId: entryId })).status).toBe(200);

    const threadId = await anasThreadId();
    const view = (await coach.get(`/api/coaching/threads/${threadId}`)).body;
    expect(view.shares).toHaveLength(1);
    expect(view.shares[0].title).toBe('Stress diary entry');
    expect(view.shares[0].lines).toContainEqual({
      label: 'What happened',
      value: 'Busy loading bay before the deadline',
    });
    expect(view.shares[0].lines).toContainEqual({ label: 'How stressed (0–10)', value: '7' });
    // sharing counts as reaching out: the thread is waiting again
    expect(view.waitingSince).not.toBeNull();

    expect((await ana.delete(`/api/coaching/shares/${share.body.shareId}`)).status).toBe(204);
    expect((await ana.delete(`/api/coaching/shares/${share.body.shareId}`)).status).toBe(204);
    expect((await coach.get(`/api/coaching/threads/${threadId}`)).body.shares).toEqual([]);
    // the diary entry itself is untouched by revoking
    expect((await ana.get(`/api/programme/diary/${entryId}`)).status).toBe(200);
  });

  it('refuses to share another person’s item or a deleted one (404), writing nothing', async () => {
    const bensEntry = id('diary');
    expect(
      (
        await ben.post('/api/programme/diary', {
          entryId: bensEntry,
          entry: { kind: 'stress', situation: 'Ben’s private day', stress: 3 },
        })
      ).status,
    ).toBe(201);
    const countItems = () => rawTable(stack.db('demo')).count();
    const before = await countItems();
    const theirs = await ana.post('/api/coaching/shares', { itemType: 'diary', itemId: bensEntry });
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain('private day');

    const gone = id('diary');
    await ana.post('/api/programme/diary', {
      entryId: gone,
      entry: { kind: 'stress', situation: 'To be deleted', stress: 2 },
    });
    await ana.delete(`/api/programme/diary/${gone}`);
    const afterDelete = await countItems();
    expect((await ana.post('/api/coaching/shares', { itemType: 'diary', itemId: gone })).status).toBe(404);
    expect(
      (await ana.post('/api/coaching/shares', { itemType: 'questionnaire', itemId: 'phq9:nope-nope-nope' })).status,
    ).toBe(404);
    expect((await ana.post('/api/coaching/shares', { itemType: 'exercise', itemId: 'no-such-module:x' })).status).toBe(
      404,
    );
    expect((await ana.post('/api/coaching/shares', { itemType: 'photo', itemId: gone })).status).toBe(422);
    expect(await countItems()).toBe(afterDelete);
    expect(afterDelete).toBeGreaterThanOrEqual(before!);
    expect((await ben.get('/api/coaching/thread')).body).toMatchObject({ started: false, messages: [], shares: [] });
  });

  it('a shared PHQ-9 with item 9 above 0 shows the coach the crisis protocol until it is revoked', async () => {
    const responseId = id('phq');
    const submitted = await ana.post('/api/programme/questionnaires/phq9/responses', {
      responseId,
      answers: [1, 1, 2, 1, 0, 1, 1, 0, 1],
    });
    expect(submitted.status).toBeLessThan(300);
    const share = await ana.post('/api/coaching/shares', { itemType: 'questionnaire', itemId: `phq9:${responseId}` });
    expect(share.status).toBe(201);
    const threadId = await anasThreadId();
    const view = (await coach.get(`/api/coaching/threads/${threadId}`)).body;
    expect(view.safetyBanner.protocol.join(' ')).toMatch(/Reply to them today/);
    expect(view.safetyBanner.crisisResources.map((r: { contact: string }) => r.contact)).toContain('116 123');
    expect(view.shares[0]).toMatchObject({ title: 'PHQ-9 result', safety: true });
    expect((await coach.get('/api/coaching/inbox')).body.waiting[0].safety).toBe(true);

    await ana.delete(`/api/coaching/shares/${share.body.shareId}`);
    expect((await coach.get(`/api/coaching/threads/${threadId}`)).body.safetyBanner).toBeNull();
    const inbox = (await coach.get('/api/coaching/inbox')).body;
    expect([...inbox.waiting, ...inbox.answered][0].safety).toBe(false);
  });
});

describe('scheduled check-ins in the coach console', () => {
  it('lists upcoming check-ins by conversation label (never an email), and personalises one with a version check', async () => {
    const list = (await coach.get('/api/coaching/checkins')).body.checkins;
    const anas = list.filter((c: { threadId: string | null }) => c.threadId !== null);
    expect(anas.map((c: { number: number }) => c.number).sort()).toEqual([1, 2, 3]);
    expect(anas[0].person).toMatch(/^Conversation /);
    expect(list.filter((c: { threadId: string | null }) => c.threadId === null).length).toBeGreaterThanOrEqual(3); // Ben's
    expect(JSON.stringify(list)).not.toMatch(/@example\.org/);

    const first = anas.find((c: { number: number }) => c.number === 1);
    const view = await coach.get(`/api/coaching/checkins/${first.ref}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: 1, personalised: false, version: 0, sent: false });
    const text =
      'Hello again. I wanted to see how the first week has gone for you, and whether the mornings are any easier.';
    const saved = await coach.put(`/api/coaching/checkins/${first.ref}`, { text, coachName: 'Jo', expectedVersion: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ text, personalised: true, version: 1 });
    // a stale edit (another tab) is refused and changes nothing
    expect(
      (
        await coach.put(`/api/coaching/checkins/${first.ref}`, {
          text: `${text} Changed.`,
          coachName: 'Jo',
          expectedVersion: 0,
        })
      ).status,
    ).toBe(409);
    expect((await coach.get(`/api/coaching/checkins/${first.ref}`)).body.text).toBe(text);
    expect(
      (await coach.put(`/api/coaching/checkins/${first.ref}`, { text: 'short', coachName: 'Jo', expectedVersion: 1 }))
        .status,
    ).toBe(422);
    // references are opaque: decoded, no part reveals the person's user id (or any JSON claim)
    const anaUser = await stack
      .db('demo')
      .get(
        keys.emailLookup(loadKeyring(stack.keys()).pseudonym('email', 'ana@example.org')),
        z.object({ userId: z.string() }),
      );
    expect(anaUser?.userId).toBeTruthy();
    for (const c of list as { ref: string }[]) {
      const decoded = [c.ref, ...c.ref.split('.')]
        .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
        .join(' ');
      expect(decoded).not.toContain(anaUser!.userId);
      expect(decoded).not.toMatch(/"u"|"n"/);
    }
    // a forged or altered reference reaches nothing
    const [kid, iv, sealed] = first.ref.split('.') as [string, string, string];
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[0]! ^= 1;
    expect((await coach.get(`/api/coaching/checkins/${kid}.${iv}.${flipped.toString('base64url')}`)).status).toBe(404);
    expect((await coach.get(`/api/coaching/checkins/${first.ref.slice(0, -2)}xx`)).status).toBe(404);
    for (const who of [ana, hr, manager])
      expect((await who.get(`/api/coaching/checkins/${first.ref}`)).status).toBe(403);
  });

  it('the employee’s check-in choice shows on their thread', async () => {
    expect((await ana.get('/api/coaching/thread')).body.checkinsOn).toBe(true);
    expect((await ana.put('/api/reminders/checkins', { on: false })).status).toBe(200);
    expect((await ana.get('/api/coaching/thread')).body.checkinsOn).toBe(false);
    await ana.put('/api/reminders/checkins', { on: true });
  });
});

describe('access: every route, every other role, another tenant', () => {
  const EMPLOYEE_ROUTES: [string, string, unknown?][] = [
    ['GET', '/api/coaching/thread'],
    ['GET', '/api/coaching/thread/summary'],
    ['POST', '/api/coaching/thread/read'],
    ['POST', '/api/coaching/messages', { id: 'access-check-1', text: 'hello' }],
    ['GET', '/api/coaching/shareable'],
    ['POST', '/api/coaching/shares', { itemType: 'diary', itemId: 'whatever' }],
    ['DELETE', '/api/coaching/shares/diary~whatever'],
  ];
  const coachRoutes = (threadId: string): [string, string, unknown?][] => [
    ['GET', '/api/coaching/inbox'],
    ['GET', `/api/coaching/threads/${threadId}`],
    ['POST', `/api/coaching/threads/${threadId}/messages`, { id: 'access-check-2', text: 'hello' }],
    ['GET', '/api/coaching/templates'],
    ['POST', '/api/coaching/templates', { id: 'access-check-3', title: 't', text: 'x' }],
    ['DELETE', '/api/coaching/templates/access-check-3'],
    ['GET', '/api/coaching/sla'],
    ['GET', '/api/coaching/checkins'],
    ['GET', `/api/coaching/checkins/${'r'.repeat(12)}`],
    ['PUT', `/api/coaching/checkins/${'r'.repeat(12)}`, { text: 'x', coachName: 'Jo', expectedVersion: 0 }],
    ['POST', `/api/coaching/threads/${threadId}/read`],
    ['PUT', `/api/coaching/threads/${threadId}/notes/access-note-1`, { text: 'x', expectedVersion: 0 }],
    ['DELETE', `/api/coaching/threads/${threadId}/notes/access-note-1`],
    ['POST', `/api/coaching/threads/${threadId}/assign`, { coachId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    ['GET', '/api/coaching/team'],
    ['PUT', '/api/coaching/team/me', { away: false }],
    ['POST', '/api/coaching/team/AAAAAAAAAAAAAAAAAAAAAA/hand-over'],
    ['GET', '/api/coaching/board'],
  ];

  /** The platform operator's routes (operator.test.ts covers them in depth): nobody else reaches them. */
  const OPERATOR_ROUTES: [string, string, unknown?][] = [
    ['GET', '/api/coaching/operator/service'],
    ['PUT', '/api/coaching/operator/roster', { expectedVersion: 0, coaches: [{ email: 'x@respite.example' }] }],
    ['PUT', '/api/coaching/operator/hours', { expectedVersion: 0, hours: {} }],
    ['GET', '/api/coaching/operator/health'],
  ];

  it('the lists below cover every route of the coaching router (a new route cannot be left out)', () => {
    const listed = [...EMPLOYEE_ROUTES, ...coachRoutes('T'.repeat(22)), ...OPERATOR_ROUTES];
    const missing = routes
      .filter(
        (r) =>
          !listed.some(
            ([method, path]) =>
              method === r.method && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path),
          ),
      )
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    // and each list holds only routes of its audience
    for (const [method, path] of EMPLOYEE_ROUTES) expect(routeFor(method, path)?.auth, path).toEqual(['employee']);
    for (const [method, path] of coachRoutes('T'.repeat(22)))
      expect(routeFor(method, path)?.auth, path).toEqual(['coach']);
    for (const [method, path] of OPERATOR_ROUTES) expect(routeFor(method, path)?.auth, path).toEqual(['operator']);
  });
  const routeFor = (method: string, path: string) =>
    routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));

  it('HR admins and managers reach nothing (403, no data)', async () => {
    const threadId = await anasThreadId();
    for (const who of [hr, manager])
      for (const [method, path, body] of [...EMPLOYEE_ROUTES, ...coachRoutes(threadId), ...OPERATOR_ROUTES]) {
        const res = await who.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.text).not.toMatch(/Conversation|mornings|messages/);
      }
  });

  it('employees cannot use the coach console, and the coach cannot use employee routes', async () => {
    const threadId = await anasThreadId();
    for (const [method, path, body] of coachRoutes(threadId)) {
      expect((await ana.request(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await ben.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    for (const [method, path, body] of EMPLOYEE_ROUTES)
      expect((await coach.request(method, path, body)).status, `${method} ${path}`).toBe(403);
    // nor the operator's
    for (const [method, path, body] of OPERATOR_ROUTES)
      for (const who of [ana, coach])
        expect((await who.request(method, path, body)).status, `${method} ${path}`).toBe(403);
  });

  it('signed-out requests get 401 and no data', async () => {
    const threadId = await anasThreadId();
    for (const [method, path, body] of [...EMPLOYEE_ROUTES, ...coachRoutes(threadId), ...OPERATOR_ROUTES]) {
      const res = await stack.client().request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('an unknown thread id is 404 for the coach', async () => {
    expect((await coach.get('/api/coaching/threads/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(
      (await coach.post('/api/coaching/threads/AAAAAAAAAAAAAAAAAAAAAA/messages', { id: id(), text: 'hi' })).status,
    ).toBe(404);
  });

  it('another tenant’s coach sees nothing of this tenant, and a cookie replayed across tenants is refused', async () => {
    const threadId = await anasThreadId();
    const acmeCoach = await stack.signIn('coach@respite.example', { slug: 'acme' });
    expect((await acmeCoach.get('/api/coaching/inbox')).body).toEqual({ waiting: [], answered: [] });
    expect((await acmeCoach.get(`/api/coaching/threads/${threadId}`)).status).toBe(404);

    // replay: the demo coach's and Ana's cookies sent to the acme API, and acme's coach cookie sent to demo
    const replay = (from: ApiClient, slug: string) => {
      const c = stack.client(slug);
      for (const [k, v] of from.cookies) c.cookies.set(k.replace(/^rs_\w+$/, `rs_${slug}`), v);
      return c;
    };
    for (const [method, path, body] of coachRoutes(threadId)) {
      const res = await replay(coach, 'acme').request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await replay(acmeCoach, 'demo').request(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    for (const [method, path, body] of EMPLOYEE_ROUTES)
      expect((await replay(ana, 'acme').request(method, path, body)).status).toBe(401);
  });
});
