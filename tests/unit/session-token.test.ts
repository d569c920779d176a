import { describe, expect, it } from 'vitest';
import { decodeSession, encodeSession, SESSION_LIMITS, type SessionClaims } from '../../functions/shared/session-token.js';
import { signToken, verifyToken } from '../../functions/shared/crypto.js';

const secret = 's'.repeat(40);
const now = Date.UTC(2026, 10, 22, 9);
const claims: SessionClaims = { sub: 'u1', tid: 'demo', role: 'employee', sid: 'x', iat: now, seen: now, chk: now };

describe('session tokens', () => {
  it('round-trip for the right tenant', () => {
    expect(decodeSession(secret, 'demo', encodeSession(secret, claims), now)).toEqual({ ok: true, claims });
  });
  it("refuse another tenant's token even when both tenants shared a secret", () => {
    expect(decodeSession(secret, 'acme', encodeSession(secret, claims), now)).toEqual({ ok: false, reason: 'wrong_tenant' });
  });
  it('refuse a tampered payload or signature, and garbage', () => {
    const token = encodeSession(secret, claims);
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'hr_admin' })).toString('base64url');
    expect(decodeSession(secret, 'demo', `${forged}.${sig}`, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(decodeSession(secret, 'demo', `${body}.${sig!.slice(0, -2)}xx`, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(decodeSession(secret, 'demo', 'garbage', now)).toEqual({ ok: false, reason: 'tampered' });
    expect(decodeSession('t'.repeat(40), 'demo', token, now)).toEqual({ ok: false, reason: 'tampered' });
  });
  it('expire after inactivity and after the absolute lifetime, per role', () => {
    const { inactivityMs, absoluteMs } = SESSION_LIMITS.employee;
    expect(decodeSession(secret, 'demo', encodeSession(secret, claims), now + inactivityMs + 1).ok).toBe(false);
    const active = { ...claims, seen: now + absoluteMs - 1000 };
    expect(decodeSession(secret, 'demo', encodeSession(secret, active), now + absoluteMs - 500).ok).toBe(true);
    expect(decodeSession(secret, 'demo', encodeSession(secret, active), now + absoluteMs + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(SESSION_LIMITS.coach.inactivityMs).toBeLessThan(SESSION_LIMITS.employee.inactivityMs);
  });
  it('tokens are purpose-bound: an unsubscribe token is not a session', () => {
    const other = signToken(secret, 'unsubscribe', claims);
    expect(verifyToken(secret, 'session', other)).toBeUndefined();
    expect(decodeSession(secret, 'demo', other, now)).toEqual({ ok: false, reason: 'tampered' });
  });
});
