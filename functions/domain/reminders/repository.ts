// Reads and writes of the reminders context. Keys from keys.ts only; every pattern is in access-patterns.md.

import type { Db, TransactItem } from '../../shared/db.js';
import { GSI1, GSI2, keys } from '../keys.js';
import { slotOf } from './schedule.js';
import { PrefsItem, ScheduleItem } from './schema.js';

export const getPrefs = (db: Db, userId: string) => db.get(keys.reminderPrefs(userId), PrefsItem, { consistent: true });

export async function listSchedule(db: Db, userId: string): Promise<ScheduleItem[]> {
  const p = keys.reminderSchedulePrefix(userId);
  return db.query({ pk: p.pk, skPrefix: p.skPrefix }, ScheduleItem);
}

/** The GSI2 attributes that make an item due in the slot of `dueAt`. */
export const slotIndex = (userId: string, what: string, dueAt: Date) => ({
  dueAt: dueAt.toISOString(),
  ...keys.dueInSlot(slotOf(dueAt), what, userId),
});

export function txPutSchedule(db: Db, item: ScheduleItem): TransactItem {
  return db.txPut({ ...item });
}

/** Pages through everything due in one slot (GSI2), one page (≤ 1 MB) at a time. */
export async function* dueInSlot(db: Db, slotIso: string): AsyncGenerator<ScheduleItem[]> {
  yield* db.queryPages({ index: GSI2, pk: keys.dueSlot(slotIso).gsi2pk }, ScheduleItem);
}

/**
 * Moves a fired item to its next slot (or out of the index when there is none), only if it is still due at
 * `firedDueAt`: an overlapping tick that fired the same item finds the condition false and changes nothing.
 */
export async function advanceSchedule(db: Db, item: ScheduleItem, next: Date | undefined): Promise<boolean> {
  const key = { pk: item.pk, sk: item.sk };
  return db.updateIf(
    key,
    next
      ? {
          // A listed item (the weekly check-in) moves its coaches' listing to the next occurrence too.
          update: `SET dueAt = :due, gsi2pk = :slot, fired = if_not_exists(fired, :zero) + :one${item.gsi1pk ? ', gsi1sk = :listed' : ''}`,
          condition: 'dueAt = :was',
          values: {
            ':was': item.dueAt,
            ':due': next.toISOString(),
            ':slot': keys.dueSlot(slotOf(next)).gsi2pk,
            ':zero': 0,
            ':one': 1,
            ...(item.gsi1pk
              ? { ':listed': keys.upcomingCheckin(next.toISOString(), item.userId, item.number).gsi1sk }
              : {}),
          },
        }
      : {
          update:
            'SET fired = if_not_exists(fired, :zero) + :one, firedAt = :was REMOVE gsi2pk, gsi2sk, gsi1pk, gsi1sk',
          condition: 'dueAt = :was',
          values: { ':was': item.dueAt, ':zero': 0, ':one': 1 },
        },
  );
}

/** Upcoming check-ins of the organisation, soonest first, from `fromIso` (GSI1). */
export async function upcomingCheckins(db: Db, fromIso: string, limit: number): Promise<ScheduleItem[]> {
  return db.query({ index: GSI1, pk: keys.upcomingCheckins().gsi1pk, skFrom: fromIso, limit }, ScheduleItem);
}
