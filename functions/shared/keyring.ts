// The tenant's keys, two kinds, one loader (config.ts calls loadKeyring once per process).
//
// - The *pseudonymisation key* turns identifying values (an email address, an IP address, a user id used as a
//   rate-limit subject, an address a manager endorsed to) into stable keyed hashes that the table is looked up by.
//   Changing it would orphan every lookup item (no email would find its account, every suppressed address would be
//   sendable again), so it is never rotated in place; it lives and is retained with the table (docs/deploy.md).
// - The *signing keyring* (a current key and at most one previous key, each with a key id) signs or seals the tokens
//   Respite hands out: session cookies, unsubscribe links, keep-account links and coach check-in references. Every
//   token carries the kid of the key that made it, so after a rotation the previous key still verifies what it made
//   until those tokens expire, and new tokens use the new key.
//
// Every purpose gets its own key, derived from its root with HKDF-SHA-256 (RFC 5869): the info string names the kind
// and the purpose, so no two purposes share a key and a token made for one purpose never verifies as another.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from './zod.js';

/** What each pseudonym is for. One derived key per entry. */
export const PSEUDONYM_PURPOSES = [
  /** EMAIL#<hash> account lookup, staff invitations, sign-in challenges and the suppression list (one value, so a bounce finds the account). */
  'email',
  /** Rate-limit subject for an IP address. */
  'ip',
  /** Stored hashes of sign-in codes and sign-in link tokens. */
  'challenge',
  /** Rate-limit subjects for people (user ids, manager ids). */
  'rate-limit',
  /** Endorsement dedupe keys and batch fingerprints. */
  'endorsement',
  /**
   * The retained rejoin marker (functions/domain/enrolment/rejoin.ts): kept for a while after an employee account is
   * deleted, only so that joining again is not counted as a new person. Its own key, so it matches no other item.
   */
  'rejoin',
] as const;
export type PseudonymPurpose = (typeof PSEUDONYM_PURPOSES)[number];

/** What the signing keyring signs (HMAC, readable payload) or seals (AES-256-GCM, opaque payload). */
export const SIGNING_PURPOSES = ['session', 'unsubscribe', 'keep-account'] as const;
export type SigningPurpose = (typeof SIGNING_PURPOSES)[number];
export const SEALING_PURPOSES = ['coach-checkin'] as const;
export type SealingPurpose = (typeof SEALING_PURPOSES)[number];

const KID = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'kid must be 1-32 letters, digits, _ or -'));
const ROOT = z.string().check(z.minLength(32, 'must be at least 32 characters'));

/** SIGNING_KEYS: {"kid":"k2","key":"…","previous":{"kid":"k1","key":"…"}}. CloudFormation generates the first version. */
export const SigningKeysSchema = z
  .object({ kid: KID, key: ROOT, previous: z.optional(z.object({ kid: KID, key: ROOT })) })
  .check(z.refine((k) => k.previous?.kid !== k.kid, { error: 'previous.kid must differ from kid' }));
export type SigningKeys = z.infer<typeof SigningKeysSchema>;

const SALT = Buffer.from('respite keyring v1');
const derive = (root: string, info: string, bytes = 32) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(root, 'utf8'), SALT, info, bytes));

/** The info string of each derived key: kind + purpose. Exported so the unit test can list every derivation. */
export const derivationInfo = {
  pseudonym: (p: PseudonymPurpose) => `pseudonym:${p}`,
  signing: (p: SigningPurpose) => `signing:${p}`,
  sealing: (p: SealingPurpose) => `sealing:${p}`,
};

const MAX_TOKEN = 4096;
const b64 = (b: Buffer) => b.toString('base64url');

export interface Keyring {
  /** Kid of the key new tokens are made with. */
  readonly currentKid: string;
  /** Kids that verify (current, then previous). */
  readonly kids: readonly string[];
  /** Deterministic keyed hash (base64url HMAC-SHA-256) for lookups. */
  pseudonym(purpose: PseudonymPurpose, value: string): string;
  /** `kid.payload.mac`: payload is base64url JSON (readable by whoever holds the token), mac binds kid and purpose. */
  sign(purpose: SigningPurpose, claims: object): string;
  /** The claims, parsed with `schema`, or undefined when the token is malformed, tampered, of an unknown kid or another purpose. */
  verify<S extends z.ZodMiniType>(purpose: SigningPurpose, token: string, schema: S): z.infer<S> | undefined;
  /** `kid.iv.ciphertext`: AES-256-GCM, so the token reveals nothing of its claims; the purpose is the associated data. */
  seal(purpose: SealingPurpose, claims: object): string;
  open<S extends z.ZodMiniType>(purpose: SealingPurpose, token: string, schema: S): z.infer<S> | undefined;
  /** For tests and key checks only: a derived key (never logged). */
  derivedKey(kind: 'pseudonym' | 'signing' | 'sealing', purpose: string, kid?: string): Buffer;
}

export function loadKeyring(input: { pseudonymKey: string; signingKeys: SigningKeys }): Keyring {
  const pseudonymRoot = ROOT.parse(input.pseudonymKey);
  const signing = SigningKeysSchema.parse(input.signingKeys);
  const roots = new Map<string, string>([[signing.kid, signing.key]]);
  if (signing.previous) roots.set(signing.previous.kid, signing.previous.key);
  if ([...roots.values()].includes(pseudonymRoot))
    throw new Error('The pseudonymisation key and a signing key must differ');

  // Derived once per process and purpose (HKDF is cheap, but there is no reason to repeat it per request).
  const cache = new Map<string, Buffer>();
  const cached = (id: string, make: () => Buffer) => {
    let k = cache.get(id);
    if (!k) {
      k = make();
      cache.set(id, k);
    }
    return k;
  };
  const pseudonymKey = (p: PseudonymPurpose) =>
    cached(`p|${p}`, () => derive(pseudonymRoot, derivationInfo.pseudonym(p)));
  const rootOf = (kid: string) => roots.get(kid);
  const signingKey = (p: SigningPurpose, kid: string) => {
    const root = rootOf(kid);
    return root === undefined ? undefined : cached(`s|${kid}|${p}`, () => derive(root, derivationInfo.signing(p)));
  };
  const sealingKey = (p: SealingPurpose, kid: string) => {
    const root = rootOf(kid);
    return root === undefined ? undefined : cached(`e|${kid}|${p}`, () => derive(root, derivationInfo.sealing(p)));
  };
  const mac = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed).digest();
  const parseJson = <S extends z.ZodMiniType>(bytes: Buffer, schema: S): z.infer<S> | undefined => {
    try {
      const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  const split3 = (token: string) => {
    if (typeof token !== 'string' || token.length > MAX_TOKEN) return undefined;
    const parts = token.split('.');
    return parts.length === 3 && parts.every((p) => p.length > 0) ? (parts as [string, string, string]) : undefined;
  };

  return {
    currentKid: signing.kid,
    kids: [...roots.keys()],
    pseudonym: (purpose, value) => b64(mac(pseudonymKey(purpose), value)),
    sign: (purpose, claims) => {
      const body = b64(Buffer.from(JSON.stringify(claims)));
      const signed = `${signing.kid}.${body}`;
      return `${signed}.${b64(mac(signingKey(purpose, signing.kid)!, signed))}`;
    },
    verify: (purpose, token, schema) => {
      const parts = split3(token);
      if (!parts) return undefined;
      const [kid, body, sig] = parts;
      const key = signingKey(purpose, kid);
      if (!key) return undefined;
      const expected = mac(key, `${kid}.${body}`);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return parseJson(Buffer.from(body, 'base64url'), schema);
    },
    seal: (purpose, claims) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealingKey(purpose, signing.kid)!, iv);
      cipher.setAAD(Buffer.from(`${signing.kid}.${purpose}`));
      const sealed = Buffer.concat([
        cipher.update(JSON.stringify(claims), 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `${signing.kid}.${b64(iv)}.${b64(sealed)}`;
    },
    open: (purpose, token, schema) => {
      const parts = split3(token);
      if (!parts) return undefined;
      const [kid, ivText, sealedText] = parts;
      const key = sealingKey(purpose, kid);
      const iv = Buffer.from(ivText, 'base64url');
      const sealed = Buffer.from(sealedText, 'base64url');
      if (!key || iv.length !== 12 || sealed.length < 17) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(`${kid}.${purpose}`));
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
        return parseJson(plain, schema);
      } catch {
        return undefined;
      }
    },
    derivedKey: (kind, purpose, kid = signing.kid) => {
      const key =
        kind === 'pseudonym'
          ? pseudonymKey(purpose as PseudonymPurpose)
          : kind === 'signing'
            ? signingKey(purpose as SigningPurpose, kid)
            : sealingKey(purpose as SealingPurpose, kid);
      if (!key) throw new Error(`No signing key with kid ${kid}`);
      return Buffer.from(key);
    },
  };
}

/** A fresh random root key (for the local stack, tests and the rotation script). */
export const newRootKey = () => randomBytes(48).toString('base64url');

/** Both keys of one tenant, as the local stack keeps them in .local/keys-<slug>.json. */
export const TenantKeysSchema = z.object({ pseudonymKey: ROOT, signingKeys: SigningKeysSchema });
export type TenantKeys = z.infer<typeof TenantKeysSchema>;

/** The environment variables config.ts reads the keys from (used by the local stack, tests and benches). */
export const keyEnv = (keys: TenantKeys): { PSEUDONYM_KEY: string; SIGNING_KEYS: string } => ({
  PSEUDONYM_KEY: keys.pseudonymKey,
  SIGNING_KEYS: JSON.stringify(keys.signingKeys),
});

/** Fresh keys for one tenant: a pseudonymisation key and a one-key signing keyring. */
export const newTenantKeys = (kid = 'k1'): TenantKeys => ({
  pseudonymKey: newRootKey(),
  signingKeys: { kid, key: newRootKey() },
});

/** The keyring after a rotation: a new current key, the old current kept as previous (the old previous is dropped). */
export const rotateSigningKeys = (keys: SigningKeys, kid: string, key = newRootKey()): SigningKeys =>
  SigningKeysSchema.parse({ kid, key, previous: { kid: keys.kid, key: keys.key } });

/** The keyring once tokens of the previous key have expired. */
export const dropPreviousSigningKey = (keys: SigningKeys): SigningKeys => ({ kid: keys.kid, key: keys.key });
