// Reads and writes of the enrolment context. Keys from keys.ts only.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys } from '../keys.js';
import { DepartmentItem, InviteItem, PermissionStatementItem } from '../org/schema.js';
import { randomToken } from '../../shared/crypto.js';
import { isConditionalFailure, type Db } from '../../shared/db.js';
import { ChallengeItem, EmailLookupItem, ProfileItem, StaffInviteItem } from './schema.js';

export const getProfile = (db: Db, userId: string) => db.get(keys.userProfile(userId), ProfileItem);
export const getEmailLookup = (db: Db, emailHash: string) => db.get(keys.emailLookup(emailHash), EmailLookupItem, { consistent: true });
export const getChallenge = (db: Db, emailHash: string) => db.get(keys.signInChallenge(emailHash), ChallengeItem, { consistent: true });
export const getStaffInvite = (db: Db, emailHash: string) => db.get(keys.staffInvite(emailHash), StaffInviteItem, { consistent: true });

export async function putChallenge(db: Db, emailHash: string, challenge: ChallengeItem) {
  await db.put({ ...keys.signInChallenge(emailHash), ...challenge });
}

/** Counts a wrong code; false when the challenge is gone or already at the limit. */
export async function recordFailedAttempt(db: Db, emailHash: string, maxAttempts: number): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.signInChallenge(emailHash),
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attribute_exists(pk) AND attempts < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionalFailure(err)) return false;
    throw err;
  }
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
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.orgInvite(),
        UpdateExpression: 'SET #t = :next, rotatedAt = :at',
        ConditionExpression: '#t = :current',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: { ':next': next.token, ':at': nowIso, ':current': currentToken },
      }),
    );
    return next;
  } catch (err) {
    if (!isConditionalFailure(err)) throw err;
    return ensureInvite(db, nowIso);
  }
}

export async function listDepartments(db: Db): Promise<DepartmentItem[]> {
  const p = keys.orgDepartmentPrefix();
  return db.query({ pk: p.pk, skPrefix: p.skPrefix }, DepartmentItem);
}

export const getDepartment = (db: Db, departmentId: string) => db.get(keys.orgDepartment(departmentId), DepartmentItem);

/** The statement employees see now: the newest published version, or the tenant default. */
export async function currentPermissionStatement(db: Db, fallbackText: string): Promise<{ version: number; text: string; publishedAt: string | null }> {
  const p = keys.orgPermissionPrefix();
  const [latest] = await db.query({ pk: p.pk, skPrefix: p.skPrefix, newestFirst: true, limit: 1 }, PermissionStatementItem);
  return latest ?? { version: 0, text: fallbackText, publishedAt: null };
}

export async function setDepartment(db: Db, userId: string, departmentId: string | null) {
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.userProfile(userId),
      ConditionExpression: 'attribute_exists(pk)',
      ...(departmentId
        ? { UpdateExpression: 'SET departmentId = :d', ExpressionAttributeValues: { ':d': departmentId } }
        : { UpdateExpression: 'REMOVE departmentId' }),
    }),
  );
}

export const StaffListItem = z.object({ userId: z.string(), role: z.string(), createdAt: z.string() });
