// Reply-time (SLA) figures, kept as aggregates only: per period a count of first replies, how many came within
// the reply promise, and a histogram of reply times. Both count working time only (coaching hours, working-hours.ts),
// so a message written on Friday evening and answered on Monday morning took minutes, not days. (The stored
// attribute keeps its old name, within24h.) No per-person or per-thread record is needed to compute the median.

import type { Db, TransactItem } from '../../shared/db.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';
import { ALL_TIME, month } from '../stats/counters.js';
import { type ReplyPolicy, workingMsBetween } from './working-hours.js';

// Buckets: 10 minutes wide up to 72 hours, then 1 hour wide up to 14 days (the last bucket holds anything longer).
const FINE_WIDTH = 10;
const FINE_LIMIT = 72 * 60;
const COARSE_WIDTH = 60;
const LAST_BUCKET = FINE_LIMIT / FINE_WIDTH + (14 * 24 * 60 - FINE_LIMIT) / COARSE_WIDTH;

export function bucketOf(minutes: number): number {
  const m = Math.max(0, Math.floor(minutes));
  if (m < FINE_LIMIT) return Math.floor(m / FINE_WIDTH);
  return Math.min(LAST_BUCKET, FINE_LIMIT / FINE_WIDTH + Math.floor((m - FINE_LIMIT) / COARSE_WIDTH));
}

/** The bucket's range in minutes [from, to). */
export function bucketRange(bucket: number): [number, number] {
  const fineBuckets = FINE_LIMIT / FINE_WIDTH;
  if (bucket < fineBuckets) return [bucket * FINE_WIDTH, (bucket + 1) * FINE_WIDTH];
  const from = FINE_LIMIT + (bucket - fineBuckets) * COARSE_WIDTH;
  return [from, from + COARSE_WIDTH];
}

const bucketAttr = (bucket: number) => `b${String(bucket).padStart(3, '0')}`;

/** Transaction items recording one first reply (the coach answering someone who was waiting). */
export function slaUpdates(db: Db, waitingSince: Date, repliedAt: Date, policy: ReplyPolicy): TransactItem[] {
  const waitedMs = workingMsBetween(waitingSince, repliedAt, policy.hours);
  const within = waitedMs <= policy.allowanceMs ? 1 : 0;
  const bucket = bucketAttr(bucketOf(waitedMs / 60_000));
  return [month(repliedAt), ALL_TIME].map((period) => ({
    Update: {
      TableName: db.tableName,
      Key: keys.coachSla(period),
      UpdateExpression: 'ADD replies :one, within24h :within, #b :one',
      ExpressionAttributeNames: { '#b': bucket },
      ExpressionAttributeValues: { ':one': 1, ':within': within },
    },
  }));
}

const SlaItem = z.looseObject({ replies: z.optional(z.number()), within24h: z.optional(z.number()) });

export interface SlaSummary {
  period: string;
  /** First replies to someone who was waiting. */
  replies: number;
  within24h: number;
  /** 0–1, null when there were no replies. */
  shareWithin24h: number | null;
  /** Middle of the bucket holding the median reply time, in minutes; null when there were no replies. */
  medianMinutes: number | null;
}

/** Median from a histogram: the bucket where the cumulative count passes half. */
export function medianFromHistogram(histogram: Map<number, number>, total: number): number | null {
  if (total <= 0) return null;
  const half = total / 2;
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= half) {
      const [from, to] = bucketRange(bucket);
      return (from + to) / 2;
    }
  }
  return null;
}

/** For the coach/operator: the tenant's reply figures for a month ("YYYY-MM") or all time ("all"). */
export async function slaSummary(db: Db, period: string): Promise<SlaSummary> {
  const item = await db.get(keys.coachSla(period), SlaItem);
  const replies = item?.replies ?? 0;
  const within24h = item?.within24h ?? 0;
  const histogram = new Map<number, number>();
  for (const [name, value] of Object.entries(item ?? {}))
    if (/^b\d{3}$/.test(name) && typeof value === 'number') histogram.set(Number(name.slice(1)), value);
  return {
    period,
    replies,
    within24h,
    shareWithin24h: replies ? within24h / replies : null,
    medianMinutes: medianFromHistogram(histogram, replies),
  };
}

/** Fewest first replies in a month before the employer sees any figure at all. */
export const EMPLOYER_MIN_REPLIES = 20;

export type EmployerSla =
  | { period: string; shown: true; percentWithin24h: number; medianHours: number }
  | { period: string; shown: false; reason: 'period_not_closed' | 'too_few_replies' };

/**
 * The only coach figure an employer may see: for a finished month, the share of first replies within 24 hours
 * (rounded to 5%) and the median reply time (rounded to the hour), and no counts. Months with fewer than
 * EMPLOYER_MIN_REPLIES replies show nothing. It describes the coaches' service, never a person.
 */
export async function employerSla(db: Db, period: string, now: Date): Promise<EmployerSla> {
  if (!/^\d{4}-\d{2}$/.test(period) || period >= month(now))
    return { period, shown: false, reason: 'period_not_closed' };
  const s = await slaSummary(db, period);
  if (s.replies < EMPLOYER_MIN_REPLIES || s.shareWithin24h === null || s.medianMinutes === null)
    return { period, shown: false, reason: 'too_few_replies' };
  return {
    period,
    shown: true,
    percentWithin24h: Math.round((s.shareWithin24h * 100) / 5) * 5,
    medianHours: Math.round(s.medianMinutes / 60),
  };
}
