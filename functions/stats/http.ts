// Stats context router (prefix /api/stats): the HR dashboard, department breakdown and CSV exports, and the employee's
// "what my employer sees" page (the same figures, and HR's line-manager figures). Everything is read from stored releases; nothing here can compute, refresh or
// re-noise a figure, and nothing is per person.

import { managerFigures } from '../domain/employer/manager-figures.js';
import { budgetYearOf, PERIOD_KINDS, type PeriodKind, type StatMetric } from '../domain/stats/catalogue.js';
import {
  dashboardCsv,
  dashboardCsvName,
  dashboardView,
  departmentCsv,
  departmentView,
} from '../domain/stats/present.js';
import {
  budgetView,
  getRelease,
  lastCompletePeriod,
  listReleases,
  PERIOD_PATTERN,
} from '../domain/stats/repository.js';
import { notFound } from '../shared/errors.js';
import { httpHandler, ok, type Reply, route } from '../shared/http.js';
import type { Runtime } from '../shared/runtime.js';
import * as z from '../shared/zod.js';

/** How many periods the dashboard charts. */
export const DASHBOARD_PERIODS: Record<PeriodKind, number> = { week: 26, month: 12, half: 6 };

const Kind = z.enum(PERIOD_KINDS);
const Format = z._default(z.enum(['json', 'csv']), 'json');
const DashboardQuery = z.strictObject({ kind: Kind, format: Format });
const DepartmentQuery = z
  .strictObject({
    kind: Kind,
    period: z.string().check(z.maxLength(8)),
    metric: z.enum([
      'enrolled',
      'new_enrolments',
      'active',
      'module_completers',
      'coach_conversations',
      'questionnaire_improved',
    ]),
    format: Format,
  })
  .check(
    z.refine((q) => PERIOD_PATTERN[q.kind].test(q.period), {
      path: ['period'],
      error: 'must look like 2026-11 (month), 2026-W47 (week) or 2026-H2 (half-year)',
    }),
  );

// ETags name the releases shown, never their content, so they are the same whoever did or did not enrol.
const etagOf = (parts: string[]) => `"${parts.join('.') || 'empty'}"`;

async function dashboard(rt: Runtime, kind: PeriodKind, format: 'json' | 'csv', now: Date): Promise<Reply> {
  const [releases, budget] = await Promise.all([
    listReleases(rt.db, kind, DASHBOARD_PERIODS[kind]),
    budgetView(rt.db, kind, budgetYearOf(lastCompletePeriod(kind, now))),
  ]);
  const view = dashboardView(kind, releases, budget, rt.config.tenant.epsilonPerYear);
  const headers = { etag: etagOf([kind, ...view.periods.map((p) => p.period), budget.status]) };
  if (format === 'csv') return csvReply(dashboardCsv(view), dashboardCsvName(kind), headers);
  return ok(view, { headers });
}

async function departments(
  rt: Runtime,
  q: { kind: PeriodKind; period: string; metric: StatMetric; format: 'json' | 'csv' },
): Promise<Reply> {
  const release = await getRelease(rt.db, q.kind, q.period);
  if (!release) throw notFound('These figures have not been released. Figures appear after each period ends.');
  const view = departmentView(release, q.metric, rt.config.tenant.epsilonPerYear);
  if (!view) throw notFound('This figure is only shown for the whole organisation.');
  const headers = { etag: etagOf([q.kind, q.period, q.metric]) };
  if (q.format === 'csv')
    return csvReply(departmentCsv(view), `respite-${q.period}-${q.metric}-by-department.csv`, headers);
  return ok(view, { headers });
}

const csvReply = (text: string, filename: string, headers: Record<string, string>): Reply => ({
  status: 200,
  text,
  contentType: 'text/csv; charset=utf-8',
  headers: { ...headers, 'content-disposition': `attachment; filename="${filename}"` },
});

/** Exported so a test can visit every route. */
export const routes = [
  route({
    method: 'GET',
    path: '/api/stats/dashboard',
    auth: ['hr_admin'],
    query: DashboardQuery,
    handle: async ({ rt, query, now }) => dashboard(rt, query.kind, query.format, now),
  }),
  route({
    method: 'GET',
    path: '/api/stats/releases',
    auth: ['hr_admin'],
    query: z.strictObject({ kind: Kind }),
    handle: async ({ rt, query }) => {
      const releases = await listReleases(rt.db, query.kind, DASHBOARD_PERIODS[query.kind]);
      return ok({ kind: query.kind, periods: releases.map((r) => r.period).sort() });
    },
  }),
  route({
    method: 'GET',
    path: '/api/stats/departments',
    auth: ['hr_admin'],
    query: DepartmentQuery,
    handle: async ({ rt, query }) => departments(rt, query),
  }),
  // The employee sees exactly what the employer sees (docs/statistics.md, rule 7): the same functions, the same bytes.
  route({
    method: 'GET',
    path: '/api/stats/what-my-employer-sees',
    auth: ['employee'],
    query: DashboardQuery,
    handle: async ({ rt, query, now }) => dashboard(rt, query.kind, query.format, now),
  }),
  route({
    method: 'GET',
    path: '/api/stats/what-my-employer-sees/departments',
    auth: ['employee'],
    query: DepartmentQuery,
    handle: async ({ rt, query }) => departments(rt, query),
  }),
  // HR's line-manager figures, as HR sees them (GET /api/employer/managers calls the same function).
  route({
    method: 'GET',
    path: '/api/stats/what-my-employer-sees/managers',
    auth: ['employee'],
    handle: async ({ rt, now }) => ok(await managerFigures(rt.db, now)),
  }),
];

export const handler = httpHandler(routes);
