// Reads and writes of the stats context: releases (computed once, stored, served from storage), the privacy-budget
// ledger and the true counts a release is computed from. Every access is a GetItem, a Query or one transaction.

import type { Db } from '../../shared/db.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';
import { DepartmentItem } from '../org/schema.js';
import { budgetYearOf, CATALOGUE, epsilonMicroOf, type PeriodKind, releaseCost, snapshotDue } from './catalogue.js';
import { ALL_TIME, halfYear, isoWeek, month, ORG_WIDE } from './counters.js';
import type { RandomSource } from './noise.js';
import type { BudgetView } from './present.js';
import {
  type ChainState,
  type CountedInput,
  computeRelease,
  type DepartmentInfo,
  type ReleaseInput,
  type ReleasePayload,
  type TrueCount,
} from './release.js';

const CounterItem = z.object({ sk: z.string(), value: z.number() });
const ReleaseItem = z.object({
  kind: z.string(),
  period: z.string(),
  payload: z.string(),
  costMicro: z.number(),
  chain: z.optional(z.string()),
});
const BudgetItem = z.object({
  spentMicro: z._default(z.number(), 0),
  refusedWeek: z.optional(z.boolean()),
  refusedMonth: z.optional(z.boolean()),
  refusedHalf: z.optional(z.boolean()),
});
const refusedAttribute = { week: 'refusedWeek', month: 'refusedMonth', half: 'refusedHalf' } as const;
const ChargeItem = z.object({ stream: z.string() });

export const PERIOD_PATTERN: Record<PeriodKind, RegExp> = {
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  half: /^\d{4}-H[12]$/,
};

export async function listDepartments(db: Db): Promise<DepartmentInfo[]> {
  const p = keys.orgDepartmentPrefix();
  const items = await db.query({ pk: p.pk, skPrefix: p.skPrefix }, DepartmentItem);
  return items.map((d) => ({ id: d.departmentId, name: d.name, headcount: d.headcount }));
}

type Counts = Map<string, Map<string, number>>; // metric → department (or _all) → value

/** Every counter of one period: one Query on COUNTER#<period> (its size depends on departments, not staff). */
async function countersOf(db: Db, period: string): Promise<Counts> {
  const items = await db.query({ pk: keys.counterPartition(period) }, CounterItem);
  const out: Counts = new Map();
  for (const it of items) {
    const hash = it.sk.indexOf('#');
    const metric = it.sk.slice(0, hash);
    const dept = it.sk.slice(hash + 1);
    if (!out.has(metric)) out.set(metric, new Map());
    out.get(metric)!.set(dept, it.value);
  }
  return out;
}

const get = (c: Counts, metric: string, dept: string) => c.get(metric)?.get(dept) ?? 0;

/** `period` and the months after it, up to and including the month of `now` (normally just one). */
function monthsFrom(period: string, now: Date): string[] {
  const out: string[] = [];
  const [y, m] = period.split('-').map(Number) as [number, number];
  for (
    let d = new Date(Date.UTC(y, m - 1, 1));
    month(d) <= month(now);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  )
    out.push(month(d));
  return out;
}

const previousMonth = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return month(new Date(Date.UTC(y, m - 2, 1)));
};

/** Change in accounts per department (or org) in a set of counters: joiners − leavers + moves in − moves out. */
const netChange = (c: Counts, dept: string) =>
  get(c, 'new_enrolments', dept) -
  get(c, 'leavers', dept) +
  get(c, 'department_moves_in', dept) -
  get(c, 'department_moves_out', dept);

function countOf(c: Counts, metric: string): TrueCount {
  const byDepartment: Record<string, number> = {};
  for (const [d, v] of c.get(metric) ?? []) if (d !== ORG_WIDE) byDepartment[d] = v;
  return { org: get(c, metric, ORG_WIDE), byDepartment };
}

/**
 * True counts for one period, in the engine's shape. With `snapshot`, also the accounts per current department at
 * the start of the month: all-time net change minus the net change from this month on (counters are live).
 */
export async function trueCounts(
  db: Db,
  kind: PeriodKind,
  period: string,
  now: Date,
  snapshot = false,
): Promise<ReleaseInput['counts']> {
  const inPeriod = await countersOf(db, period);
  const counts: ReleaseInput['counts'] = {};
  for (const entry of CATALOGUE[kind])
    if (entry.charge !== 'derived') counts[entry.metric as CountedInput] = countOf(inPeriod, entry.metric);
  if (kind !== 'month') return counts;
  counts.leavers = countOf(inPeriod, 'leavers');
  if (snapshot) {
    const [allTime, ...since] = await Promise.all([
      countersOf(db, ALL_TIME),
      ...monthsFrom(period, now).map((p) => countersOf(db, p)),
    ]);
    const depts = new Set<string>();
    for (const metric of ['new_enrolments', 'leavers', 'department_moves_in', 'department_moves_out'])
      for (const d of allTime!.get(metric)?.keys() ?? []) if (d !== ORG_WIDE) depts.add(d);
    const at = (dept: string) =>
      Math.max(
        0,
        since.reduce((v, c) => v - netChange(c, dept), netChange(allTime!, dept)),
      );
    const byDepartment: Record<string, number> = {};
    for (const d of depts) byDepartment[d] = at(d);
    counts.accounts_at_start = { org: at(ORG_WIDE), byDepartment };
  }
  return counts;
}

export async function getRelease(
  db: Db,
  kind: PeriodKind,
  period: string,
  consistent = false,
): Promise<ReleasePayload | undefined> {
  const item = await db.get(keys.statsRelease(kind, period), ReleaseItem, { consistent });
  return item ? (JSON.parse(item.payload) as ReleasePayload) : undefined;
}

/** The chain state a monthly release left (never served): null if that month was not released. */
async function getChain(db: Db, period: string): Promise<ChainState | null> {
  const item = await db.get(keys.statsRelease('month', period), ReleaseItem, { consistent: true });
  return item?.chain ? (JSON.parse(item.chain) as ChainState) : null;
}

/** The latest `limit` releases of a kind: one Query, whatever the organisation's size. */
export async function listReleases(db: Db, kind: PeriodKind, limit: number): Promise<ReleasePayload[]> {
  const p = keys.statsReleasePrefix(kind);
  const items = await db.query({ pk: p.pk, skPrefix: p.skPrefix, newestFirst: true, limit }, ReleaseItem);
  return items.map((i) => JSON.parse(i.payload) as ReleasePayload);
}

export async function budgetView(db: Db, kind: PeriodKind, year: string): Promise<BudgetView> {
  const item = await db.get(keys.statsBudget(year), BudgetItem);
  const refused = item?.[refusedAttribute[kind]];
  return { status: refused ? 'exhausted' : 'available', year };
}

export async function spentMicro(db: Db, year: string): Promise<number> {
  return (await db.get(keys.statsBudget(year), BudgetItem, { consistent: true }))?.spentMicro ?? 0;
}

export type ReleaseOutcome = 'released' | 'already_released' | 'budget_exhausted';

export interface ReleaseDeps {
  db: Db;
  rng: RandomSource;
  epsilonPerYear: number;
  now: Date;
}

/**
 * Releases one completed period exactly once. The release item, the once-per-year stream markers and the ledger
 * charge are one transaction: the ledger update carries the condition "spent + cost ≤ ε_year", so concurrent or
 * repeated runs can neither overspend nor release twice.
 */
export async function releasePeriod(deps: ReleaseDeps, kind: PeriodKind, period: string): Promise<ReleaseOutcome> {
  const { db, now } = deps;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await getRelease(db, kind, period, true)) return 'already_released';
    const year = budgetYearOf(period);
    const p = keys.statsStreamChargePrefix(year);
    const charged = new Set((await db.query({ pk: p.pk, skPrefix: p.skPrefix }, ChargeItem)).map((c) => c.stream));
    const previous = kind === 'month' ? await getChain(db, previousMonth(period)) : null;
    const snapshot = kind === 'month' && snapshotDue(period, previous !== null);
    const cost = releaseCost(kind, deps.epsilonPerYear, charged, snapshot);
    const limit = epsilonMicroOf(deps.epsilonPerYear);
    if ((await spentMicro(db, year)) + cost.micro > limit) {
      await markRefused(db, kind, year);
      return 'budget_exhausted';
    }
    const [departments, counts] = await Promise.all([listDepartments(db), trueCounts(db, kind, period, now, snapshot)]);
    const input = {
      kind,
      period,
      releasedAt: now.toISOString(),
      epsilonPerYear: deps.epsilonPerYear,
      departments,
      counts,
      previous,
    };
    const { payload, chain } = computeRelease(input, deps.rng);
    const done = await db.transact([
      db.txPut(
        {
          ...keys.statsRelease(kind, period),
          kind,
          period,
          payload: JSON.stringify(payload),
          costMicro: cost.micro,
          ...(chain ? { chain: JSON.stringify(chain) } : {}),
        },
        { ifAbsent: true },
      ),
      ...cost.charges.map((stream) =>
        db.txPut({ ...keys.statsStreamCharge(year, stream), stream, chargedFor: period }, { ifAbsent: true }),
      ),
      {
        Update: {
          TableName: db.tableName,
          Key: keys.statsBudget(year),
          UpdateExpression: 'ADD spentMicro :cost',
          ConditionExpression: 'attribute_not_exists(spentMicro) OR spentMicro <= :maxBefore',
          ExpressionAttributeValues: { ':cost': cost.micro, ':maxBefore': limit - cost.micro },
        },
      },
    ]);
    if (done) return 'released';
    // Someone else released it, charged a stream, or spent budget meanwhile: look again.
  }
  return (await getRelease(db, kind, period, true)) ? 'already_released' : 'budget_exhausted';
}

async function markRefused(db: Db, kind: PeriodKind, year: string) {
  await db.update(keys.statsBudget(year), { update: `SET ${refusedAttribute[kind]} = :t`, values: { ':t': true } });
}

/** The most recent period of each kind that has fully ended at `now` (UTC). */
export function lastCompletePeriod(kind: PeriodKind, now: Date): string {
  if (kind === 'week') return isoWeek(new Date(now.getTime() - 7 * 86_400_000));
  if (kind === 'half') return halfYear(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() < 6 ? 0 : 6, 0)));
  return month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)));
}
