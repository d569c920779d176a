// The pure release engine: true counts for one period in, the employer-facing release out.
// Steps (docs/statistics.md, "The pipeline for one release"): gate on HR headcounts → noise every cell → make
// consistent → floor and round → complementary suppression. Nothing here reads the clock or the table; all
// randomness comes from the injected source.
import {
  CATALOGUE,
  FLOOR,
  INFORMATIVE_SHARE,
  LEAVERS,
  MIN_DEPARTMENT_HEADCOUNT,
  MIN_ORG_HEADCOUNT,
  metricEpsilonMicro,
  type PeriodKind,
  ROUND_TO,
  SNAPSHOT,
  type StatMetric,
  shareEpsilonMicro,
  snapshotDue,
} from './catalogue.js';
import { NO_DEPARTMENT } from './counters.js';
import { halfWidth90 } from './interval.js';
import { discreteLaplace, type RandomSource, type Scale, scaleFor } from './noise.js';

/** A department as HR supplied it: the headcount is public knowledge and the only thing gating is based on. */
export interface DepartmentInfo {
  id: string;
  name: string;
  headcount: number;
}

export interface ReleaseInput {
  kind: PeriodKind;
  period: string;
  /** ISO time of release (metadata only). */
  releasedAt: string;
  epsilonPerYear: number;
  departments: readonly DepartmentInfo[];
  /**
   * True counts: per metric, the organisation-wide count and the count per department id as the counters hold them
   * (ids not in HR's list, and NO_DEPARTMENT, fold into the "not stated or elsewhere" cell). Monthly releases also
   * take `leavers` (org-wide only is used) and, when a snapshot is due, `accounts_at_start` (per current department).
   */
  counts: Partial<Record<CountedInput, TrueCount>>;
  /** Monthly releases: the chain state the previous month's release left, or null if that month was not released. */
  previous?: ChainState | null;
}

export type CountedInput = Exclude<StatMetric, 'enrolled'> | 'leavers' | 'accounts_at_start';
export interface TrueCount {
  org: number;
  byDepartment: Record<string, number>;
}

/** A noisy estimate (unrounded, may be negative) and the variance of its noise. */
export interface Estimate {
  est: number;
  variance: number;
}
/**
 * What a monthly release leaves for the next one: its estimates of the accounts at the end of the month, built only
 * from released noisy values (stored beside the release, never served; see docs/statistics.md).
 */
export interface ChainState {
  org: Estimate;
  /** By noise cell (HR's department ids and NO_DEPARTMENT). */
  cells: Record<string, Estimate>;
}

export type HiddenReason =
  | 'small_department'
  | 'protects_small_department'
  | 'organisation_too_small'
  | 'not_enough_staff'
  | 'too_few_managers';

export type Cell =
  | { state: 'shown'; display: string; value: number | null }
  | { state: 'hidden'; reason: HiddenReason; display: string };

/** The words shown (and exported) for a hidden cell. */
export const HIDDEN_TEXT: Record<HiddenReason, string> = {
  small_department: 'Hidden: fewer than 20 staff',
  protects_small_department: 'Hidden: protects a small team',
  organisation_too_small: 'Hidden: organisation under 50 staff',
  not_enough_staff: 'Not enough staff for this figure',
  too_few_managers: 'Hidden: fewer than 10 line managers',
};
export const hidden = (reason: HiddenReason): Cell => ({ state: 'hidden', reason, display: HIDDEN_TEXT[reason] });

export interface DepartmentRow {
  /** null for the combined "not stated or in a smaller group" row */
  departmentId: string | null;
  name: string;
  cell: Cell;
}

export interface MetricRelease {
  metric: StatMetric;
  label: string;
  explanation: string;
  org: Cell;
  /** null when the metric is organisation-wide only. */
  departments: DepartmentRow[] | null;
}

export interface ReleasePayload {
  kind: PeriodKind;
  period: string;
  releasedAt: string;
  metrics: MetricRelease[];
}

export const OTHER_ROW_NAME = 'Not stated or in a smaller group';

/** "fewer than 10" below the floor, otherwise the nearest multiple of 5 (never 0 at or above the floor). */
export function displayOf(noised: number): Cell {
  if (noised < FLOOR) return { state: 'shown', display: 'fewer than 10', value: null };
  const rounded = Math.floor((noised + ROUND_TO / 2) / ROUND_TO) * ROUND_TO;
  return { state: 'shown', display: String(rounded), value: rounded };
}

/** The noise cells, in a fixed order that depends only on HR's department list: HR's departments by id, then "none". */
export function cellOrder(departments: readonly DepartmentInfo[]): string[] {
  return [...departments.map((d) => d.id).sort(), NO_DEPARTMENT];
}

/**
 * Which department cells may be shown, decided from HR's headcounts only (never from counts).
 * Small departments are hidden; if the hidden ones together have fewer than 20 people, the smallest shown ones
 * are hidden too, until the hidden total reaches 20, so no hidden cell can be recovered by subtraction.
 */
export function departmentVisibility(departments: readonly DepartmentInfo[]): Map<string, Cell | null> {
  const out = new Map<string, Cell | null>();
  const orgHeadcount = departments.reduce((s, d) => s + d.headcount, 0);
  if (orgHeadcount < MIN_ORG_HEADCOUNT) {
    for (const d of departments) out.set(d.id, hidden('organisation_too_small'));
    return out;
  }
  let hiddenTotal = 0;
  let anyHidden = false;
  for (const d of departments) {
    if (d.headcount < MIN_DEPARTMENT_HEADCOUNT) {
      out.set(d.id, hidden('small_department'));
      hiddenTotal += d.headcount;
      anyHidden = true;
    } else out.set(d.id, null); // shown (value filled in later)
  }
  if (anyHidden) {
    const candidates = departments
      .filter((d) => out.get(d.id) === null)
      .sort((a, b) => a.headcount - b.headcount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const d of candidates) {
      if (hiddenTotal >= MIN_DEPARTMENT_HEADCOUNT) break;
      out.set(d.id, hidden('protects_small_department'));
      hiddenTotal += d.headcount;
    }
  }
  return out;
}

/**
 * Least-squares consistency: the non-negative integers closest to `noisy` that add up to `total`
 * (projection onto the simplex, then largest-remainder rounding; ties go to the earlier cell).
 */
export function makeConsistent(noisy: readonly number[], total: number): number[] {
  const n = noisy.length;
  if (n === 0) return [];
  if (total <= 0) return noisy.map(() => 0);
  const sorted = [...noisy].sort((a, b) => b - a);
  let cumulative = 0;
  let lambda = 0;
  for (let j = 0; j < n; j++) {
    cumulative += sorted[j]!;
    const candidate = (cumulative - total) / (j + 1);
    if (sorted[j]! - candidate > 0) lambda = candidate;
  }
  const real = noisy.map((y) => Math.max(0, y - lambda));
  const floors = real.map(Math.floor);
  let remainder = total - floors.reduce((s, v) => s + v, 0);
  const order = real.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remainder <= 0) break;
    floors[i]! += 1;
    remainder -= 1;
  }
  return floors;
}

/** Variance of discrete Laplace noise with scale t: P(x) ∝ exp(−|x|/t), so var = 2p/(1−p)² with p = exp(−1/t). */
export function noiseVariance(scale: Scale): number {
  const p = Math.exp(-scale.den / scale.num);
  return (2 * p) / (1 - p) ** 2;
}

/** Inverse-variance weighted mean of two independent estimates of the same quantity (post-processing). */
export function combine(a: Estimate, b: Estimate): Estimate {
  if (a.variance === 0) return a;
  if (b.variance === 0) return b;
  const w = b.variance / (a.variance + b.variance);
  return { est: w * a.est + (1 - w) * b.est, variance: (a.variance * b.variance) / (a.variance + b.variance) };
}

/** Noised values for the organisation and every cell, drawn in the fixed order: org first, then the cells. */
function noiseAll(
  rng: RandomSource,
  truth: TrueCount | undefined,
  cells: readonly string[],
  known: ReadonlySet<string>,
  orgScale: Scale,
  cellScale: Scale | null,
) {
  const t = truth ?? { org: 0, byDepartment: {} };
  const org = t.org + discreteLaplace(rng, orgScale);
  if (!cellScale) return { org, cells: null };
  const trueByCell = new Map(cells.map((c) => [c, 0]));
  for (const [dept, value] of Object.entries(t.byDepartment)) {
    const cell = known.has(dept) ? dept : NO_DEPARTMENT;
    trueByCell.set(cell, trueByCell.get(cell)! + value);
  }
  return { org, cells: cells.map((c) => trueByCell.get(c)! + discreteLaplace(rng, cellScale)) };
}

export interface ComputedRelease {
  payload: ReleasePayload;
  /** Monthly releases only: the state the next month's "Using Respite" continues from. */
  chain: ChainState | null;
}

/**
 * Computes one release. The number and order of noise draws depend only on public facts (the kind, HR's department
 * list and whether a snapshot is due), never on the counts.
 */
export function computeRelease(input: ReleaseInput, rng: RandomSource): ComputedRelease {
  const cells = cellOrder(input.departments);
  const known = new Set(input.departments.map((d) => d.id));
  const visibility = departmentVisibility(input.departments);
  const headcount = input.departments.reduce((s, d) => s + d.headcount, 0);
  const orgVisible = headcount >= MIN_ORG_HEADCOUNT;
  /** From public facts only (ε, the catalogue, HR's headcount): could this figure's range inform anyone? */
  const informative = (metric: StatMetric) =>
    halfWidth90(input.kind, metric, input.epsilonPerYear) <= INFORMATIVE_SHARE * headcount;
  const byName = [...input.departments].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  // Noised values of the shown figures (org and cells, before consistency), kept for "Using Respite".
  const noised = new Map<
    StatMetric,
    { org: number; cells: number[] | null; orgScale: Scale; cellScale: Scale | null }
  >();

  /** Consistency, gating, floor and rounding: from noisy org and cell values to what is shown. */
  const present = (
    entry: { metric: StatMetric; label: string; explanation: string },
    orgValue: number,
    cellValues: number[] | null,
  ): MetricRelease => {
    const orgNoised = Math.max(0, Math.round(orgValue));
    const orgCell: Cell = !orgVisible
      ? hidden('organisation_too_small')
      : !informative(entry.metric)
        ? hidden('not_enough_staff')
        : displayOf(orgNoised);
    if (orgCell.state === 'hidden' && cellValues) {
      // A figure too noisy for the whole organisation is too noisy for every department too.
      const rows = [
        ...byName.map((d) => ({ departmentId: d.id as string | null, name: d.name })),
        { departmentId: null, name: OTHER_ROW_NAME },
      ];
      return {
        metric: entry.metric,
        label: entry.label,
        explanation: entry.explanation,
        org: orgCell,
        departments: rows.map((r) => ({ ...r, cell: orgCell })),
      };
    }
    if (!cellValues)
      return {
        metric: entry.metric,
        label: entry.label,
        explanation: entry.explanation,
        org: orgCell,
        departments: null,
      };
    const consistent = makeConsistent(cellValues, orgNoised);
    const valueByCell = new Map(cells.map((c, i) => [c, consistent[i]!]));
    let shownSum = 0;
    const rows: DepartmentRow[] = byName.map((d) => {
      const hiddenCell = visibility.get(d.id);
      if (hiddenCell) return { departmentId: d.id, name: d.name, cell: hiddenCell };
      shownSum += valueByCell.get(d.id)!;
      return { departmentId: d.id, name: d.name, cell: displayOf(valueByCell.get(d.id)!) };
    });
    // The rest of the organisation in one row, so the column adds up to the total (it is org − shown, already known).
    rows.push({
      departmentId: null,
      name: OTHER_ROW_NAME,
      cell: orgVisible ? displayOf(orgNoised - shownSum) : hidden('organisation_too_small'),
    });
    return {
      metric: entry.metric,
      label: entry.label,
      explanation: entry.explanation,
      org: orgCell,
      departments: rows,
    };
  };

  const metrics: MetricRelease[] = [];
  let chain: ChainState | null = null;
  for (const entry of CATALOGUE[input.kind]) {
    if (entry.charge === 'derived') {
      chain = nextChain(input, rng, cells, known, noised.get('new_enrolments')!);
      metrics.push(
        present(
          entry,
          chain.org.est,
          cells.map((c) => chain!.cells[c]!.est),
        ),
      );
      continue;
    }
    const epsilon = metricEpsilonMicro(entry, input.epsilonPerYear);
    // Departments partition the people, so all department cells together cost one level (parallel composition).
    const orgScale = scaleFor(entry.sensitivity, entry.byDepartment ? Math.floor(epsilon / 2) : epsilon);
    const cellScale = entry.byDepartment ? scaleFor(entry.sensitivity, Math.floor(epsilon / 2)) : null;
    const values = noiseAll(rng, input.counts[entry.metric as CountedInput], cells, known, orgScale, cellScale);
    noised.set(entry.metric, { ...values, orgScale, cellScale });
    metrics.push(present(entry, values.org, values.cells));
  }
  return { payload: { kind: input.kind, period: input.period, releasedAt: input.releasedAt, metrics }, chain };
}

/**
 * "Using Respite" at the end of the month, from released noisy values only:
 *   start = previous month's end (if released), combined with this month's snapshot when one is due;
 *   end   = start + this month's noised joiners − this month's noised leavers (organisation; leavers and department
 *           changes reach the department cells at the next snapshot).
 * Only the leavers and the snapshot are new draws; the joiners are the same noised values the page shows.
 */
function nextChain(
  input: ReleaseInput,
  rng: RandomSource,
  cells: readonly string[],
  known: ReadonlySet<string>,
  joiners: { org: number; cells: number[] | null; orgScale: Scale; cellScale: Scale | null },
): ChainState {
  const leaverScale = scaleFor(1, shareEpsilonMicro(LEAVERS.shareMillionths, input.epsilonPerYear));
  const leavers = input.counts.leavers?.org ?? 0;
  const leaversNoised = leavers + discreteLaplace(rng, leaverScale);

  const previous = input.previous ?? null;
  const snapshotNeeded = snapshotDue(input.period, previous !== null);
  // Previous cells HR no longer lists fold into "not stated" (as the true counts do); new departments start at 0.
  const prevCells = new Map<string, Estimate>(cells.map((c) => [c, { est: 0, variance: 0 }]));
  if (previous)
    for (const [c, e] of Object.entries(previous.cells)) {
      const into = prevCells.has(c) ? c : NO_DEPARTMENT;
      const acc = prevCells.get(into)!;
      prevCells.set(into, { est: acc.est + e.est, variance: acc.variance + e.variance });
    }
  let startOrg: Estimate = previous?.org ?? { est: 0, variance: 0 };
  const startCells = cells.map((c) => prevCells.get(c)!);
  if (snapshotNeeded) {
    const epsilon = shareEpsilonMicro(SNAPSHOT.shareMillionths, input.epsilonPerYear);
    const orgScale = scaleFor(1, Math.floor(epsilon / 2));
    const cellScale = scaleFor(1, Math.floor(epsilon / 2));
    const snap = noiseAll(rng, input.counts.accounts_at_start, cells, known, orgScale, cellScale);
    const fresh = (est: number, scale: Scale): Estimate => ({ est, variance: noiseVariance(scale) });
    // The organisation's chain is unbiased (moves cancel out, leavers are subtracted), so it is combined with the
    // snapshot; department cells have missed moves and leavers since the last snapshot, so the snapshot replaces them.
    startOrg = previous ? combine(startOrg, fresh(snap.org, orgScale)) : fresh(snap.org, orgScale);
    for (const [i, v] of snap.cells!.entries()) startCells[i] = fresh(v, cellScale);
  }
  const org: Estimate = {
    est: startOrg.est + joiners.org - leaversNoised,
    variance: startOrg.variance + noiseVariance(joiners.orgScale) + noiseVariance(leaverScale),
  };
  const out: Record<string, Estimate> = {};
  cells.forEach((c, i) => {
    out[c] = {
      est: startCells[i]!.est + joiners.cells![i]!,
      variance: startCells[i]!.variance + noiseVariance(joiners.cellScale!),
    };
  });
  return { org, cells: out };
}
