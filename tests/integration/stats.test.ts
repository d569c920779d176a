// Stats routes and the release ledger against DynamoDB Local, called in-process (one module instance per "world").

import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, inject, it, vi } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import type { RandomSource } from '../../functions/domain/stats/noise.js';
import { seededSource } from '../../functions/domain/stats/testing/seeded-source.js';
import type { Db } from '../../functions/shared/db.js';
import { newTenantKeys } from '../../functions/shared/keyring.js';
import type { Role } from '../../functions/shared/session-token.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { apiEvent, cookiePairs, lambdaContext } from '../support/events.js';
import { demoTenant, inProcessFunctionEnv } from '../support/stack.js';
import { rawTable } from '../support/table.js';

type Handler = (e: unknown, c: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const NOW = new Date('2026-12-01T03:00:00.000Z');
const MONTHS = ['2026-09', '2026-10', '2026-11'];
const WEEKS = ['2026-W46', '2026-W47', '2026-W48'];
const HALVES = ['2025-H2', '2026-H1'];

interface World {
  db: Db;
  handler: Handler;
  routes: { method: string; path: string; auth: 'public' | readonly Role[] }[];
  release: (kind: 'week' | 'month' | 'half', period: string, rng: RandomSource) => Promise<string>;
  cookie: (role: Role) => Promise<string[]>;
  /** A new session (another person with that role). */
  session: (role: Role) => Promise<string[]>;
  get: (path: string, query: string, role: Role | string[]) => Promise<APIGatewayProxyStructuredResultV2>;
  countRequests: () => { reset: () => void; value: () => number };
}

/** A fresh table and fresh module instances (runtime, config) bound to it. */
async function makeWorld(opts: { epsilonPerYear?: number } = {}): Promise<World> {
  const table = `stats-${randomBytes(4).toString('hex')}`;
  await ensureTable(localDynamoClient(inject('ddbEndpoint')), table);
  const tenantKeys = newTenantKeys();
  Object.assign(
    process.env,
    inProcessFunctionEnv(table, demoTenant({ epsilonPerYear: opts.epsilonPerYear ?? 1 }), tenantKeys),
  );
  vi.resetModules();
  const { runtime } = await import('../../functions/shared/runtime.js');
  const { setLogSink } = await import('../../functions/shared/log.js');
  setLogSink(() => undefined, 'error');
  const http = await import('../../functions/stats/http.js');
  const { startSession } = await import('../../functions/shared/sessions.js');
  const repo = await import('../../functions/domain/stats/repository.js');
  const rt = await runtime(); // binds this module instance to this table now
  let count = 0;
  rt.db.intercept((_, send) => {
    count += 1;
    return send();
  });
  const cookies = new Map<Role, string[]>();
  const world: World = {
    db: rt.db,
    handler: http.handler as unknown as Handler,
    routes: http.routes,
    release: (kind, period, rng) =>
      repo.releasePeriod({ db: rt.db, rng, epsilonPerYear: rt.config.tenant.epsilonPerYear, now: NOW }, kind, period),
    session: async (role) => {
      const { cookie } = await startSession(rt.db, {
        tenantId: 'demo',
        keys: rt.config.keys,
        userId: `u-${role}-${randomBytes(3).toString('hex')}`,
        role,
        userAgent: 'vitest',
        nowMs: Date.now(),
      });
      return cookiePairs([cookie]);
    },
    cookie: async (role) => {
      if (!cookies.has(role)) cookies.set(role, await world.session(role));
      return cookies.get(role)!;
    },
    get: async (path, query, role) =>
      world.handler(
        apiEvent({
          method: 'GET',
          path,
          query,
          cookies: Array.isArray(role) ? role : await world.cookie(role as Role),
        }),
        lambdaContext,
      ),
    countRequests: () => ({
      reset: () => {
        count = 0;
      },
      value: () => count,
    }),
  };
  return world;
}

const DEPARTMENTS = (staff: number) => [
  { id: 'ops', name: 'Operations', headcount: Math.round(staff * 0.45) },
  { id: 'wh', name: 'Warehouse', headcount: Math.round(staff * 0.3) },
  { id: 'cs', name: 'Customer Service', headcount: Math.round(staff * 0.2) },
  { id: 'fin', name: 'Finance', headcount: Math.max(1, Math.round(staff * 0.05)) },
];

/** Seeds departments and counters as the other contexts would have written them, for an organisation of `staff`. */
async function seed(
  world: World,
  staff: number,
  extra: { dept: string; metrics: string[] } | null = null,
  periods = [...MONTHS, ...WEEKS, ...HALVES, '2026-12', 'all'],
) {
  const at = NOW.toISOString();
  for (const d of DEPARTMENTS(staff))
    await world.db.put({
      ...keys.orgDepartment(d.id),
      departmentId: d.id,
      name: d.name,
      headcount: d.headcount,
      createdAt: at,
      updatedAt: at,
    });
  const metrics = [
    'new_enrolments',
    'active',
    'module_completers',
    'coach_conversations',
    'questionnaire_improved',
    'leavers',
    'department_moves_in',
    'department_moves_out',
  ];
  const writes: Promise<unknown>[] = [];
  for (const period of periods)
    for (const metric of metrics) {
      const base =
        Math.round(
          staff *
            (metric === 'leavers' || metric.startsWith('department_')
              ? 0.002
              : metric === 'new_enrolments'
                ? 0.04
                : 0.02),
        ) * (period === 'all' ? 4 : 1);
      let org = 0;
      for (const [i, d] of DEPARTMENTS(staff)
        .map((x) => x.id)
        .concat('_none')
        .entries()) {
        let v = Math.round(base / (i + 2));
        if (
          extra &&
          extra.dept === d &&
          extra.metrics.includes(metric) &&
          ['2026-11', '2026-W48', '2026-H1', 'all'].includes(period)
        )
          v += 1;
        org += v;
        writes.push(world.db.put({ ...keys.counter(period, metric, d), value: v }));
      }
      writes.push(world.db.put({ ...keys.counter(period, metric, '_all'), value: org }));
    }
  await Promise.all(writes);
}

async function releaseAll(world: World, seedPrefix = 'r') {
  for (const m of MONTHS) expect(await world.release('month', m, seededSource(`${seedPrefix}${m}`))).toBe('released');
  for (const w of WEEKS) expect(await world.release('week', w, seededSource(`${seedPrefix}${w}`))).toBe('released');
  for (const h of HALVES) expect(await world.release('half', h, seededSource(`${seedPrefix}${h}`))).toBe('released');
}

/** One release of each kind is enough where only reading costs are measured. */
async function releaseLatest(world: World) {
  for (const [kind, period] of [
    ['month', MONTHS.at(-1)!],
    ['week', WEEKS.at(-1)!],
    ['half', HALVES.at(-1)!],
  ] as const)
    expect(await world.release(kind, period, seededSource(period))).toBe('released');
}

describe('reading the dashboard', () => {
  it('costs the same number of DynamoDB requests at 50, 5,000 and 100,000 employees', async () => {
    const counts: number[][] = [];
    for (const staff of [50, 5_000, 100_000]) {
      const world = await makeWorld();
      await seed(world, staff, null, [MONTHS.at(-1)!, WEEKS.at(-1)!, HALVES.at(-1)!, '2026-12', 'all']);
      await releaseLatest(world);
      await world.cookie('hr_admin');
      const counter = world.countRequests();
      const perRoute: number[] = [];
      for (const [path, query] of [
        ['/api/stats/dashboard', 'kind=month'],
        ['/api/stats/dashboard', 'kind=week&format=csv'],
        ['/api/stats/departments', 'kind=month&period=2026-11&metric=enrolled'],
        ['/api/stats/dashboard', 'kind=half'],
      ] as const) {
        counter.reset();
        expect((await world.get(path, query, 'hr_admin')).statusCode).toBe(200);
        perRoute.push(counter.value());
      }
      counts.push(perRoute);
    }
    // the first request of each is the session check (every request reads the session record: issue 13)
    expect(counts[0]).toEqual([3, 3, 2, 3]);
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
  }, 120_000); // three fresh tables, seeded and released: slow only when the shared machine is busy
});

describe('stats routes', () => {
  let world: World;
  it('set up a released organisation', async () => {
    world = await makeWorld();
    await seed(world, 600);
    await releaseAll(world);
  });

  it('no HR or manager endpoint returns any per-person field, on any route', async () => {
    const allowedKeys = new Set([
      'halfWidth',
      'kind',
      'figures',
      'metric',
      'label',
      'explanation',
      'byDepartment',
      'periods',
      'period',
      'releasedAt',
      'cells',
      'cell',
      'state',
      'display',
      'value',
      'reason',
      'budget',
      'status',
      'year',
      'total',
      'rows',
      'departmentId',
      'name',
      'range',
      'low',
      'high',
      'words',
    ]);
    const queries: Record<string, string> = {
      '/api/stats/dashboard': 'kind=month',
      '/api/stats/releases': 'kind=month',
      '/api/stats/departments': 'kind=month&period=2026-11&metric=enrolled',
      '/api/stats/what-my-employer-sees': 'kind=month',
      '/api/stats/what-my-employer-sees/departments': 'kind=month&period=2026-11&metric=enrolled',
      '/api/stats/what-my-employer-sees/managers': '',
    };
    expect(Object.keys(queries).sort()).toEqual(world.routes.map((r) => r.path).sort());
    const seen = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          seen.add(k);
          walk(x);
        }
    };
    for (const r of world.routes) {
      const roles = r.auth === 'public' ? [] : r.auth;
      expect(r.auth).not.toBe('public');
      for (const role of ['hr_admin', 'manager', 'employee', 'coach'] as Role[]) {
        const res = await world.get(r.path, queries[r.path]!, role);
        if (!roles.includes(role)) {
          expect(res.statusCode, `${role} ${r.path}`).toBe(403);
          continue;
        }
        expect(res.statusCode, `${role} ${r.path}`).toBe(200);
        const body = JSON.parse(res.body as string);
        walk(body);
        expect(res.body).not.toMatch(/u-(employee|hr_admin|manager|coach)-|@|userId|sessionId|email/i);
        for (const csvQuery of [`${queries[r.path]}&format=csv`]) {
          if (r.path.endsWith('releases') || r.path.endsWith('managers')) continue;
          const csv = await world.get(r.path, csvQuery, role);
          expect(csv.headers?.['content-type']).toMatch(/text\/csv/);
          expect(csv.body).not.toMatch(/@|u-(employee|hr_admin)/);
        }
      }
    }
    expect([...seen].filter((k) => !allowedKeys.has(k))).toEqual([]);
    // managers get no statistics route at all
    expect(world.routes.every((r) => r.auth === 'public' || !r.auth.includes('manager'))).toBe(true);
  });

  it('1,000 refreshes of one report return the same bytes and ETag', async () => {
    const first = await world.get('/api/stats/dashboard', 'kind=month', 'hr_admin');
    for (let i = 0; i < 1000; i++) {
      const again = await world.get('/api/stats/dashboard', 'kind=month', 'hr_admin');
      expect(again.body).toBe(first.body);
      expect(again.headers?.etag).toBe(first.headers?.etag);
    }
  });

  it('two colluding admins (and the employee page) see exactly the same bytes', async () => {
    const other = await world.session('hr_admin');
    const a = await world.get('/api/stats/departments', 'kind=month&period=2026-11&metric=enrolled', 'hr_admin');
    const b = await world.get('/api/stats/departments', 'kind=month&period=2026-11&metric=enrolled', other);
    const e = await world.get(
      '/api/stats/what-my-employer-sees/departments',
      'kind=month&period=2026-11&metric=enrolled',
      'employee',
    );
    expect(b.body).toBe(a.body);
    expect(e.body).toBe(a.body);
    const d1 = await world.get('/api/stats/dashboard', 'kind=week', 'hr_admin');
    const d2 = await world.get('/api/stats/what-my-employer-sees', 'kind=week', 'employee');
    expect(d2.body).toBe(d1.body);
  });

  it('CSV export matches the screen cell for cell', async () => {
    const json = JSON.parse((await world.get('/api/stats/dashboard', 'kind=month', 'hr_admin')).body as string);
    const csv = (await world.get('/api/stats/dashboard', 'kind=month&format=csv', 'hr_admin')).body as string;
    const rows = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const labels = new Map(json.figures.map((f: { metric: string; label: string }) => [f.metric, f.label]));
    const screen = json.periods.flatMap(
      (p: { period: string; cells: { metric: string; cell: { display: string } }[] }) =>
        p.cells.map((c) => [p.period, labels.get(c.metric), c.cell.display]),
    );
    expect(rows.map((r) => r.slice(0, 3))).toEqual(screen);
    const widths = new Map<string, number>(
      json.figures.map((f: { label: string; halfWidth: number }) => [f.label, f.halfWidth]),
    );
    for (const r of rows)
      if (/^\d+$/.test(r[2]!))
        expect([Number(r[3]), Number(r[4])]).toEqual([
          Math.max(0, Number(r[2]) - widths.get(r[1]!)!),
          Number(r[2]) + widths.get(r[1]!)!,
        ]);
    expect(json.periods.map((p: { period: string }) => p.period)).toEqual(MONTHS);
  });

  it('bad input gets a 4xx naming the field; unknown periods 404', async () => {
    const bad = await world.get('/api/stats/dashboard', 'kind=year', 'hr_admin');
    expect(bad.statusCode).toBe(422);
    expect(JSON.parse(bad.body as string).error.fields[0].field).toBe('query.kind');
    const period = await world.get('/api/stats/departments', 'kind=month&period=2026-W01&metric=enrolled', 'hr_admin');
    expect(period.statusCode).toBe(422);
    expect(JSON.parse(period.body as string).error.fields[0].field).toBe('query.period');
    const extra = await world.get('/api/stats/dashboard', 'kind=month&from=2026-01-01', 'hr_admin');
    expect(extra.statusCode).toBe(422);
    expect(
      (await world.get('/api/stats/departments', 'kind=month&period=2025-01&metric=enrolled', 'hr_admin')).statusCode,
    ).toBe(404);
    expect(
      (await world.get('/api/stats/departments', 'kind=half&period=2026-H1&metric=questionnaire_improved', 'hr_admin'))
        .statusCode,
    ).toBe(404);
    // activity is organisation-wide only: no department breakdown exists for it
    expect(
      (await world.get('/api/stats/departments', 'kind=half&period=2026-H1&metric=active', 'hr_admin')).statusCode,
    ).toBe(404);
    expect(
      (await world.get('/api/stats/departments', 'kind=half&period=2026-H3&metric=active', 'hr_admin')).statusCode,
    ).toBe(422);
    expect((await world.get('/api/stats/dashboard', 'kind=month', [])).statusCode).toBe(401);
  });

  it('a release is computed once: releasing again changes nothing', async () => {
    const before = (await world.get('/api/stats/dashboard', 'kind=month', 'hr_admin')).body;
    expect(await world.release('month', '2026-11', seededSource('different'))).toBe('already_released');
    expect((await world.get('/api/stats/dashboard', 'kind=month', 'hr_admin')).body).toBe(before);
  });
});

describe('the privacy budget ledger', () => {
  it('is never overspent, even by concurrent releases; once spent only released figures are served', async () => {
    const world = await makeWorld({ epsilonPerYear: 0.5 });
    await seed(world, 600);
    // Leave room for exactly one half-year of activity figures (per-release: 0.175 × 0.5).
    const limit = 500_000;
    const { releaseCost } = await import('../../functions/domain/stats/catalogue.js');
    const halfCost = releaseCost('half', 0.5, new Set()).micro; // 87,499: each figure's share is rounded down
    await world.db.put({ ...keys.statsBudget('2026'), spentMicro: limit - halfCost });
    const outcomes = await Promise.all(
      ['2026-H1', '2026-H2'].map((h, i) => world.release('half', h, seededSource(`c${i}`))),
    );
    expect(outcomes.filter((o) => o === 'released')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'budget_exhausted')).toHaveLength(1);
    const ledger = async () => (await rawTable(world.db).get(keys.statsBudget('2026')))!;
    expect((await ledger()).spentMicro).toBe(limit);

    const dash = await world.get('/api/stats/dashboard', 'kind=half', 'hr_admin');
    const body = JSON.parse(dash.body as string);
    expect(body.periods).toHaveLength(1);
    expect(body.budget.status).toBe('exhausted');
    // the released figures are still served, unchanged, and nothing new can be released
    const again = await Promise.all(['2026-H1', '2026-H2'].map((h) => world.release('half', h, seededSource('later'))));
    expect(again.filter((o) => o === 'already_released')).toHaveLength(1);
    expect((await world.get('/api/stats/dashboard', 'kind=half', 'hr_admin')).body).toBe(dash.body);
    // a month needing new budget (its streams and a snapshot) is refused too, and nothing is charged
    expect(await world.release('month', '2026-11', seededSource('m'))).toBe('budget_exhausted');
    expect((await ledger()).spentMicro).toBe(limit);
  });

  it('"Using Respite" costs nothing: after the first month, a month without a snapshot is free', async () => {
    const world = await makeWorld();
    await seed(world, 600);
    expect(await world.release('month', '2026-09', seededSource('a'))).toBe('released');
    const { spentMicro } = await import('../../functions/domain/stats/repository.js');
    const afterFirst = await spentMicro(world.db, '2026');
    expect(afterFirst).toBe(250_000 + 150_000 + 90_000); // joiners and leavers streams, first snapshot
    expect(await world.release('month', '2026-10', seededSource('b'))).toBe('released');
    expect(await world.release('month', '2026-11', seededSource('c'))).toBe('released');
    expect(await spentMicro(world.db, '2026')).toBe(afterFirst);
  });

  it('the scheduled job releases the last complete week and month once', async () => {
    const world = await makeWorld();
    await seed(world, 600);
    const { setClock } = await import('../../functions/shared/clock.js');
    const job = (await import('../../functions/stats/on-release-tick.js')).handler;
    setClock(NOW);
    try {
      expect(await job({ scheduledTime: NOW.toISOString() })).toEqual({
        'week:2026-W48': 'released',
        'month:2026-11': 'released',
        'half:2026-H1': 'released',
      });
      expect(await job({ scheduledTime: NOW.toISOString() })).toEqual({
        'week:2026-W48': 'already_released',
        'month:2026-11': 'already_released',
        'half:2026-H1': 'already_released',
      });
    } finally {
      setClock(undefined);
    }
  });
});

describe('the game through the routes: W0 and W1 differ only in noised figures', () => {
  it('statuses, headers, ETags, cells shown, order and CSV rows are identical', async () => {
    const w0 = await makeWorld();
    await seed(w0, 600);
    await releaseAll(w0, 'same');
    const w1 = await makeWorld();
    await seed(w1, 600, {
      dept: 'fin',
      metrics: [
        'new_enrolments',
        'active',
        'module_completers',
        'coach_conversations',
        'questionnaire_improved',
        'department_moves_in',
      ],
    });
    await releaseAll(w1, 'same');
    const mask = (s: string) =>
      s
        .replace(/"display":"(\d+|fewer than 10)","value":(\d+|null)/g, '"display":"#","value":"#"')
        .replace(/"range":(null|\{"low":\d+,"high":\d+\}),"words":"[^"]*"/g, '"range":"#","words":"#"')
        .replace(/,(\d+|fewer than 10)(,\d*,\d*)?\r\n/g, ',#\r\n');
    const paths: [string, string, Role][] = [
      ['/api/stats/dashboard', 'kind=month', 'hr_admin'],
      ['/api/stats/dashboard', 'kind=week', 'hr_admin'],
      ['/api/stats/dashboard', 'kind=month&format=csv', 'hr_admin'],
      ['/api/stats/releases', 'kind=week', 'hr_admin'],
      ['/api/stats/dashboard', 'kind=half', 'hr_admin'],
      ['/api/stats/dashboard', 'kind=half&format=csv', 'hr_admin'],
      ...['enrolled', 'new_enrolments'].flatMap((m) => [
        ['/api/stats/departments', `kind=month&period=2026-11&metric=${m}`, 'hr_admin'] as [string, string, Role],
        ['/api/stats/departments', `kind=month&period=2026-11&metric=${m}&format=csv`, 'hr_admin'] as [
          string,
          string,
          Role,
        ],
      ]),
      ['/api/stats/departments', 'kind=week&period=2026-W48&metric=new_enrolments', 'hr_admin'],
      ['/api/stats/what-my-employer-sees', 'kind=month', 'employee'],
    ];
    for (const [path, query, role] of paths) {
      const a = await w0.get(path, query, role);
      const b = await w1.get(path, query, role);
      expect(b.statusCode).toBe(a.statusCode);
      const headers = (r: APIGatewayProxyStructuredResultV2) => JSON.stringify(r.headers);
      expect(headers(b)).toBe(headers(a));
      expect(mask(b.body as string)).toBe(mask(a.body as string));
    }
  });
});

describe('department changes keep accounts per department right', () => {
  it('counts out of the old and into the new department with the profile update, once, and the snapshot follows', async () => {
    const world = await makeWorld();
    const { setDepartment } = await import('../../functions/domain/enrolment/repository.js');
    const { counterUpdates } = await import('../../functions/domain/stats/counters.js');
    const { trueCounts } = await import('../../functions/domain/stats/repository.js');
    const joinedAt = new Date('2026-10-05T09:00:00.000Z');
    const movedAt = new Date('2026-11-10T09:00:00.000Z');
    // two employees join in October in ops (as sign-up would count them)
    for (const userId of ['u-a', 'u-b']) {
      await world.db.put({
        ...keys.userProfile(userId),
        userId,
        role: 'employee',
        email: `${userId}@example.com`,
        emailHash: userId,
        departmentId: 'ops',
        createdAt: joinedAt.toISOString(),
      });
      await world.db.transact(counterUpdates(world.db, 'new_enrolments', 'ops', joinedAt));
    }
    const counter = (period: string, metric: string, dept: string) =>
      rawTable(world.db).number(keys.counter(period, metric, dept));

    expect(await setDepartment(world.db, 'u-a', 'wh', movedAt)).toBe(true);
    expect(await setDepartment(world.db, 'u-a', 'wh', movedAt)).toBe(true); // a retry changes nothing
    await Promise.all([setDepartment(world.db, 'u-b', null, movedAt), setDepartment(world.db, 'u-b', null, movedAt)]); // duplicates count once
    expect(await setDepartment(world.db, 'u-gone', 'wh', movedAt)).toBe(false);

    for (const period of ['2026-11', '2026-H2', 'all']) {
      expect(await counter(period, 'department_moves_out', 'ops')).toBe(2);
      expect(await counter(period, 'department_moves_in', 'wh')).toBe(1);
      expect(await counter(period, 'department_moves_in', '_none')).toBe(1);
    }
    // December's snapshot (accounts at the start of December) puts each person in their current department
    const counts = await trueCounts(world.db, 'month', '2026-12', new Date('2027-01-01T03:00:00.000Z'), true);
    expect(counts.accounts_at_start).toEqual({ org: 2, byDepartment: { ops: 0, wh: 1, _none: 1 } });
    // while November's snapshot still has them where they were at the start of November
    const before = await trueCounts(world.db, 'month', '2026-11', new Date('2027-01-01T03:00:00.000Z'), true);
    expect(before.accounts_at_start).toEqual({ org: 2, byDepartment: { ops: 2, wh: 0, _none: 0 } });
  });
});
