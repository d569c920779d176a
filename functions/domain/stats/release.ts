// The pure release engine: true counts for one period in, the employer-facing release out.
// Steps (privacy-model.md): gate on HR headcounts → noise every cell → make consistent → floor and round →
// complementary suppression. Nothing here reads the clock or the table; all randomness comes from the injected source.
import { CATALOGUE, FLOOR, MIN_DEPARTMENT_HEADCOUNT, MIN_ORG_HEADCOUNT, ROUND_TO, metricEpsilonMicro, type PeriodKind, type StatMetric } from './catalogue.js';
import { NO_DEPARTMENT } from './counters.js';
import { discreteLaplace, scaleFor, type RandomSource } from './noise.js';

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
   * (ids not in HR's list, and NO_DEPARTMENT, fold into the "not stated or elsewhere" cell).
   */
  counts: Partial<Record<StatMetric, { org: number; byDepartment: Record<string, number> }>>;
}

export type HiddenReason = 'small_department' | 'protects_small_department' | 'organisation_too_small';

export type Cell =
  | { state: 'shown'; display: string; value: number | null }
  | { state: 'hidden'; reason: HiddenReason; display: string };

/** The words shown (and exported) for a hidden cell. */
export const HIDDEN_TEXT: Record<HiddenReason, string> = {
  small_department: 'Hidden: fewer than 20 staff',
  protects_small_department: 'Hidden: protects a small team',
  organisation_too_small: 'Hidden: organisation under 50 staff',
};
const hidden = (reason: HiddenReason): Cell => ({ state: 'hidden', reason, display: HIDDEN_TEXT[reason] });

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

/** Computes one release. Draws exactly the same number of noise values whatever the counts. */
export function computeRelease(input: ReleaseInput, rng: RandomSource): ReleasePayload {
  const cells = cellOrder(input.departments);
  const known = new Set(input.departments.map((d) => d.id));
  const visibility = departmentVisibility(input.departments);
  const orgVisible = input.departments.reduce((s, d) => s + d.headcount, 0) >= MIN_ORG_HEADCOUNT;
  const byName = [...input.departments].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));

  const metrics = CATALOGUE[input.kind].map((entry): MetricRelease => {
    const truth = input.counts[entry.metric] ?? { org: 0, byDepartment: {} };
    const epsilon = metricEpsilonMicro(entry, input.epsilonPerYear);
    // Departments partition the people, so all department cells together cost one level (parallel composition).
    const orgScale = scaleFor(entry.sensitivity, entry.byDepartment ? Math.floor(epsilon / 2) : epsilon);
    const orgNoised = Math.max(0, truth.org + discreteLaplace(rng, orgScale));
    const orgCell: Cell = orgVisible ? displayOf(orgNoised) : hidden('organisation_too_small');
    if (!entry.byDepartment) return { metric: entry.metric, label: entry.label, explanation: entry.explanation, org: orgCell, departments: null };

    const deptScale = scaleFor(entry.sensitivity, Math.floor(epsilon / 2));
    const trueByCell = new Map(cells.map((c) => [c, 0]));
    for (const [dept, value] of Object.entries(truth.byDepartment)) {
      const cell = known.has(dept) ? dept : NO_DEPARTMENT;
      trueByCell.set(cell, trueByCell.get(cell)! + value);
    }
    const noisy = cells.map((c) => trueByCell.get(c)! + discreteLaplace(rng, deptScale));
    const consistent = makeConsistent(noisy, orgNoised);
    const valueOf = new Map(cells.map((c, i) => [c, consistent[i]!]));

    let shownSum = 0;
    const rows: DepartmentRow[] = byName.map((d) => {
      const hiddenCell = visibility.get(d.id);
      if (hiddenCell) return { departmentId: d.id, name: d.name, cell: hiddenCell };
      shownSum += valueOf.get(d.id)!;
      return { departmentId: d.id, name: d.name, cell: displayOf(valueOf.get(d.id)!) };
    });
    // The rest of the organisation in one row, so the column adds up to the total (it is org − shown, already known).
    rows.push({
      departmentId: null,
      name: OTHER_ROW_NAME,
      cell: orgVisible ? displayOf(orgNoised - shownSum) : hidden('organisation_too_small'),
    });
    return { metric: entry.metric, label: entry.label, explanation: entry.explanation, org: orgCell, departments: rows };
  });

  return { kind: input.kind, period: input.period, releasedAt: input.releasedAt, metrics };
}
