// A person's reminder preferences and the schedule items they imply. Saving writes the preferences and re-indexes
// the reminder and Monday items in one transaction, so a schedule is never half-changed or silently dropped.

import type { TransactItem } from '../../shared/db.js';
import { conflict } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { suppress, suppressionReason, unsuppress } from '../email/repository.js';
import { WEEKLY_CHECKIN } from '../email/templates.js';
import type { UnsubscribeClaim } from '../email/unsubscribe.js';
import { getProfile } from '../enrolment/repository.js';
import { keys as k, keys } from '../keys.js';
import { cancelAllPracticeReminders, practiceItemsInZone } from './practice.js';
import { getPrefs, listSchedule, slotIndex } from './repository.js';
import { nextOccurrence, roundUpToSlot } from './schedule.js';
import {
  type Channel,
  type CoachContact,
  coachContactOf,
  defaultPrefs,
  type PreferencesInput,
  type PrefsItem,
  type ScheduleItem,
  WEEKLY_CHECKIN_RULE,
} from './schema.js';

export interface PreferencesView {
  preferences: Omit<PrefsItem, 'optedOut' | 'updatedAt'>;
  /** False until the person saves once (the UI then suggests the browser's time zone). */
  saved: boolean;
  nextReminderAt: string | null;
  nextMondayAt: string | null;
  mondayTime: string;
}

/**
 * Whether email reaches the person's address: 'bounced' (their mail server refused it), 'complained' (it was reported
 * as spam) or 'ok'. Either stops every email until they ask for it again (resumeDelivery). Only the person sees this.
 */
export interface DeliveryView {
  delivery: 'ok' | 'bounced' | 'complained';
}

export const mondayTime = (rt: Runtime) => roundUpToSlot(rt.config.tenant.mondayMessageTime);

export async function readPreferences(rt: Runtime, userId: string): Promise<PreferencesView> {
  const [prefs, schedule] = await Promise.all([getPrefs(rt.db, userId), listSchedule(rt.db, userId)]);
  const effective = prefs ?? { ...defaultPrefs(rt.config.tenant.timeZone), version: 0, updatedAt: '' };
  const due = (what: string) => schedule.find((s) => s.what === what && s.gsi2pk)?.dueAt ?? null;
  // The coach-contact choice is the coaching page's (coachContactOf); the reminders page keeps its own fields.
  const { optedOut: _o, updatedAt: _u, coachContact: _c, ...visible } = effective;
  return {
    preferences: visible,
    saved: !!prefs,
    nextReminderAt: due('reminder'),
    nextMondayAt: due('monday'),
    mondayTime: mondayTime(rt),
  };
}

export async function readDelivery(rt: Runtime, userId: string): Promise<DeliveryView> {
  const profile = await getProfile(rt.db, userId);
  const reason = profile ? await suppressionReason(rt.db, profile.emailHash) : undefined;
  return { delivery: reason === 'bounce' ? 'bounced' : reason === 'complaint' ? 'complained' : 'ok' };
}

/** The person asks for email to their address again after a bounce or a complaint. Idempotent. */
export async function resumeDelivery(rt: Runtime, userId: string): Promise<DeliveryView> {
  const profile = await getProfile(rt.db, userId);
  if (profile) await unsuppress(rt.db, profile.emailHash);
  return { delivery: 'ok' };
}

/**
 * Saves the preferences (idempotent: the same body twice gives the same state) and re-indexes the schedule. The
 * coach-contact choice and the check-ins switch agree: `coachContact` (when given) decides the switch; otherwise
 * turning check-ins off means 'on_request' and turning them on keeps the choice (or 'planned').
 */
export async function savePreferences(
  rt: Runtime,
  userId: string,
  input: PreferencesInput,
  now: Date,
  extra: { optedOut?: string[]; coachContact?: CoachContact } = {},
): Promise<PreferencesView> {
  const [current, schedule] = await Promise.all([getPrefs(rt.db, userId), listSchedule(rt.db, userId)]);
  const version = (current?.version ?? 0) + 1;
  const before = coachContactOf(current);
  const coachContact: CoachContact =
    extra.coachContact ?? (!input.checkinsOn ? 'on_request' : before === 'on_request' ? 'planned' : before);
  const prefs: PrefsItem = {
    ...input,
    checkinsOn: coachContact !== 'on_request',
    coachContact,
    channel: input.channel ?? current?.channel ?? 'email',
    days: [...new Set(input.days)].sort(),
    optedOut: extra.optedOut ?? current?.optedOut ?? [],
    version,
    updatedAt: now.toISOString(),
  };
  const existing = (what: string) => schedule.find((s) => s.what === what);
  const tx: TransactItem[] = [
    {
      Put: {
        TableName: rt.db.tableName,
        Item: { ...keys.reminderPrefs(userId), ...prefs },
        // Optimistic concurrency: two saves racing cannot interleave their schedule writes.
        ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
        ...(current ? { ExpressionAttributeValues: { ':v': current.version } } : {}),
      },
    },
  ];
  const recurring = (
    what: 'reminder' | 'monday' | 'coach-weekly',
    on: boolean,
    rule: { days: number[]; time: string },
  ) => {
    const key = keys.reminderSchedule(userId, what);
    if (!on) {
      if (existing(what)) tx.push(rt.db.txDelete(key));
      return;
    }
    const dueAt = nextOccurrence({ ...rule, timeZone: prefs.timeZone }, now);
    const item: ScheduleItem = {
      ...key,
      userId,
      kind: what,
      what,
      ...slotIndex(userId, what, dueAt),
      days: rule.days,
      time: rule.time,
      timeZone: prefs.timeZone,
      fired: existing(what)?.fired ?? 0,
      ...(what === 'reminder' && prefs.channel === 'push' ? { channel: 'push' as const } : {}),
      // The weekly check-in is listed with the others for the coaches (GSI1); advancing it moves its listing on.
      ...(what === 'coach-weekly'
        ? { number: WEEKLY_CHECKIN, ...k.upcomingCheckin(dueAt.toISOString(), userId, WEEKLY_CHECKIN) }
        : {}),
    };
    tx.push(rt.db.txPut(item));
  };
  recurring('reminder', prefs.remindersOn, { days: prefs.days, time: prefs.time });
  recurring('monday', prefs.mondayOn, { days: [1], time: mondayTime(rt) });
  recurring('coach-weekly', coachContact === 'weekly', WEEKLY_CHECKIN_RULE);
  for (const item of practiceItemsInZone(schedule, prefs.timeZone, now)) tx.push(rt.db.txPut(item));
  // Check-ins not yet sent leave (or re-enter) the due index and the coach's upcoming list.
  if ((current?.checkinsOn ?? true) !== prefs.checkinsOn) {
    for (const c of schedule.filter((s) => s.kind === 'checkin' && !(s.fired > 0))) {
      tx.push(rt.db.txPut(checkinIndexed(c, prefs.checkinsOn)));
    }
  }
  if (!(await rt.db.transact(tx)))
    throw conflict(
      'Your preferences were changed somewhere else (another tab or device). Reload to see them.',
      'version_conflict',
    );
  return readPreferences(rt, userId);
}

/** A check-in schedule item with or without its index attributes. */
export function checkinIndexed(c: ScheduleItem, on: boolean): ScheduleItem {
  const { gsi1pk: _1, gsi1sk: _2, gsi2pk: _3, gsi2sk: _4, ...rest } = c;
  if (!on) return rest as ScheduleItem;
  const slot = slotIndex(c.userId, c.what, new Date(c.dueAt));
  return { ...rest, ...slot, ...k.upcomingCheckin(c.dueAt, c.userId, c.number) };
}

/** Current preferences (or defaults) as an input, for changes that touch one field. */
export async function currentInput(
  rt: Runtime,
  userId: string,
): Promise<{ input: PreferencesInput; optedOut: string[] }> {
  const prefs = (await getPrefs(rt.db, userId)) ?? {
    ...defaultPrefs(rt.config.tenant.timeZone),
    version: 0,
    updatedAt: '',
  };
  const { optedOut, version: _v, updatedAt: _u, coachContact: _c, ...input } = prefs;
  return { input, optedOut };
}

/**
 * Discreet mode for the account (every device, every email, calendar files): stored with the other email choices,
 * because the sender reads it there when it renders each email. Idempotent: the same value twice changes nothing.
 */
export async function readDiscreet(rt: Runtime, userId: string): Promise<{ on: boolean }> {
  return { on: (await getPrefs(rt.db, userId))?.discreet ?? false };
}

export async function setDiscreet(rt: Runtime, userId: string, on: boolean, now: Date): Promise<{ on: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const { input } = await currentInput(rt, userId);
    if (input.discreet === on) return { on };
    try {
      return { on: (await savePreferences(rt, userId, { ...input, discreet: on }, now)).preferences.discreet };
    } catch (err) {
      if (attempt === 2) throw err; // a racing save: re-read and try again
    }
  }
}

/** The person chooses how proactive the coach is; the check-in schedule follows (savePreferences). Idempotent. */
export async function setCoachContact(
  rt: Runtime,
  userId: string,
  choice: CoachContact,
  now: Date,
): Promise<{ coachContact: CoachContact }> {
  for (let attempt = 0; ; attempt++) {
    if (coachContactOf(await getPrefs(rt.db, userId)) === choice) return { coachContact: choice };
    const { input } = await currentInput(rt, userId);
    try {
      await savePreferences(rt, userId, input, now, { coachContact: choice });
      return { coachContact: choice };
    } catch (err) {
      if (attempt === 2) throw err; // a racing save: re-read and try again
    }
  }
}

/** Email or push for reminders (the schedule item is re-written with it, so the tick knows without a read). */
export async function setChannel(rt: Runtime, userId: string, channel: Channel, now: Date): Promise<PreferencesView> {
  for (let attempt = 0; ; attempt++) {
    const { input } = await currentInput(rt, userId);
    try {
      return await savePreferences(rt, userId, { ...input, channel }, now);
    } catch (err) {
      if (attempt === 2) throw err; // a racing save: re-read and try again
    }
  }
}

export async function setCheckins(rt: Runtime, userId: string, on: boolean, now: Date): Promise<PreferencesView> {
  const { input } = await currentInput(rt, userId);
  return savePreferences(rt, userId, { ...input, checkinsOn: on }, now);
}

/** Applies a verified unsubscribe token. Idempotent; says nothing about whether the account still exists. */
export async function applyUnsubscribe(rt: Runtime, claim: UnsubscribeClaim, now: Date): Promise<void> {
  if ('h' in claim) {
    await suppress(rt.db, claim.h, 'unsubscribe', now);
    return;
  }
  if (!(await getProfile(rt.db, claim.u))) return; // account deleted: nothing to stop
  // Practice reminders have no setting to turn off: stopping them cancels them (the person can set one up again).
  if (claim.k === 'practice') return cancelAllPracticeReminders(rt.db, claim.u);
  for (let attempt = 0; attempt < 3; attempt++) {
    const { input, optedOut } = await currentInput(rt, claim.u);
    const next = { ...input };
    let nextOptedOut = optedOut;
    if (claim.k === 'reminder') next.remindersOn = false;
    else if (claim.k === 'monday') next.mondayOn = false;
    else if (claim.k === 'checkin') next.checkinsOn = false;
    else if (!optedOut.includes(claim.k)) nextOptedOut = [...optedOut, claim.k];
    try {
      await savePreferences(rt, claim.u, next, now, { optedOut: nextOptedOut });
      return;
    } catch (err) {
      if (attempt === 2) throw err; // a racing save: re-read and try again
    }
  }
}
