// Coach check-ins: three personal messages over the first eight weeks (weeks 1, 3 and 6 after joining), and the
// weekly one for a person who chose it (number 4, WEEKLY_CHECKIN), sent in the coach's name through the email engine. The coaching context calls these from the coach console:
//   scheduleCheckins(rt, userId, joinedAt)        — on sign-up (idempotent; enrolment calls it)
//   listUpcomingCheckins(rt, { from?, limit? })    — the organisation's upcoming check-ins (weekly too), soonest first
//   getCheckin(rt, userId, number)                 — the text that will go (default or personalised) + version
//   personaliseCheckin(rt, { userId, number, text, coachName, expectedVersion }) — versioned edit before it goes
//   setCheckins(rt, userId, on, now)               — the employee's on/off choice (preferences.ts)

import { conflict, notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { CheckinTextItem } from '../email/schema.js';
import { DEFAULT_CHECKIN_TEXTS, WEEKLY_CHECKIN } from '../email/templates.js';
import { keys } from '../keys.js';
import { checkinIndexed } from './preferences.js';
import { getPrefs, upcomingCheckins } from './repository.js';
import { checkinDueAt } from './schedule.js';
import { ScheduleItem } from './schema.js';

export const CHECKIN_NUMBERS = [1, 2, 3] as const;

/** Puts the three check-ins if absent: calling it again (retried sign-up) changes nothing. */
export async function scheduleCheckins(rt: Runtime, userId: string, joinedAt: Date): Promise<void> {
  const zone = (await getPrefs(rt.db, userId))?.timeZone ?? rt.config.tenant.timeZone;
  const on = (await getPrefs(rt.db, userId))?.checkinsOn ?? true;
  for (const n of CHECKIN_NUMBERS) {
    const what = `checkin#${n}`;
    const dueAt = checkinDueAt(joinedAt, n, zone).toISOString();
    const base: ScheduleItem = {
      ...keys.reminderSchedule(userId, what),
      userId,
      kind: 'checkin',
      what,
      number: n,
      dueAt,
      timeZone: zone,
      fired: 0,
    };
    await rt.db.put({ ...checkinIndexed(base, on) }, { ifAbsent: true });
  }
}

export interface UpcomingCheckin {
  userId: string;
  number: number;
  dueAt: string;
}

export async function listUpcomingCheckins(
  rt: Runtime,
  opts: { from?: Date; limit?: number } = {},
): Promise<UpcomingCheckin[]> {
  const from = (opts.from ?? new Date(0)).toISOString();
  const items = await upcomingCheckins(rt.db, from, Math.min(opts.limit ?? 200, 1000));
  return items.map((i) => ({ userId: i.userId, number: i.number ?? 0, dueAt: i.dueAt }));
}

export interface CheckinView {
  number: number;
  dueAt: string;
  sent: boolean;
  text: string;
  coachName: string | null;
  personalised: boolean;
  /** 0 = default text; pass it back as expectedVersion when personalising. */
  version: number;
}

/**
 * One check-in as the coach sees it. The weekly one (WEEKLY_CHECKIN) is its next occurrence: never sent yet (the tick
 * moves it on a week as it sends), and a personal text counts only for the week it was written for (`forDate`), so
 * last week's words are not sent again as if new — the coach writes each week's afresh or the default goes.
 */
export async function getCheckin(rt: Runtime, userId: string, number: number): Promise<CheckinView> {
  const weekly = number === WEEKLY_CHECKIN;
  const [schedule, stored] = await Promise.all([
    rt.db.get(keys.reminderSchedule(userId, weekly ? 'coach-weekly' : `checkin#${number}`), ScheduleItem),
    rt.db.get(keys.checkinText(userId, number), CheckinTextItem, { consistent: true }),
  ]);
  if (!schedule) throw notFound('There is no such check-in for this person.');
  const custom = weekly && stored?.forDate !== schedule.dueAt.slice(0, 10) ? undefined : stored;
  return {
    number,
    dueAt: schedule.dueAt,
    sent: !weekly && schedule.fired > 0,
    text: custom?.text ?? DEFAULT_CHECKIN_TEXTS[number as 1 | 2 | 3 | 4],
    coachName: custom?.coachName ?? null,
    personalised: !!custom,
    // The stored version even when it was for an earlier week: the next save is conditional on it.
    version: stored?.version ?? 0,
  };
}

export const PersonaliseInput = z.strictObject({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(20, 'must be at least 20 characters'),
      z.maxLength(2000, 'must be at most 2000 characters'),
    ),
  coachName: z.singleLineText(60),
  /** The version you edited (0 for the default text); a stale version is refused with 409. */
  expectedVersion: z.int().check(z.minimum(0)),
});

export async function personaliseCheckin(
  rt: Runtime,
  input: { userId: string; number: number; text: string; coachName: string; expectedVersion: number },
  now: Date,
): Promise<CheckinView> {
  const current = await getCheckin(rt, input.userId, input.number);
  if (current.sent) throw conflict('This check-in has already been sent.', 'already_sent');
  await rt.db.putVersioned(
    {
      ...keys.checkinText(input.userId, input.number),
      number: input.number,
      text: input.text,
      coachName: input.coachName,
      ...(input.number === WEEKLY_CHECKIN ? { forDate: current.dueAt.slice(0, 10) } : {}),
      version: input.expectedVersion + 1,
      updatedAt: now.toISOString(),
    },
    input.expectedVersion === 0 ? null : input.expectedVersion,
  );
  return getCheckin(rt, input.userId, input.number);
}
