// What the screens and the CSV exports show, built from stored releases only. The CSV is generated from exactly the
// same view objects the screen renders, so it can never show a different number or an extra cell.
import { CATALOGUE, type PeriodKind, type StatMetric } from './catalogue.js';
import { halfWidth90, rangeOf } from './interval.js';
import type { Cell, DepartmentRow, ReleasePayload } from './release.js';

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
  periods: { period: string; releasedAt: string; cells: { metric: StatMetric; cell: Cell }[] }[];
  budget: BudgetView;
}

export interface DepartmentView {
  kind: PeriodKind;
  period: string;
  metric: StatMetric;
  label: string;
  total: Cell;
  rows: DepartmentRow[];
}

export function dashboardView(kind: PeriodKind, releases: readonly ReleasePayload[], budget: BudgetView, epsilonPerYear: number): DashboardView {
  return {
    kind,
    figures: CATALOGUE[kind].map((e) => ({ metric: e.metric, label: e.label, explanation: e.explanation, byDepartment: e.byDepartment, halfWidth: halfWidth90(kind, e.metric, epsilonPerYear) })),
    periods: [...releases]
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((r) => ({ period: r.period, releasedAt: r.releasedAt, cells: r.metrics.map((m) => ({ metric: m.metric, cell: m.org })) })),
    budget,
  };
}

/** The department breakdown of one metric in one released period; undefined for organisation-wide-only metrics. */
export function departmentView(release: ReleasePayload, metric: StatMetric): DepartmentView | undefined {
  const m = release.metrics.find((x) => x.metric === metric);
  if (!m || !m.departments) return undefined;
  return { kind: release.kind, period: release.period, metric, label: m.label, total: m.org, rows: m.departments };
}

/** One CSV field: quoted when needed, and a leading = + - @ neutralised so spreadsheets never run it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const line = (values: string[]) => values.map(field).join(',') + '\r\n';

export function dashboardCsv(view: DashboardView): string {
  const figures = new Map(view.figures.map((f) => [f.metric, f]));
  let out = line(['Period', 'Figure', 'Whole organisation', 'Low (90% range)', 'High (90% range)']);
  for (const p of view.periods)
    for (const c of p.cells) {
      const f = figures.get(c.metric)!;
      const r = c.cell.state === 'shown' && c.cell.value !== null ? rangeOf(c.cell.value, f.halfWidth) : null;
      out += line([p.period, f.label, c.cell.display, r ? String(r.low) : '', r ? String(r.high) : '']);
    }
  return out;
}

export function departmentCsv(view: DepartmentView): string {
  let out = line(['Period', 'Figure', 'Department', 'Value']);
  for (const r of view.rows) out += line([view.period, view.label, r.name, r.cell.display]);
  out += line([view.period, view.label, 'Whole organisation', view.total.display]);
  return out;
}

/** The CSV file name of a dashboard: respite-weekly-figures.csv, respite-monthly-…, respite-half-yearly-…. */
export const dashboardCsvName = (kind: PeriodKind) => `respite-${{ week: 'weekly', month: 'monthly', half: 'half-yearly' }[kind]}-figures.csv`;
