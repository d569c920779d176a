// One person, one unit (issue 13, docs/statistics.md, rule 10): deleting an account and joining again is not a second
// person in the counters the released figures are made from. End to end through the local stack (join from the
// invite link, delete-account, join again), then read the counters and the retained marker in the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJOIN_RETENTION_DAYS } from '../../functions/domain/enrolment/rejoin.js';
import { keys } from '../../functions/domain/keys.js';
import { countDistinct, isoWeek } from '../../functions/domain/stats/counters.js';
import { normaliseEmail } from '../../functions/shared/crypto.js';
import { loadKeyring } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

const T0 = '2026-11-18T10:00:00.000Z'; // Wednesday of 2026-W47, in 2026-11 and 2026-H2
const SAME_WEEK = '2026-11-19T10:00:00.000Z';
const NEXT_MONTH = '2026-12-02T10:00:00.000Z';
const PERSON = 'robin.rejoins@example.org';

let stack: TestStack;
let inviteToken: string;

const Value = z.object({ value: z.number() });
async function counter(period: string, metric: string, dept = '_all'): Promise<number> {
  return (await stack.db('demo').get(keys.counter(period, metric, dept), Value))?.value ?? 0;
}
async function counters(period: string) {
  return {
    joiners: await counter(period, 'new_enrolments'),
    leavers: await counter(period, 'leavers'),
    active: await counter(period, 'active'),
    movesIn: await counter(period, 'department_moves_in'),
    movesOut: await counter(period, 'department_moves_out'),
  };
}
const personKey = () => loadKeyring(stack.keys()).pseudonym('rejoin', normaliseEmail(PERSON));
const Marker = z.object({ pk: z.string(), sk: z.string(), expiresAt: z.number() });
const marker = () =>
  stack.db('demo').get(keys.rejoinMarker(personKey()), z.looseObject({ expiresAt: z.number() }), { consistent: true });
const profileOf = async (c: ApiClient) =>
  (await c.get('/api/my-data/export')).body.sections[0].records[0] as Record<string, unknown>;
const join = (email = PERSON, departmentId = 'warehouse') => stack.signIn(email, { inviteToken, departmentId });
async function deleteAccount(c: ApiClient) {
  expect((await c.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.clock({ at: T0 });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
}, 60_000);
afterAll(async () => stack?.stop());

describe('deleting an account and joining again counts one person', () => {
  it('the first join counts a joiner and an active person; the profile names its marker but no marker stands yet', async () => {
    const c = await join();
    expect(await counters('2026-11')).toEqual({ joiners: 1, leavers: 0, active: 1, movesIn: 0, movesOut: 0 });
    expect(await marker()).toBeUndefined();
    const profile = await profileOf(c);
    expect(profile).not.toHaveProperty('personKey'); // internal, like the email hash: not in the export
    expect(profile).not.toHaveProperty('rejoinedAt');
    await deleteAccount(c);
    expect(await counters('2026-11')).toMatchObject({ joiners: 1, leavers: 1 });
  });

  it('the deletion keeps only the keyed marker: no address, no hash of the lookup, no account id; it expires after the retention', async () => {
    const m = await stack.db('demo').get(keys.rejoinMarker(personKey()), Marker, { consistent: true });
    expect(m).toBeDefined();
    expect(Object.keys((await marker())!).sort()).toEqual(['expiresAt', 'pk', 'sk']);
    const emailHash = loadKeyring(stack.keys()).pseudonym('email', normaliseEmail(PERSON));
    expect(m!.pk).not.toContain(emailHash);
    expect(m!.expiresAt).toBe(Math.floor(Date.parse(T0) / 1000) + REJOIN_RETENTION_DAYS * 86_400);
  });

  it('joining again in the same week is a rejoin: no new joiner, not active twice, its moves and its leaving not counted', async () => {
    await stack.clock({ at: SAME_WEEK });
    const c = await join();
    expect((await c.get('/api/account/me')).body.role).toBe('employee');
    expect(await counters('2026-11')).toEqual({ joiners: 1, leavers: 1, active: 1, movesIn: 0, movesOut: 0 });
    expect(await counters('2026-W47')).toMatchObject({ joiners: 1, active: 1 });
    expect(await counters('all')).toMatchObject({ joiners: 1, leavers: 1 });
    expect(await marker()).toBeUndefined(); // taken by the rejoin: nothing outside the account while it exists
    expect((await profileOf(c)).rejoinedAt).toBe(SAME_WEEK);

    // a department change of an account outside joiners − leavers moves nothing
    expect((await c.patch('/api/account/me', { departmentId: 'finance' })).status).toBe(200);
    expect(await counters('2026-11')).toMatchObject({ movesIn: 0, movesOut: 0 });

    // next month it is active again like anyone: counted once in the new month, still not in the half-year it rejoined in
    await stack.clock({ at: NEXT_MONTH });
    const again = await stack.signIn(PERSON); // signing in is activity (and a new session: the old one timed out)
    expect(await counter('2026-12', 'active')).toBe(1);
    expect(await counter('2026-H2', 'active')).toBe(1);

    await deleteAccount(again);
    expect(await counters('2026-12')).toMatchObject({ joiners: 0, leavers: 0 });
    expect(await counters('all')).toMatchObject({ joiners: 1, leavers: 1 });
    expect((await marker())!.expiresAt).toBe(
      Math.floor(Date.parse(NEXT_MONTH) / 1000) + REJOIN_RETENTION_DAYS * 86_400,
    );
  });

  it('someone else joining is counted as usual (the check is per address)', async () => {
    const other = await join('someone.else@example.org');
    expect(await counters('2026-12')).toMatchObject({ joiners: 1, active: 2 });
    await deleteAccount(other);
    expect(await counters('2026-12')).toMatchObject({ joiners: 1, leavers: 1 });
  });

  it('after the retention the marker no longer stands: joining is counted as anyone new would be', async () => {
    const later = new Date(Date.parse(NEXT_MONTH) + (REJOIN_RETENTION_DAYS + 1) * 86_400_000);
    await stack.clock({ at: later.toISOString() });
    const c = await join();
    const month = later.toISOString().slice(0, 7);
    expect(await counters(month)).toMatchObject({ joiners: 1, active: 1 });
    expect((await profileOf(c)).rejoinedAt).toBeUndefined();
    // all time: Robin joined twice and left once (one account now), the other person joined and left once
    expect(await counters('all')).toMatchObject({ joiners: 3, leavers: 2 });
  });
});

describe('countDistinct for a rejoined account (counter level)', () => {
  it('counts only in periods that began after the rejoin, and never in all time', async () => {
    const db = stack.db('demo');
    const userId = 'u-rejoined-probe';
    await db.put({
      ...keys.userProfile(userId),
      userId,
      role: 'employee',
      email: 'x@example.org',
      emailHash: 'h',
      createdAt: '2027-03-10T09:00:00.000Z',
      rejoinedAt: '2027-03-10T09:00:00.000Z',
    });
    const [rejoinWeek, nextWeek] = [
      isoWeek(new Date('2027-03-12T09:00:00.000Z')),
      isoWeek(new Date('2027-03-16T09:00:00.000Z')),
    ];
    expect(nextWeek).not.toBe(rejoinWeek);
    const before = {
      w: await counter(rejoinWeek, 'module_completers'),
      m: await counter('2027-03', 'module_completers'),
      h: await counter('2027-H1', 'module_completers'),
      all: await counter('all', 'module_completers'),
    };
    await countDistinct(db, userId, 'module_completers', undefined, new Date('2027-03-12T09:00:00.000Z')); // same week, month, half
    expect({
      w: await counter(rejoinWeek, 'module_completers'),
      m: await counter('2027-03', 'module_completers'),
      h: await counter('2027-H1', 'module_completers'),
      all: await counter('all', 'module_completers'),
    }).toEqual(before);
    await countDistinct(db, userId, 'module_completers', undefined, new Date('2027-03-16T09:00:00.000Z')); // next week only
    expect(await counter(nextWeek, 'module_completers')).toBe(1);
    expect(await counter('2027-03', 'module_completers')).toBe(before.m);
    await countDistinct(db, userId, 'module_completers', undefined, new Date('2027-07-01T00:00:00.000Z')); // a new month and half
    expect(await counter('2027-07', 'module_completers')).toBe(1);
    expect(await counter('2027-H2', 'module_completers')).toBe(1);
    expect(await counter('all', 'module_completers')).toBe(before.all);
    // an account that never rejoined counts in every period, all time included
    await db.put({
      ...keys.userProfile('u-plain-probe'),
      userId: 'u-plain-probe',
      role: 'employee',
      email: 'y@example.org',
      emailHash: 'h2',
      createdAt: '2027-03-10T09:00:00.000Z',
    });
    await countDistinct(db, 'u-plain-probe', 'module_completers', undefined, new Date('2027-03-12T09:00:00.000Z'));
    expect(await counter(rejoinWeek, 'module_completers')).toBe(before.w + 1);
    expect(await counter('all', 'module_completers')).toBe(before.all + 1);
  });

  it('a rejoin at the very instant a period begins does not count in that period (the deleted account may have)', async () => {
    const db = stack.db('demo');
    const userId = 'u-rejoined-at-monday';
    const monday = '2027-05-03T00:00:00.000Z'; // a Monday, also the start of no month: W18 begins at the rejoin
    await db.put({
      ...keys.userProfile(userId),
      userId,
      role: 'employee',
      email: 'z@example.org',
      emailHash: 'h3',
      createdAt: monday,
      rejoinedAt: monday,
    });
    const week = isoWeek(new Date(monday));
    const before = await counter(week, 'module_completers');
    await countDistinct(db, userId, 'module_completers', undefined, new Date(monday));
    expect(await counter(week, 'module_completers')).toBe(before);
    const nextWeek = isoWeek(new Date('2027-05-10T00:00:00.000Z'));
    await countDistinct(db, userId, 'module_completers', undefined, new Date('2027-05-10T00:00:00.000Z'));
    expect(await counter(nextWeek, 'module_completers')).toBe(1);
  });
});
