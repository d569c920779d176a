// Coaching hours: the reply promise counts only working time (the organisation's coaching days and hours in its
// time zone, minus closed dates). Due times, overdue flags, reply-time figures and what the employee is told are all
// computed here, with local wall-clock times turned into instants per day (so a DST change moves the UTC hours and
// 09:00 stays 09:00). Uses only Intl (through the reminders context's time maths).

import type { Runtime } from '../../shared/runtime.js';
import type { TenantConfig } from '../../shared/tenant-config.js';
import { type CoachingService, loadCoachingService } from '../org/coaching-service.js';
import { isoWeekday, localParts, zonedToUtc } from '../reminders/schedule.js';

export interface CoachingHours {
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  days: number[];
  /** Local HH:MM, start before end. */
  start: string;
  end: string;
  timeZone: string;
  /** Local dates (YYYY-MM-DD) with no coaching, e.g. public holidays. */
  closedDates: string[];
}

/**
 * The organisation's coaching hours (as the operator set them: domain/org/coaching-service.ts), with the
 * organisation's time zone unless the hours name their own.
 */
export function coachingHours(tenant: TenantConfig, service: Pick<CoachingService, 'hours'>): CoachingHours {
  const h = service.hours;
  return {
    days: h.days,
    start: h.start,
    end: h.end,
    timeZone: h.timeZone ?? tenant.timeZone,
    closedDates: h.closedDates,
  };
}

/** The reply promise: how much working time a reply may take, counted in these hours. */
export interface ReplyPolicy {
  hours: CoachingHours;
  allowanceMs: number;
}

export const replyPolicy = (tenant: TenantConfig, service: Pick<CoachingService, 'hours'>): ReplyPolicy => ({
  hours: coachingHours(tenant, service),
  allowanceMs: tenant.coaching.replyWithinWorkingHours * 3_600_000,
});

/** The reply policy in force now (the operator's hours, through the coaching service's short cache). */
export const currentReplyPolicy = async (rt: Runtime): Promise<ReplyPolicy> =>
  replyPolicy(rt.config.tenant, await loadCoachingService(rt));

/** When a reply to someone waiting since `since` is due. */
export const replyDueAt = (since: Date, p: ReplyPolicy) => addWorkingTime(since, p.allowanceMs, p.hours);

const DAY_MS = 86_400_000;
/** Enough days to cross any realistic run of closed dates; beyond that the hours are treated as having no time. */
const MAX_DAYS = 400;

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The working interval [from, to) on the local calendar date `offset` days after `at`'s local date, if any. */
function intervalOn(at: Date, offset: number, h: CoachingHours): [number, number] | undefined {
  const p = localParts(at, h.timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + offset));
  const [y, mo, da] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (!h.days.includes(isoWeekday(y, mo, da)) || h.closedDates.includes(ymd(y, mo, da))) return undefined;
  const from = zonedToUtc(y, mo, da, h.start, h.timeZone).getTime();
  const to = zonedToUtc(y, mo, da, h.end, h.timeZone).getTime();
  return to > from ? [from, to] : undefined;
}

/** The working intervals that end after `from`, in order (the first may have started before it). */
function* intervalsFrom(from: Date, h: CoachingHours): Generator<[number, number]> {
  // Start a day early: in zones far from UTC the local date of `from` may lag the interval that contains it.
  for (let offset = -1; offset < MAX_DAYS; offset++) {
    const iv = intervalOn(from, offset, h);
    if (iv && iv[1] > from.getTime()) yield iv;
  }
}

/**
 * The instant at which `ms` of working time has passed since `from`. With ms = 0, the first working instant at or
 * after `from` (when the clock starts for someone writing out of hours).
 */
export function addWorkingTime(from: Date, ms: number, h: CoachingHours): Date {
  let remaining = Math.max(0, ms);
  for (const [start, end] of intervalsFrom(from, h)) {
    const s = Math.max(start, from.getTime());
    if (remaining <= end - s) return new Date(s + remaining);
    remaining -= end - s;
  }
  return new Date(from.getTime() + MAX_DAYS * DAY_MS);
}

/** Working time between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(from: Date, to: Date, h: CoachingHours): number {
  let total = 0;
  for (const [start, end] of intervalsFrom(from, h)) {
    if (start >= to.getTime()) break;
    total += Math.min(end, to.getTime()) - Math.max(start, from.getTime());
  }
  return Math.max(0, total);
}

/** True when `at` falls inside the local daily window [start, end); a window whose end is before its start wraps midnight. */
export function inDailyWindow(at: Date, window: { start: string; end: string }, timeZone: string): boolean {
  const p = localParts(at, timeZone);
  const minutes = p.hour * 60 + p.minute;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const [s, e] = [toMin(window.start), toMin(window.end)];
  return s <= e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
}

/** "Tuesday 11:00" (or "Tuesday 6 January, 11:00" when more than six days ahead), in the hours' time zone. */
export function replyByLabel(due: Date, now: Date, h: CoachingHours): string {
  const far = due.getTime() - now.getTime() > 6 * DAY_MS;
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: h.timeZone,
    weekday: 'long',
    ...(far ? { day: 'numeric', month: 'long' } : {}),
  }).format(due);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: h.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(due);
  return `${date}${far ? ',' : ''} ${time}`;
}
