// Small, audited-by-eye crypto helpers on node:crypto. CSPRNG only; constant-time comparisons.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A 6-digit code, uniformly distributed (randomInt is CSPRNG-backed and unbiased). */
export const sixDigitCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
/** An unguessable URL-safe token (256 bits). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Short random id for items (128 bits). */
export const newId = () => randomBytes(16).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
/** Keyed hash: used for lookups by email and for stored codes, so the table never holds them in clear. */
export const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Signed, tamper-evident token: base64url(JSON payload) + "." + HMAC. Used for sessions and unsubscribe links. */
export function signToken(secret: string, purpose: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${hmac(secret, `${purpose}:${body}`)}`;
}

export function verifyToken<T>(secret: string, purpose: string, token: string): T | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 4096) return undefined;
  const body = token.slice(0, dot);
  if (!safeEqual(token.slice(dot + 1), hmac(secret, `${purpose}:${body}`))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
