// The fixed catalogue of employer statistics and how the yearly privacy budget is split between them.
// See docs/statistics.md for the reasoning behind every number here.
import type { Metric } from './counters.js';

export const PERIOD_KINDS = ['week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What employers see. `enrolled` is derived from the all-time new_enrolments and leavers counters. */
export type StatMetric = 'enrolled' | Extract<Metric, 'new_enrolments' | 'active' | 'module_completers' | 'coach_conversations' | 'questionnaire_improved'>;

export interface CatalogueEntry {
  metric: StatMetric;
  label: string;
  /** Plain-words explanation shown beside the figure. */
  explanation: string;
  /** Most one person can change this count by in one period (every released metric counts people, not events). */
  sensitivity: 1;
  /** Share of the yearly budget, in millionths of ε_year. */
  shareMillionths: number;
  /**
   * per_release: charged for every period released (a person can count in every period: sequential composition).
   * once_per_year: a person counts in at most one period ever (they join once), so all periods of the budget year
   * together cost this share once (parallel composition over disjoint periods).
   */
  charge: 'per_release' | 'once_per_year';
  /** Department breakdown allowed (questionnaire change is organisation-wide only). */
  byDepartment: boolean;
}

const NEW_ENROLMENTS = {
  metric: 'new_enrolments',
  label: 'New joiners',
  explanation: 'People who joined Respite in this period.',
  sensitivity: 1,
  charge: 'once_per_year',
  byDepartment: true,
} as const;

export const CATALOGUE: Record<PeriodKind, readonly CatalogueEntry[]> = {
  // Weekly figures follow a launch: only joining, which each person does once, so 52 weeks cost one share.
  week: [{ ...NEW_ENROLMENTS, shareMillionths: 200_000 }],
  month: [
    { ...NEW_ENROLMENTS, shareMillionths: 200_000 },
    {
      metric: 'enrolled',
      label: 'Using Respite',
      explanation: 'People with a Respite account at the end of the period.',
      sensitivity: 1,
      shareMillionths: 17_500,
      charge: 'per_release',
      byDepartment: true,
    },
    {
      metric: 'active',
      label: 'Active',
      explanation: 'People who signed in or used Respite at least once in the period.',
      sensitivity: 1,
      shareMillionths: 15_000,
      charge: 'per_release',
      byDepartment: true,
    },
    {
      metric: 'module_completers',
      label: 'Finished a module',
      explanation: 'People who finished at least one course module in the period.',
      sensitivity: 1,
      shareMillionths: 7_500,
      charge: 'per_release',
      byDepartment: true,
    },
    {
      metric: 'coach_conversations',
      label: 'Talked to a coach',
      explanation: 'People who wrote to their coach in the period.',
      sensitivity: 1,
      shareMillionths: 5_000,
      charge: 'per_release',
      byDepartment: true,
    },
    {
      metric: 'questionnaire_improved',
      label: 'Feeling better on a self-check',
      explanation: 'People whose stress, worry or wellbeing self-check score improved on their first one. Whole organisation only.',
      sensitivity: 1,
      shareMillionths: 5_000,
      charge: 'per_release',
      byDepartment: false,
    },
  ],
};

/** Releases of each kind a budget year can hold (ISO years have 52 or 53 weeks). */
export const RELEASES_PER_YEAR: Record<PeriodKind, number> = { week: 53, month: 12 };

/** ε_year in millionths (tenant config epsilonPerYear, 0.5–1). */
export const epsilonMicroOf = (epsilonPerYear: number) => Math.round(epsilonPerYear * 1_000_000);

/** ε of one metric's release in millionths, before the org/department split. */
export const metricEpsilonMicro = (entry: CatalogueEntry, epsilonPerYear: number) =>
  Math.floor((epsilonMicroOf(epsilonPerYear) * entry.shareMillionths) / 1_000_000);

/** A once-per-year stream is identified by kind and metric; its charge marker is per budget year. */
export const streamId = (kind: PeriodKind, metric: StatMetric) => `${kind}#${metric}`;

/**
 * What releasing one period costs: every per-release metric, plus the once-per-year streams not yet charged in this
 * budget year. Returns the total (millionths) and which once-per-year streams it charges.
 */
export function releaseCost(kind: PeriodKind, epsilonPerYear: number, chargedStreams: ReadonlySet<string>) {
  let micro = 0;
  const charges: string[] = [];
  for (const entry of CATALOGUE[kind]) {
    if (entry.charge === 'per_release') micro += metricEpsilonMicro(entry, epsilonPerYear);
    else if (!chargedStreams.has(streamId(kind, entry.metric))) {
      micro += metricEpsilonMicro(entry, epsilonPerYear);
      charges.push(streamId(kind, entry.metric));
    }
  }
  return { micro, charges };
}

/** Budget year of a period: the calendar year of a month, the ISO week-year of a week. */
export const budgetYearOf = (period: string) => period.slice(0, 4);

/** HR-supplied eligible headcount needed before a cell can be shown (privacy-model.md rule 2). */
export const MIN_DEPARTMENT_HEADCOUNT = 20;
export const MIN_ORG_HEADCOUNT = 50;
/** Noised values below this show as "fewer than 10"; others round to the nearest ROUND_TO. */
export const FLOOR = 10;
export const ROUND_TO = 5;
