// Practice reminders: a module's "try this week" practice turned into a reminder on the days and at the time the
// person picks. A reminder type of its own (schedule kind 'practice', email kind 'practice'), beside the general
// reminder and the Monday note; it follows their rules for discretion:
// - the email's subject and preview never name the practice (like every reminder subject), its body names it only
//   outside discreet mode (like the next module in the general reminder), and in discreet mode its link opens the
//   Reminders page, not the module. The practice's name is shown in the app, after sign-in.
// - one per module (PUT is idempotent: the same body twice is the same state; a second PUT changes the time),
//   at most MAX_PRACTICE_REMINDERS at once, held by a conditional write on a counter in the person's partition, so
//   parallel requests cannot go over it. Everything lives in USER#<userId>: the data export lists it and account
//   deletion removes it.

import type { Db, TransactItem } from '../../shared/db.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';
import { moduleById } from '../programme/content/outline.js';
import { getPrefs, listSchedule, slotIndex } from './repository.js';
import { nextOccurrence } from './schedule.js';
import { LocalTime, type ScheduleItem, Weekday } from './schema.js';

export const MAX_PRACTICE_REMINDERS = 3;

export const PracticeReminderInput = z
  .strictObject({
    days: z.array(Weekday).check(z.minLength(1, 'choose at least one day'), z.maxLength(7)),
    time: LocalTime,
  })
  .check(
    z.superRefine((p, ctx) => {
      if (new Set(p.days).size !== p.days.length)
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'lists a day twice' });
    }),
  );
export type PracticeReminderInput = z.infer<typeof PracticeReminderInput>;

/** A module's "try this week" practice, from the course outline (no module file is read). */
export interface Practice {
  moduleId: string;
  moduleNumber: number;
  moduleTitle: string;
  /** The section to open in the module: its "try this week". */
  sectionId: string;
  title: string;
}

export function practiceOfModule(moduleId: string): Practice | undefined {
  const module = moduleById(moduleId);
  const section = module?.sections.find((s) => s.kind === 'exercise' && s.activity === 'practice-plan');
  if (!module || section?.kind !== 'exercise' || !section.practice) return undefined;
  return {
    moduleId,
    moduleNumber: module.number,
    moduleTitle: module.title,
    sectionId: section.id,
    title: section.practice,
  };
}

export interface PracticeReminderView extends Practice {
  days: number[];
  time: string;
  timeZone: string;
  nextAt: string;
}

const what = (moduleId: string) => `practice#${moduleId}`;

function viewOf(item: ScheduleItem): PracticeReminderView | undefined {
  const practice = item.moduleId ? practiceOfModule(item.moduleId) : undefined;
  if (!practice) return undefined; // a module no longer in the course: nothing to show (its email names nothing)
  return { ...practice, days: item.days ?? [], time: item.time ?? '', timeZone: item.timeZone, nextAt: item.dueAt };
}

export async function listPracticeReminders(
  db: Db,
  userId: string,
): Promise<{ reminders: PracticeReminderView[]; max: number }> {
  const items = (await listSchedule(db, userId)).filter((s) => s.kind === 'practice');
  const reminders = items.map(viewOf).filter((v): v is PracticeReminderView => v !== undefined);
  reminders.sort((a, b) => a.moduleNumber - b.moduleNumber);
  return { reminders, max: MAX_PRACTICE_REMINDERS };
}

const countKey = (userId: string) => keys.practiceReminderCount(userId);

/** Creates the module's practice reminder, or changes its days and time if there is one. Idempotent. */
export async function setPracticeReminder(
  rt: Runtime,
  userId: string,
  moduleId: string,
  input: PracticeReminderInput,
  now: Date,
): Promise<PracticeReminderView> {
  if (!practiceOfModule(moduleId)) throw notFound('There is no practice to remind you of in this module.');
  const days = [...new Set(input.days)].sort();
  const timeZone = (await getPrefs(rt.db, userId))?.timeZone ?? rt.config.tenant.timeZone;
  const key = keys.reminderSchedule(userId, what(moduleId));
  for (let attempt = 0; attempt < 3; attempt++) {
    const dueAt = nextOccurrence({ days, time: input.time, timeZone }, now);
    const item: ScheduleItem = {
      ...key,
      userId,
      kind: 'practice',
      what: what(moduleId),
      moduleId,
      ...slotIndex(userId, what(moduleId), dueAt),
      days,
      time: input.time,
      timeZone,
      fired: 0,
    };
    // A change of an existing one: only if it is still there (else it was cancelled meanwhile: create it again).
    const changed = await rt.db.transact([
      { Put: { TableName: rt.db.tableName, Item: item, ConditionExpression: 'attribute_exists(pk)' } },
    ]);
    if (changed) return viewOf(item)!;
    // A new one: the item (if still absent) and the count (if under the limit), all or nothing.
    const created = await rt.db.transact([rt.db.txPut(item, { ifAbsent: true }), countUpdate(rt.db, userId, +1)]);
    if (created) return viewOf(item)!;
    const exists = (await listSchedule(rt.db, userId)).some((s) => s.what === what(moduleId));
    if (!exists)
      throw conflict(
        `You can have up to ${MAX_PRACTICE_REMINDERS} practice reminders at once. Cancel one on the Reminders page to add this one.`,
        'too_many_practice_reminders',
      );
    // Another request created it between our two writes: change it on the next round.
  }
  throw conflict('This reminder was being changed at the same time. Please try again.');
}

/** The counter write of a create (+1, only while under the limit) or a cancel (−1). */
function countUpdate(db: Db, userId: string, by: 1 | -1): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: countKey(userId),
      UpdateExpression: 'ADD active :by',
      ...(by > 0 ? { ConditionExpression: 'attribute_not_exists(active) OR active < :max' } : {}),
      ExpressionAttributeValues: { ':by': by, ...(by > 0 ? { ':max': MAX_PRACTICE_REMINDERS } : {}) },
    },
  };
}

/**
 * Practice reminders follow the person's reminder time zone: when a save of the preferences changes it, these
 * re-indexed items go in the same transaction (same local days and time, the next occurrence in the new zone).
 */
export function practiceItemsInZone(schedule: ScheduleItem[], timeZone: string, now: Date): ScheduleItem[] {
  return schedule
    .filter((s) => s.kind === 'practice' && s.timeZone !== timeZone && s.days && s.time)
    .map((s) => ({
      ...s,
      ...slotIndex(s.userId, s.what, nextOccurrence({ days: s.days!, time: s.time!, timeZone }, now)),
      timeZone,
    }));
}

/** Cancels the module's practice reminder. Idempotent: cancelling one that is not there changes nothing. */
export async function cancelPracticeReminder(db: Db, userId: string, moduleId: string): Promise<{ cancelled: true }> {
  // The delete holds only if the item is there, so two cancels racing take one off the count, not two.
  await db.transact([
    db.txDelete(keys.reminderSchedule(userId, what(moduleId)), { ifExists: true }),
    countUpdate(db, userId, -1),
  ]);
  return { cancelled: true };
}

/** Every practice reminder of the person (the unsubscribe link in a practice reminder email). */
export async function cancelAllPracticeReminders(db: Db, userId: string): Promise<void> {
  for (const item of (await listSchedule(db, userId)).filter((s) => s.kind === 'practice'))
    if (item.moduleId) await cancelPracticeReminder(db, userId, item.moduleId);
}
