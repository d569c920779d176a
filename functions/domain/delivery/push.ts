// Reminders sent as Web Push notifications (RFC 8030, payload encrypted per RFC 8291 aes128gcm, signed with VAPID per
// RFC 8292) to every device the person turned notifications on for. Called by the reminders tick for schedule items
// whose channel is "push", after the tick's conditional advance of the item: only the tick that moved the item on
// sends, so overlapping or repeated ticks never notify twice (at most once: a crash in between loses one reminder,
// which a notification can afford). The text is the reminder email's (email/templates.ts), neutral in discreet mode.
// A push service answering 404 or 410 means the subscription is gone: it is removed. Logs carry counts only.

import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { reminderNotification } from '../email/templates.js';
import { keys } from '../keys.js';
import { nextModuleOf } from '../programme/next-module.js';
import { listModuleProgress } from '../programme/repository.js';
import { listSubscriptions, type PushSubscriptionItem, removeSubscription } from '../reminders/push-subscriptions.js';
import { PrefsItem } from '../reminders/schema.js';

/** How long a push service keeps an undelivered reminder (a phone that is off): after that it is no longer timely. */
const TTL_SECONDS = 4 * 60 * 60;
const CONCURRENCY = 8;
const TIMEOUT_MS = 10_000;

export interface PushOutcome {
  /** Notifications the push services accepted. */
  sent: number;
  /** Subscriptions removed because their push service said they are gone. */
  expired: number;
  failed: number;
  /** People with no device left: the caller sends them the email instead, so no reminder silently stops. */
  noDevice: string[];
}

export async function sendPushReminders(rt: Runtime, userIds: string[]): Promise<PushOutcome> {
  const outcome: PushOutcome = { sent: 0, expired: 0, failed: 0, noDevice: [] };
  const vapid = rt.config.vapid;
  if (userIds.length === 0) return outcome;
  const { default: webpush } = await import('web-push'); // loaded only by the tick, only when someone chose push
  const jobs: { userId: string; sub: PushSubscriptionItem; payload: string }[] = [];
  for (const userId of userIds) {
    const [subs, prefs] = await Promise.all([
      listSubscriptions(rt, userId),
      rt.db.get(keys.reminderPrefs(userId), PrefsItem, { consistent: true }),
    ]);
    if (!prefs?.remindersOn) continue; // turned off since the item was read
    if (subs.length === 0) {
      outcome.noDevice.push(userId);
      continue;
    }
    const next = prefs.discreet ? null : nextModuleOf(await listModuleProgress(rt.db, userId));
    const note = reminderNotification({ appUrl: rt.config.appUrl, discreet: prefs.discreet }, next);
    const payload = JSON.stringify({ ...note, tag: 'reminder', discreet: prefs.discreet });
    for (const sub of subs) jobs.push({ userId, sub, payload });
  }
  const sendOne = async ({ userId, sub, payload }: (typeof jobs)[number]) => {
    // web-push builds the encrypted body and the VAPID headers; the request itself is plain fetch (so the local
    // test's push endpoint can be http on loopback).
    const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, payload, {
      vapidDetails: vapid,
      TTL: TTL_SECONDS,
      contentEncoding: 'aes128gcm',
      urgency: 'normal',
      topic: 'reminder',
    });
    try {
      const res = await fetch(req.endpoint, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: new Uint8Array(req.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) {
        await removeSubscription(rt, userId, sub.endpoint);
        outcome.expired++;
      } else if (res.ok) outcome.sent++;
      else outcome.failed++;
    } catch {
      outcome.failed++;
    }
  };
  for (let i = 0; i < jobs.length; i += CONCURRENCY) await Promise.all(jobs.slice(i, i + CONCURRENCY).map(sendOne));
  log.info({ event: 'push_reminders', tenant: rt.config.tenantId, count: outcome.sent, status: outcome.failed });
  if (outcome.expired) log.info({ event: 'push_expired', tenant: rt.config.tenantId, count: outcome.expired });
  return outcome;
}
