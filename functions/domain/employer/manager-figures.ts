// What HR sees about line managers: two figures per complete month, gated like every other employer figure, so HR
// cannot tell which manager did what, nor whether a given manager has signed in.
// - "Line managers with an account" at the end of the month (staff accounts only: GSI1 STAFF#manager never holds an
//   employee, so nobody's employee account changes it).
// - "Endorsement messages sent by line managers" in the month (the endorsements_sent counter, org-wide). It is shown
//   only when at least 10 managers had an account, so a single manager's sends never show on their own.
// Both are exact counts (no employee is in them, so no privacy budget is spent), floored at 10 ("fewer than 10") and
// rounded to the nearest 5 by the same code as the released statistics; the range is the rounding (± 2).
// Only complete months are shown and their inputs no longer change, so nothing anyone does this month moves what
// HR sees until the month is over (tests/integration/staff-views-gated.test.ts).

import type { Db } from '../../shared/db.js';
import * as z from '../../shared/zod.js';
import { GSI1, keys } from '../keys.js';
import { FLOOR, ROUND_TO } from '../stats/catalogue.js';
import { month, ORG_WIDE } from '../stats/counters.js';
import { type RangedCell, withRange } from '../stats/present.js';
import { displayOf, hidden } from '../stats/release.js';

/** Complete months shown, newest last. */
export const MANAGER_FIGURE_MONTHS = 12;
/** Exact counts rounded to the nearest 5: the true number is within ± 2 of the shown one. */
export const ROUNDING_HALF_WIDTH = Math.floor(ROUND_TO / 2);

export interface ManagerFiguresView {
  figures: { metric: 'managers' | 'endorsement_messages'; label: string; explanation: string; halfWidth: number }[];
  /** Oldest first: the last complete months. */
  periods: { period: string; cells: { metric: 'managers' | 'endorsement_messages'; cell: RangedCell }[] }[];
}

const FIGURES: ManagerFiguresView['figures'] = [
  {
    metric: 'managers',
    label: 'Line managers with an account',
    explanation: 'Line managers who had signed in to Respite by the end of the month.',
    halfWidth: ROUNDING_HALF_WIDTH,
  },
  {
    metric: 'endorsement_messages',
    label: 'Endorsement messages sent by line managers',
    explanation:
      'Messages line managers sent their teams in the month, all together. Shown only once at least 10 managers have an account, so it never shows what one manager did.',
    halfWidth: ROUNDING_HALF_WIDTH,
  },
];

/** The `n` complete months before `now`, oldest first, with the instant each one ends. */
function completeMonths(now: Date, n: number): { period: string; end: string }[] {
  const out: { period: string; end: string }[] = [];
  for (let k = n; k >= 1; k--) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k + 1, 1));
    out.push({ period: month(start), end: end.toISOString() });
  }
  return out;
}

/** Two requests whatever the size: the manager accounts made before this month began, and one BatchGet of counters. */
export async function managerFigures(db: Db, now: Date): Promise<ManagerFiguresView> {
  const months = completeMonths(now, MANAGER_FIGURE_MONTHS);
  const [created, counters] = await Promise.all([
    db.query(
      { pk: keys.staffByRole('manager').gsi1pk, index: GSI1, skBelow: months.at(-1)!.end },
      z.object({ gsi1sk: z.string() }),
    ),
    db.batchGet(months.map((m) => keys.counter(m.period, 'endorsements_sent', ORG_WIDE))),
  ]);
  const sentIn = (period: string) => {
    const k = keys.counter(period, 'endorsements_sent', ORG_WIDE);
    return Number(counters.get(`${k.pk}|${k.sk}`)?.value ?? 0);
  };
  return {
    figures: FIGURES,
    periods: months.map(({ period, end }) => {
      const managers = created.filter((c) => c.gsi1sk < end).length;
      const messages = managers < FLOOR ? hidden('too_few_managers') : displayOf(sentIn(period));
      return {
        period,
        cells: [
          { metric: 'managers', cell: withRange(displayOf(managers), ROUNDING_HALF_WIDTH) },
          { metric: 'endorsement_messages', cell: withRange(messages, ROUNDING_HALF_WIDTH) },
        ],
      };
    }),
  };
}
