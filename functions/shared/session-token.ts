// Session cookies: a token signed by the signing keyring (kid.payload.mac) that names a server-side session record.
// The signature is checked first; then the wrapper reads the session record on every request (sessions.ts
// checkSession), so sign-out, "sign out everywhere", deletion and role changes take effect on the next request.
import { ROLES, type Role } from '../contract/roles.js';
import type { Keyring } from './keyring.js';
import * as z from './zod.js';

export interface SessionClaims {
  /** user id */
  sub: string;
  /** tenant id: must equal the function's TENANT_ID */
  tid: string;
  role: Role;
  /** session id (the record's key) */
  sid: string;
  /** issued at (ms): absolute timeout counts from here */
  iat: number;
  /** last activity (ms): inactivity timeout counts from here */
  seen: number;
  /** last time the session record's lastSeenAt was written (ms); see LAST_SEEN_WRITE_MS in sessions.ts */
  chk: number;
}

const ClaimsSchema = z.object({
  sub: z.string().check(z.minLength(1)),
  tid: z.string(),
  role: z.enum(ROLES),
  sid: z.string().check(z.minLength(1)),
  iat: z.number(),
  seen: z.number(),
  chk: z.number(),
});

/** Inactivity and absolute lifetimes per role: staff consoles time out sooner. */
export const SESSION_LIMITS: Record<Role, { inactivityMs: number; absoluteMs: number }> = {
  employee: { inactivityMs: 7 * 86_400_000, absoluteMs: 30 * 86_400_000 },
  hr_admin: { inactivityMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 },
  manager: { inactivityMs: 12 * 3_600_000, absoluteMs: 7 * 86_400_000 },
  coach: { inactivityMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 },
  operator: { inactivityMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 },
};

export const cookieName = (tenantId: string) => `rs_${tenantId}`;

export const encodeSession = (keys: Keyring, claims: SessionClaims) => keys.sign('session', claims);

export type SessionCheck =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: 'missing' | 'tampered' | 'wrong_tenant' | 'expired' };

export function decodeSession(keys: Keyring, tenantId: string, token: string | undefined, nowMs: number): SessionCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const claims: SessionClaims | undefined = keys.verify('session', token, ClaimsSchema);
  if (!claims) return { ok: false, reason: 'tampered' };
  if (claims.tid !== tenantId) return { ok: false, reason: 'wrong_tenant' };
  const limits = SESSION_LIMITS[claims.role];
  if (nowMs - claims.iat > limits.absoluteMs || nowMs - claims.seen > limits.inactivityMs)
    return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function sessionCookie(tenantId: string, token: string, role: Role): string {
  const maxAge = Math.floor(SESSION_LIMITS[role].absoluteMs / 1000);
  return `${cookieName(tenantId)}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`;
}

export const clearedSessionCookie = (tenantId: string) =>
  `${cookieName(tenantId)}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
