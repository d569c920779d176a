// Small, audited-by-eye crypto helpers on node:crypto. CSPRNG only; constant-time comparisons.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A 6-digit code, uniformly distributed (randomInt is CSPRNG-backed and unbiased). */
export const sixDigitCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
/** An unguessable URL-safe token (256 bits). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Short random id for items (128 bits). */
export const newId = () => randomBytes(16).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

// Keyed hashes and signed tokens: functions/shared/keyring.ts (the pseudonymisation key and the signing keyring).

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
