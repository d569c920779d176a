// The Web Push key pair (functions/shared/vapid.ts): deterministic, a valid P-256 pair that signs a JWT which
// verifies with the public key, different for different roots, derived from the pseudonymisation key.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { loadConfig } from '../../functions/shared/config.js';
import { keyEnv, newRootKey, newTenantKeys } from '../../functions/shared/keyring.js';
import { deriveVapidKeys } from '../../functions/shared/vapid.js';

const base = {
  TENANT_ID: 'acme',
  TABLE_NAME: 'unit-none',
  TENANT_CONFIG: JSON.stringify({
    slug: 'acme',
    name: 'Acme',
    adminEmails: ['hr@acme.example'],
    coachEmails: ['c@respite.example'],
  }),
  APP_URL: 'https://acme.respite.example/',
  EMAIL_FROM: 'no-reply@respite.example',
};

describe('deriveVapidKeys', () => {
  it('gives the same pair for the same root and another pair for another root', () => {
    const root = newRootKey();
    expect(deriveVapidKeys(root)).toEqual(deriveVapidKeys(root));
    expect(deriveVapidKeys(newRootKey()).publicKey).not.toBe(deriveVapidKeys(root).publicKey);
  });

  it('is a P-256 pair whose VAPID JWT verifies with the public key', () => {
    const { publicKey, privateKey } = deriveVapidKeys(newRootKey());
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(privateKey, 'base64url')).toHaveLength(32);
    const headers = webpush.getVapidHeaders(
      'https://fcm.googleapis.com',
      'mailto:no-reply@respite.example',
      publicKey,
      privateKey,
      'aes128gcm',
    );
    const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(headers.Authorization)!;
    expect(k).toBe(publicKey);
    const [h, p, s] = jwt!.split('.');
    const raw = Buffer.from(publicKey, 'base64url');
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    const data = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s!, 'base64url');
    expect(verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    expect(verify('sha256', Buffer.from(`${h}.x${p}`), { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(false);
  });
});

describe('the VAPID pair in the config', () => {
  it('is derived from the pseudonymisation key, with a mailto: subject', () => {
    const keys = newTenantKeys();
    expect(loadConfig({ ...base, ...keyEnv(keys) }).vapid).toEqual({
      ...deriveVapidKeys(keys.pseudonymKey),
      subject: 'mailto:no-reply@respite.example',
    });
  });

  it('stays the same when the signing keyring rotates (browsers stay subscribed)', () => {
    const keys = newTenantKeys('k1');
    const rotated = { ...keys, signingKeys: { kid: 'k2', key: newRootKey(), previous: keys.signingKeys } };
    expect(loadConfig({ ...base, ...keyEnv(rotated) }).vapid).toEqual(loadConfig({ ...base, ...keyEnv(keys) }).vapid);
  });

  it('is no key the keyring derives (its own salt and info)', () => {
    const keys = newTenantKeys();
    const c = loadConfig({ ...base, ...keyEnv(keys) });
    const priv = Buffer.from(c.vapid.privateKey, 'base64url');
    for (const p of ['email', 'ip', 'challenge', 'rate-limit', 'endorsement', 'rejoin'] as const)
      expect(c.keys.derivedKey('pseudonym', p).equals(priv)).toBe(false);
  });
});
