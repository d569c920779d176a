// Coach alerts, without content: a new message or share tells the thread's coach "a new message in conversation
// GTCQ" and a link, nothing else. A safety signal (a shared PHQ-9 with item 9 above 0, or a message the person marked
// urgent) alerts the thread's coach and every lead coach at once, day or night.
//
// Exactly once, none lost: the alert event is written in the same transaction as the message or share it is about
// (COACH_ALERTS / EVENT#<at>#<eventId>, holding only the thread id). Safety events are sent by the request right
// away (idempotency key safety-<eventId>) and, should that fail, by the next tick with the same key. Routine events
// wait for the alerts tick, which claims each for its slot (a conditional write) and sends every coach one digest per
// slot (alert-<slot>); a tick that re-runs after a crash finds the same claims and the same keys, and the send
// ledger (domain/email) turns the second send into nothing. Routine alerts wait while it is quiet hours.

import type { Db, TransactItem } from '../../shared/db.js';
import type { EmailContent } from '../../shared/email.js';
import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { enqueueEmails, type OutboxMessage } from '../email/outbox.js';
import { keys } from '../keys.js';
import { loadCoachingService } from '../org/coaching-service.js';
import { month } from '../stats/counters.js';
import { findThread } from './repository.js';
import { AlertEventItem } from './schema.js';
import { alertRecipients, coachRoster, type TeamCoach } from './team.js';
import { coachingHours, inDailyWindow } from './working-hours.js';

export type NewAlert = Omit<AlertEventItem, 'digest'>;

/** An event nobody could be alerted about (no coach on the team) is kept this long, then dropped by TTL. */
const EVENT_TTL_SECONDS = 30 * 86_400;
/** At most this many events per tick (more wait for the next one, oldest first). */
const EVENTS_PER_TICK = 500;
const MAX_LINKS = 10;

export function alertEventPut(db: Db, alert: NewAlert): TransactItem {
  return db.txPut(
    {
      ...keys.coachAlertEvent(alert.at, alert.eventId),
      ...alert,
      expiresAt: Math.floor(Date.parse(alert.at) / 1000) + EVENT_TTL_SECONDS,
    },
    { ifAbsent: true },
  );
}

/** "conversation GTCQ": the same code the coach sees in the inbox, and nothing else about the thread. */
const conversation = (threadId: string) =>
  `conversation ${threadId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase()}`;
const threadLink = (appUrl: string, threadId: string) => `${appUrl}/#/coach/threads/${encodeURIComponent(threadId)}`;
const footer = (tenantName: string) =>
  `You get this email because you coach staff of ${tenantName} on Respite. Alerts never contain messages or names.`;

export function routineAlertContent(appUrl: string, tenantName: string, threadIds: string[]): EmailContent {
  const one = threadIds.length === 1;
  const title = one
    ? `A new message in ${conversation(threadIds[0]!)}`
    : `New messages in ${threadIds.length} conversations`;
  return {
    subject: title,
    preheader: 'Sign in to read it.',
    heading: title,
    blocks: [
      ...threadIds
        .slice(0, MAX_LINKS)
        .map((id) => ({ button: { label: `Open ${conversation(id)}`, href: threadLink(appUrl, id) } })),
      ...(threadIds.length > MAX_LINKS ? [{ text: `And ${threadIds.length - MAX_LINKS} more in your inbox.` }] : []),
      ...(one ? [] : [{ button: { label: 'Open the inbox', href: `${appUrl}/#/coach/inbox` } }]),
    ],
    footer: footer(tenantName),
  };
}

export function safetyAlertContent(appUrl: string, tenantName: string, threadId: string): EmailContent {
  return {
    subject: `Please reply today: ${conversation(threadId)}`,
    preheader: 'A conversation needs your attention today.',
    heading: `${conversation(threadId).replace(/^c/, 'C')} needs your attention today`,
    blocks: [
      { text: 'Follow the safety protocol shown in the conversation. It is at the top of your inbox.' },
      { button: { label: `Open ${conversation(threadId)}`, href: threadLink(appUrl, threadId) } },
    ],
    footer: footer(tenantName),
  };
}

const alertMessage = (userId: string, idempotencyKey: string, content: EmailContent): OutboxMessage => ({
  to: { userId },
  kind: 'coach-alert',
  idempotencyKey,
  content,
  nonTransactional: false,
});

/** Queues the safety alert for one event, then removes the event. Returns false (event kept for the tick) on failure. */
export async function sendSafetyAlert(rt: Runtime, event: NewAlert, team?: TeamCoach[]): Promise<boolean> {
  try {
    const thread = await findThread(rt.db, event.threadId);
    if (thread) {
      const recipients = alertRecipients(team ?? (await coachRoster(rt)), thread.coachId, true);
      if (recipients.length === 0) return false; // nobody on the team yet: kept until someone is
      const content = safetyAlertContent(rt.config.appUrl, rt.config.tenant.name, event.threadId);
      await enqueueEmails(
        rt,
        recipients.map((userId) => alertMessage(userId, `safety-${event.eventId}`, content)),
      );
    }
    await retireEvent(rt.db, event, thread !== undefined);
    return true;
  } catch (err) {
    log.warn({
      event: 'coach_alert_failed',
      tenant: rt.config.tenantId,
      errorName: err instanceof Error ? err.name : 'unknown',
    });
    return false;
  }
}

export interface AlertRun {
  /** Safety alerts queued (one per event). */
  safety: number;
  /** Digest emails queued (one per coach per slot). */
  digests: number;
  /** Events kept for a later tick: routine ones in quiet hours, any for want of a coach, safety ones whose send failed. */
  waiting: number;
}

/** The alerts tick for one slot (`slot` = the tick's scheduled time). */
export async function runCoachAlerts(rt: Runtime, slot: Date): Promise<AlertRun> {
  const p = keys.coachAlertEventPrefix();
  const due = (await rt.db.query({ pk: p.pk, skPrefix: p.skPrefix, limit: EVENTS_PER_TICK }, AlertEventItem)).filter(
    (e) => e.at <= slot.toISOString(),
  );
  const run: AlertRun = { safety: 0, digests: 0, waiting: 0 };
  if (due.length === 0) return run;
  const team = await coachRoster(rt);

  for (const e of due.filter((x) => x.safety)) {
    if (await sendSafetyAlert(rt, e, team)) run.safety++;
    else run.waiting++; // nobody on the team yet, or the send failed: kept for the next tick, and logged as waiting
  }

  const routine = due.filter((e) => !e.safety);
  const tenant = rt.config.tenant;
  const quiet = inDailyWindow(
    slot,
    tenant.coaching.quietHours,
    coachingHours(tenant, await loadCoachingService(rt)).timeZone,
  );
  const slotKey = `${slot.toISOString().slice(0, 16)}Z`;
  // Claim unclaimed events for this slot (quiet hours: only those a crashed earlier run had claimed go out).
  const claimed: AlertEventItem[] = [];
  for (const e of routine) {
    if (e.digest) claimed.push(e);
    else if (!quiet && team.length > 0 && (await claim(rt.db, e, slotKey))) claimed.push({ ...e, digest: slotKey });
    else run.waiting++;
  }

  const byDigest = new Map<string, AlertEventItem[]>();
  for (const e of claimed) byDigest.set(e.digest!, [...(byDigest.get(e.digest!) ?? []), e]);
  for (const [digest, events] of byDigest) {
    const perCoach = new Map<string, Set<string>>();
    const alerted = new Set<string>();
    for (const e of events) {
      const thread = await findThread(rt.db, e.threadId);
      if (!thread) continue; // the person deleted their account: nothing to alert about
      alerted.add(e.eventId);
      for (const coach of alertRecipients(team, thread.coachId, false)) {
        if (!perCoach.has(coach)) perCoach.set(coach, new Set());
        perCoach.get(coach)!.add(e.threadId);
      }
    }
    if (perCoach.size === 0 && team.length === 0) {
      run.waiting += events.length;
      continue;
    }
    await enqueueEmails(
      rt,
      [...perCoach].map(([coach, threads]) =>
        alertMessage(coach, `alert-${digest}`, routineAlertContent(rt.config.appUrl, tenant.name, [...threads].sort())),
      ),
    );
    run.digests += perCoach.size;
    for (const e of events) await retireEvent(rt.db, e, alerted.has(e.eventId));
  }
  return run;
}

/**
 * Removes a handled event. One that was alerted is counted for the operator's health figures (coachAlertsSent, by
 * the event's month) in the same transaction as a conditional delete, so a re-run that finds it gone counts nothing.
 */
async function retireEvent(db: Db, e: Pick<AlertEventItem, 'at' | 'eventId'>, alerted: boolean): Promise<void> {
  const key = keys.coachAlertEvent(e.at, e.eventId);
  if (!alerted) return db.delete(key);
  await db.transact([
    db.txDelete(key, { ifExists: true }),
    db.txIncrement(keys.coachAlertsSent(month(new Date(e.at))), 'sent'),
  ]);
}

/** Claims a routine event for a slot's digest; false when another run claimed it first. */
function claim(db: Db, e: AlertEventItem, slotKey: string): Promise<boolean> {
  return db.updateIf(keys.coachAlertEvent(e.at, e.eventId), {
    update: 'SET #d = :d',
    condition: 'attribute_exists(pk) AND attribute_not_exists(#d)',
    names: { '#d': 'digest' },
    values: { ':d': slotKey },
  });
}
