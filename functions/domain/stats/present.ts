// What the screens and the CSV exports show, built from stored releases only. The CSV is generated from exactly the
// same view objects the screen renders, so it can never show a different number or an extra cell.
import { CATALOGUE, type PeriodKind, type StatMetric } from './catalogue.js';
import { halfWidth90, rangeOf } from './interval.js';
import type { Cell, ReleasePayload } from './release.js';

/**
 * A released cell as served: the cell, its 90 % range (null unless a number is shown; the half-width is public) and
 * the words a person reads ("about 130 — somewhere between 25 and 235"). The screen, the CSV and the employee's page
 * all take the range from here, for the organisation, every department row and the line-manager figures alike.
 */
export type RangedCell = Cell & { range: { low: number; high: number } | null; words: string };

export function withRange(cell: Cell, halfWidth: number): RangedCell {
  if (cell.state !== 'shown' || cell.value === null) return { ...cell, range: null, words: cell.display };
  const range = rangeOf(cell.value, halfWidth);
  return { ...cell, range, words: `about ${cell.value} — somewhere between ${range.low} and ${range.high}` };
}

export interface BudgetView {
  /** 'exhausted' once this year's budget cannot pay for another release: only released figures are shown. */
  status: 'available' | 'exhausted';
  year: string;
}

export interface DashboardView {
  kind: PeriodKind;
  /** halfWidth: 90 % of the time the true figure is within ± halfWidth of the shown value (public: from ε_year and the catalogue). */
  figures: { metric: StatMetric; label: string; explanation: string; byDepartment: boolean; halfWidth: number }[];
  /** Oldest first. */
  periods: { period: string; releasedAt: string; cells: { metric: StatMetric; cell: RangedCell }[] }[];
  budget: BudgetView;
}

export interface DepartmentView {
  kind: PeriodKind;
  period: string;
  metric: StatMetric;
  label: string;
  total: RangedCell;
  /** Each row's range is the department's own (a department cell's noise); the last row sums several cells. */
  rows: { departmentId: string | null; name: string; cell: RangedCell }[];
}

export function dashboardView(
  kind: PeriodKind,
  releases: readonly ReleasePayload[],
  budget: BudgetView,
  epsilonPerYear: number,
): DashboardView {
  const width = new Map(CATALOGUE[kind].map((e) => [e.metric, halfWidth90(kind, e.metric, epsilonPerYear)]));
  return {
    kind,
    figures: CATALOGUE[kind].map((e) => ({
      metric: e.metric,
      label: e.label,
      explanation: e.explanation,
      byDepartment: e.byDepartment,
      halfWidth: width.get(e.metric)!,
    })),
    periods: [...releases]
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((r) => ({
        period: r.period,
        releasedAt: r.releasedAt,
        cells: r.metrics
          .filter((m) => width.has(m.metric))
          .map((m) => ({ metric: m.metric, cell: withRange(m.org, width.get(m.metric)!) })),
      })),
    budget,
  };
}

/**
 * The department breakdown of one metric in one released period; undefined for organisation-wide-only metrics.
 * Which rows are hidden is in the stored release and follows HR's headcounts only, so the ranges (which depend on
 * how many cells the last row sums) are public too.
 */
export function departmentView(
  release: ReleasePayload,
  metric: StatMetric,
  epsilonPerYear: number,
): DepartmentView | undefined {
  const m = release.metrics.find((x) => x.metric === metric);
  if (!m?.departments) return undefined;
  const kind = release.kind;
  const hiddenDepartments = m.departments.filter((r) => r.departmentId !== null && r.cell.state === 'hidden').length;
  const rows = m.departments.map((r) => ({
    departmentId: r.departmentId,
    name: r.name,
    cell: withRange(
      r.cell,
      halfWidth90(kind, metric, epsilonPerYear, 'department', r.departmentId === null ? 1 + hiddenDepartments : 1),
    ),
  }));
  return {
    kind,
    period: release.period,
    metric,
    label: m.label,
    total: withRange(m.org, halfWidth90(kind, metric, epsilonPerYear)),
    rows,
  };
}

/** One CSV field: quoted when needed, and a leading = + - @ neutralised so spreadsheets never run it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const line = (values: string[]) => `${values.map(field).join(',')}\r\n`;

const RANGE_HEADERS = ['Low (90% range)', 'High (90% range)'];
const rangeFields = (c: RangedCell) => (c.range ? [String(c.range.low), String(c.range.high)] : ['', '']);

export function dashboardCsv(view: DashboardView): string {
  const labels = new Map(view.figures.map((f) => [f.metric, f.label]));
  let out = line(['Period', 'Figure', 'Whole organisation', ...RANGE_HEADERS]);
  for (const p of view.periods)
    for (const c of p.cells) out += line([p.period, labels.get(c.metric)!, c.cell.display, ...rangeFields(c.cell)]);
  return out;
}

export function departmentCsv(view: DepartmentView): string {
  let out = line(['Period', 'Figure', 'Department', 'Value', ...RANGE_HEADERS]);
  for (const r of view.rows) out += line([view.period, view.label, r.name, r.cell.display, ...rangeFields(r.cell)]);
  out += line([view.period, view.label, 'Whole organisation', view.total.display, ...rangeFields(view.total)]);
  return out;
}

/** The CSV file name of a dashboard: respite-weekly-figures.csv, respite-monthly-…, respite-half-yearly-…. */
export const dashboardCsvName = (kind: PeriodKind) =>
  `respite-${{ week: 'weekly', month: 'monthly', half: 'half-yearly' }[kind]}-figures.csv`;
