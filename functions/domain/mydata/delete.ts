// "Delete my account": removes every item of the person from the organisation's table.
//
// 1. Mark: the profile gets `deletingSince` and a pending-deletion marker is put outside the partition, in one
//    transaction with the "leavers" counter (the profile condition makes a double submit count once).
// 2. Lookups outside the partition (see access-patterns.md): the email lookup first, so nobody can sign in to the
//    account any more, then the sign-in challenge, staff invitation and sessions.
// 3. The partition USER#<userId>: one paged Query of keys, BatchWrite deletes in chunks of 25. This also removes
//    the person's reminder schedule (GSI2 due slots), coach inbox entry and check-ins (GSI1), because those index
//    entries live on partition items.
// 4. The profile last (it holds the email hash needed by step 2), a final sweep, then the marker.
//
// Every step is idempotent, so a retried, doubled or interrupted deletion just carries on: the person can retry,
// and the scheduled job (functions/mydata/on-deletion-tick.ts) finishes any deletion left half-done.

import type { Db } from '../../shared/db.js';
import { endAllSessions } from '../../shared/sessions.js';
import * as z from '../../shared/zod.js';
import { countsAsPerson, rejoinMarkerPut } from '../enrolment/rejoin.js';
import { ProfileItem } from '../enrolment/schema.js';
import { type Key, keys } from '../keys.js';
import { counterUpdates } from '../stats/counters.js';

const ProfileBeingDeleted = z.extend(ProfileItem, { deletingSince: z.optional(z.string()) });
const PendingDeletion = z.object({ userId: z.string(), since: z.string() });

/**
 * Starts (or resumes) the deletion of `userId` and finishes it. Safe to call any number of times.
 * `ifWarnedAt` (the inactivity policy): delete only if the account is still in the state it was warned in, so a
 * sign-in or "keep my account" that lands first wins; returns false when that happened.
 */
export async function deleteAccount(
  db: Db,
  userId: string,
  now: Date,
  opts: { ifWarnedAt?: string } = {},
): Promise<boolean> {
  const profile = await db.get(keys.userProfile(userId), ProfileBeingDeleted, { consistent: true });
  if (profile && !profile.deletingSince) {
    const nowIso = now.toISOString();
    const stillWarned = opts.ifWarnedAt !== undefined;
    // false means a concurrent request marked it first (carry on with the same deletion), or the account was kept.
    const marked = await db.transact([
      {
        Update: {
          TableName: db.tableName,
          Key: keys.userProfile(userId),
          UpdateExpression: 'SET deletingSince = :now',
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(deletingSince)${stillWarned ? ' AND inactivityWarnedAt = :warned' : ''}`,
          ExpressionAttributeValues: { ':now': nowIso, ...(stillWarned ? { ':warned': opts.ifWarnedAt } : {}) },
        },
      },
      db.txPut({ ...keys.pendingDeletion(userId), userId, since: nowIso }),
      // A rejoined account was never counted as a joiner, so it is not counted as a leaver; either way the address's
      // rejoin marker is (re)put, so joining again is not counted as someone new (enrolment/rejoin.ts).
      ...(countsAsPerson(profile) ? counterUpdates(db, 'leavers', profile.departmentId, now) : []),
      ...rejoinMarkerPut(db, profile, now),
    ]);
    if (!marked && stillWarned) {
      const again = await db.get(keys.userProfile(userId), ProfileBeingDeleted, { consistent: true });
      if (again && !again.deletingSince) return false;
    }
  } else if (!profile && opts.ifWarnedAt !== undefined) {
    return false;
  }
  await finishDeletion(db, userId);
  return true;
}

/** Steps 2–4. With no profile left (already deleted, or deleted up to the last steps) it sweeps what remains. */
export async function finishDeletion(db: Db, userId: string): Promise<void> {
  const profile = await db.get(keys.userProfile(userId), ProfileBeingDeleted, { consistent: true });
  if (profile) {
    const since = profile.deletingSince ?? new Date(0).toISOString();
    // Only this account's lookup: a new account made later with the same address keeps its own.
    await conditionalDelete(db, keys.emailLookup(profile.emailHash), 'userId = :v', userId);
    // Only challenges from before the deletion began (a fresh join with the address is someone new). A staff
    // invitation for the address is HR's, not this employee account's: it stays, so deleting an employee account
    // changes nothing HR can see (issue 13).
    await conditionalDelete(db, keys.signInChallenge(profile.emailHash), 'createdAt <= :v', since);
    // Send ledger of emails to the raw address (e.g. a manager's team message). The suppression entry
    // SUPPRESS#<hash> is kept on purpose: it links to no account and stops us emailing an address that said stop.
    await db.batchDelete(await db.partitionKeys(keys.sendLedgerForAddress(profile.emailHash, '', '').pk));
  }
  await endAllSessions(db, userId);
  await deletePartition(db, userId, { keepProfile: true });
  await db.delete(keys.userProfile(userId));
  // A write already in flight on another device when the sessions ended (it passed its session check first) is swept here.
  await deletePartition(db, userId, { keepProfile: false });
  await endAllSessions(db, userId);
  await db.delete(keys.pendingDeletion(userId));
}

async function conditionalDelete(db: Db, key: Key, condition: string, value: string): Promise<void> {
  await db.deleteIf(key, { condition, values: { ':v': value } }); // false: absent, or belongs to someone newer: leave it
}

async function deletePartition(db: Db, userId: string, opts: { keepProfile: boolean }): Promise<void> {
  const profileSk = keys.userProfile(userId).sk;
  const all = await db.partitionKeys(keys.userPartition(userId));
  await db.batchDelete(opts.keepProfile ? all.filter((k) => k.sk !== profileSk) : all);
}

/** Deletions that were started but not finished (interrupted), for the scheduled job to complete. */
export async function pendingDeletions(db: Db, limit: number): Promise<string[]> {
  const items = await db.query({ pk: keys.pendingDeletionsPartition(), limit }, PendingDeletion);
  return items.map((i) => i.userId);
}
