// Coach notes through the real local stack: two coaches keep private notes on one conversation; notes are validated,
// idempotent, versioned and only their author changes them; "at most N" holds under a burst; nobody but the coaches
// reaches them (not the person in the app, not HR or a manager, not another tenant); they are in the person's data
// export and gone with the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NOTES } from '../../functions/domain/coaching/schema.js';
import { keys } from '../../functions/domain/keys.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const COACH_A = 'coach@respite.example';
const COACH_B = 'second.coach@respite.example';
const SAFETY_TEXT =
  'Followed the crisis protocol: asked about safety, gave the Samaritans number, spoke to supervisor.';

let stack: TestStack;
let ana: ApiClient;
let coachA: ApiClient;
let coachB: ApiClient;
let hr: ApiClient;
let manager: ApiClient;
let threadId: string;
let seq = 0;
const id = (prefix = 'note') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;
const notePath = (noteId: string, thread = threadId) => `/api/coaching/threads/${thread}/notes/${noteId}`;
const notesOf = async (c: ApiClient) =>
  (await c.get(`/api/coaching/threads/${threadId}`)).body.notes as {
    id: string;
    text: string;
    mine: boolean;
    version: number;
    kind: string;
  }[];

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant({ coachEmails: [COACH_A, COACH_B] }),
      demoTenant({ slug: 'acme', name: 'Acme', adminEmails: ['people@acme.example'] }),
    ],
  });
  await stack.clock({ at: '2027-03-10T09:00:00Z' });
  hr = await stack.signIn('hr@northwind.example');
  const invite = (await hr.get('/api/account/invite-link')).body.token;
  coachA = await stack.signIn(COACH_A);
  await stack.clock({ at: '2027-03-10T09:01:00Z' });
  coachB = await stack.signIn(COACH_B);
  manager = await stack.signIn('manager@northwind.example');
  ana = await stack.signIn('ana.notes@example.org', { inviteToken: invite });
  expect(
    (await ana.post('/api/coaching/messages', { id: id('msg'), text: 'Things are hard at the moment.' })).status,
  ).toBe(201);
  threadId = (await coachA.get('/api/coaching/inbox')).body.waiting[0].threadId;
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('coach notes', () => {
  it('a coach writes a note once, however often it is sent, and changes it with a version check', async () => {
    const noteId = id();
    const body = { text: SAFETY_TEXT, kind: 'safety_action', expectedVersion: 0 };
    const first = await coachA.put(notePath(noteId), body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: noteId, kind: 'safety_action', text: SAFETY_TEXT, version: 1, mine: true });
    const again = await coachA.put(notePath(noteId), body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // the same id with other text from a stale copy is refused, and changes nothing
    expect((await coachA.put(notePath(noteId), { ...body, text: 'Something else' })).body.error.code).toBe(
      'version_conflict',
    );

    const edited = await coachA.put(notePath(noteId), {
      ...body,
      text: `${SAFETY_TEXT} Follow up on Friday.`,
      expectedVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, createdAt: first.body.createdAt });
    // a retried edit (the answer was lost) is fine; an edit from the old version is not
    expect(
      (await coachA.put(notePath(noteId), { ...body, text: `${SAFETY_TEXT} Follow up on Friday.`, expectedVersion: 1 }))
        .status,
    ).toBe(200);
    expect((await coachA.put(notePath(noteId), { ...body, text: 'Older tab', expectedVersion: 1 })).status).toBe(409);
    const notes = await notesOf(coachA);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: noteId, text: `${SAFETY_TEXT} Follow up on Friday.`, version: 2, mine: true });
  });

  it('the other coach of the team reads the note (a handover keeps it) but cannot change or delete it', async () => {
    const [note] = await notesOf(coachB);
    expect(note).toMatchObject({ mine: false, kind: 'safety_action' });
    const change = await coachB.put(notePath(note!.id), {
      text: 'Overwritten',
      kind: 'note',
      expectedVersion: note!.version,
    });
    expect(change.status).toBe(403);
    expect((await coachB.delete(notePath(note!.id))).status).toBe(403);
    expect((await notesOf(coachA))[0]!.text).toContain('Follow up on Friday');
    const own = await coachB.put(notePath(id()), { text: 'Covering while Jo is away.', expectedVersion: 0 });
    expect(own.status).toBe(201);
    expect(own.body.kind).toBe('note'); // the default kind
    expect((await notesOf(coachA)).map((n) => n.mine)).toEqual([true, false]);
  });

  it('deleting is idempotent and only the author may do it', async () => {
    const noteId = id();
    expect(
      (await coachA.put(notePath(noteId), { text: 'Temporary', kind: 'follow_up', expectedVersion: 0 })).status,
    ).toBe(201);
    expect((await coachA.delete(notePath(noteId))).status).toBe(204);
    expect((await coachA.delete(notePath(noteId))).status).toBe(204);
    expect((await notesOf(coachA)).some((n) => n.id === noteId)).toBe(false);
    // an edit of a deleted note says so
    expect(
      (await coachA.put(notePath(noteId), { text: 'Temporary again', kind: 'follow_up', expectedVersion: 1 })).body
        .error.code,
    ).toBe('note_deleted');
  });

  it('refuses bad input with a 4xx naming the field, never a 500', async () => {
    const cases: [string, unknown, number, string][] = [
      [notePath(id()), { text: '   ', expectedVersion: 0 }, 422, 'body.text'],
      [notePath(id()), { text: 'x'.repeat(4001), expectedVersion: 0 }, 422, 'body.text'],
      [notePath(id()), { text: 'ok', kind: 'diagnosis', expectedVersion: 0 }, 422, 'body.kind'],
      [notePath(id()), { text: 'ok' }, 422, 'body.expectedVersion'],
      [notePath(id()), { text: 'ok', expectedVersion: -1 }, 422, 'body.expectedVersion'],
      [notePath(id()), { text: 'ok', expectedVersion: 0, author: 'me' }, 422, 'body'],
      [notePath('no'), { text: 'ok', expectedVersion: 0 }, 422, 'path.noteId'],
      [notePath(id(), 'not a thread'), { text: 'ok', expectedVersion: 0 }, 422, 'path.threadId'],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await coachA.put(path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(status);
      expect(JSON.stringify(res.body.error.fields ?? [])).toContain(field);
    }
    expect(
      (await coachA.put(notePath(id(), 'AAAAAAAAAAAAAAAAAAAAAA'), { text: 'ok', expectedVersion: 0 })).status,
    ).toBe(404);
    expect((await coachA.delete(notePath(id(), 'AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404);
  });

  it('keeps at most MAX_NOTES notes per conversation, even under a burst (one conditional write)', async () => {
    const db = stack.db('demo');
    // Find the owner through the thread-by-id index the way the API does, then move the count close to the limit.
    const owner = (
      await db.query(
        { pk: keys.coachThreadById(threadId).gsi2pk, index: 'gsi2', limit: 1 },
        z.looseObject({ userId: z.string() }),
      )
    )[0]!.userId;
    const count = keys.coachNoteCount(owner);
    const stored = (await db.get(count, z.looseObject({ n: z.number() })))!.n;
    expect(stored).toBe(2);
    await db.update(count, { update: 'SET n = :n', values: { ':n': MAX_NOTES - 2 } });
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => coachA.put(notePath(id()), { text: 'Burst', expectedVersion: 0 })),
    );
    expect(burst.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = burst.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(4).fill([409, 'too_many_notes']));
    expect((await db.get(count, z.looseObject({ n: z.number() })))!.n).toBe(MAX_NOTES);
    // deleting one makes room for one
    const mine = (await notesOf(coachA)).filter((n) => n.text === 'Burst');
    expect((await coachA.delete(notePath(mine[0]!.id))).status).toBe(204);
    expect((await coachA.put(notePath(id()), { text: 'Burst', expectedVersion: 0 })).status).toBe(201);
    expect((await coachA.put(notePath(id()), { text: 'Burst', expectedVersion: 0 })).status).toBe(409);
  });

  it('nobody else reaches notes: not the person in the app, HR, a manager, signed-out or another tenant', async () => {
    const thread = await ana.get('/api/coaching/thread');
    expect(thread.status).toBe(200);
    expect(thread.text).not.toContain('crisis protocol');
    expect(thread.text).not.toMatch(/notes|Covering while/i);
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/coaching/threads/${threadId}`],
      ['PUT', notePath(id()), { text: 'x', expectedVersion: 0 }],
      ['DELETE', notePath(id())],
    ];
    for (const [method, path, body] of routes) {
      for (const who of [ana, hr, manager]) {
        const res = await who.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.text).not.toContain('crisis protocol');
      }
      expect((await stack.client().request(method, path, body)).status).toBe(401);
    }
    const acmeCoach = await stack.signIn(COACH_A, { slug: 'acme' });
    expect((await acmeCoach.get(`/api/coaching/threads/${threadId}`)).status).toBe(404);
    expect((await acmeCoach.put(notePath(id()), { text: 'x', expectedVersion: 0 })).status).toBe(404);
  });

  it('are in the person’s data export, and are gone with their account', async () => {
    const exported = await ana.get('/api/my-data/export');
    expect(exported.status).toBe(200);
    const coachSection = exported.body.sections.find((s: { id: string }) => s.id === 'coach');
    const notes = coachSection.records.filter(
      (r: { type: string }) => r.type === 'A note your coach keeps about your conversation',
    );
    expect(notes.map((n: { text: string }) => n.text)).toContain(`${SAFETY_TEXT} Follow up on Friday.`);
    expect(notes.find((n: { text: string }) => n.text.startsWith(SAFETY_TEXT))).toMatchObject({
      kind: 'safety_action',
      threadId,
    });
    expect(coachSection.records.some((r: { type: string }) => r.type === 'How many notes your coach keeps')).toBe(true);
    expect(exported.body.sections.some((s: { id: string }) => s.id === 'other')).toBe(false);
    const html = await ana.get('/api/my-data/export.html');
    expect(html.text).toContain('Followed the crisis protocol');

    const db = stack.db('demo');
    const owner = (
      await db.query(
        { pk: keys.coachThreadById(threadId).gsi2pk, index: 'gsi2', limit: 1 },
        z.looseObject({ userId: z.string() }),
      )
    )[0]!.userId;
    expect((await ana.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
    const p = keys.coachNotePrefix(owner);
    expect(await db.query({ pk: p.pk, skPrefix: p.skPrefix }, z.looseObject({}))).toEqual([]);
    expect(await db.get(keys.coachNoteCount(owner), z.looseObject({}))).toBeUndefined();
    expect(await db.partitionKeys(keys.userPartition(owner))).toEqual([]);
    expect((await coachA.get(`/api/coaching/threads/${threadId}`)).status).toBe(404);
  });
});
