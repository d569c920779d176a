// The sender: turns outbox messages into SES sends, exactly once per (recipient, kind, idempotency key).
// Order per message: look up (batched) → skip if gone/off/suppressed → rate token → conditional ledger put (a
// pending claim) → SES send (tagged with the claim) → confirm the claim. On an SES error the claim is released so
// the retry can send. A crash after the claim leaves it pending, so a redelivered message is skipped (no duplicate);
// SES's Send event confirms a claim whose email was accepted, and the reconciler (reconcile.ts) sends again what
// is still pending an hour later, which SES therefore never accepted (nothing lost). Raw addresses (team
// endorsements) are never stored, so for them that crash window stays at most once.
// SES throttling (the account's quota is shared by every tenant): the sender's bucket halves its rate, and the
// throttled email is put back on the queue with a growing delay (its claim released), so a throttle never uses up
// one of the message's receives on the way to the dead-letter queue; after MAX_DEFERRALS it fails like any error.

import { clock } from '../../shared/clock.js';
import { newId } from '../../shared/crypto.js';
import { type EmailContent, sendEmail } from '../../shared/email.js';
import { log } from '../../shared/log.js';
import type { Runtime } from '../../shared/runtime.js';
import { maybeCrash } from '../email/faults.js';
import { enqueueEmails } from '../email/outbox.js';
import { addressHash, claimSend, confirmSent, keyId, reclaimSend, releaseClaim } from '../email/repository.js';
import { CheckinTextItem, MAX_DEFERRALS, type OutboxMessage } from '../email/schema.js';
import {
  checkinEmail,
  DEFAULT_CHECKIN_TEXTS,
  practiceEmail,
  reminderEmail,
  type TemplateContext,
  WEEKLY_CHECKIN,
} from '../email/templates.js';
import { type BucketClock, TokenBucket } from '../email/token-bucket.js';
import { unsubscribeToken, unsubscribeUrl } from '../email/unsubscribe.js';
import { currentPermissionStatement } from '../enrolment/repository.js';
import { ProfileItem } from '../enrolment/schema.js';
import { type Key, keys, pendingSendTag } from '../keys.js';
import { type NextModule, nextModuleOf } from '../programme/next-module.js';
import { listModuleProgress } from '../programme/repository.js';
import { practiceOfModule } from '../reminders/practice.js';
import { PrefsItem } from '../reminders/schema.js';
import { mondayEmail } from './monday-email.js';

/** Which preference must still be on when a message of this kind is sent to an account holder. */
const PREF_FOR_KIND: Partial<Record<OutboxMessage['kind'], 'remindersOn' | 'mondayOn' | 'checkinsOn'>> = {
  reminder: 'remindersOn',
  monday: 'mondayOn',
  checkin: 'checkinsOn',
};

export interface SendOutcome {
  sent: number;
  /** Not sent on purpose: already sent (ledger), account gone, preference off, unsubscribed or suppressed. */
  skipped: number;
  /** Indexes of messages that failed and should be retried (SES refused or errored). */
  failed: number[];
  /** Indexes of messages SES throttled, put back on the queue with a delay (done with: nothing to retry). */
  deferred: number[];
}

/** SESv2's answers when the account's sending rate (or daily quota) is used up. */
const THROTTLE_ERRORS = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);
const isThrottle = (err: unknown) =>
  err instanceof Error &&
  (THROTTLE_ERRORS.has(err.name) ||
    (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 429);

/** SQS's longest message delay. */
const MAX_DELAY_SECONDS = 900;
/** Delay before the n-th try after a throttle: the configured first delay, doubled each time, at most 900 s. */
export const deferralDelaySeconds = (firstDelay: number, n: number) =>
  Math.min(MAX_DELAY_SECONDS, firstDelay * 2 ** (n - 1));

export interface SenderOptions {
  /** Overrides the process-wide bucket (the benchmark passes one on a simulated clock). */
  bucket?: TokenBucket;
}

let processBucket: TokenBucket | undefined;
/** One bucket per sender process at EMAIL_SEND_RATE (config.emailSendRate) per second (see docs/performance-email.md for the sizing). */
export function senderBucket(ratePerSecond: number, clockOverride?: BucketClock): TokenBucket {
  processBucket ??= new TokenBucket(ratePerSecond, clockOverride);
  return processBucket;
}

interface Resolved {
  address: string;
  hash: string;
  prefs?: PrefsItem;
}

export async function sendOutboxMessages(
  rt: Runtime,
  messages: OutboxMessage[],
  opts: SenderOptions = {},
): Promise<SendOutcome> {
  const bucket = opts.bucket ?? senderBucket(rt.config.emailSendRate);
  const outcome: SendOutcome = { sent: 0, skipped: 0, failed: [], deferred: [] };

  // 1. One round of BatchGetItem for profiles, preferences and personalised check-in texts.
  const lookups: Key[] = [];
  for (const m of messages) {
    if (!('userId' in m.to)) continue;
    lookups.push(keys.userProfile(m.to.userId), keys.reminderPrefs(m.to.userId));
    if (m.template?.template === 'checkin') lookups.push(keys.checkinText(m.to.userId, m.template.number));
  }
  const found = lookups.length ? await rt.db.batchGet(lookups) : new Map();
  const resolved: (Resolved | undefined)[] = messages.map((m) => {
    if ('address' in m.to) return { address: m.to.address, hash: addressHash(rt, m.to.address) };
    const profileRaw = found.get(keyId(keys.userProfile(m.to.userId)));
    if (!profileRaw) return undefined; // account deleted since this was queued
    const profile = ProfileItem.parse(profileRaw);
    const prefsRaw = found.get(keyId(keys.reminderPrefs(m.to.userId)));
    return { address: profile.email, hash: profile.emailHash, prefs: prefsRaw ? PrefsItem.parse(prefsRaw) : undefined };
  });

  // 2. One more round for the suppression list (bounces, complaints, unsubscribed raw addresses).
  const hashes = resolved.filter((r): r is Resolved => !!r).map((r) => keys.suppression(r.hash));
  const suppressed = hashes.length ? await rt.db.batchGet(hashes) : new Map();

  // Reminders name the person's next module, except in discreet mode: one Query of their progress each.
  const nextModules = new Map<number, NextModule | null>();
  await Promise.all(
    messages.map(async (m, i) => {
      const r = resolved[i];
      if (m.template?.template !== 'reminder' || !r?.prefs?.remindersOn || r.prefs.discreet || !('userId' in m.to))
        return;
      nextModules.set(i, nextModuleOf(await listModuleProgress(rt.db, m.to.userId)));
    }),
  );

  const needsPermission = messages.some((m) => m.template?.template === 'monday');
  const permission = needsPermission
    ? (await currentPermissionStatement(rt.db, rt.config.tenant.permissionStatement)).text
    : undefined;
  const crashAt = maybeCrash(rt.config, messages.length);

  // Tokens are taken in order (so SES never sees more than the rate); the claim-and-send of each message then runs
  // concurrently with the others in the batch.
  const inFlight: Promise<void>[] = [];
  for (const [i, m] of messages.entries()) {
    if (crashAt?.index === i && crashAt.point === 'before-message') {
      await Promise.allSettled(inFlight);
      throw new Error('injected sender crash');
    }
    const r = resolved[i];
    const prefName = PREF_FOR_KIND[m.kind];
    if (
      !r ||
      suppressed.has(keyId(keys.suppression(r.hash))) ||
      (r.prefs && prefName && !r.prefs[prefName]) ||
      (!r.prefs && prefName && prefName !== 'checkinsOn') ||
      r.prefs?.optedOut.includes(m.kind)
    ) {
      outcome.skipped++;
      continue;
    }
    await bucket.take();
    inFlight.push(
      sendOne(
        rt,
        m,
        r,
        i,
        permission,
        found,
        outcome,
        crashAt?.index === i && crashAt.point === 'after-claim',
        nextModules.get(i),
        bucket,
      ),
    );
    if (crashAt?.index === i && crashAt.point === 'after-send') {
      await Promise.allSettled(inFlight);
      throw new Error('injected sender crash');
    }
  }
  await Promise.all(inFlight);
  await deferThrottled(rt, messages, outcome);
  log.info({ event: 'email_batch', tenant: rt.config.tenantId, count: outcome.sent, status: outcome.failed.length });
  return outcome;
}

/** Ledger claim (conditional put), then SES, then confirm; an SES failure releases the claim and marks a retry. */
async function sendOne(
  rt: Runtime,
  m: OutboxMessage,
  r: Resolved,
  i: number,
  permission: string | undefined,
  found: Map<string, Record<string, unknown>>,
  outcome: SendOutcome,
  crashAfterClaim = false,
  next?: NextModule | null,
  bucket?: TokenBucket,
) {
  const forUser = 'userId' in m.to;
  const ledgerKey =
    'userId' in m.to
      ? keys.sendLedgerForUser(m.to.userId, m.kind, m.idempotencyKey)
      : keys.sendLedgerForAddress(r.hash, m.kind, m.idempotencyKey);
  const claimId = newId();
  const now = clock.now();
  const { reclaim, ...message } = m;
  // A resend takes over its stale claim; if that claim was released meanwhile (SES refused a retry), claim afresh.
  const claimed =
    (reclaim && (await reclaimSend(rt.db, ledgerKey, reclaim.claimId, claimId, now))) ||
    (await claimSend(rt.db, ledgerKey, m.kind, claimId, now, forUser ? message : undefined));
  if (!claimed) {
    outcome.skipped++;
    return;
  }
  if (crashAfterClaim) throw new Error('injected sender crash');
  try {
    await sendEmail(rt, {
      ...render(rt, m, r, permission, found, next),
      ...(forUser ? { claimTag: pendingSendTag(now.getTime(), claimId) } : {}),
    });
    outcome.sent++;
  } catch (err) {
    // Nothing went out (SES refused or throttled): let the retry send it.
    await releaseClaim(rt.db, ledgerKey, claimId).catch(() => undefined);
    if (isThrottle(err) && (m.deferrals ?? 0) < MAX_DEFERRALS) {
      bucket?.backOff();
      outcome.deferred.push(i);
      return;
    }
    outcome.failed.push(i);
    log.warn({
      event: 'email_send_failed',
      tenant: rt.config.tenantId,
      kind: m.kind,
      errorName: err instanceof Error ? err.name : 'unknown',
    });
    return;
  }
  // If this fails (or the process dies first), SES's Send event confirms the claim instead.
  await confirmSent(rt.db, ledgerKey, claimId).catch(() => undefined);
}

/** Puts the throttled messages back on the queue, delayed by how often each was throttled; if that fails, they are
 *  failures instead (the queue redelivers them). */
async function deferThrottled(rt: Runtime, messages: OutboxMessage[], outcome: SendOutcome): Promise<void> {
  if (outcome.deferred.length === 0) return;
  const byCount = new Map<number, number[]>();
  for (const i of outcome.deferred) {
    const n = (messages[i]!.deferrals ?? 0) + 1;
    byCount.set(n, [...(byCount.get(n) ?? []), i]);
  }
  for (const [n, indexes] of byCount) {
    try {
      await enqueueEmails(
        rt,
        indexes.map((i) => ({ ...messages[i]!, deferrals: n })),
        { delaySeconds: deferralDelaySeconds(rt.config.emailThrottleDelaySeconds, n) },
      );
    } catch (err) {
      outcome.failed.push(...indexes);
      outcome.deferred = outcome.deferred.filter((i) => !indexes.includes(i));
      log.warn({ event: 'email_defer_failed', tenant: rt.config.tenantId, errorName: (err as Error).name });
    }
  }
  log.warn({ event: 'email_throttled', tenant: rt.config.tenantId, count: outcome.deferred.length });
}

function render(
  rt: Runtime,
  m: OutboxMessage,
  r: Resolved,
  permission: string | undefined,
  found: Map<string, Record<string, unknown>>,
  next?: NextModule | null,
) {
  const tenant = rt.config.tenant;
  const discreet = r.prefs?.discreet ?? false;
  const ctx: TemplateContext = { tenant, appUrl: rt.config.appUrl, discreet, permissionStatement: permission };
  let content: EmailContent;
  let senderName = m.senderName ?? tenant.email.senderName;
  if (m.template?.template === 'reminder') content = reminderEmail(ctx, next);
  else if (m.template?.template === 'practice')
    content = practiceEmail(ctx, discreet ? null : practiceLine(rt, m.template.moduleId));
  else if (m.template?.template === 'monday') content = mondayEmail(ctx, m.template.week);
  else if (m.template?.template === 'checkin') {
    const userId = 'userId' in m.to ? m.to.userId : '';
    const raw = found.get(keyId(keys.checkinText(userId, m.template.number)));
    const stored = raw ? CheckinTextItem.parse(raw) : undefined;
    // A weekly check-in's personal text is for the one week it was written for (checkins.ts)
    const custom = stored && (!stored.forDate || stored.forDate === m.template.on) ? stored : undefined;
    const n = m.template.number as 1 | 2 | 3 | 4;
    const weekly = n === WEEKLY_CHECKIN;
    content = checkinEmail(ctx, custom?.text ?? DEFAULT_CHECKIN_TEXTS[n], custom?.coachName ?? m.senderName, weekly);
    senderName = custom?.coachName ?? m.senderName ?? `${tenant.email.senderName} coach`;
  } else content = discreet && m.discreetContent ? m.discreetContent : m.content!;
  if (discreet) senderName = tenant.email.discreetSenderName;
  const token = m.nonTransactional
    ? unsubscribeToken(rt, 'userId' in m.to ? { u: m.to.userId, k: m.kind } : { h: r.hash, k: m.kind })
    : undefined;
  const url = token ? unsubscribeUrl(rt, token) : undefined;
  return {
    to: r.address,
    senderName,
    kind: m.kind,
    content,
    ...(url ? { unsubscribe: { url, postUrl: url } } : {}),
  };
}

/** The practice a practice reminder names outside discreet mode, with a link to the module's "try this week". */
function practiceLine(rt: Runtime, moduleId: string) {
  const p = practiceOfModule(moduleId);
  return p && { ...p, href: `${rt.config.appUrl}/#/course/${p.moduleId}` };
}
