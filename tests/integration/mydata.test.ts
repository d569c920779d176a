// "My data" through the local API server and DynamoDB Local: the export holds everything (unknown item types
// included), sessions can be ended everywhere, and account deletion leaves no item of the person behind — checked
// against every per-person key pattern in access-patterns.md and by scanning the whole table for their ids.

import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GSI1, GSI2, type Key, keys } from '../../functions/domain/keys.js';
import { deleteAccount } from '../../functions/domain/mydata/delete.js';
import { Db } from '../../functions/shared/db.js';
import { type ApiClient, latestCode, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => stack?.stop());

// Tests may Scan to inspect everything; the functions never do.
const scanAll = () => rawTable(stack.db('demo')).scan();

async function whoIs(email: string): Promise<{ userId: string; emailHash: string }> {
  const profile = (await scanAll()).find((i) => i.sk === 'PROFILE' && i.email === email);
  if (!profile) throw new Error(`no profile for ${email}`);
  return { userId: String(profile.userId), emailHash: String(profile.emailHash) };
}

async function join(email: string, departmentId?: string): Promise<ApiClient> {
  return stack.signIn(email, { inviteToken, ...(departmentId ? { departmentId } : {}) });
}

const leavers = (dept: string) => rawTable(stack.db('demo')).number(keys.counter('all', 'leavers', dept));

describe('export', () => {
  it('gives everything the person has as JSON, grouped by type, with unknown types under "other"', async () => {
    const email = 'export.me@example.org';
    const c = await join(email, 'warehouse');
    await c.put('/api/return-to-work/plan', { version: null, plan: { goals: 'Back to <b>full</b> days by spring' } });
    const { userId } = await whoIs(email);
    const db = stack.db('demo');
    await db.put({ pk: keys.userPartition(userId), sk: 'FUTURE#thing-1', note: 'a kind of item added later' });

    const res = await c.get('/api/my-data/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="respite-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const sections = Object.fromEntries(
      (res.body.sections as { id: string; records: Record<string, unknown>[] }[]).map((s) => [s.id, s.records]),
    );
    expect(res.body.format).toBe('respite-data-export');
    expect(sections.profile![0]).toMatchObject({ type: 'Account', email, departmentId: 'warehouse' });
    expect(sections.profile![0]).not.toHaveProperty('emailHash');
    expect(res.text).not.toMatch(/"(pk|sk|gsi1pk|gsi1sk|gsi2pk|gsi2sk|emailHash)"|USER#|REMINDERS#SCHEDULE#/);
    expect(sections.returnToWork![0]).toMatchObject({
      type: 'Return-to-work plan',
      plan: { goals: 'Back to <b>full</b> days by spring' },
    });
    expect(sections.countingMarkers!.map((r) => r.id)).toContain(`active#all`);
    expect(sections.sessions![0]).toMatchObject({ type: 'Signed-in device', device: expect.any(String) });
    expect(sections.other).toEqual([{ type: 'Other', id: 'FUTURE#thing-1', note: 'a kind of item added later' }]);
    // index attributes are not part of what the person owns; the text never carries the partition key
    expect(res.text).not.toContain('"pk"');
    expect(res.text).not.toContain('gsi1pk');
  });

  it('gives a readable, printable HTML page with the same content, escaped and script-free', async () => {
    const c = await join('export.html@example.org');
    await c.put('/api/return-to-work/plan', { version: null, plan: { goals: 'Walk at lunch <script>x()</script>' } });
    const res = await c.get('/api/my-data/export.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.text).toContain('<h1>Your data in Respite</h1>');
    expect(res.text).toContain('Your return-to-work plan');
    expect(res.text).toContain('Walk at lunch &lt;script&gt;x()&lt;/script&gt;');
    expect(res.text).not.toContain('<script>');
  });

  it('shows a person only their own data', async () => {
    const a = await join('only.mine.a@example.org');
    const b = await join('only.mine.b@example.org');
    await a.put('/api/return-to-work/plan', { version: null, plan: { goals: 'A-secret-goal' } });
    expect((await b.get('/api/my-data/export')).text).not.toContain('A-secret-goal');
    expect((await stack.client().get('/api/my-data/export')).status).toBe(401);
  });
});

describe('sessions', () => {
  it('lists the devices and signs out everywhere: this device now, the others at their next check (≤ 5 min)', async () => {
    const email = 'two.devices@example.org';
    const laptop = await join(email);
    const phone = await stack.signIn(email);
    const list = await laptop.get('/api/my-data/sessions');
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.body.sessions[0]).toEqual({
      device: expect.any(String),
      signedInAt: expect.any(String),
      lastActiveAt: expect.any(String),
      current: expect.any(Boolean),
    });

    const out = await laptop.post('/api/my-data/sessions/sign-out-everywhere');
    expect(out.status).toBe(200);
    expect(out.body.signedOut).toBe(2);
    expect((await laptop.get('/api/my-data/sessions')).status).toBe(401);
    // every write re-checks the session record, so the other device cannot write any more (a retry changes nothing) …
    expect((await phone.post('/api/my-data/sessions/sign-out-everywhere')).status).toBe(401);

    // … and its reads stop at the next check (≤ 5 min)
    await stack.clock({ advanceMs: 5 * 60_000 + 1_000 });
    try {
      expect((await phone.get('/api/account/me')).status).toBe(401);
    } finally {
      await stack.clock({ advanceMs: -(5 * 60_000 + 1_000) });
    }
  });
});

/** One item for every per-person pattern other contexts documented, with their index attributes. */
async function seedEverything(userId: string, emailHash: string): Promise<{ threadId: string }> {
  const db = stack.db('demo');
  const threadId = `thread-${userId.slice(0, 6)}`;
  const items: (Key & Record<string, unknown>)[] = [
    { ...keys.moduleProgress(userId, 'understanding-stress'), section: 'what-stress-is' },
    { ...keys.moduleCompleted(userId, 'understanding-stress'), at: 'x' },
    { ...keys.exerciseAnswers(userId, 'understanding-stress', 'spot-your-signals'), answers: { a: 'b' } },
    { ...keys.diaryEntry(userId, 'd1'), situation: 'busy day', version: 1 },
    { ...keys.questionnaireResponse(userId, 'pss10', 'r1'), total: 20 },
    { ...keys.questionnaireFirstScore(userId, 'pss10', '2026-11'), total: 20 },
    { ...keys.parkedThought(userId, 't1'), text: 'later' },
    { ...keys.reminderPrefs(userId), days: ['mon'] },
    { ...keys.userCountry(userId), country: 'SE', updatedAt: 'x' },
    { ...keys.reminderSchedule(userId, 'reminder'), ...keys.dueSlot('2026-11-23T09:00Z'), gsi2sk: userId },
    { ...keys.checkinText(userId, 1), ...keys.upcomingCheckins(), gsi1sk: `2026-11-30#${userId}`, text: 'Hi' },
    { ...keys.sendLedgerForUser(userId, 'reminder', 'k1'), at: 'x' },
    {
      ...keys.coachThread(userId),
      threadId,
      ...keys.coachInbox('WAITING', '2026-11-23T09:00Z', threadId),
      ...keys.coachThreadById(threadId),
    },
    { ...keys.coachMessage(userId, 'm1'), text: 'hello coach' },
    { ...keys.coachShare(userId, 's1'), snapshot: {} },
    { ...keys.counted(userId, 'coach_conversations', 'all') },
    { ...keys.sendLedgerForAddress(emailHash, 'endorsement', 'b1'), at: 'x' },
    { ...keys.staffInvite(emailHash), role: 'manager', invitedAt: '2000-01-01T00:00:00.000Z' },
  ];
  for (const item of items) await db.put(item);
  return { threadId };
}

async function expectNothingLeft(person: {
  userId: string;
  emailHash: string;
  email: string;
  threadId?: string;
  sessionIds: string[];
}) {
  const table = rawTable(stack.db('demo'));
  const get = table.get;
  const queryPk = async (pk: string, index?: string) =>
    (
      await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index ? `${index}pk` : 'pk' },
          ExpressionAttributeValues: { ':pk': pk },
        }),
      )
    ).Items ?? [];
  // the person's partition (programme, reminders, coaching, counting markers, return to work, my data)
  expect(await queryPk(keys.userPartition(person.userId))).toEqual([]);
  // per person, outside the partition
  expect(await get(keys.emailLookup(person.emailHash))).toBeUndefined();
  expect(await get(keys.signInChallenge(person.emailHash))).toBeUndefined();
  expect(await queryPk(keys.sendLedgerForAddress(person.emailHash, '', '').pk)).toEqual([]);
  for (const sid of person.sessionIds) expect(await get(keys.session(sid))).toBeUndefined();
  expect(await queryPk(keys.sessionsOfUser(person.userId).gsi1pk, GSI1)).toEqual([]);
  expect(await get(keys.pendingDeletion(person.userId))).toBeUndefined();
  // index entries: reminders due, upcoming check-ins, coach inbox, coach thread by id
  const mentions = (items: Record<string, unknown>[]) =>
    items.filter(
      (i) =>
        JSON.stringify(i).includes(person.userId) || (person.threadId && JSON.stringify(i).includes(person.threadId)),
    );
  expect(mentions(await queryPk(keys.dueSlot('2026-11-23T09:00Z').gsi2pk, GSI2))).toEqual([]);
  expect(mentions(await queryPk(keys.upcomingCheckins().gsi1pk, GSI1))).toEqual([]);
  expect(mentions(await queryPk('COACH_INBOX', GSI1))).toEqual([]);
  if (person.threadId) expect(await queryPk(keys.coachThreadById(person.threadId).gsi2pk, GSI2)).toEqual([]);
  // and nothing anywhere in the table mentions them. Documented exceptions: the suppression list (links to no
  // account) and sign-in rate-limit windows keyed by the address hash, which expire within the hour.
  const anywhere = (await scanAll()).filter((i) => {
    const text = JSON.stringify(i);
    return text.includes(person.userId) || text.includes(person.emailHash) || text.includes(person.email);
  });
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;
  for (const i of anywhere.filter((i) => String(i.pk).startsWith('RATE#')))
    expect(Number(i.expiresAt)).toBeLessThan(inAnHour);
  // A third exception: HR's staff invitation for the address is HR's record, not the employee account's, so deleting
  // the employee account leaves it (issue 13: nothing HR sees may depend on it; staff-invite-channel.test.ts).
  for (const i of anywhere.filter((i) => String(i.pk).startsWith('STAFFINVITE#')))
    expect(i).toMatchObject(keys.staffInvite(person.emailHash));
  expect(
    anywhere.filter((i) => !['SUPPRESS#', 'RATE#', 'STAFFINVITE#'].some((p) => String(i.pk).startsWith(p))),
  ).toEqual([]);
}

async function sessionIdsOf(userId: string): Promise<string[]> {
  const table = rawTable(stack.db('demo'));
  const out = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': keys.sessionsOfUser(userId).gsi1pk },
    }),
  );
  return (out.Items ?? []).map((i) => String(i.sessionId));
}

describe('delete my account', () => {
  it('needs the confirmation, naming the field', async () => {
    const c = await join('not.yet@example.org');
    const res = await c.post('/api/my-data/delete-account', {});
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('body.confirm');
    expect(res.body.error.fields[0].message).toMatch(/tick the box/);
    expect((await c.get('/api/account/me')).status).toBe(200);
  });

  it('removes every item of the person (double submit from two devices is one deletion) and they can no longer sign in', async () => {
    const email = 'leaving.now@example.org';
    const laptop = await join(email, 'finance');
    const phone = await stack.signIn(email);
    await laptop.put('/api/return-to-work/plan', { version: null, plan: { goals: 'mine' } });
    const { userId, emailHash } = await whoIs(email);
    const { threadId } = await seedEverything(userId, emailHash);
    const sessionIds = await sessionIdsOf(userId);
    expect(sessionIds).toHaveLength(2);
    const leaversBefore = await leavers('finance');

    const [a, b] = await Promise.all([
      laptop.post('/api/my-data/delete-account', { confirm: true }),
      phone.post('/api/my-data/delete-account', { confirm: true }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual({ deleted: true });
    expect(a.headers.getSetCookie().some((c) => /^rs_demo=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await leavers('finance')).toBe(leaversBefore + 1);

    await expectNothingLeft({ userId, emailHash, email, threadId, sessionIds });
    // HR's staff invitation (seeded above) is kept: it is HR's, not the deleted account's
    expect(await stack.db('demo').get(keys.staffInvite(emailHash), z.any())).toMatchObject({ role: 'manager' });
    await stack.db('demo').delete(keys.staffInvite(emailHash)); // as if HR had never invited the address

    // signing in now behaves exactly as for an address that never had an account
    const known = await stack.client().post('/api/account/sign-in', { email });
    const unknown = await stack.client().post('/api/account/sign-in', { email: 'never.here@example.org' });
    expect(known.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const mails = await stack.inbox(email);
    expect(mails.at(-1)!.subject).toBe((await stack.inbox('never.here@example.org')).at(-1)!.subject);
    expect(latestCode([mails.at(-1)!])).toBeUndefined();
  });

  it('finishes an interrupted deletion from the scheduled job, and nothing stays half-deleted', async () => {
    const email = 'interrupted@example.org';
    const c = await join(email, 'operations');
    await c.put('/api/return-to-work/plan', { version: null, plan: { goals: 'mine' } });
    const { userId, emailHash } = await whoIs(email);
    const db = stack.db('demo');
    // 60 diary entries: more than two BatchWrite chunks of 25
    for (let i = 0; i < 60; i += 25)
      await rawTable(db).client.send(
        new BatchWriteCommand({
          RequestItems: {
            [db.tableName]: Array.from({ length: Math.min(25, 60 - i) }, (_, j) => ({
              PutRequest: { Item: { ...keys.diaryEntry(userId, `e${i + j}`), situation: 'x' } },
            })),
          },
        }),
      );
    const sessionIds = await sessionIdsOf(userId);
    const leaversBefore = await leavers('operations');

    // Fault injection only: the second BatchWrite fails as if the function timed out.
    let batches = 0;
    const faulty = {
      send: (cmd: unknown) => {
        if (cmd instanceof BatchWriteCommand && ++batches === 2)
          return Promise.reject(Object.assign(new Error('injected'), { name: 'InternalServerError' }));
        return rawTable(db).client.send(cmd as never);
      },
    } as unknown as DynamoDBDocumentClient;
    await expect(deleteAccount(new Db(faulty, db.tableName), userId, new Date())).rejects.toThrow('injected');

    // half-way: the account can no longer be signed in to, and the deletion is recorded as pending
    const remaining = (await db.partitionKeys(keys.userPartition(userId))).length;
    expect(remaining).toBeGreaterThan(1);
    expect(await db.get(keys.emailLookup(emailHash), z.any())).toBeUndefined();
    expect((await db.partitionKeys(keys.pendingDeletionsPartition())).map((k) => k.sk)).toContain(
      keys.pendingDeletion(userId).sk,
    );

    const results = await stack.runJob('mydata-finish-deletions', { scheduledTime: new Date().toISOString() }, 'demo');
    expect(results).toEqual([{ finished: 1 }]);
    await expectNothingLeft({ userId, emailHash, email, sessionIds });
    expect(await leavers('operations')).toBe(leaversBefore + 1);
    // and a retry by a stale device is refused (its session is gone) and harmless
    expect((await c.post('/api/my-data/delete-account', { confirm: true })).status).toBe(401);
    expect(await leavers('operations')).toBe(leaversBefore + 1);
  });
});
