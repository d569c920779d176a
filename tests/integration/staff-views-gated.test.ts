// Nothing HR or a line manager reads is a raw small count (issue 17). One table-driven test over every GET route HR
// or a manager can reach, collected from the real route tables (a new route is in it without anyone listing it):
// 1. While other people act (a second manager signs in and emails their team, employees join and change
//    department), every such route answers byte for byte the same: no live count of anything anyone else did.
// 2. After the month ends and the figures are released, no number below the floor of 10 appears anywhere except
//    under keys that are public (ranges, HR's own headcounts, limits, the observer manager's own sends): every count
//    of other people is "fewer than 10", hidden or rounded, in the same cells as the statistics.
// The line-manager figures themselves: hidden below 10 managers, rounded with their range above.
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { FLOOR } from '../../functions/domain/stats/catalogue.js';
import type { Route } from '../../functions/shared/http.js';
import { type ApiClient, startTestStack, type TestStack } from '../support/stack.js';

const captured: Route[] = [];
vi.mock('../../functions/shared/http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/shared/http.js')>();
  return {
    ...actual,
    httpHandler: (routes: Route[]) => {
      captured.push(...routes);
      return actual.httpHandler(routes);
    },
  };
});

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;
const STAFF_ROLES = ['hr_admin', 'manager'] as const;
/** Only the routes that cannot answer without a query get one here; every route must answer 200 (checked). */
const QUERY: Record<string, string> = {
  '/api/stats/dashboard': 'kind=month',
  '/api/stats/releases': 'kind=month',
  '/api/stats/departments': 'kind=month&period=2026-10&metric=new_enrolments',
};
/**
 * Keys whose numbers are public to the reader, so they may be small: range ends and half-widths (from ε and the
 * catalogue), HR's own headcounts, version numbers (of statements and of the export format), fixed limits, and the observing manager's own sends.
 */
const PUBLIC_NUMBER_KEYS = new Set([
  'halfWidth',
  'low',
  'high',
  'headcount',
  'maxHeadcount',
  'maxAddresses',
  'version',
  'expectedVersion',
  'formatVersion',
  'messagesSent',
  'count',
]);

let stack: TestStack;
let hr: ApiClient;
let manager: ApiClient;
let staffGets: { route: Route; role: (typeof STAFF_ROLES)[number] }[] = [];

async function view(): Promise<Record<string, { status: number; text: string; body: unknown }>> {
  const out: Record<string, { status: number; text: string; body: unknown }> = {};
  for (const { route, role } of staffGets) {
    const q = QUERY[route.path];
    const res = await (role === 'hr_admin' ? hr : manager).get(route.path + (q ? `?${q}` : ''));
    out[`${role} GET ${route.path}`] = { status: res.status, text: res.text, body: res.body };
  }
  return out;
}

/** Every number in a JSON value with the key it sits under (array items take their array's key). */
function numbers(value: unknown, key = '', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([key, value]);
  else if (Array.isArray(value)) for (const v of value) numbers(v, key, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbers(v, k, out);
  return out;
}

beforeAll(async () => {
  for (const dir of readdirSync(FUNCTIONS_DIR)) {
    const file = `${FUNCTIONS_DIR}${dir}/http.ts`;
    if (existsSync(file)) await import(/* @vite-ignore */ pathToFileURL(file).href);
  }
  staffGets = captured
    .filter((r) => r.method === 'GET' && r.auth !== 'public')
    .flatMap((route) =>
      STAFF_ROLES.filter((role) => route.auth !== 'public' && route.auth.includes(role)).map((role) => ({
        route,
        role,
      })),
    );
  stack = await startTestStack();
  await stack.clock({ at: '2026-11-20T10:00:00.000Z' });
  // October is released (so the department route has a period), and nothing else happened yet
  await stack.runJob('stats-release', { scheduledTime: '2026-11-20T10:00:00.000Z' }, 'demo');
  await signInStaff();
}, 180_000);

/** Staff sessions end after 12 idle hours: sign in again after each move of the clock. */
async function signInStaff() {
  hr = await stack.signIn('hr@northwind.example');
  manager = await stack.signIn('manager@northwind.example');
}
afterAll(async () => {
  await stack?.clock({ at: null });
  await stack?.stop();
});

describe('HR and line managers never read a raw small count', () => {
  it('every GET route HR or a manager can reach, from the route tables: unchanged by what others do, then gated', async () => {
    expect(staffGets.map((g) => `${g.role} ${g.route.path}`)).toEqual(
      expect.arrayContaining([
        'hr_admin /api/employer/managers',
        'manager /api/employer/endorsements',
        'hr_admin /api/stats/dashboard',
        'manager /api/account/me',
      ]),
    );
    const before = await view();
    for (const [k, r] of Object.entries(before)) expect(r.status, `${k}: give it a QUERY entry`).toBe(200);

    // Other people act: HR invites a second manager, who signs in and emails three people; three employees join
    // (two with a department) and one changes department.
    expect(
      (await hr.post('/api/account/staff-invites', { email: 'second.manager@northwind.example', role: 'manager' }))
        .status,
    ).toBe(202);
    const second = await stack.signIn('second.manager@northwind.example');
    const sent = await second.post('/api/employer/endorsements', {
      batchId: 'gated-batch-0001-abcdefgh',
      subject: 'Time for this at work',
      message: 'Hello team, it is fine to use Respite during work hours. I will never know who uses it.',
      addresses: 'one@team.example\ntwo@team.example\nthree@team.example',
    });
    expect(sent.body).toMatchObject({ sent: 3 });
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    await stack.signIn('jo.gated@example.org', { inviteToken: token, departmentId: 'finance' });
    await stack.signIn('kim.gated@example.org', { inviteToken: token, departmentId: 'warehouse' });
    const lee = await stack.signIn('lee.gated@example.org', { inviteToken: token });
    expect((await lee.patch('/api/account/me', { departmentId: 'operations' })).status).toBe(200);

    const during = await view();
    for (const k of Object.keys(before)) expect(during[k]!.text, k).toBe(before[k]!.text);

    // The month ends and the figures are released: now November shows, gated.
    await stack.clock({ at: '2026-12-02T03:00:00.000Z' });
    await stack.runJob('stats-release', { scheduledTime: '2026-12-02T03:00:00.000Z' }, 'demo');
    await signInStaff();
    const after = await view();
    expect(after['hr_admin GET /api/employer/managers']!.text).not.toBe(
      before['hr_admin GET /api/employer/managers']!.text,
    );
    for (const [k, r] of Object.entries(after)) {
      expect(r.status, k).toBe(200);
      const small = numbers(r.body).filter(([key, n]) => n < FLOOR && !PUBLIC_NUMBER_KEYS.has(key));
      expect(small, `${k} has a raw count below ${FLOOR}`).toEqual([]);
    }
    const managers = after['hr_admin GET /api/employer/managers']!.body as {
      periods: { period: string; cells: { metric: string; cell: { display: string } }[] }[];
    };
    const november = managers.periods.find((p) => p.period === '2026-11')!;
    expect(november.cells.map((c) => [c.metric, c.cell.display])).toEqual([
      ['managers', 'fewer than 10'],
      ['endorsement_messages', 'Hidden: fewer than 10 line managers'],
    ]);
  });

  it('line-manager figures show, rounded and with their range, once 10 managers have an account', async () => {
    const db = stack.db('demo');
    const before = (await hr.get('/api/employer/managers')).text;
    // Ten more manager accounts in December (staff profiles as sign-in makes them) and 42 messages sent
    for (let i = 0; i < 10; i++)
      await db.put({
        ...keys.userProfile(`m-gated-${i}`),
        userId: `m-gated-${i}`,
        role: 'manager',
        gsi1pk: keys.staffByRole('manager').gsi1pk,
        gsi1sk: `2026-12-1${i}T09:00:00.000Z`,
      });
    await db.increment(keys.counter('2026-12', 'endorsements_sent', '_all'), 'value', 42);
    // December is not over: none of it shows yet
    expect((await hr.get('/api/employer/managers')).text).toBe(before);
    await stack.clock({ at: '2027-01-02T03:00:00.000Z' });
    await signInStaff();
    const body = (await hr.get('/api/employer/managers')).body as {
      figures: { halfWidth: number }[];
      periods: { period: string; cells: { metric: string; cell: unknown }[] }[];
    };
    expect(body.periods).toHaveLength(12);
    expect(body.periods.at(-1)!.period).toBe('2026-12');
    const december = Object.fromEntries(body.periods.at(-1)!.cells.map((c) => [c.metric, c.cell]));
    expect(december.managers).toEqual({
      state: 'shown',
      display: '10',
      value: 10,
      range: { low: 8, high: 12 },
      words: 'about 10 — somewhere between 8 and 12',
    });
    expect(december.endorsement_messages).toEqual({
      state: 'shown',
      display: '40',
      value: 40,
      range: { low: 38, high: 42 },
      words: 'about 40 — somewhere between 38 and 42',
    });
    expect(body.figures.map((f) => f.halfWidth)).toEqual([2, 2]);
    // and an employee's "What my employer sees" gets exactly these bytes (docs/statistics.md, rule 7)
    const token = (await hr.get('/api/account/invite-link')).body.token as string;
    const employee = await stack.signIn('pat.gated@example.org', { inviteToken: token });
    expect((await employee.get('/api/stats/what-my-employer-sees/managers')).text).toBe(
      (await hr.get('/api/employer/managers')).text,
    );
  });
});
