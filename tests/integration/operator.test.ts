// The platform operator through the real local stack: signs in like staff (tenant config operatorEmails), is the
// only one who reaches the operator routes (HR can neither grant the role nor see it), changes the coach roster and
// the coaching hours without a redeploy — the next thread goes to the new coach, the next due time follows the new
// hours — with every input checked at the edge (422 naming the field), retries harmless and stale versions refused;
// and sees service health as numbers only, with counts under 5 shown as null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadItem } from '../../functions/domain/coaching/schema.js';
import { keys } from '../../functions/domain/keys.js';
import { loadKeyring } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';

const OPERATOR = 'operator@respite.example';
const OLD = 'coach@respite.example';
const NEW = 'new.coach@respite.example';
const LEAD = 'lead.coach@respite.example';
const DEFAULT_HOURS = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  timeZone: 'Europe/London',
  closedDates: [],
};

let stack: TestStack;
let op: ApiClient;
let hr: ApiClient;
let invite: string;
let seq = 0;
const id = () => `msg-${Date.now().toString(36)}-${(seq++).toString(36)}`;

const userIdOf = async (email: string, kind: 'ACCOUNT' | 'STAFF' = 'ACCOUNT') => {
  const hash = loadKeyring(stack.keys()).pseudonym('email', email);
  const key = kind === 'ACCOUNT' ? keys.emailLookup(hash) : keys.staffEmailLookup(hash);
  return (await stack.db('demo').get(key, z.object({ userId: z.string() })))!.userId;
};
const threadOf = async (email: string) =>
  (await stack.db('demo').get(keys.coachThread(await userIdOf(email)), ThreadItem, { consistent: true }))!;
const employee = (name: string) => stack.signIn(`${name}.op@example.org`, { inviteToken: invite });
const write = async (c: ApiClient) => {
  const res = await c.post('/api/coaching/messages', { id: id(), text: 'Could we talk this week?' });
  expect(res.status).toBe(201);
  return res.body;
};

beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ operatorEmails: [OPERATOR] })] });
  // Wednesday 10:00 in London: inside the default coaching hours.
  await stack.clock({ at: '2027-03-10T10:00:00Z' });
  hr = await stack.signIn('hr@northwind.example');
  invite = (await hr.get('/api/account/invite-link')).body.token;
  op = await stack.signIn(OPERATOR);
});
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('the operator role', () => {
  it('is given by the platform list: the operator signs in like staff and gets the operator role', async () => {
    expect((await op.get('/api/account/me')).body).toMatchObject({ role: 'operator', email: OPERATOR });
  });

  it('only the operator reaches the operator routes; HR cannot grant the role', async () => {
    const coach = await stack.signIn(OLD);
    const person = await employee('ana');
    for (const c of [hr, coach, person]) {
      for (const path of ['/api/coaching/operator/service', '/api/coaching/operator/health'])
        expect({ path, status: (await c.get(path)).status }).toEqual({ path, status: 403 });
      expect((await c.put('/api/coaching/operator/roster', { expectedVersion: 0, coaches: [] })).status).toBe(403);
    }
    expect((await stack.client().get('/api/coaching/operator/service')).status).toBe(401);
    // the operator reaches nothing of the coach console or HR's pages
    expect((await op.get('/api/coaching/inbox')).status).toBe(403);
    expect((await op.get('/api/employer/managers')).status).toBe(403);
    const granted = await hr.post('/api/account/staff-invites', { email: 'someone@respite.example', role: 'operator' });
    expect(granted.status).toBe(422);
    expect(granted.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.role']);
  });
});

describe('roster and hours as data', () => {
  it('starts from the tenant config seed', async () => {
    expect((await op.get('/api/coaching/operator/service')).body).toEqual({
      version: 0,
      seed: true,
      updatedAt: null,
      coaches: [{ email: OLD, lead: false }],
      hours: DEFAULT_HOURS,
    });
  });

  it.each([
    [{ expectedVersion: 0 }, ['body.coaches']],
    [{ expectedVersion: 0, coaches: [] }, ['body.coaches']],
    [{ expectedVersion: 0, coaches: [{ email: 'not-an-address' }] }, ['body.coaches.0.email']],
    [{ expectedVersion: 0, coaches: [{ email: NEW }, { email: NEW.toUpperCase() }] }, ['body.coaches']],
    [{ expectedVersion: -1, coaches: [{ email: NEW }] }, ['body.expectedVersion']],
    [{ expectedVersion: 0, coaches: [{ email: NEW, lead: 'yes' }] }, ['body.coaches.0.lead']],
    [{ expectedVersion: 0, coaches: [{ email: NEW, role: 'admin' }] }, ['body.coaches.0']],
    [
      { expectedVersion: 0, coaches: Array.from({ length: 51 }, (_, i) => ({ email: `c${i}@respite.example` })) },
      ['body.coaches'],
    ],
  ])('a bad roster %j is a 422 naming %j', async (body, fields) => {
    const res = await op.put('/api/coaching/operator/roster', body);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
  });

  it.each([
    [{ ...DEFAULT_HOURS, start: '17:00', end: '09:00' }, ['body.hours.end']],
    [{ ...DEFAULT_HOURS, start: '9am' }, ['body.hours.start']],
    [{ ...DEFAULT_HOURS, days: [1, 1] }, ['body.hours.days']],
    [{ ...DEFAULT_HOURS, days: [0] }, ['body.hours.days.0']],
    [{ ...DEFAULT_HOURS, timeZone: 'Mars/Olympus' }, ['body.hours.timeZone']],
    [{ ...DEFAULT_HOURS, closedDates: ['25/12/2027'] }, ['body.hours.closedDates.0']],
  ])('bad hours %j are a 422 naming %j', async (hours, fields) => {
    const res = await op.put('/api/coaching/operator/hours', { expectedVersion: 0, hours });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
  });

  it('a roster change takes effect for the next thread: it goes to the new coach; retries are harmless', async () => {
    // before: the seed's coach takes the first thread
    const ben = await employee('ben');
    await write(ben);
    const oldId = await userIdOf(OLD, 'STAFF');
    expect((await threadOf('ben.op@example.org')).coachId).toBe(oldId);
    const oldCoach = await stack.signIn(OLD);
    expect((await oldCoach.get('/api/coaching/inbox')).status).toBe(200);

    const roster = { expectedVersion: 0, coaches: [{ email: NEW }, { email: LEAD, lead: true }] };
    const saved = await op.put('/api/coaching/operator/roster', roster);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      seed: false,
      coaches: [
        { email: NEW, lead: false },
        { email: LEAD, lead: true },
      ],
    });
    // the same request again (a retry) changes nothing; a stale version with a different roster is refused
    expect((await op.put('/api/coaching/operator/roster', roster)).body).toEqual(saved.body);
    const stale = await op.put('/api/coaching/operator/roster', { expectedVersion: 0, coaches: [{ email: OLD }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');

    // the coach taken off the roster is signed out at once and cannot sign in as a coach again
    expect((await oldCoach.get('/api/coaching/inbox')).status).toBe(401);
    await expect(stack.signIn(OLD)).rejects.toThrow(/no code email/);

    // the new coaches can sign in at once (the roster is data), and join the team
    const newCoach = await stack.signIn(NEW);
    expect((await newCoach.get('/api/account/me')).body.role).toBe('coach');
    await stack.clock({ at: '2027-03-10T10:01:00Z' }); // the new coach's account is the earlier one
    const lead = await stack.signIn(LEAD);
    const team = (await lead.get('/api/coaching/team')).body.coaches.map((c: { email: string; lead: boolean }) => [
      c.email,
      c.lead,
    ]);
    expect(team).toEqual([
      [NEW, false],
      [LEAD, true],
    ]);
    expect((await lead.get('/api/coaching/board')).status).toBe(200);

    // the next new thread goes to a coach on the new roster (least loaded, earliest account: the new coach)
    const cai = await employee('cai');
    await write(cai);
    expect((await threadOf('cai.op@example.org')).coachId).toBe(await userIdOf(NEW, 'STAFF'));
    // and the old coach's waiting thread moves when its person next writes
    await write(ben);
    expect((await threadOf('ben.op@example.org')).coachId).not.toBe(oldId);
  });

  it('an hours change takes effect for the next due time', async () => {
    const current = (await op.get('/api/coaching/operator/service')).body;
    // two coaching hours a day, Monday to Friday: 8 working hours are four working days
    const hours = { days: [5, 1, 2, 3, 4], start: '10:00', end: '12:00', timeZone: 'Europe/London', closedDates: [] };
    const saved = await op.put('/api/coaching/operator/hours', { expectedVersion: current.version, hours });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: current.version + 1, hours: { ...hours, days: [1, 2, 3, 4, 5] } });
    expect((await op.put('/api/coaching/operator/hours', { expectedVersion: current.version, hours })).status).toBe(
      200,
    ); // the same again: no-op, even with the old version
    const dee = await employee('dee');
    // written Wednesday 10:01: 1 h 59 min on Wednesday, 2 h each Thursday, Friday and Monday, the last minute on
    // Tuesday → due Tuesday 10:01 (with the old hours it was Thursday 10:01)
    expect((await write(dee)).expectedReply).toEqual({ at: '2027-03-16T10:01:00.000Z', label: 'Tuesday 10:01' });
  });
});

describe('service health: numbers only, small counts suppressed', () => {
  it('shows null for counts under 5 and the numbers once there are enough, never labels or text', async () => {
    const before = (await op.get('/api/coaching/operator/health')).body;
    expect(before).toEqual({
      period: '2027-03',
      suppressedBelow: 5,
      openThreads: null, // three people are waiting
      overdue: null,
      alertsSent: null,
      replies: null,
      percentWithinPromise: null,
      medianReplyMinutes: null,
      replyWithinWorkingHours: 8,
    });
    for (const name of ['eve', 'fay', 'gus']) await write(await employee(name));
    await stack.runJob('coaching-alerts', { scheduledTime: '2027-03-10T10:05:00Z' }, 'demo');
    const after = (await op.get('/api/coaching/operator/health')).body;
    expect(after).toMatchObject({ openThreads: 6, overdue: null, alertsSent: 7, replies: null });
    // a re-run of the same slot sends and counts nothing more
    await stack.runJob('coaching-alerts', { scheduledTime: '2027-03-10T10:05:00Z' }, 'demo');
    expect((await op.get('/api/coaching/operator/health')).body.alertsSent).toBe(7);
    const text = JSON.stringify(after);
    expect(text).not.toMatch(/Conversation|@|talk/);
  });
});
