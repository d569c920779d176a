// The dispatcher: on each 15-minute tick, finds only the people due in that slot (GSI2, never Scan), pages through
// them, queues their emails in batches and moves each schedule item to its next occurrence. It also looks back over
// the past day of slots, so a missed tick never strands an item: up to 2 hours late it is still sent, older than that
// it is moved on to its next occurrence without sending (a "09:00" reminder at teatime helps nobody). Overlapping or
// repeated ticks are harmless: the send ledger stops duplicate sends, and advancing an item is conditional on it
// still being due when it was read.

import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { enqueueEmails, type OutboxMessage } from '../email/outbox.js';
import { resendStaleClaims } from '../email/reconcile.js';
import { WEEKLY_CHECKIN } from '../email/templates.js';
import { advanceSchedule, dueInSlot } from './repository.js';
import { nextOccurrence, SLOT_MS, slotOf } from './schedule.js';
import type { ScheduleItem } from './schema.js';

/** Slots re-checked behind the current one (24 hours of empty queries cost next to nothing). */
export const LOOKBACK_SLOTS = 96;
/** Reminders and Monday notes due longer ago than this are moved on without sending. */
export const MAX_LATENESS_MS = 2 * 60 * 60_000;
/** Parallel conditional updates when advancing items (keeps a 100k fan-out fast without flooding the table). */
const ADVANCE_CONCURRENCY = 16;

export interface TickResult {
  slot: string;
  due: number;
  enqueued: number;
  /** Found too late to be useful (scheduler outage > 2 hours): moved on to the next occurrence, not sent. */
  skippedStale: number;
  /** Reminders sent as push notifications (to at least one device) instead of email. */
  pushed: number;
  /** Emails queued again because their send was claimed but never accepted by SES (a crash; see reconcile.ts). */
  resent: number;
}

export function messageFor(item: ScheduleItem): OutboxMessage {
  const base = { to: { userId: item.userId }, nonTransactional: true } as const;
  if (item.kind === 'reminder')
    return { ...base, kind: 'reminder', idempotencyKey: `reminder:${item.dueAt}`, template: { template: 'reminder' } };
  if (item.kind === 'practice')
    return {
      ...base,
      kind: 'practice',
      idempotencyKey: `${item.what}:${item.dueAt}`,
      template: { template: 'practice', moduleId: item.moduleId ?? '' },
    };
  if (item.kind === 'coach-weekly')
    return {
      ...base,
      kind: 'checkin', // the check-ins' preference and unsubscribe cover it
      idempotencyKey: `checkin-weekly:${item.dueAt.slice(0, 10)}`,
      template: { template: 'checkin', number: WEEKLY_CHECKIN, on: item.dueAt.slice(0, 10) },
    };
  if (item.kind === 'monday')
    return {
      ...base,
      kind: 'monday',
      idempotencyKey: `monday:${item.dueAt.slice(0, 10)}`,
      template: { template: 'monday', week: item.fired + 1 },
    };
  return {
    ...base,
    kind: 'checkin',
    idempotencyKey: `checkin:${item.number}`,
    template: { template: 'checkin', number: item.number ?? 1 },
  };
}

/** The next occurrence after this one (or after `notBefore`, for an item found too late); none for check-ins. */
export function nextDue(item: ScheduleItem, notBefore = new Date(item.dueAt)): Date | undefined {
  if (item.kind === 'checkin' || !item.days || !item.time) return undefined;
  const after = Math.max(new Date(item.dueAt).getTime(), notBefore.getTime());
  return nextOccurrence({ days: item.days, time: item.time, timeZone: item.timeZone }, new Date(after));
}

/**
 * Sends push reminders to these people; returns those with no device left (they get the email instead). Given by the
 * tick handler (delivery/push.ts), which sits above this context.
 */
export type PushSender = (rt: Runtime, userIds: string[]) => Promise<{ noDevice: string[] }>;

const byPush = (i: ScheduleItem) => i.kind === 'reminder' && i.channel === 'push';

export async function runTick(rt: Runtime, scheduledTime: Date, sendPush?: PushSender): Promise<TickResult> {
  const current = Math.floor(scheduledTime.getTime() / SLOT_MS) * SLOT_MS;
  const result: TickResult = {
    slot: slotOf(scheduledTime),
    due: 0,
    enqueued: 0,
    skippedStale: 0,
    pushed: 0,
    resent: 0,
  };
  for (let back = LOOKBACK_SLOTS; back >= 0; back--) {
    const slot = slotOf(new Date(current - back * SLOT_MS));
    for await (const page of dueInSlot(rt.db, slot)) {
      // Only items really due by this tick (a re-indexed item is never in a past slot, but be strict anyway).
      const due = page.filter((i) => new Date(i.dueAt).getTime() < current + SLOT_MS);
      // A late check-in is still worth sending; a late reminder or Monday note is not.
      const isFresh = (i: ScheduleItem) =>
        i.kind === 'checkin' || scheduledTime.getTime() - new Date(i.dueAt).getTime() <= MAX_LATENESS_MS;
      const fresh = due.filter(isFresh);
      result.due += due.length;
      result.skippedStale += due.length - fresh.length;
      // Email: queue first, then advance: a crash in between re-queues next tick, and the ledger drops the duplicate.
      // Push has no ledger: only the tick whose advance of the item succeeded sends it (at most once).
      const push = sendPush ? fresh.filter(byPush) : [];
      const email = fresh.filter((i) => !push.includes(i));
      result.enqueued += (await enqueueEmails(rt, email.map(messageFor))).enqueued;
      const advanced = new Set<ScheduleItem>();
      for (let i = 0; i < due.length; i += ADVANCE_CONCURRENCY)
        await Promise.all(
          due.slice(i, i + ADVANCE_CONCURRENCY).map(async (item) => {
            if (await advanceSchedule(rt.db, item, nextDue(item, isFresh(item) ? undefined : scheduledTime)))
              advanced.add(item);
          }),
        );
      const toPush = push.filter((i) => advanced.has(i));
      if (sendPush && toPush.length) {
        const { noDevice } = await sendPush(
          rt,
          toPush.map((i) => i.userId),
        );
        result.pushed += toPush.length - noDevice.length;
        // No device left (all turned off or expired): the reminder goes by email, so it never silently stops.
        const fallback = toPush.filter((i) => noDevice.includes(i.userId));
        result.enqueued += (await enqueueEmails(rt, fallback.map(messageFor))).enqueued;
      }
    }
  }
  result.resent = await resendStaleClaims(rt, scheduledTime);
  log.info({ event: 'reminders_tick', tenant: rt.config.tenantId, slot: result.slot, count: result.enqueued });
  if (result.skippedStale)
    log.warn({
      event: 'reminders_skipped_stale',
      tenant: rt.config.tenantId,
      slot: result.slot,
      count: result.skippedStale,
    });
  return result;
}
