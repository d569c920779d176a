// Reads and writes of the enrolment context. Keys from keys.ts only.

import { randomToken } from '../../shared/crypto.js';
import type { Db } from '../../shared/db.js';
import { conflict } from '../../shared/errors.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';
import { DepartmentItem, InviteItem, PermissionStatementItem } from '../org/schema.js';
import { counterUpdates } from '../stats/counters.js';
import { countsAsPerson } from './rejoin.js';
import { ChallengeItem, EmailLookupItem, ProfileItem, StaffInviteItem } from './schema.js';

export const getProfile = (db: Db, userId: string) => db.get(keys.userProfile(userId), ProfileItem);
/** The employee account or the staff account of an address (two separate accounts; see keys.staffEmailLookup). */
export const emailLookupKey = (emailHash: string, kind: 'employee' | 'staff') =>
  kind === 'employee' ? keys.emailLookup(emailHash) : keys.staffEmailLookup(emailHash);
export const getEmailLookup = (db: Db, emailHash: string, kind: 'employee' | 'staff') =>
  db.get(emailLookupKey(emailHash, kind), EmailLookupItem, { consistent: true });
export const getChallenge = (db: Db, emailHash: string) =>
  db.get(keys.signInChallenge(emailHash), ChallengeItem, { consistent: true });
export const getStaffInvite = (db: Db, emailHash: string) =>
  db.get(keys.staffInvite(emailHash), StaffInviteItem, { consistent: true });

/**
 * The new challenge replaces the address's previous one. A `none` challenge (no account: see sign-in.ts) is the same
 * PutItem, conditional on there being no live challenge of another kind, so asking on the sign-in page with an address
 * that is half-way through joining does not cancel its join code.
 */
export async function putChallenge(db: Db, emailHash: string, challenge: ChallengeItem, nowSeconds: number) {
  const item = { ...keys.signInChallenge(emailHash), ...challenge };
  if (challenge.intent !== 'none') await db.put(item);
  else
    await db.put(item, {
      condition: {
        expression: 'attribute_not_exists(pk) OR expiresAt <= :now OR intent = :none',
        values: { ':now': nowSeconds, ':none': 'none' },
      },
    });
}

/**
 * Counts one attempt at the challenge *before* the code is compared, in one conditional update that fails at the
 * limit: however many guesses arrive at once, at most `maxAttempts` are ever compared. False when the challenge is
 * gone or its attempts are used up.
 */
export async function claimAttempt(db: Db, emailHash: string, maxAttempts: number): Promise<boolean> {
  return db.updateIf(keys.signInChallenge(emailHash), {
    update: 'ADD attempts :one',
    condition: 'attribute_exists(pk) AND attempts < :max',
    values: { ':one': 1, ':max': maxAttempts },
  });
}

/** Single use: deletes the challenge only if it is still the one that was checked. */
export async function consumeChallenge(db: Db, emailHash: string, codeHash: string): Promise<boolean> {
  return db.transact([
    {
      Delete: {
        TableName: db.tableName,
        Key: keys.signInChallenge(emailHash),
        ConditionExpression: 'codeHash = :c',
        ExpressionAttributeValues: { ':c': codeHash },
      },
    },
  ]);
}

export async function getInvite(db: Db): Promise<InviteItem | undefined> {
  return db.get(keys.orgInvite(), InviteItem, { consistent: true });
}

/** The invite link always exists: created on first use (and by the seed). */
export async function ensureInvite(db: Db, nowIso: string): Promise<InviteItem> {
  const existing = await getInvite(db);
  if (existing) return existing;
  const fresh: InviteItem = { token: randomToken(18), rotatedAt: nowIso };
  await db.put({ ...keys.orgInvite(), ...fresh }, { ifAbsent: true });
  return (await getInvite(db))!;
}

/** Rotates only if `currentToken` is still current, so a retried rotation is a no-op. */
export async function rotateInvite(db: Db, currentToken: string, nowIso: string): Promise<InviteItem> {
  const next: InviteItem = { token: randomToken(18), rotatedAt: nowIso };
  const rotated = await db.updateIf(keys.orgInvite(), {
    update: 'SET #t = :next, rotatedAt = :at',
    condition: '#t = :current',
    names: { '#t': 'token' },
    values: { ':next': next.token, ':at': nowIso, ':current': currentToken },
  });
  return rotated ? next : ensureInvite(db, nowIso);
}

export async function listDepartments(db: Db): Promise<DepartmentItem[]> {
  const p = keys.orgDepartmentPrefix();
  return db.query({ pk: p.pk, skPrefix: p.skPrefix }, DepartmentItem);
}

export const getDepartment = (db: Db, departmentId: string) => db.get(keys.orgDepartment(departmentId), DepartmentItem);

/** The statement employees see now: the newest published version, or the tenant default. */
export async function currentPermissionStatement(
  db: Db,
  fallbackText: string,
): Promise<{ version: number; text: string; publishedAt: string | null }> {
  const p = keys.orgPermissionPrefix();
  const [latest] = await db.query(
    { pk: p.pk, skPrefix: p.skPrefix, newestFirst: true, limit: 1 },
    PermissionStatementItem,
  );
  return latest ?? { version: 0, text: fallbackText, publishedAt: null };
}

/**
 * Changes a person's self-reported department. For an employee, "moved out" of the old department and "moved in" to
 * the new one are counted in the same transaction as the profile update, which is conditional on the department it
 * replaces: a retried or concurrent change counts once, so accounts per department stay right (docs/statistics.md).
 * A rejoined account is in no department's joiners − leavers, so its moves are not counted either (rejoin.ts).
 * Returns false when the account no longer exists.
 */
export async function setDepartment(db: Db, userId: string, departmentId: string | null, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const profile = await db.get(keys.userProfile(userId), ProfileItem, { consistent: true });
    if (!profile) return false;
    const previous = profile.departmentId ?? null;
    if (previous === departmentId) return true; // nothing changes, nothing is counted
    const done = await db.transact([
      {
        Update: {
          TableName: db.tableName,
          Key: keys.userProfile(userId),
          ConditionExpression: previous
            ? 'attribute_exists(pk) AND departmentId = :old'
            : 'attribute_exists(pk) AND attribute_not_exists(departmentId)',
          ...(departmentId
            ? {
                UpdateExpression: 'SET departmentId = :d',
                ExpressionAttributeValues: { ':d': departmentId, ...(previous ? { ':old': previous } : {}) },
              }
            : { UpdateExpression: 'REMOVE departmentId', ExpressionAttributeValues: { ':old': previous } }),
        },
      },
      ...(countsAsPerson(profile)
        ? [
            ...counterUpdates(db, 'department_moves_out', previous ?? undefined, now),
            ...counterUpdates(db, 'department_moves_in', departmentId ?? undefined, now),
          ]
        : []),
    ]);
    if (done) return true;
    // The department changed meanwhile (or the account went): read it again.
  }
  throw conflict('Your department was being changed at the same time. Please try again.');
}

/**
 * The person's department as it stands: a department HR has removed since the person chose it becomes "not stated"
 * here, on the person's next read, counted as a move like any other change (moved out of the removed department,
 * into none). Releases already count a removed department's people under "not stated", so no figure ever shows it.
 */
export async function currentDepartment(
  db: Db,
  userId: string,
  departmentId: string | undefined,
  now: Date,
): Promise<string | null> {
  if (!departmentId) return null;
  if (await getDepartment(db, departmentId)) return departmentId;
  await setDepartment(db, userId, null, now);
  return null;
}

export const StaffListItem = z.object({ userId: z.string(), role: z.string(), createdAt: z.string() });
