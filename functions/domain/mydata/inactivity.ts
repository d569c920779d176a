// The inactivity policy for leavers. The employer cannot clean up accounts (it must not know who has one), so the
// platform does: an employee account not signed in to for `afterMonths` gets one neutral email with a "keep my
// account" button; `graceDays` later, if nobody signed in or pressed it, the account is deleted by the same path as
// "delete my account" (so it counts as a leaver, like any deletion).
//
// Signing in is the activity signal: employee sessions end after at most 30 days, so anyone still using Respite
// signs in at least monthly. Each sign-in moves the profile's GSI2 entry to ACTIVITY/<signed-in-at>; the daily job
// reads that partition oldest first up to the cut-off, so it never scans.
//
// Idempotent throughout: the warning goes through the email engine with an idempotency key naming the sign-in it is
// about (so a re-run or a crash between the email and the profile update sends it once), and every state change is
// a conditional update on the profile.

import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { enqueueEmails } from '../email/outbox.js';
import { recordActivity } from '../enrolment/activity.js';
import { keys } from '../keys.js';
import { deleteAccount } from './delete.js';

/** Accounts handled per step and run; the job runs daily and carries on where it stopped. */
export const PER_RUN = 100;

const IndexEntry = z.object({ userId: z.string(), role: z.string() });
const ProfileActivity = z.object({
  userId: z.string(),
  role: z.string(),
  lastSignInAt: z.optional(z.string()),
  inactivityWarnedAt: z.optional(z.string()),
  deletingSince: z.optional(z.string()),
});

const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

export const keepAccountToken = (rt: Runtime, userId: string, warnedAt: string) =>
  rt.config.keys.sign('keep-account', { u: userId, w: warnedAt });
const KeepClaim = z.object({ u: z.string(), w: z.string() });

export const keepAccountUrl = (rt: Runtime, token: string) =>
  `${rt.config.appUrl}/api/my-data/keep-account?t=${encodeURIComponent(token)}`;

export type KeepOutcome = 'kept' | 'invalid' | 'gone';

/**
 * The "keep my account" button. Works without signing in (the link is signed); pressing it twice, or after a later
 * sign-in, still answers "kept". An account already deleted answers "gone".
 */
export async function keepAccount(rt: Runtime, token: string, now: Date): Promise<KeepOutcome> {
  const claim = rt.config.keys.verify('keep-account', token, KeepClaim);
  if (!claim) return 'invalid';
  if (await recordActivity(rt.db, claim.u, now)) return 'kept';
  return 'gone';
}

function warningEmail(rt: Runtime, keepUrl: string, deleteOn: string) {
  const org = rt.config.tenant.name;
  return {
    subject: 'Is your account still needed?',
    preheader: 'One click keeps it.',
    heading: 'Do you still want your account?',
    blocks: [
      {
        text: `You have not signed in to Respite at ${org} for a long time. To look after your data, we delete accounts that are no longer used.`,
      },
      {
        text: `If you would like to keep yours, press the button. Otherwise it will be deleted on ${deleteOn}, with everything in it.`,
      },
      { button: { label: 'Keep my account', href: keepUrl } },
      { text: 'Signing in also keeps it. If you would rather it went, you do not need to do anything.' },
    ],
    footer: `You get this email because you have a Respite account offered by ${org}. ${org} does not know who has an account, and is not told about this email.`,
  };
}

const longDate = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(d);

export interface InactivityRun {
  warned: number;
  deleted: number;
}

/** One run of the policy at `now`: warn whoever crossed the line, delete whoever was warned and did nothing. */
export async function runInactivityPolicy(rt: Runtime, now: Date): Promise<InactivityRun> {
  const { afterMonths, graceDays } = rt.config.tenant.inactivity;
  const db = rt.db;

  // 1. Warn: accounts last signed in before the cut-off.
  const cutoff = monthsBefore(now, afterMonths).toISOString();
  const stale = await db.query({ ...keys.activityIndexPartition(), skBelow: cutoff, limit: PER_RUN }, IndexEntry);
  let warned = 0;
  for (const entry of stale) {
    const profile = await db.get(keys.userProfile(entry.userId), ProfileActivity, { consistent: true });
    // The index is eventually consistent: re-check the profile itself before acting.
    if (!profile?.lastSignInAt || profile.lastSignInAt >= cutoff || profile.inactivityWarnedAt || profile.deletingSince)
      continue;
    const warnedAt = now.toISOString();
    const deleteOn = longDate(new Date(now.getTime() + graceDays * 86_400_000), rt.config.tenant.timeZone);
    await enqueueEmails(rt, [
      {
        to: { userId: entry.userId },
        kind: 'notice',
        // One warning per period of inactivity: the key names the sign-in it follows.
        idempotencyKey: `inactivity:${profile.lastSignInAt}`,
        content: warningEmail(rt, keepAccountUrl(rt, keepAccountToken(rt, entry.userId, warnedAt)), deleteOn),
        nonTransactional: false,
      },
    ]);
    const index = keys.inactivityWarnedIndex(warnedAt, entry.userId);
    const moved = await db.updateIf(keys.userProfile(entry.userId), {
      update: 'SET inactivityWarnedAt = :w, gsi2pk = :pk, gsi2sk = :sk',
      condition:
        'lastSignInAt = :seen AND attribute_not_exists(inactivityWarnedAt) AND attribute_not_exists(deletingSince)',
      values: { ':w': warnedAt, ':pk': index.gsi2pk, ':sk': index.gsi2sk, ':seen': profile.lastSignInAt },
    });
    if (moved) warned++;
  }

  // 2. Delete: warned more than graceDays ago and not kept (keeping or signing in moves them back to ACTIVITY).
  const graceCutoff = daysBefore(now, graceDays).toISOString();
  const expired = await db.query(
    { ...keys.inactivityWarnedIndexPartition(), skBelow: graceCutoff, limit: PER_RUN },
    IndexEntry,
  );
  let deleted = 0;
  for (const entry of expired) {
    const profile = await db.get(keys.userProfile(entry.userId), ProfileActivity, { consistent: true });
    if (!profile?.inactivityWarnedAt || profile.inactivityWarnedAt >= graceCutoff) continue;
    if (await deleteAccount(db, entry.userId, now, { ifWarnedAt: profile.inactivityWarnedAt })) deleted++;
  }
  return { warned, deleted };
}
