// The distinguishing game of docs/statistics.md ("How it is tested"), played against the pure release engine and the views/CSV built on it.
// W0 and W1 are identical except that the target enrolled (W1) or not (W0); both are released with the same seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HealthCounts, healthFigures, SUPPRESS_BELOW } from '../../functions/domain/coaching/operator.js';
import { countsAsPerson, markerLeftBy, markerStands } from '../../functions/domain/enrolment/rejoin.js';
import {
  budgetYearOf,
  CATALOGUE,
  INFORMATIVE_SHARE,
  LEAVERS,
  MIN_DEPARTMENT_HEADCOUNT,
  metricEpsilonMicro,
  type PeriodKind,
  plannedShareMillionths,
  releaseCost,
  SNAPSHOT,
  type StatMetric,
  shareEpsilonMicro,
} from '../../functions/domain/stats/catalogue.js';
import {
  ALL_TIME,
  countsInPeriod,
  isoWeek,
  type Metric,
  month,
  NO_DEPARTMENT,
  ORG_WIDE,
  periodStarts,
  periodsOf,
} from '../../functions/domain/stats/counters.js';
import { halfWidth90 } from '../../functions/domain/stats/interval.js';
import { dashboardCsv, dashboardView, departmentCsv, departmentView } from '../../functions/domain/stats/present.js';
import {
  type ChainState,
  computeRelease,
  type DepartmentInfo,
  departmentVisibility,
  makeConsistent,
  type ReleaseInput,
  type ReleasePayload,
} from '../../functions/domain/stats/release.js';
import { seededSource } from '../../functions/domain/stats/testing/seeded-source.js';

// ---- a tiny organisation simulator: people → the counters the other contexts would have written ----------------

/** Month indexes 0..2 (June, July, August 2026: a first release, a snapshot month, a plain month); halves 0..1. */
type M = 0 | 1 | 2;
const MONTHS = ['2026-06', '2026-07', '2026-08'] as const;
const HALVES = ['2026-H1', '2026-H2'] as const;

interface Person {
  /** department when they joined (null: did not say) */
  dept: string | null;
  joined: M | null;
  /** month they left (deleted their account), if any */
  left: M | null;
  /** changed department during month `at` (after joining) */
  move: { at: M; to: string | null } | null;
  /** per half-year */
  active: [boolean, boolean];
  completer: [boolean, boolean];
  coach: [boolean, boolean];
  improved: [boolean, boolean];
}

interface Org {
  departments: DepartmentInfo[];
  people: Person[];
  /** Counters written for one person by the real counting rules (the rejoin game below), added to the people's. */
  accounts?: Counters;
}

/** Department at the start of month m. */
const deptAtStart = (p: Person, m: number) => (p.move && p.move.at < m ? p.move.to : p.dept);

function countsFor(people: Person[], kind: PeriodKind, m: number): ReleaseInput['counts'] {
  const counts: ReleaseInput['counts'] = {};
  const add = (metric: keyof ReleaseInput['counts'], dept: string | null) => {
    counts[metric] ??= { org: 0, byDepartment: {} };
    const c = counts[metric];
    c.org += 1;
    const d = dept ?? '_none';
    c.byDepartment[d] = (c.byDepartment[d] ?? 0) + 1;
  };
  for (const p of people) {
    if (p.joined === null) continue;
    if (kind === 'half') {
      // joined in the first two months counts in H1 and H2, the rest in H2 only
      if (m === 0 && p.joined > 0) continue;
      if (p.active[m]) add('active', p.dept);
      if (p.completer[m]) add('module_completers', p.dept);
      if (p.coach[m]) add('coach_conversations', p.dept);
      if (p.improved[m]) add('questionnaire_improved', p.dept);
      continue;
    }
    if (p.joined === m) add('new_enrolments', p.dept);
    if (p.left === m) add('leavers', p.move && p.move.at <= m ? p.move.to : p.dept);
    if (p.joined < m && (p.left === null || p.left >= m)) add('accounts_at_start', deptAtStart(p, m));
  }
  return counts;
}

/** Counter values by `${period}|${metric}|${department}` (department ORG_WIDE for the organisation). */
type Counters = Map<string, number>;
const counterKey = (period: string, metric: string, dept: string) => `${period}|${metric}|${dept}`;

/** Adds counters to a release's counts as stats/repository.ts reads them (the snapshot: net change before month m). */
function withAccounts(counts: ReleaseInput['counts'], accounts: Counters | undefined, kind: PeriodKind, m: number) {
  if (!accounts) return counts;
  const period = kind === 'month' ? MONTHS[m as M] : kind === 'half' ? HALVES[m as 0 | 1] : `2026-W2${m + 4}`;
  const out: ReleaseInput['counts'] = structuredClone(counts);
  const add = (metric: keyof ReleaseInput['counts'], value: (dept: string) => number) => {
    const c = out[metric] ?? { org: 0, byDepartment: {} };
    out[metric] = c;
    const depts = new Set([...accounts.keys()].map((k) => k.split('|')[2]!).filter((d) => d !== ORG_WIDE));
    c.org += value(ORG_WIDE);
    for (const d of depts) {
      const v = value(d);
      if (v !== 0) c.byDepartment[d] = (c.byDepartment[d] ?? 0) + v;
    }
  };
  const at = (p: string, metric: string) => (dept: string) => accounts.get(counterKey(p, metric, dept)) ?? 0;
  if (kind === 'half')
    for (const metric of ['active', 'module_completers', 'coach_conversations', 'questionnaire_improved'] as const)
      add(metric, at(period, metric));
  else add('new_enrolments', at(period, 'new_enrolments'));
  if (kind === 'month') {
    add('leavers', at(period, 'leavers'));
    add('accounts_at_start', (dept) => MONTHS.slice(0, m).reduce((v, p) => v + netChange(accounts, p, dept), 0));
  }
  return out;
}

/** Accounts gained in a period: joiners − leavers + moves in − moves out (stats/repository.ts netChange). */
const netChange = (c: Counters, period: string, dept: string) =>
  (c.get(counterKey(period, 'new_enrolments', dept)) ?? 0) -
  (c.get(counterKey(period, 'leavers', dept)) ?? 0) +
  (c.get(counterKey(period, 'department_moves_in', dept)) ?? 0) -
  (c.get(counterKey(period, 'department_moves_out', dept)) ?? 0);

/** True accounts at the end of month m, by current department (what "Using Respite" estimates). */
function accountsAtEnd(people: Person[], m: number) {
  const byDept: Record<string, number> = {};
  let org = 0;
  for (const p of people)
    if (p.joined !== null && p.joined <= m && (p.left === null || p.left > m)) {
      org += 1;
      const d = (p.move && p.move.at <= m ? p.move.to : p.dept) ?? '_none';
      byDept[d] = (byDept[d] ?? 0) + 1;
    }
  return { org, byDept };
}

function releaseOne(
  org: Org,
  kind: PeriodKind,
  m: number,
  seed: string,
  epsilonPerYear: number,
  previous: ChainState | null = null,
) {
  return computeRelease(
    {
      kind,
      period: kind === 'month' ? MONTHS[m as M] : kind === 'half' ? HALVES[m as 0 | 1] : `2026-W2${m + 4}`,
      releasedAt: `2026-0${m + 7}-01T02:00:00.000Z`,
      epsilonPerYear,
      departments: org.departments,
      counts: withAccounts(countsFor(org.people, kind, m), org.accounts, kind, m),
      previous,
    },
    seededSource(seed),
  );
}

/** Releases every period of a kind in order (months chain "Using Respite" from one to the next). */
function series(org: Org, kind: PeriodKind, seed: string, epsilonPerYear = 1): ReleasePayload[] {
  const n = kind === 'month' ? 3 : 2;
  const out: ReleasePayload[] = [];
  let previous: ChainState | null = null;
  for (let m = 0; m < n; m++) {
    const r = releaseOne(org, kind, m, `${seed}/${m}`, epsilonPerYear, previous);
    previous = r.chain;
    out.push(r.payload);
  }
  return out;
}
const release = (org: Org, m: number, seed: string, kind: PeriodKind = 'month') =>
  releaseOne(org, kind, m, seed, 1).payload;
const num = (c: { state: string; value?: number | null }) => (c.state === 'shown' ? (c.value ?? 0) : -1);

/** Everything an HR admin can see for a set of releases: dashboard JSON, every department view, and the CSVs. */
function everythingShown(releases: ReleasePayload[]) {
  const kind = releases[0]!.kind;
  const view = dashboardView(kind, releases, { status: 'available', year: '2026' }, 1);
  const departmentViews = releases.flatMap((r) => CATALOGUE[kind].map((e) => departmentView(r, e.metric, 1) ?? null));
  return {
    json: JSON.stringify({ view, departmentViews }),
    csv: [dashboardCsv(view), ...departmentViews.filter((v) => v !== null).map((v) => departmentCsv(v!))].join('\n'),
  };
}

/** Replaces every noised figure by "#": what remains must not depend on whether the target enrolled. */
function maskNoise(shown: { json: string; csv: string }) {
  return {
    json: shown.json
      .replace(/"display":"(\d+|fewer than 10)","value":(\d+|null)/g, '"display":"#","value":"#"')
      .replace(/"range":(null|\{"low":\d+,"high":\d+\}),"words":"[^"]*"/g, '"range":"#","words":"#"'),
    csv: shown.csv.replace(/,(\d+|fewer than 10)(,\d*,\d*)?\r\n/g, ',#\r\n'),
  };
}

// ---- generators: 5–500 staff, 1–30 departments with skewed sizes, joiners, leavers and department changes --------

const monthArb = fc.constantFrom<M>(0, 1, 2);
const personArb = (deptIds: string[]) => {
  const dept = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...deptIds) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc.record({
    dept,
    joined: fc.oneof(monthArb, fc.constant(null)),
    left: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: monthArb }),
    move: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ at: monthArb, to: dept }) },
    ),
    active: fc.tuple(fc.boolean(), fc.boolean()),
    completer: fc.tuple(fc.boolean(), fc.boolean()),
    coach: fc.tuple(fc.boolean(), fc.boolean()),
    improved: fc.tuple(fc.boolean(), fc.boolean()),
  }) as fc.Arbitrary<Person>;
};

/** Keeps a person sane: leaving and moving need a join first, moving happens before leaving. */
function sane(p: Person): Person {
  if (p.joined === null) return { ...p, left: null, move: null };
  const left = p.left !== null && p.left < p.joined ? null : p.left;
  const move = p.move && (p.move.at < p.joined || (left !== null && p.move.at > left)) ? null : p.move;
  return { ...p, left, move };
}

const orgArb: fc.Arbitrary<Org> = fc
  .record({
    // skewed: a few big departments and many small ones
    sizes: fc.array(
      fc.oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 15, max: 200 })),
      { minLength: 1, maxLength: 30 },
    ),
    staff: fc.integer({ min: 5, max: 500 }),
  })
  .chain(({ sizes, staff }) => {
    const departments = sizes.map((headcount, i) => ({
      id: `d${String(i).padStart(2, '0')}`,
      name: `Team ${String.fromCharCode(65 + (i % 26))}${i}`,
      headcount,
    }));
    return fc
      .array(personArb(departments.map((d) => d.id)), { minLength: Math.max(0, staff - 60), maxLength: staff })
      .map((people) => ({ departments, people: people.map(sane) }));
  });

const targetArb = (org: Org) =>
  personArb(org.departments.map((d) => d.id)).map((p) => sane({ ...p, joined: p.joined ?? 0 }));

const worlds = (org: Org, target: Person) => ({ w0: org, w1: { ...org, people: [...org.people, target] } });

// ---- deterministic check ----------------------------------------------------------------------------------------

describe('deterministic check: every non-noise byte is identical in W0 and W1', () => {
  it('for generated organisations (joiners, leavers, department changes), every kind, every view and CSV', () => {
    fc.assert(
      fc.property(
        orgArb.chain((org) => fc.tuple(fc.constant(org), targetArb(org), fc.string({ minLength: 1, maxLength: 8 }))),
        ([org, target, seed]) => {
          const { w0, w1 } = worlds(org, target);
          for (const kind of ['month', 'week', 'half'] as const) {
            const a = maskNoise(everythingShown(series(w0, kind, seed)));
            const b = maskNoise(everythingShown(series(w1, kind, seed)));
            expect(b.json).toBe(a.json);
            expect(b.csv).toBe(a.csv);
            // and the CSV has the same number of rows
            expect(b.csv.split('\r\n').length).toBe(a.csv.split('\r\n').length);
          }
        },
      ),
      { numRuns: 100, seed: 20261122 },
    );
  });

  it('the mask only hides figures: without noise-independent structure the comparison would fail', () => {
    // sanity check of the checker itself: a different department list is detected
    const org: Org = {
      departments: [
        { id: 'a', name: 'A', headcount: 40 },
        { id: 'b', name: 'B', headcount: 40 },
      ],
      people: [],
    };
    const other: Org = {
      departments: [
        { id: 'a', name: 'A', headcount: 40 },
        { id: 'b', name: 'B', headcount: 10 },
      ],
      people: [],
    };
    expect(maskNoise(everythingShown(series(other, 'month', 's'))).json).not.toBe(
      maskNoise(everythingShown(series(org, 'month', 's'))).json,
    );
  });
});

// ---- the budget plan ---------------------------------------------------------------------------------------------

describe('the budget plan', () => {
  it('adds up to exactly ε_year, and a year of releases in the planned order costs exactly that', () => {
    expect(plannedShareMillionths()).toBe(1_000_000);
    for (const epsilonPerYear of [1, 0.5]) {
      const charged = new Set<string>();
      let spent = 0;
      const pay = (kind: PeriodKind, snapshot = false) => {
        const cost = releaseCost(kind, epsilonPerYear, charged, snapshot);
        for (const c of cost.charges) charged.add(c);
        spent += cost.micro;
      };
      for (let w = 0; w < 53; w++) pay('week');
      for (let m = 1; m <= 12; m++) pay('month', m === 1 || m === 7);
      pay('half');
      pay('half');
      expect(spent).toBeLessThanOrEqual(epsilonPerYear * 1_000_000);
      expect(spent).toBeGreaterThan(epsilonPerYear * 1_000_000 - 10); // only rounding of millionths is lost
    }
  });

  it('"Using Respite" costs nothing by itself: a month without a snapshot costs only streams not yet charged', () => {
    const charged = new Set(['week#new_enrolments', 'month#new_enrolments', LEAVERS.stream]);
    expect(releaseCost('month', 1, charged, false)).toEqual({ micro: 0, charges: [] });
    expect(releaseCost('month', 1, charged, true).micro).toBe(SNAPSHOT.shareMillionths);
  });
});

// ---- "Using Respite" by post-processing --------------------------------------------------------------------------

describe('"Using Respite" follows joiners, leavers and department changes', () => {
  it('with almost no noise it equals the true accounts at the end of each month, by current department', () => {
    const departments = [
      { id: 'a', name: 'A', headcount: 100 },
      { id: 'b', name: 'B', headcount: 100 },
    ];
    const person = (p: Partial<Person>): Person => ({
      dept: 'a',
      joined: 0,
      left: null,
      move: null,
      active: [false, false],
      completer: [false, false],
      coach: [false, false],
      improved: [false, false],
      ...p,
    });
    const people = [
      ...Array.from({ length: 40 }, () => person({ dept: 'a', joined: 0 })),
      ...Array.from({ length: 30 }, () => person({ dept: 'b', joined: 0 })),
      ...Array.from({ length: 15 }, () => person({ dept: 'a', joined: 0, move: { at: 0, to: 'b' } })), // move in June
      ...Array.from({ length: 12 }, () => person({ dept: 'b', joined: 1 })),
      ...Array.from({ length: 5 }, () => person({ dept: 'a', joined: 0, left: 0 })),
      ...Array.from({ length: 20 }, () => person({ dept: 'a', joined: 2 })),
    ];
    const releases = series({ departments, people }, 'month', 'exact', 20_000);
    releases.forEach((r, m) => {
      const truth = accountsAtEnd(people, m);
      const using = r.metrics.find((x) => x.metric === 'enrolled')!;
      expect(num(using.org)).toBe(Math.round(truth.org / 5) * 5);
      // July's snapshot brings June's department changes in; August adds its joiners to department a
      if (m >= 1)
        for (const id of ['a', 'b'])
          expect(num(using.departments!.find((d) => d.departmentId === id)!.cell)).toBe(
            Math.round(truth.byDept[id]! / 5) * 5,
          );
    });
    expect(releases.map((r) => num(r.metrics.find((x) => x.metric === 'enrolled')!.org))).toEqual([85, 95, 115]);
  });
});

// ---- statistical check -----------------------------------------------------------------------------------------

/** Best threshold attack: max over thresholds of |P0(stat ≤ τ) − P1(stat ≤ τ)| from samples (an empirical TV bound). */
function bestThresholdAdvantage(s0: number[], s1: number[]): number {
  const values = [...new Set([...s0, ...s1])].sort((a, b) => a - b);
  const cdf = (s: number[]) => {
    const sorted = [...s].sort((a, b) => a - b);
    let i = 0;
    return values.map((v) => {
      while (i < sorted.length && sorted[i]! <= v) i++;
      return i / sorted.length;
    });
  };
  const c0 = cdf(s0);
  const c1 = cdf(s1);
  return Math.max(...values.map((_, i) => Math.abs(c0[i]! - c1[i]!)));
}

const N = 2000;
/**
 * Sampling slack: by the DKW inequality each empirical CDF is within sqrt(ln(2/α)/(2N)) of the true one with
 * probability 1 − α; the advantage compares two, so slack = 2·sqrt(ln(2/α)/(2N)). With α = 10⁻⁶ and N = 2000: 0.120.
 * The seeds are fixed, so the test is deterministic; the slack says why these seeds are not cherry-picked.
 */
const SLACK = 2 * Math.sqrt(Math.log(2 / 1e-6) / (2 * N));
const tanhHalf = (eps: number) => Math.tanh(eps / 2);
const E = 20; // not a real setting (max is 1): a large ε makes the bound tight enough to test
const eps = (kind: PeriodKind, metric: StatMetric) =>
  metricEpsilonMicro(CATALOGUE[kind].find((e) => e.metric === metric)!, E) / 1e6;
const JOINERS = eps('month', 'new_enrolments');
const LEAVERS_EPS = shareEpsilonMicro(LEAVERS.shareMillionths, E) / 1e6;
const SNAPSHOT_EPS = shareEpsilonMicro(SNAPSHOT.shareMillionths, E) / 1e6;

// A fixed organisation, big enough that most cells show; the target sits in "ops".
const FIXED: Org = {
  departments: [
    { id: 'ops', name: 'Operations', headcount: 120 },
    { id: 'wh', name: 'Warehouse', headcount: 85 },
    { id: 'cs', name: 'Customer Service', headcount: 40 },
    { id: 'fin', name: 'Finance', headcount: 18 },
  ],
  people: Array.from({ length: 180 }, (_, i) => ({
    dept: ['ops', 'wh', 'cs', 'fin', null][i % 5]!,
    joined: ([null, 0, 1, 2] as const)[i % 4]!,
    left: i % 23 === 1 ? 2 : null,
    move: i % 17 === 1 ? { at: 1, to: 'wh' } : null,
    active: [i % 2 === 0, i % 4 === 0],
    completer: [i % 6 === 0, i % 5 === 0],
    coach: [i % 7 === 0, i % 9 === 0],
    improved: [i % 8 === 0, i % 10 === 0],
  })),
};
/** Joins in June (so July's snapshot counts them too), moves to the warehouse in July, active in both halves. */
const TARGET: Person = {
  dept: 'ops',
  joined: 0,
  left: null,
  move: { at: 1, to: 'wh' },
  active: [true, true],
  completer: [true, true],
  coach: [true, true],
  improved: [true, true],
};

/** Plays N rounds per world (ε_year raised to E so the bound is far from 0 and the test has power). */
function play(
  statistic: (r: ReleasePayload[]) => number,
  kind: PeriodKind,
  opts: { epsilonPerYear?: number; org?: Org; target?: Person } = {},
) {
  const { w0, w1 } = worlds(opts.org ?? FIXED, opts.target ?? TARGET);
  const rounds = (w: Org) =>
    Array.from({ length: N }, (_, i) => statistic(series(w, kind, `r${i}`, opts.epsilonPerYear ?? E)));
  return bestThresholdAdvantage(rounds(w0), rounds(w1));
}

const metricOf = (r: ReleasePayload, metric: StatMetric) => r.metrics.find((m) => m.metric === metric)!;
const deptCell = (r: ReleasePayload, metric: StatMetric, id: string | null) =>
  metricOf(r, metric).departments!.find((d) => d.departmentId === id)!.cell;

describe('statistical check: the best threshold attack stays within tanh(ε/2)', () => {
  it('on the organisation total of new joiners', () => {
    const adv = play((rs) => num(metricOf(rs[0]!, 'new_enrolments').org), 'month');
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS / 2) + SLACK);
  });

  it("on the target's own department cell of new joiners", () => {
    const adv = play((rs) => num(deptCell(rs[0]!, 'new_enrolments', 'ops')), 'month');
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS / 2) + SLACK);
  });

  it('on the complement: total minus every other shown department', () => {
    const adv = play((rs) => {
      const m = metricOf(rs[0]!, 'new_enrolments');
      const others = m
        .departments!.filter((d) => d.departmentId !== 'ops')
        .reduce((s, d) => s + Math.max(0, num(d.cell)), 0);
      return num(m.org) - others;
    }, 'month');
    // org and departments together: both levels of the metric
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS) + SLACK);
  });

  it('"Using Respite" for the whole organisation in August: joiners, one snapshot and leavers, nothing more', () => {
    const adv = play((rs) => num(metricOf(rs[2]!, 'enrolled').org), 'month');
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS / 2 + SNAPSHOT_EPS / 2 + LEAVERS_EPS) + SLACK);
  });

  it('"Using Respite" in the department the target moved into (consistency mixes in the organisation level)', () => {
    const adv = play((rs) => num(deptCell(rs[2]!, 'enrolled', 'wh')), 'month');
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS + SNAPSHOT_EPS + LEAVERS_EPS) + SLACK);
  });

  it('cross-metric: every monthly figure of every month, summed', () => {
    const adv = play((rs) => rs.reduce((s, r) => s + r.metrics.reduce((t, m) => t + num(m.org), 0), 0), 'month');
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS / 2 + SNAPSHOT_EPS / 2 + LEAVERS_EPS) + SLACK);
  });

  it('cross-metric: all four activity figures of both half-years, summed', () => {
    const adv = play((rs) => rs.reduce((s, r) => s + r.metrics.reduce((t, m) => t + num(m.org), 0), 0), 'half');
    const total = 2 * CATALOGUE.half.reduce((s, e) => s + eps('half', e.metric), 0);
    expect(adv).toBeLessThanOrEqual(tanhHalf(total) + SLACK);
  });

  it('joining between releases: the change in "using Respite" from July to August', () => {
    const target = { ...TARGET, joined: 2 as const, move: null };
    const adv = play((rs) => num(metricOf(rs[2]!, 'enrolled').org) - num(metricOf(rs[1]!, 'enrolled').org), 'month', {
      target,
    });
    expect(adv).toBeLessThanOrEqual(tanhHalf(JOINERS / 2 + LEAVERS_EPS) + SLACK);
  });

  it('has power: a release with too little noise for its claimed ε is caught', () => {
    // Computed with ε_year = 2000 (almost no noise) but judged against the bound for ε_year = 20.
    // Two more joiners put the true count on a rounding boundary, where rounding alone cannot hide a join.
    const joiner = { ...FIXED.people[1]!, left: null, move: null };
    const org = { ...FIXED, people: [...FIXED.people, joiner, joiner] };
    const adv = play((rs) => num(metricOf(rs[0]!, 'new_enrolments').org), 'month', { org, epsilonPerYear: 2000 });
    expect(adv).toBeGreaterThan(tanhHalf(JOINERS / 2) + SLACK);
  });
});

// ---- one person, one unit: deleting an account and joining again (issue 13, privacy-model.md rule 10) ----------

/** One thing the target does at an instant. Structural steps (join, delete) come first among equal instants. */
type Step =
  | { at: string; kind: 'join'; dept: string | null }
  | { at: string; kind: 'delete' }
  | {
      at: string;
      kind: 'act';
      metric: 'active' | 'module_completers' | 'coach_conversations' | 'questionnaire_improved';
    }
  | { at: string; kind: 'move'; dept: string | null };

/**
 * The counters one person's accounts write, by the rules the real code applies (enrolment/rejoin.ts and
 * stats/counters.ts): a join counts a joiner unless a rejoin marker stands, and signing in counts "active"; activity
 * counts once per account and period, a rejoined account only where `countsInPeriod` allows; moves and leaving
 * count only for `countsAsPerson`; deleting leaves `markerLeftBy`. Each account is a new id, as in the real code.
 */
function countersOf(steps: Step[]): Counters {
  const counters: Counters = new Map();
  const bump = (period: string, metric: string, dept: string | null, by = 1) => {
    for (const d of [ORG_WIDE, dept ?? NO_DEPARTMENT])
      counters.set(counterKey(period, metric, d), (counters.get(counterKey(period, metric, d)) ?? 0) + by);
  };
  const count = (metric: Metric, dept: string | null, at: Date, by = 1) => {
    for (const period of periodsOf(at)) bump(period, metric, dept, by);
  };
  let account: {
    id: number;
    profile: { role: 'employee'; personKey: string; rejoinedAt?: string };
    dept: string | null;
  } | null = null;
  let marker: { expiresAt: number } | undefined;
  let ids = 0;
  const counted = new Set<string>();
  const distinct = (metric: Metric, at: Date) => {
    const starts = periodStarts(at);
    for (const [i, period] of periodsOf(at).entries()) {
      const once = `${account!.id}|${metric}|${period}`;
      if (counted.has(once) || !countsInPeriod(account!.profile, starts[i])) continue;
      counted.add(once);
      bump(period, metric, account!.dept);
    }
  };
  const ordered = steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.at.localeCompare(b.step.at) || a.i - b.i)
    .map(({ step }) => step);
  for (const step of ordered) {
    const at = new Date(step.at);
    if (step.kind === 'join') {
      if (account) continue;
      const rejoin = markerStands(marker, at);
      if (rejoin) marker = undefined; // taken by the account-creation transaction
      const profile = { role: 'employee' as const, personKey: 'p', ...(rejoin ? { rejoinedAt: step.at } : {}) };
      account = { id: ++ids, profile, dept: step.dept };
      if (countsAsPerson(profile)) count('new_enrolments', step.dept, at);
      distinct('active', at); // signing in is activity
    } else if (!account) {
    } else if (step.kind === 'delete') {
      if (countsAsPerson(account.profile)) count('leavers', account.dept, at);
      marker = markerLeftBy(account.profile, at) ?? marker;
      account = null;
    } else if (step.kind === 'move') {
      if (step.dept === account.dept) continue;
      if (countsAsPerson(account.profile)) {
        count('department_moves_out', account.dept, at);
        count('department_moves_in', step.dept, at);
      }
      account.dept = step.dept;
    } else {
      distinct(step.metric, at);
      distinct('active', at);
    }
  }
  return counters;
}

const periodKindOf = (period: string) =>
  period === ALL_TIME ? 'all' : /W\d\d$/.test(period) ? 'week' : /H[12]$/.test(period) ? 'half' : 'month';

/**
 * The most the person adds to each released stream (what the ε plan assumes is 1): a once-per-year stream
 * (joiners weekly and monthly, leavers) summed over every period of its budget year, organisation-wide and over all
 * departments; the activity figures in each period of every kind; the monthly snapshot per month, org and L1 over
 * departments. Keys name the stream, so a failure says which.
 */
function sensitivity(c: Counters): Record<string, number> {
  const out: Record<string, number> = {};
  const raise = (stream: string, v: number) => {
    out[stream] = Math.max(out[stream] ?? 0, v);
  };
  const sums = new Map<string, number>();
  for (const [key, v] of c) {
    const [period, metric, dept] = key.split('|') as [string, string, string];
    const kind = periodKindOf(period);
    const level = dept === ORG_WIDE ? 'org' : 'departments';
    if (metric === 'new_enrolments' || metric === 'leavers') {
      if (kind === 'week' || kind === 'month') {
        const stream = `${kind}#${metric}/${budgetYearOf(period)}/${level}`;
        sums.set(stream, (sums.get(stream) ?? 0) + Math.abs(v));
      }
    } else if (!metric.startsWith('department_moves') && level === 'org') raise(`${kind}#${metric}/${period}`, v);
  }
  for (const [stream, v] of sums) raise(stream, v);
  for (const m of [0, 1, 2, 3]) {
    const before = MONTHS.slice(0, m);
    const depts = new Set([...c.keys()].map((k) => k.split('|')[2]!));
    const at = (dept: string) => before.reduce((v, p) => v + netChange(c, p, dept), 0);
    raise(`snapshot/${m}/org`, Math.abs(at(ORG_WIDE)));
    raise(
      `snapshot/${m}/departments`,
      [...depts].filter((d) => d !== ORG_WIDE).reduce((v, d) => v + Math.abs(at(d)), 0),
    );
  }
  return out;
}

const SUMMER = [Date.parse('2026-06-01T00:00:00.000Z'), Date.parse('2026-08-31T23:59:59.999Z')] as const;
/** Period boundaries (a Monday, a month, a half-year) are where "began after the rejoin" is decided. */
const BOUNDARIES = ['2026-06-08', '2026-06-15', '2026-07-01', '2026-07-06', '2026-08-01'].map((d) =>
  Date.parse(`${d}T00:00:00.000Z`),
);
const instantArb = fc.oneof(fc.constantFrom(...BOUNDARIES), fc.integer({ min: SUMMER[0], max: SUMMER[1] }));
/** Often no time at all between two steps (the same instant), else up to 40 days. */
const gapArb = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 * 86_400_000 }));
const iso = (ms: number) => new Date(Math.min(ms, SUMMER[1])).toISOString();

/** W_stay: the target joins and stays. W_rejoin: the same life, but they delete their account and join again (maybe twice). */
const lifeArb = (deptIds: string[]) => {
  const dept = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...deptIds) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const metric = fc.constantFrom(
    'active',
    'module_completers',
    'coach_conversations',
    'questionnaire_improved' as const,
  );
  return fc
    .record({
      join: instantArb,
      gaps: fc.array(gapArb, { minLength: 4, maxLength: 4 }),
      twice: fc.boolean(),
      depts: fc.tuple(dept, dept, dept),
      extra: fc.array(
        fc.oneof(
          fc.record({ at: instantArb, kind: fc.constant('act' as const), metric }),
          fc.record({ at: instantArb, kind: fc.constant('move' as const), dept }),
        ),
        { maxLength: 8 },
      ),
    })
    .map(({ join, gaps, twice, depts, extra }) => {
      const times = [join];
      for (const g of gaps) times.push(times[times.length - 1]! + g);
      const [d1, j2, d2, j3] = times.slice(1);
      const rest: Step[] = extra.map((e) => ({ ...e, at: iso(e.at) }) as Step);
      const stay: Step[] = [{ at: iso(join), kind: 'join', dept: depts[0] }, ...rest];
      const rejoin: Step[] = [
        stay[0]!,
        { at: iso(d1!), kind: 'delete' },
        { at: iso(j2!), kind: 'join', dept: depts[1] },
        ...(twice
          ? ([
              { at: iso(d2!), kind: 'delete' },
              { at: iso(j3!), kind: 'join', dept: depts[2] },
            ] as Step[])
          : []),
        ...rest,
      ];
      return { stay, rejoin };
    });
};

describe('rejoin: deleting the account and joining again is still one person', () => {
  it('every released stream moves by at most 1 for the person, and W_stay, W_rejoin and W_absent look the same', () => {
    fc.assert(
      fc.property(
        orgArb.chain((org) =>
          fc.tuple(
            fc.constant(org),
            lifeArb(org.departments.map((d) => d.id)),
            fc.string({ minLength: 1, maxLength: 8 }),
          ),
        ),
        ([org, life, seed]) => {
          for (const steps of [life.stay, life.rejoin]) {
            const s = sensitivity(countersOf(steps));
            for (const [stream, v] of Object.entries(s)) expect(v, stream).toBeLessThanOrEqual(1);
            expect(Object.values(s).some((v) => v === 1)).toBe(true); // the person does count somewhere
          }
          const absent = org;
          const stay = { ...org, accounts: countersOf(life.stay) };
          const rejoin = { ...org, accounts: countersOf(life.rejoin) };
          for (const kind of ['month', 'week', 'half'] as const) {
            const a = maskNoise(everythingShown(series(absent, kind, seed)));
            expect(maskNoise(everythingShown(series(stay, kind, seed)))).toEqual(a);
            expect(maskNoise(everythingShown(series(rejoin, kind, seed)))).toEqual(a);
          }
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('the model counts what the rules say: a rejoin adds a leaver, no second joiner, and activity only after it', () => {
    const c = countersOf([
      { at: '2026-06-10T09:00:00.000Z', kind: 'join', dept: 'ops' },
      { at: '2026-07-02T09:00:00.000Z', kind: 'delete' },
      { at: '2026-08-03T09:00:00.000Z', kind: 'join', dept: 'wh' },
      { at: '2026-08-04T09:00:00.000Z', kind: 'act', metric: 'module_completers' },
      { at: '2026-08-05T09:00:00.000Z', kind: 'move', dept: 'cs' },
    ]);
    const get = (period: string, metric: string, dept = ORG_WIDE) => c.get(counterKey(period, metric, dept)) ?? 0;
    expect([
      get('2026-06', 'new_enrolments', 'ops'),
      get('2026-08', 'new_enrolments'),
      get('all', 'new_enrolments'),
    ]).toEqual([1, 0, 1]);
    expect([get('2026-07', 'leavers', 'ops'), get('2026-08', 'department_moves_in', 'cs')]).toEqual([1, 0]);
    // active in June (first account) and July's H2 (its last sign-in was June, so H2 has only the rejoin's activity)
    expect([get('2026-H1', 'active'), get('2026-H2', 'active'), get('2026-08', 'active')]).toEqual([1, 0, 0]);
    // the rejoin's own week (Monday 3 August) began before it, so neither signing in nor finishing counts there
    expect([get('2026-W32', 'active'), get('2026-W32', 'module_completers')]).toEqual([0, 0]);
    const later = countersOf([
      { at: '2026-06-10T09:00:00.000Z', kind: 'join', dept: 'ops' },
      { at: '2026-06-11T09:00:00.000Z', kind: 'delete' },
      { at: '2026-06-12T09:00:00.000Z', kind: 'join', dept: 'ops' },
      { at: '2026-06-22T09:00:00.000Z', kind: 'act', metric: 'active' }, // a week that began after the rejoin
    ]);
    expect(later.get(counterKey('2026-W26', 'active', ORG_WIDE))).toBe(1);
    expect(later.get(counterKey('2026-W24', 'active', ORG_WIDE))).toBe(1); // the first account's week, once
  });

  it('a marker outlives any budget year: two counted joins (or leaves) of one address are never in one year', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-12-31') }), (deletedMs) => {
        const deleted = new Date(deletedMs);
        const m = markerLeftBy({ role: 'employee', personKey: 'p' }, deleted)!;
        const lastStanding = new Date(m.expiresAt * 1000 - 1);
        expect(markerStands(m, lastStanding)).toBe(true);
        const firstCounted = new Date(m.expiresAt * 1000);
        expect(markerStands(m, firstCounted)).toBe(false);
        // the earlier counted join or leave was at or before the deletion
        expect(budgetYearOf(isoWeek(firstCounted))).not.toBe(budgetYearOf(isoWeek(deleted)));
        expect(budgetYearOf(month(firstCounted))).not.toBe(budgetYearOf(month(deleted)));
      }),
      { numRuns: 300, seed: 5 },
    );
    expect(markerLeftBy({ role: 'hr_admin', personKey: 'p' }, new Date())).toBeUndefined();
  });
});

// ---- scenarios ---------------------------------------------------------------------------------------------------

describe('scenarios', () => {
  it("department vs headcount: gating follows HR's headcount only, never the true count", () => {
    const departments = [
      { id: 'big', name: 'Big', headcount: 200 },
      { id: 'twenty', name: 'Twenty', headcount: 20 },
      { id: 'tiny', name: 'Tiny', headcount: 19 },
      { id: 'small', name: 'Small', headcount: 5 },
    ];
    const empty = computeRelease(
      { kind: 'month', period: '2026-11', releasedAt: 'x', epsilonPerYear: 1, departments, counts: {} },
      seededSource(1),
    ).payload;
    const crowded = computeRelease(
      {
        kind: 'month',
        period: '2026-11',
        releasedAt: 'x',
        epsilonPerYear: 1,
        departments,
        counts: { new_enrolments: { org: 400, byDepartment: { tiny: 300, small: 100 } } },
      },
      seededSource(1),
    ).payload;
    const states = (r: ReleasePayload) =>
      metricOf(r, 'new_enrolments').departments!.map((d) => `${d.departmentId}:${d.cell.state}`);
    expect(states(empty)).toEqual(states(crowded));
    expect(states(empty)).toEqual(['big:shown', 'small:hidden', 'tiny:hidden', 'twenty:shown', 'null:shown']);
  });

  it('complementary suppression: hidden departments always hold at least 20 staff between them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        const departments = sizes.map((headcount, i) => ({ id: `d${i}`, name: `D${i}`, headcount }));
        const vis = departmentVisibility(departments);
        const hidden = departments.filter((d) => vis.get(d.id) !== null);
        const hiddenTotal = hidden.reduce((s, d) => s + d.headcount, 0);
        const everythingHidden = hidden.length === departments.length;
        if (hidden.length > 0 && !everythingHidden)
          expect(hiddenTotal).toBeGreaterThanOrEqual(MIN_DEPARTMENT_HEADCOUNT);
        // shown ones are all big enough
        for (const d of departments)
          if (vis.get(d.id) === null) expect(d.headcount).toBeGreaterThanOrEqual(MIN_DEPARTMENT_HEADCOUNT);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it.each([19, 20, 21])(
    'HR moves the target into a department of exactly %i: the structure is the same either way',
    (size) => {
      const org: Org = {
        departments: [
          { id: 'home', name: 'Home team', headcount: 60 },
          { id: 'edge', name: 'Edge team', headcount: size },
          { id: 'rest', name: 'Rest', headcount: 30 },
        ],
        people: FIXED.people.slice(0, 60).map((p, i) => ({ ...p, dept: ['home', 'edge', 'rest'][i % 3]! })),
      };
      const { w0, w1 } = worlds(org, { ...TARGET, dept: 'edge', joined: 1, move: null });
      for (let seed = 0; seed < 50; seed++) {
        const a = maskNoise(everythingShown([release(w0, 1, `s${seed}`)]));
        const b = maskNoise(everythingShown([release(w1, 1, `s${seed}`)]));
        expect(b).toEqual(a);
      }
      const r = release(w1, 1, 'x');
      const edge = deptCell(r, 'new_enrolments', 'edge');
      if (size < 20) {
        expect(edge).toMatchObject({ state: 'hidden', reason: 'small_department' });
        // and the smallest shown department is hidden with it, so the 19 cannot be recovered by subtraction
        expect(deptCell(r, 'new_enrolments', 'rest')).toMatchObject({
          state: 'hidden',
          reason: 'protects_small_department',
        });
      } else expect(edge.state).toBe('shown');
    },
  );

  it('consistency: no negatives and departments add up to the organisation total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -40, max: 200 }), { minLength: 1, maxLength: 31 }),
        fc.integer({ min: 0, max: 2000 }),
        (noisy, total) => {
          const out = makeConsistent(noisy, total);
          expect(out.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          expect(out.reduce((s, v) => s + v, 0)).toBe(total);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
    expect(makeConsistent([5, 5, 5], 15)).toEqual([5, 5, 5]); // already consistent: unchanged
    expect(makeConsistent([-5, 10, 20], 30)).toEqual([0, 10, 20]);
  });

  it('floor and rounding: below 10 is "fewer than 10", other figures are multiples of 5', () => {
    for (const m of [...series(FIXED, 'month', 'round'), ...series(FIXED, 'half', 'round')].flatMap((r) => r.metrics))
      for (const c of [m.org, ...(m.departments ?? []).map((d) => d.cell)])
        if (c.state === 'shown') {
          if (c.value === null) expect(c.display).toBe('fewer than 10');
          else {
            expect(c.value % 5).toBe(0);
            expect(c.value).toBeGreaterThanOrEqual(10);
            expect(c.display).toBe(String(c.value));
          }
        }
  });

  it('a figure whose 90 % range exceeds 40 % of the headcount is "not enough staff", decided from public facts only', () => {
    // 200 staff (the ε plan is made for this): joiners (±18, weekly ±33), "Using Respite" (±79) and Active (±26)
    // inform; the half-year coach and self-check figures (±105) would be swamped by their noise, so they are not
    // published — in either world. At 150 staff "Using Respite" is not published either.
    const small: Org = {
      departments: [
        { id: 'ops', name: 'Operations', headcount: 120 },
        { id: 'wh', name: 'Warehouse', headcount: 80 },
      ],
      people: FIXED.people.filter((p) => p.dept === 'ops' || p.dept === 'wh'),
    };
    const month = release(small, 1, 'inf');
    expect(metricOf(month, 'new_enrolments').org.state).toBe('shown');
    expect(metricOf(month, 'enrolled').org.state).toBe('shown');
    expect(metricOf(release(small, 1, 'inf', 'week'), 'new_enrolments').org.state).toBe('shown');
    expect(metricOf(release(small, 1, 'inf', 'half'), 'active').org.state).toBe('shown');
    const smaller: Org = {
      ...small,
      departments: [
        { id: 'ops', name: 'Operations', headcount: 90 },
        { id: 'wh', name: 'Warehouse', headcount: 60 },
      ],
    };
    expect(metricOf(release(smaller, 1, 'inf'), 'enrolled').org).toEqual({
      state: 'hidden',
      reason: 'not_enough_staff',
      display: 'Not enough staff for this figure',
    });
    for (const d of metricOf(release(smaller, 1, 'inf'), 'enrolled').departments ?? [])
      expect(d.cell).toMatchObject({ state: 'hidden', reason: 'not_enough_staff' });
    expect(metricOf(release(small, 1, 'inf', 'half'), 'questionnaire_improved').org).toMatchObject({
      reason: 'not_enough_staff',
    });
    for (const kind of ['month', 'half'] as const)
      for (const m of release(small, 1, 'inf', kind).metrics) {
        const informative = halfWidth90(kind, m.metric, 1) <= INFORMATIVE_SHARE * 200;
        expect(m.org.state === 'hidden' && m.org.reason === 'not_enough_staff', m.metric).toBe(!informative);
      }
    // the decision reads no count: with everyone or no one counted, the same figures are withheld
    const everyone: Org = {
      ...small,
      people: small.people.map((p) => ({
        ...p,
        joined: 0,
        left: null,
        active: [true, true],
        completer: [true, true],
        coach: [true, true],
        improved: [true, true],
      })),
    };
    const nobody: Org = { ...small, people: [] };
    const withheld = (o: Org) =>
      release(o, 1, 'inf')
        .metrics.filter((m) => m.org.state === 'hidden')
        .map((m) => m.metric);
    expect(withheld(everyone)).toEqual(withheld(nobody));
    expect(withheld(nobody)).toEqual(withheld(small));
    // the demo's size (275 staff) publishes every figure
    expect(
      [...release(FIXED, 1, 'inf').metrics, ...release(FIXED, 1, 'inf', 'half').metrics].filter(
        (m) => m.org.state === 'hidden',
      ),
    ).toEqual([]);
  });

  it('questionnaire change (and all half-year activity) is organisation-wide only', () => {
    const r = release(FIXED, 1, 'q', 'half');
    expect(metricOf(r, 'questionnaire_improved').departments).toBeNull();
    expect(departmentView(r, 'questionnaire_improved', 1)).toBeUndefined();
    for (const m of r.metrics) expect(m.departments).toBeNull();
  });

  it('an organisation under 50 staff (by HR headcount) shows nothing at all', () => {
    const small: Org = {
      departments: [
        { id: 'a', name: 'A', headcount: 30 },
        { id: 'b', name: 'B', headcount: 19 },
      ],
      people: FIXED.people,
    };
    for (const m of [
      ...series(small, 'month', 'small'),
      ...series(small, 'half', 'small'),
      ...series(small, 'week', 'small'),
    ].flatMap((r) => r.metrics)) {
      expect(m.org).toMatchObject({ state: 'hidden', reason: 'organisation_too_small' });
      for (const d of m.departments ?? []) expect(d.cell.state).toBe('hidden');
    }
  });

  it('CSV vs screen: every exported value is a cell shown on screen, in the same order', () => {
    const releases = [release(FIXED, 0, 'c0'), release(FIXED, 1, 'c1')];
    const view = dashboardView('month', releases, { status: 'available', year: '2026' }, 1);
    const csvRows = dashboardCsv(view)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const screen = view.periods.flatMap((p) =>
      p.cells.map((c) => {
        const f = view.figures.find((x) => x.metric === c.metric)!;
        const v = c.cell.state === 'shown' ? c.cell.value : null;
        return [
          p.period,
          f.label,
          c.cell.display,
          v === null ? '' : String(Math.max(0, v - f.halfWidth)),
          v === null ? '' : String(v + f.halfWidth),
        ];
      }),
    );
    expect(csvRows.some((r) => r[3] !== '')).toBe(true);
    expect(csvRows).toEqual(screen);
    const dv = departmentView(releases[1]!, 'enrolled', 1)!;
    const drows = departmentCsv(dv)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',').slice(2));
    const fields = (c: typeof dv.total) => [
      c.display,
      ...(c.range ? [String(c.range.low), String(c.range.high)] : ['', '']),
    ];
    expect(drows).toEqual([
      ...dv.rows.map((r) => [r.name, ...fields(r.cell)]),
      ['Whole organisation', ...fields(dv.total)],
    ]);
    // every shown department row carries its own range, from the department's noise; the last row sums the hidden
    // departments' cells and "not stated", so its range is wider
    const hiddenDepartments = dv.rows.filter((r) => r.departmentId !== null && r.cell.state === 'hidden').length;
    const shown = dv.rows.filter((r) => r.cell.state === 'shown' && r.cell.value !== null);
    expect(shown.length).toBeGreaterThan(1);
    for (const r of shown) {
      const h = halfWidth90('month', 'enrolled', 1, 'department', r.departmentId === null ? 1 + hiddenDepartments : 1);
      expect(r.cell.range, r.name).toEqual({
        low: Math.max(0, (r.cell as { value: number }).value - h),
        high: (r.cell as { value: number }).value + h,
      });
    }
    expect(halfWidth90('month', 'enrolled', 1, 'department', 3)).toBeGreaterThan(
      halfWidth90('month', 'enrolled', 1, 'department'),
    );
  });

  it('the release never contains anything per person', () => {
    const json = JSON.stringify(release(FIXED, 1, 'pp'));
    expect(json).not.toMatch(/userId|email|"user"|person/i);
    expect(Object.keys(release(FIXED, 1, 'pp'))).toEqual(['kind', 'period', 'releasedAt', 'metrics']);
  });

  it('the same seed gives the same bytes; the noise does not depend on the counts (draws are data-independent)', () => {
    const a = release(FIXED, 1, 'same');
    expect(JSON.stringify(release(FIXED, 1, 'same'))).toBe(JSON.stringify(a));
    expect(ORG_WIDE).toBe('_all');
  });
});

// The same game against what the platform operator sees (functions/domain/coaching/operator.ts): W1 adds the target's
// activity (one more open thread, overdue thread, alert and reply) to W0's counts. While W0's counts are under the
// suppression floor in W1 too, the two figures are identical; at or above it they differ only in the counts.
describe('the operator’s service-health figures in the game', () => {
  const counts = (open: number, overdue: number, alerts: number, replies: number): HealthCounts => ({
    period: '2027-03',
    openThreads: open,
    overdue,
    alertsSent: alerts,
    sla: { replies, shareWithin24h: replies ? 0.8 : null, medianMinutes: replies ? 95 : null },
    replyWithinWorkingHours: 8,
  });
  const below = fc.integer({ min: 0, max: SUPPRESS_BELOW - 2 });

  it('identical bytes when every count stays under the floor with the target', () => {
    fc.assert(
      fc.property(below, below, below, below, fc.boolean(), (open, overdue, alerts, replies, wrote) => {
        const w0 = healthFigures(counts(open, overdue, alerts, replies));
        const w1 = healthFigures(counts(open + 1, overdue + Number(wrote), alerts + 1, replies + Number(wrote)));
        expect(JSON.stringify(w1)).toBe(JSON.stringify(w0));
      }),
    );
  });

  it.each([
    [0, null],
    [SUPPRESS_BELOW - 1, null],
    [SUPPRESS_BELOW, SUPPRESS_BELOW],
    [12, 12],
  ])('a count of %i is shown as %s', (n, shown) => {
    const f = healthFigures(counts(n, n, n, n));
    expect([f.openThreads, f.overdue, f.alertsSent, f.replies]).toEqual([shown, shown, shown, shown]);
    // the share and the median come from the replies: shown only with enough of them
    expect([f.percentWithinPromise, f.medianReplyMinutes]).toEqual(shown === null ? [null, null] : [80, 95]);
  });

  it('has no field that could name or label anyone', () => {
    expect(Object.keys(healthFigures(counts(7, 1, 9, 6)))).toEqual([
      'period',
      'suppressedBelow',
      'openThreads',
      'overdue',
      'alertsSent',
      'replies',
      'percentWithinPromise',
      'medianReplyMinutes',
      'replyWithinWorkingHours',
    ]);
  });
});
