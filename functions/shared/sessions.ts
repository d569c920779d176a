// Server-side session records (one per signed-in device). The cookie names the record; see session-token.ts.

import { ROLES, type Role } from '../contract/roles.js';
import { GSI1, keys } from '../domain/keys.js';
import { newId } from './crypto.js';
import type { Db } from './db.js';
import type { Keyring } from './keyring.js';
import { encodeSession, SESSION_LIMITS, type SessionClaims, sessionCookie } from './session-token.js';
import * as z from './zod.js';

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
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'an unknown system';
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

/** lastSeenAt (shown in "your devices") is written at most this often per session; the record is read every request. */
export const LAST_SEEN_WRITE_MS = 5 * 60_000;

/**
 * The session check every request with a session cookie makes (issue 13): exactly one DynamoDB request, so a
 * sign-out, "sign out everywhere" or account deletion (each deletes the record) stops the very next request.
 * - Usually a strongly consistent GetItem. Consistent, not eventually consistent: an eventually consistent read can
 *   return the item for a moment after the delete was acknowledged, and that moment is exactly when a signed-out
 *   cookie would be replayed. For a record under 4 KB the difference is 0.5 read units per request.
 * - When the cookie's `chk` is older than LAST_SEEN_WRITE_MS, a conditional UpdateItem instead: it sets lastSeenAt
 *   and returns the record in the same request, and fails (→ undefined) when the record is gone.
 * Returns undefined when the record is missing, belongs to someone else, or is past its expiry.
 */
export async function checkSession(
  db: Db,
  claims: { sid: string; sub: string; chk: number },
  nowMs: number,
): Promise<{ record: SessionRecord; touched: boolean } | undefined> {
  const touch = nowMs - claims.chk > LAST_SEEN_WRITE_MS;
  let record: SessionRecord | undefined;
  if (touch) {
    record = await db.updateIfReturning(
      keys.session(claims.sid),
      {
        update: 'SET lastSeenAt = :now',
        condition: 'attribute_exists(pk) AND userId = :user',
        values: { ':now': new Date(nowMs).toISOString(), ':user': claims.sub },
      },
      SessionRecord,
    );
  } else {
    record = await db.get(keys.session(claims.sid), SessionRecord, { consistent: true });
  }
  if (!record || record.userId !== claims.sub || record.expiresAt * 1000 <= nowMs) return undefined;
  return { record, touched: touch };
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
