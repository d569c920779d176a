// /api/stats: the HR dashboard, department breakdown and CSV exports, and the employee's "what my employer sees" page
// (the same figures, the same bytes). Strict objects: a figure the contract does not name can never be served.
import { PERIOD_KINDS } from '../domain/stats/catalogue.js';
import { PERIOD_PATTERN } from '../domain/stats/repository.js';
import * as z from '../shared/zod.js';
import { endpoint, Iso, Text } from './endpoint.js';

const o = z.strictObject;
const S = '/api/stats';

export const STAT_METRICS = [
  'enrolled',
  'new_enrolments',
  'active',
  'module_completers',
  'coach_conversations',
  'questionnaire_improved',
] as const;
export const HIDDEN_REASONS = [
  'small_department',
  'protects_small_department',
  'organisation_too_small',
  'not_enough_staff',
  'too_few_managers',
] as const;

/** A released cell as served: shown (with its 90 % range) or hidden (with the reason), and the words a person reads. */
const Ranged = { range: z.nullable(o({ low: z.number(), high: z.number() })), words: z.string() };
export const RangedCell = z.discriminatedUnion('state', [
  o({ state: z.literal('shown'), display: z.string(), value: z.nullable(z.number()), ...Ranged }),
  o({ state: z.literal('hidden'), reason: z.enum(HIDDEN_REASONS), display: z.string(), ...Ranged }),
]);
export type RangedCell = z.infer<typeof RangedCell>;

const Kind = z.enum(PERIOD_KINDS);
const Metric = z.enum(STAT_METRICS);

export const DashboardView = o({
  kind: Kind,
  figures: z.array(
    o({ metric: Metric, label: z.string(), explanation: z.string(), byDepartment: z.boolean(), halfWidth: z.number() }),
  ),
  periods: z.array(o({ period: z.string(), releasedAt: Iso, cells: z.array(o({ metric: Metric, cell: RangedCell })) })),
  budget: o({ status: z.enum(['available', 'exhausted']), year: z.string() }),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const DepartmentView = o({
  kind: Kind,
  period: z.string(),
  metric: Metric,
  label: z.string(),
  total: RangedCell,
  rows: z.array(o({ departmentId: z.nullable(z.string()), name: z.string(), cell: RangedCell })),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

/** HR's line-manager figures (GET /api/employer/managers and the employee's copy here). */
const ManagerMetric = z.enum(['managers', 'endorsement_messages']);
export const ManagerFigures = o({
  figures: z.array(o({ metric: ManagerMetric, label: z.string(), explanation: z.string(), halfWidth: z.number() })),
  periods: z.array(o({ period: z.string(), cells: z.array(o({ metric: ManagerMetric, cell: RangedCell })) })),
});
export type ManagerFigures = z.infer<typeof ManagerFigures>;

const Format = z._default(z.enum(['json', 'csv']), 'json');
const DashboardQuery = o({ kind: Kind, format: Format });
const DepartmentQuery = o({
  kind: Kind,
  period: z.string().check(z.maxLength(8)),
  metric: Metric,
  format: Format,
}).check(
  z.refine((q) => PERIOD_PATTERN[q.kind].test(q.period), {
    path: ['period'],
    error: 'must look like 2026-11 (month), 2026-W47 (week) or 2026-H2 (half-year)',
  }),
);

export const stats = {
  /** JSON, or the CSV export of the same view (format=csv). */
  dashboard: endpoint({
    method: 'GET',
    path: `${S}/dashboard`,
    query: DashboardQuery,
    response: z.union([DashboardView, Text]),
  }),
  releases: endpoint({
    method: 'GET',
    path: `${S}/releases`,
    query: o({ kind: Kind }),
    response: o({ kind: Kind, periods: z.array(z.string()) }),
  }),
  departments: endpoint({
    method: 'GET',
    path: `${S}/departments`,
    query: DepartmentQuery,
    response: z.union([DepartmentView, Text]),
  }),
  employeeDashboard: endpoint({
    method: 'GET',
    path: `${S}/what-my-employer-sees`,
    query: DashboardQuery,
    response: z.union([DashboardView, Text]),
  }),
  employeeDepartments: endpoint({
    method: 'GET',
    path: `${S}/what-my-employer-sees/departments`,
    query: DepartmentQuery,
    response: z.union([DepartmentView, Text]),
  }),
  employeeManagers: endpoint({ method: 'GET', path: `${S}/what-my-employer-sees/managers`, response: ManagerFigures }),
};
