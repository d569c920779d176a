// The fixed catalogue of employer statistics and how the yearly privacy budget is split between them.
// See docs/statistics.md for the reasoning behind every number here.
import type { Metric } from './counters.js';

export const PERIOD_KINDS = ['week', 'month', 'half'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** What employers see. `enrolled` is derived from the released joiners, leavers and yearly snapshots (no budget). */
export type StatMetric =
  | 'enrolled'
  | Extract<
      Metric,
      'new_enrolments' | 'active' | 'module_completers' | 'coach_conversations' | 'questionnaire_improved'
    >;

export interface CatalogueEntry {
  metric: StatMetric;
  label: string;
  /** Plain-words explanation shown beside the figure. */
  explanation: string;
  /** Most one person can change this count by in one period (every released metric counts people, not events). */
  sensitivity: 1;
  /** Share of the yearly budget, in millionths of ε_year (0 for a derived figure). */
  shareMillionths: number;
  /**
   * per_release: charged for every period released (a person can count in every period: sequential composition).
   * once_per_year: a person counts in at most one period ever (they join once), so all periods of the budget year
   * together cost this share once (parallel composition over disjoint periods).
   * derived: computed only from other released noisy figures (post-processing), so it costs nothing.
   */
  charge: 'per_release' | 'once_per_year' | 'derived';
  /** Department breakdown shown (the weekly figure and the activity figures are organisation-wide only). */
  byDepartment: boolean;
}

const NEW_ENROLMENTS = {
  metric: 'new_enrolments',
  label: 'New joiners',
  explanation: 'People who joined Respite in this period.',
  sensitivity: 1,
  charge: 'once_per_year',
} as const;

export const CATALOGUE: Record<PeriodKind, readonly CatalogueEntry[]> = {
  // Weekly figures follow a launch: only joining, which each person does once, so 53 weeks cost one share.
  week: [{ ...NEW_ENROLMENTS, shareMillionths: 70_000, byDepartment: false }],
  month: [
    { ...NEW_ENROLMENTS, shareMillionths: 250_000, byDepartment: true },
    {
      metric: 'enrolled',
      label: 'Using Respite',
      explanation:
        'People with a Respite account at the end of the period. Worked out from the joiners and leavers figures, so it can be a little off.',
      sensitivity: 1,
      shareMillionths: 0,
      charge: 'derived',
      byDepartment: true,
    },
  ],
  // Activity is released per half-year, organisation-wide only: released monthly (or by department) at ε ≤ 1 a year
  // the noise would be far bigger than the counts (docs/statistics.md, "What that means in numbers").
  half: [
    {
      metric: 'active',
      label: 'Active',
      explanation: 'People who signed in or used Respite at least once in the half-year.',
      sensitivity: 1,
      shareMillionths: 87_500,
      charge: 'per_release',
      byDepartment: false,
    },
    {
      metric: 'module_completers',
      label: 'Finished a module',
      explanation: 'People who finished at least one course module in the half-year.',
      sensitivity: 1,
      shareMillionths: 43_750,
      charge: 'per_release',
      byDepartment: false,
    },
    {
      metric: 'coach_conversations',
      label: 'Talked to a coach',
      explanation: 'People who wrote to their coach in the half-year.',
      sensitivity: 1,
      shareMillionths: 21_875,
      charge: 'per_release',
      byDepartment: false,
    },
    {
      metric: 'questionnaire_improved',
      label: 'Feeling better on a self-check',
      explanation:
        'People whose stress, worry or wellbeing self-check score improved on their first one in the half-year.',
      sensitivity: 1,
      shareMillionths: 21_875,
      charge: 'per_release',
      byDepartment: false,
    },
  ],
};

/**
 * The two noisy inputs that "Using Respite" is built from besides the shown joiners (never shown themselves):
 * - leavers: organisation-wide, each month; a person leaves once, so all months of a year cost one share.
 * - snapshot: accounts per current department at the start of the month (org + departments), measured afresh in
 *   January and July, and whenever the previous month was not released (the first release, or a gap). It is what
 *   brings department changes and leavers into the department figures, and it stops the noise of the monthly sums
 *   from growing for ever. A person is in exactly one department at a snapshot, so moving costs nothing extra.
 */
export const LEAVERS = { shareMillionths: 150_000, stream: 'month#leavers' } as const;
export const SNAPSHOT = { shareMillionths: 90_000 } as const;
export const SNAPSHOT_MONTHS = ['01', '07'] as const;

/** Snapshots planned per budget year (the first release of a tenant replaces the next planned one, see docs). */
export const SNAPSHOTS_PER_YEAR = SNAPSHOT_MONTHS.length;

/** Releases of each kind a budget year can hold (ISO years have 52 or 53 weeks). */
export const RELEASES_PER_YEAR: Record<PeriodKind, number> = { week: 53, month: 12, half: 2 };

/** ε_year in millionths (tenant config epsilonPerYear, 0.5–1). */
export const epsilonMicroOf = (epsilonPerYear: number) => Math.round(epsilonPerYear * 1_000_000);

/** ε in millionths of a share of the yearly budget. */
export const shareEpsilonMicro = (shareMillionths: number, epsilonPerYear: number) =>
  Math.floor((epsilonMicroOf(epsilonPerYear) * shareMillionths) / 1_000_000);

/** ε of one metric's release in millionths, before the org/department split. */
export const metricEpsilonMicro = (entry: CatalogueEntry, epsilonPerYear: number) =>
  shareEpsilonMicro(entry.shareMillionths, epsilonPerYear);

/** A once-per-year stream is identified by kind and metric; its charge marker is per budget year. */
export const streamId = (kind: PeriodKind, metric: StatMetric) => `${kind}#${metric}`;

/** Whether a monthly release measures a fresh snapshot: in January and July, or when the chain has no previous month. */
export const snapshotDue = (period: string, previousReleased: boolean) =>
  !previousReleased || (SNAPSHOT_MONTHS as readonly string[]).includes(period.slice(5, 7));

/**
 * What releasing one period costs: every per-release metric, plus the once-per-year streams not yet charged in this
 * budget year, plus a snapshot when one is due. Returns the total (millionths) and which streams it charges.
 */
export function releaseCost(
  kind: PeriodKind,
  epsilonPerYear: number,
  chargedStreams: ReadonlySet<string>,
  snapshot = false,
) {
  let micro = 0;
  const charges: string[] = [];
  const stream = (id: string, share: number) => {
    if (chargedStreams.has(id)) return;
    micro += shareEpsilonMicro(share, epsilonPerYear);
    charges.push(id);
  };
  for (const entry of CATALOGUE[kind]) {
    if (entry.charge === 'per_release') micro += metricEpsilonMicro(entry, epsilonPerYear);
    else if (entry.charge === 'once_per_year') stream(streamId(kind, entry.metric), entry.shareMillionths);
  }
  if (kind === 'month') {
    stream(LEAVERS.stream, LEAVERS.shareMillionths);
    if (snapshot) micro += shareEpsilonMicro(SNAPSHOT.shareMillionths, epsilonPerYear);
  }
  return { micro, charges };
}

/** The plan for one budget year, in millionths of ε_year: must add up to exactly 1,000,000 (a unit test checks). */
export function plannedShareMillionths(): number {
  let total = 0;
  for (const kind of PERIOD_KINDS)
    for (const e of CATALOGUE[kind])
      total += e.charge === 'per_release' ? e.shareMillionths * RELEASES_PER_YEAR[kind] : e.shareMillionths;
  return total + LEAVERS.shareMillionths + SNAPSHOTS_PER_YEAR * SNAPSHOT.shareMillionths;
}

/** Budget year of a period: the calendar year of a month, the ISO week-year of a week. */
export const budgetYearOf = (period: string) => period.slice(0, 4);

/** HR-supplied eligible headcount needed before a cell can be shown (docs/statistics.md, rule 2). */
export const MIN_DEPARTMENT_HEADCOUNT = 20;
export const MIN_ORG_HEADCOUNT = 50;
/**
 * A figure is published only where it can inform: its 90 % range (± half-width, from ε and the catalogue) must be at
 * most this share of the eligible headcount HR gave. Otherwise the noise would swamp it, and HR reads "not enough
 * staff for this figure" instead of a number. Both inputs are public, so the rule reveals nothing about anyone.
 */
export const INFORMATIVE_SHARE = 0.4;
/** Noised values below this show as "fewer than 10"; others round to the nearest ROUND_TO. */
export const FLOOR = 10;
export const ROUND_TO = 5;
