import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/shared/config.js';
import {
  dropPreviousSigningKey,
  keyEnv,
  loadKeyring,
  newTenantKeys,
  PSEUDONYM_PURPOSES,
  rotateSigningKeys,
  SEALING_PURPOSES,
  SIGNING_PURPOSES,
} from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';

const tenantKeys = newTenantKeys('k1');
const keys = loadKeyring(tenantKeys);
const Claims = z.object({ u: z.string(), n: z.number() });
const b64json = (part: string) => Buffer.from(part, 'base64url').toString('latin1');

describe('keyring: one derived key per purpose', () => {
  it('no two purposes (of any kind, under any kid) derive the same key, and no derived key is a root', () => {
    const rotated = loadKeyring({ ...tenantKeys, signingKeys: rotateSigningKeys(tenantKeys.signingKeys, 'k2') });
    const derived = new Map<string, string>();
    for (const p of PSEUDONYM_PURPOSES)
      derived.set(`pseudonym:${p}`, rotated.derivedKey('pseudonym', p).toString('hex'));
    for (const kid of ['k1', 'k2']) {
      for (const p of SIGNING_PURPOSES)
        derived.set(`signing:${p}:${kid}`, rotated.derivedKey('signing', p, kid).toString('hex'));
      for (const p of SEALING_PURPOSES)
        derived.set(`sealing:${p}:${kid}`, rotated.derivedKey('sealing', p, kid).toString('hex'));
    }
    expect(derived.size).toBe(PSEUDONYM_PURPOSES.length + 2 * (SIGNING_PURPOSES.length + SEALING_PURPOSES.length));
    expect(new Set(derived.values()).size).toBe(derived.size);
    for (const k of derived.values()) expect(k).toHaveLength(64); // 32 bytes each
    const roots = [tenantKeys.pseudonymKey, tenantKeys.signingKeys.key].map((r) => Buffer.from(r).toString('hex'));
    for (const k of derived.values()) expect(roots).not.toContain(k);
  });
  it('the same value gives different pseudonyms for different purposes, and the same one every time', () => {
    expect(keys.pseudonym('email', 'a@b.example')).toBe(keys.pseudonym('email', 'a@b.example'));
    const all = PSEUDONYM_PURPOSES.map((p) => keys.pseudonym(p, 'a@b.example'));
    expect(new Set(all).size).toBe(all.length);
  });
  it('a pseudonym depends only on the pseudonymisation key: rotating the signing keys leaves every lookup as it was', () => {
    const rotated = loadKeyring({ ...tenantKeys, signingKeys: rotateSigningKeys(tenantKeys.signingKeys, 'k2') });
    for (const p of PSEUDONYM_PURPOSES)
      expect(rotated.pseudonym(p, 'x@y.example')).toBe(keys.pseudonym(p, 'x@y.example'));
    const other = loadKeyring({ ...tenantKeys, pseudonymKey: newTenantKeys().pseudonymKey });
    expect(other.pseudonym('email', 'x@y.example')).not.toBe(keys.pseudonym('email', 'x@y.example'));
  });
});

describe('keyring: signed tokens', () => {
  it('carry the kid and parse their claims with the schema', () => {
    const token = keys.sign('unsubscribe', { u: 'user-1', n: 1 });
    expect(token.split('.')).toHaveLength(3);
    expect(token.split('.')[0]).toBe('k1');
    expect(keys.verify('unsubscribe', token, Claims)).toEqual({ u: 'user-1', n: 1 });
    expect(keys.verify('unsubscribe', keys.sign('unsubscribe', { u: 'user-1', n: 'one' }), Claims)).toBeUndefined();
  });
  it('refuse tampering, an unknown kid, a relabelled kid, another purpose and garbage', () => {
    const token = keys.sign('keep-account', { u: 'user-1', n: 1 });
    const [kid, body, mac] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ u: 'user-2', n: 1 })).toString('base64url');
    expect(keys.verify('keep-account', `${kid}.${forged}.${mac}`, Claims)).toBeUndefined();
    expect(keys.verify('keep-account', `${kid}.${body}.${mac.slice(0, -2)}AA`, Claims)).toBeUndefined();
    expect(keys.verify('keep-account', `k9.${body}.${mac}`, Claims)).toBeUndefined();
    expect(keys.verify('unsubscribe', token, Claims)).toBeUndefined();
    for (const junk of ['', 'k1', 'k1..', 'a.b.c.d', `${kid}.${body}`, 'x'.repeat(5000)])
      expect(keys.verify('keep-account', junk, Claims)).toBeUndefined();
    // a second key with the same kid but another secret is a different key
    const impostor = loadKeyring({
      pseudonymKey: tenantKeys.pseudonymKey,
      signingKeys: { kid: 'k1', key: newTenantKeys().signingKeys.key },
    });
    expect(impostor.verify('keep-account', token, Claims)).toBeUndefined();
  });
  it('rotation: the previous key still verifies, new tokens use the new kid; dropping it refuses the old tokens', () => {
    const old = keys.sign('session', { u: 'user-1', n: 1 });
    const rotatedKeys = rotateSigningKeys(tenantKeys.signingKeys, 'k2');
    const rotated = loadKeyring({ ...tenantKeys, signingKeys: rotatedKeys });
    expect(rotated.currentKid).toBe('k2');
    expect(rotated.kids).toEqual(['k2', 'k1']);
    expect(rotated.verify('session', old, Claims)).toEqual({ u: 'user-1', n: 1 });
    const fresh = rotated.sign('session', { u: 'user-1', n: 2 });
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(keys.verify('session', fresh, Claims)).toBeUndefined(); // a function not yet redeployed does not know k2
    const dropped = loadKeyring({ ...tenantKeys, signingKeys: dropPreviousSigningKey(rotatedKeys) });
    expect(dropped.verify('session', old, Claims)).toBeUndefined();
    expect(dropped.verify('session', fresh, Claims)).toEqual({ u: 'user-1', n: 2 });
  });
});

describe('keyring: sealed references', () => {
  it('reveal nothing when decoded, and open only for their purpose and an unaltered ciphertext', () => {
    const userId = 'user-3f9a2b71c0de';
    const ref = keys.seal('coach-checkin', { u: userId, n: 2 });
    const [kid, iv, sealed] = ref.split('.') as [string, string, string];
    expect(kid).toBe('k1');
    for (const part of [iv, sealed, ref]) {
      expect(b64json(part)).not.toContain(userId);
      expect(b64json(part)).not.toContain('"u"');
    }
    expect(Buffer.from(ref, 'base64').toString('latin1')).not.toContain(userId);
    expect(keys.open('coach-checkin', ref, Claims)).toEqual({ u: userId, n: 2 });
    expect(keys.seal('coach-checkin', { u: userId, n: 2 })).not.toBe(ref); // a fresh IV each time: refs are not linkable
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[0]! ^= 1;
    expect(keys.open('coach-checkin', `${kid}.${iv}.${flipped.toString('base64url')}`, Claims)).toBeUndefined();
    expect(keys.open('coach-checkin', `k9.${iv}.${sealed}`, Claims)).toBeUndefined();
    expect(keys.open('coach-checkin', keys.sign('session', { u: userId, n: 2 }), Claims)).toBeUndefined();
  });
});

describe('keyring: loading through config.ts', () => {
  const base = {
    TENANT_ID: 'demo',
    TABLE_NAME: 't',
    TENANT_CONFIG: JSON.stringify({ slug: 'demo', name: 'Demo', adminEmails: ['hr@demo.example'] }),
    APP_URL: 'http://localhost:3000/t/demo',
    EMAIL_FROM: 'no-reply@respite.local',
  };
  it('builds the keyring from PSEUDONYM_KEY and SIGNING_KEYS', () => {
    const cfg = loadConfig({ ...base, ...keyEnv(tenantKeys) });
    expect(cfg.keys.currentKid).toBe('k1');
    expect(cfg.keys.pseudonym('email', 'a@b.example')).toBe(keys.pseudonym('email', 'a@b.example'));
  });
  it.each([
    ['no keys', {}, /PSEUDONYM_KEY/],
    [
      'a short pseudonymisation key',
      { PSEUDONYM_KEY: 'short', SIGNING_KEYS: JSON.stringify(tenantKeys.signingKeys) },
      /PSEUDONYM_KEY/,
    ],
    [
      'signing keys that are not JSON',
      { PSEUDONYM_KEY: tenantKeys.pseudonymKey, SIGNING_KEYS: 'not json' },
      /SIGNING_KEYS: is not JSON/,
    ],
    [
      'a kid with a dot',
      {
        PSEUDONYM_KEY: tenantKeys.pseudonymKey,
        SIGNING_KEYS: JSON.stringify({ kid: 'k.1', key: tenantKeys.signingKeys.key }),
      },
      /SIGNING_KEYS: kid/,
    ],
    [
      'a previous key with the same kid',
      {
        PSEUDONYM_KEY: tenantKeys.pseudonymKey,
        SIGNING_KEYS: JSON.stringify({ ...tenantKeys.signingKeys, previous: tenantKeys.signingKeys }),
      },
      /previous.kid must differ/,
    ],
    [
      'the signing key reused as pseudonymisation key',
      { PSEUDONYM_KEY: tenantKeys.signingKeys.key, SIGNING_KEYS: JSON.stringify(tenantKeys.signingKeys) },
      /must differ/,
    ],
  ])('refuses %s, naming the variable', (_name, env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});
