import { describe, expect, it } from 'vitest';
import { loadKeyring } from '../../functions/shared/keyring.js';
import {
  decodeSession,
  encodeSession,
  SESSION_LIMITS,
  type SessionClaims,
} from '../../functions/shared/session-token.js';

const keys = loadKeyring({ pseudonymKey: 'p'.repeat(40), signingKeys: { kid: 'k1', key: 's'.repeat(40) } });
const now = Date.UTC(2026, 10, 22, 9);
const claims: SessionClaims = { sub: 'u1', tid: 'demo', role: 'employee', sid: 'x', iat: now, seen: now, chk: now };

describe('session tokens', () => {
  it('round-trip for the right tenant, carrying the kid', () => {
    const token = encodeSession(keys, claims);
    expect(token.split('.')[0]).toBe('k1');
    expect(decodeSession(keys, 'demo', token, now)).toEqual({ ok: true, claims });
  });
  it("refuse another tenant's token even when both tenants shared a key", () => {
    expect(decodeSession(keys, 'acme', encodeSession(keys, claims), now)).toEqual({
      ok: false,
      reason: 'wrong_tenant',
    });
  });
  it('refuse a tampered payload or signature, and garbage', () => {
    const token = encodeSession(keys, claims);
    const [kid, body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'hr_admin' })).toString('base64url');
    expect(decodeSession(keys, 'demo', `${kid}.${forged}.${sig}`, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(decodeSession(keys, 'demo', `${kid}.${body}.${sig!.slice(0, -2)}xx`, now)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(decodeSession(keys, 'demo', 'garbage', now)).toEqual({ ok: false, reason: 'tampered' });
    const otherKey = loadKeyring({ pseudonymKey: 'p'.repeat(40), signingKeys: { kid: 'k1', key: 't'.repeat(40) } });
    expect(decodeSession(otherKey, 'demo', token, now)).toEqual({ ok: false, reason: 'tampered' });
  });
  it('refuse a correctly signed token whose claims do not fit the schema', () => {
    const bad = keys.sign('session', { ...claims, role: 'owner' });
    expect(decodeSession(keys, 'demo', bad, now)).toEqual({ ok: false, reason: 'tampered' });
    const noSub = keys.sign('session', { ...claims, sub: 42 });
    expect(decodeSession(keys, 'demo', noSub, now)).toEqual({ ok: false, reason: 'tampered' });
  });
  it('expire after inactivity and after the absolute lifetime, per role', () => {
    const { inactivityMs, absoluteMs } = SESSION_LIMITS.employee;
    expect(decodeSession(keys, 'demo', encodeSession(keys, claims), now + inactivityMs + 1).ok).toBe(false);
    const active = { ...claims, seen: now + absoluteMs - 1000 };
    expect(decodeSession(keys, 'demo', encodeSession(keys, active), now + absoluteMs - 500).ok).toBe(true);
    expect(decodeSession(keys, 'demo', encodeSession(keys, active), now + absoluteMs + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(SESSION_LIMITS.coach.inactivityMs).toBeLessThan(SESSION_LIMITS.employee.inactivityMs);
  });
  it('tokens are purpose-bound: an unsubscribe token is not a session', () => {
    const other = keys.sign('unsubscribe', claims);
    expect(decodeSession(keys, 'demo', other, now)).toEqual({ ok: false, reason: 'tampered' });
  });
});
