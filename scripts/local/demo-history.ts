// A year of synthetic staff activity for the local stack, so a fresh `npm start` shows HR a populated dashboard.
// Synthetic people (a seeded generator, never real accounts) join in a launch, use Respite, finish modules, write to a
// coach, change department and leave; their activity goes into the same counters, under the same periods
// (`periodsOf`) and with the same once-per-person rules as the real code counts it. Then every period of the year is
// released by the real release engine (`releasePeriod`, production noise from node:crypto, the real budget ledger)
// at a moved clock: just after each period ends. Nothing here writes a release or a figure itself.
// Runs only when the organisation has no release yet, so a restart keeps its history; `npm start -- --reset` wipes
// the local data and seeds afresh.
import { keys } from '../../functions/domain/keys.js';
import type { PeriodKind } from '../../functions/domain/stats/catalogue.js';
import {
  halfYear,
  isoWeek,
  type Metric,
  month,
  NO_DEPARTMENT,
  ORG_WIDE,
  periodsOf,
} from '../../functions/domain/stats/counters.js';
import { cryptoSource } from '../../functions/domain/stats/noise.js';
import {
  lastCompletePeriod,
  listDepartments,
  listReleases,
  releasePeriod,
} from '../../functions/domain/stats/repository.js';
import type { Db } from '../../functions/shared/db.js';
import * as z from '../../functions/shared/zod.js';

/** Deterministic per organisation (mulberry32), so every fresh start tells the same story (the noise differs). */
function generator(seedText: string) {
  let a = [...seedText].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0, 0x9e3779b9);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[], weights: readonly number[]) => {
      let r = next() * weights.reduce((s, w) => s + w, 0);
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items.at(-1)!;
    },
  };
}

const DAY = 86_400_000;
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));
/** Share of all joiners joining in each month of the year: a launch, a reminder campaign, then a trickle. */
const JOIN_SHAPE = [0.3, 0.14, 0.09, 0.07, 0.06, 0.06, 0.05, 0.05, 0.05, 0.04, 0.05, 0.04];

interface Person {
  joinAt: Date;
  dept: string;
  moveAt?: Date;
  movedTo?: string;
  leaveAt?: Date;
}

/**
 * The synthetic year as counter increments, each with the moment it happens: a person is counted once per period,
 * metric and department, at the first moment they qualify (as the real counters' per-person markers do).
 */
async function synthesiseActivity(db: Db, slug: string, months: Date[], now: Date) {
  const departments = await listDepartments(db);
  const headcount = departments.reduce((s, d) => s + d.headcount, 0);
  const rng = generator(slug);
  const ids = departments.map((d) => d.id);
  const weights = departments.map((d) => d.headcount);
  const deptOf = () => (rng.chance(0.1) ? NO_DEPARTMENT : rng.pick(ids, weights));
  const within = (from: Date, to: Date) =>
    new Date(from.getTime() + Math.floor(rng.next() * Math.max(1, to.getTime() - from.getTime())));

  // About 55 % of the staff join during the year.
  const people: Person[] = [];
  const joiners = Math.round(headcount * 0.55);
  for (let i = 0; i < joiners; i++) {
    const m = rng.pick(
      months.map((_, k) => k),
      JOIN_SHAPE,
    );
    const joinAt = within(months[m]!, m + 1 < months.length ? months[m + 1]! : now);
    const p: Person = { joinAt, dept: deptOf() };
    if (rng.chance(0.06) && ids.length > 1) {
      p.moveAt = within(joinAt, now);
      p.movedTo = rng.pick(ids, weights);
    }
    if (rng.chance(0.12)) p.leaveAt = within(p.moveAt ?? joinAt, now);
    people.push(p);
  }

  const counted = new Map<string, Map<number, number>>(); // counter → person → when first counted (ms)
  const count = (who: number, metric: Metric, dept: string, at: Date) => {
    for (const period of periodsOf(at))
      for (const d of [ORG_WIDE, dept]) {
        const k = `${period}|${metric}|${d}`;
        if (!counted.has(k)) counted.set(k, new Map());
        const first = counted.get(k)!.get(who);
        if (first === undefined || at.getTime() < first) counted.get(k)!.set(who, at.getTime());
      }
  };
  people.forEach((p, who) => {
    const end = p.leaveAt ?? now;
    const deptAt = (at: Date) => (p.moveAt && at >= p.moveAt ? p.movedTo! : p.dept);
    count(who, 'new_enrolments', p.dept, p.joinAt);
    if (p.moveAt) {
      count(who, 'department_moves_out', p.dept, p.moveAt);
      count(who, 'department_moves_in', p.movedTo!, p.moveAt);
    }
    if (p.leaveAt) count(who, 'leavers', deptAt(p.leaveAt), p.leaveAt);
    // Activity: most people use it in the weeks after joining, fewer later; each active day can bring a module
    // finished; some write to a coach; some feel better on a later self-check.
    let first = true;
    for (let t = p.joinAt.getTime(); t < end.getTime(); t += 14 * DAY) {
      if (!rng.chance(first ? 0.95 : 0.3)) continue;
      const at = new Date(Math.min(t + Math.floor(rng.next() * 14 * DAY), end.getTime() - 1));
      count(who, 'active', deptAt(at), at);
      if (rng.chance(first ? 0.5 : 0.25)) count(who, 'module_completers', deptAt(at), at);
      if (rng.chance(0.05)) count(who, 'coach_conversations', deptAt(at), at);
      if (!first && rng.chance(0.12)) count(who, 'questionnaire_improved', deptAt(at), at);
      first = false;
    }
  });
  const increments = [...counted].flatMap(([counter, who]) => [...who.values()].map((at) => ({ at, counter })));
  return { people: people.length, increments: increments.sort((a, b) => a.at - b.at) };
}

/** Adds every increment before `until` to the counters, up to 100 counters per transaction. */
async function countUntil(db: Db, pending: { at: number; counter: string }[], until: number) {
  const due = new Map<string, number>();
  while (pending.length && pending[0]!.at < until) {
    const { counter } = pending.shift()!;
    due.set(counter, (due.get(counter) ?? 0) + 1);
  }
  const writes = [...due].map(([counter, by]) => {
    const [period, metric, dept] = counter.split('|') as [string, string, string];
    return db.txIncrement(keys.counter(period, metric, dept), 'value', by);
  });
  for (let i = 0; i < writes.length; i += 100) await db.transact(writes.slice(i, i + 100));
}

/** Every period of `kind` that ends after `from` and by `now`, oldest first, with the instant it ends. */
function periodsBetween(kind: PeriodKind, from: Date, now: Date): { period: string; end: Date }[] {
  const last = lastCompletePeriod(kind, now);
  const out: { period: string; end: Date }[] = [];
  const step =
    kind === 'week'
      ? (d: Date) => new Date(d.getTime() + 7 * DAY)
      : (d: Date) => monthStart(d.getUTCFullYear(), d.getUTCMonth() + (kind === 'month' ? 1 : 6));
  // Start of the period holding `from`.
  let start =
    kind === 'week'
      ? new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() - ((from.getUTCDay() + 6) % 7)))
      : kind === 'month'
        ? monthStart(from.getUTCFullYear(), from.getUTCMonth())
        : monthStart(from.getUTCFullYear(), from.getUTCMonth() < 6 ? 0 : 6);
  const name = (d: Date) => (kind === 'week' ? isoWeek(d) : kind === 'month' ? month(d) : halfYear(d));
  for (;;) {
    const end = step(start);
    if (end > now) break;
    out.push({ period: name(start), end });
    if (name(start) === last) break;
    start = end;
  }
  return out;
}

/**
 * Seeds a year of history ending at `now` and releases it; does nothing if the organisation has any release.
 * Returns what it did, for the start-up log.
 */
export async function seedDemoHistory(db: Db, slug: string, epsilonPerYear: number, now = new Date()): Promise<string> {
  const used = await db.get(keys.counter('all', 'new_enrolments', ORG_WIDE), z.object({ value: z.number() }), {
    consistent: true,
  });
  if (used || (await listReleases(db, 'month', 1)).length > 0)
    return 'history kept (the organisation has figures or joiners already)';
  const months = Array.from({ length: 12 }, (_, k) => monthStart(now.getUTCFullYear(), now.getUTCMonth() - 12 + k));
  const { people, increments } = await synthesiseActivity(db, slug, months, now);
  // Time moves forward: the counters hold what had happened by then, and each period is released three hours after
  // it ends, as the hourly job would have done (months first, so "Using Respite" chains from month to month).
  const releases = (['month', 'week', 'half'] as const)
    .flatMap((kind) =>
      periodsBetween(kind, months[0]!, now).map((p) => ({ kind, ...p, at: p.end.getTime() + 3 * 3_600_000 })),
    )
    .sort((a, b) => a.at - b.at);
  let released = 0;
  for (const r of releases) {
    await countUntil(db, increments, r.at);
    const outcome = await releasePeriod(
      { db, rng: cryptoSource, epsilonPerYear, now: new Date(r.at) },
      r.kind,
      r.period,
    );
    if (outcome === 'released') released += 1;
  }
  await countUntil(db, increments, now.getTime() + 1);
  return `seeded a year of synthetic activity (${people} people) and released ${released} periods`;
}
