// Server-side session records (one per signed-in device). The cookie names the record; see session-token.ts.
import * as z from './zod.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, GSI1 } from '../domain/keys.js';
import { newId } from './crypto.js';
import type { Db } from './db.js';
import type { Keyring } from './keyring.js';
import { ROLES, SESSION_LIMITS, encodeSession, sessionCookie, type Role, type SessionClaims } from './session-token.js';

export const SessionRecord = z.object({
  pk: z.string(),
  sk: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** Coarse device description ("Chrome on Windows"), never the raw user agent or IP. */
  device: z.string(),
  expiresAt: z.number(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** "Chrome on Windows": enough for a person to recognise their device, too coarse to fingerprint. */
export function describeDevice(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const os = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : 'an unknown system';
  return `${browser} on ${os}`;
}

/** Creates the record and returns the Set-Cookie value for it. */
export async function startSession(
  db: Db,
  opts: { tenantId: string; keys: Keyring; userId: string; role: Role; userAgent: string; nowMs: number },
): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = newId();
  const nowIso = new Date(opts.nowMs).toISOString();
  const record: SessionRecord = {
    ...keys.session(sessionId),
    sessionId,
    userId: opts.userId,
    role: opts.role,
    createdAt: nowIso,
    lastSeenAt: nowIso,
    device: describeDevice(opts.userAgent),
    expiresAt: Math.floor((opts.nowMs + SESSION_LIMITS[opts.role].absoluteMs) / 1000),
  };
  await db.put({ ...record, gsi1pk: keys.sessionsOfUser(opts.userId).gsi1pk, gsi1sk: nowIso });
  const claims: SessionClaims = {
    sub: opts.userId,
    tid: opts.tenantId,
    role: opts.role,
    sid: sessionId,
    iat: opts.nowMs,
    seen: opts.nowMs,
    chk: opts.nowMs,
  };
  return { cookie: sessionCookie(opts.tenantId, encodeSession(opts.keys, claims), opts.role), sessionId };
}

/** Re-reads the record: undefined when it was revoked (signed out elsewhere) or expired. Bumps lastSeenAt. */
export async function revalidateSession(db: Db, sessionId: string, nowMs: number, opts: { touch: boolean } = { touch: true }): Promise<SessionRecord | undefined> {
  const record = await db.get(keys.session(sessionId), SessionRecord, { consistent: true });
  if (!record || !opts.touch) return record;
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.session(sessionId),
      UpdateExpression: 'SET lastSeenAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': new Date(nowMs).toISOString() },
    }),
  ).catch(() => undefined); // a concurrent sign-out wins; the next check catches it
  return record;
}

export async function listSessions(db: Db, userId: string): Promise<SessionRecord[]> {
  return db.query({ pk: keys.sessionsOfUser(userId).gsi1pk, index: GSI1, newestFirst: true }, SessionRecord);
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(keys.session(sessionId));
}

export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const sessions = await listSessions(db, userId);
  await Promise.all(sessions.map((s) => db.delete(keys.session(s.sessionId))));
  return sessions.length;
}
