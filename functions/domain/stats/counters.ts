// Aggregate uptake counters, written in the same TransactWriteItems as the event they count (no Scan, no batch job).
// Counters exist per week and per month, for the person's self-reported department and for the whole organisation.
// The employer never reads these directly: functions/domain/stats releases noised, thresholded figures from them.

import type { Db, TransactItem } from '../../shared/db.js';
import { keys } from '../keys.js';

export const METRICS = [
  /** cumulative-style: someone joined (also drives "enrolled") */
  'new_enrolments',
  /** distinct people active in the period (counted once per person per period) */
  'active',
  'module_starts',
  'module_completions',
  /** distinct people who completed at least one module in the period (bounded contribution: released to employers) */
  'module_completers',
  'questionnaire_completions',
  /**
   * distinct people whose PSS-10, GAD-7 or WHO-5 total improved on their first score in the period
   * (PHQ-9 never counts, so its item 9 never enters an aggregate); released org-wide only
   */
  'questionnaire_improved',
  /** distinct people who started a coach conversation */
  'coach_conversations',
  'coach_messages',
  'endorsements_sent',
  'leavers',
  /**
   * Department changes (PATCH /api/account/me): out of the old department, into the new one, in the same transaction
   * as the profile update, so accounts per current department = joiners − leavers + moves in − moves out.
   */
  'department_moves_in',
  'department_moves_out',
] as const;
export type Metric = (typeof METRICS)[number];

export const ORG_WIDE = '_all';
/** Department used when a person did not say. */
export const NO_DEPARTMENT = '_none';

/** ISO-8601 week, e.g. "2026-W47" (weeks start Monday; UTC). */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export const month = (at: Date) => at.toISOString().slice(0, 7);

/** Calendar half-year, e.g. "2026-H2" (UTC): the release period of the activity figures. */
export const halfYear = (at: Date) => `${at.getUTCFullYear()}-H${at.getUTCMonth() < 6 ? 1 : 2}`;

/** "all" accumulates since launch (e.g. accounts = all-time new_enrolments − leavers + moves in − moves out). */
export const ALL_TIME = 'all';
/** The periods an event at `at` counts towards: its ISO week, its calendar month, its half-year and all time. */
export const periodsOf = (at: Date) => [isoWeek(at), month(at), halfYear(at), ALL_TIME];

/**
 * Transaction items that add `by` to a metric for the event's periods, in the person's department and org-wide.
 * Idempotency comes from the caller's own conditional put in the same transaction (the event record).
 */
export function counterUpdates(
  db: Db,
  metric: Metric,
  department: string | undefined,
  at: Date,
  by = 1,
): TransactItem[] {
  const dept = department ?? NO_DEPARTMENT;
  return periodsOf(at).flatMap((period) => [
    db.txIncrement(keys.counter(period, metric, ORG_WIDE), 'value', by),
    db.txIncrement(keys.counter(period, metric, dept), 'value', by),
  ]);
}

/**
 * For distinct-person metrics ("active", "coach_conversations"): a marker per person and period, put only if absent,
 * plus the increments. Run each period as its own transaction so an already-counted week does not block the month.
 * A rejoined account (profile `rejoinedAt`, enrolment/rejoin.ts) counts only in periods that began after it rejoined,
 * because the person's deleted account may have counted in them already: one person, one unit per period. The
 * ConditionCheck is `countsInPeriod` asked of the stored profile, atomically with the count.
 */
export async function countDistinct(db: Db, userId: string, metric: Metric, department: string | undefined, at: Date) {
  const dept = department ?? NO_DEPARTMENT;
  const starts = periodStarts(at);
  for (const [i, period] of periodsOf(at).entries()) {
    const start = starts[i];
    await db.transact([
      db.txPut(
        { ...keys.counted(userId, metric, period), expiresAt: Math.floor(at.getTime() / 1000) + 400 * 86_400 },
        { ifAbsent: true },
      ),
      db.txIncrement(keys.counter(period, metric, ORG_WIDE), 'value'),
      db.txIncrement(keys.counter(period, metric, dept), 'value'),
      {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.userProfile(userId),
          ConditionExpression: start
            ? 'attribute_not_exists(rejoinedAt) OR rejoinedAt < :start'
            : 'attribute_not_exists(rejoinedAt)',
          ...(start ? { ExpressionAttributeValues: { ':start': start } } : {}),
        },
      },
    ]);
  }
}

/**
 * Whether an account may count in a period that began at `start` (all time: no start): always, unless it is a
 * rejoin; a rejoin only in periods that began strictly after it rejoined (its deleted account may have counted in a
 * period beginning at that very instant). countDistinct's ConditionCheck says the same in DynamoDB's words.
 */
export const countsInPeriod = (profile: { rejoinedAt?: string }, start: string | undefined) =>
  profile.rejoinedAt === undefined || (start !== undefined && profile.rejoinedAt < start);

/** When each period of periodsOf(at) began (ISO, UTC), in the same order; all time has no start. */
export function periodStarts(at: Date): (string | undefined)[] {
  const [y, m] = [at.getUTCFullYear(), at.getUTCMonth()];
  const day = Date.UTC(y, m, at.getUTCDate());
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000;
  return [
    ...[monday, Date.UTC(y, m, 1), Date.UTC(y, m < 6 ? 0 : 6, 1)].map((t) => new Date(t).toISOString()),
    undefined,
  ];
}
