// One-click unsubscribe (RFC 8058). The link carries a signed token naming what to stop for whom, so it works
// without signing in and cannot be forged for anyone else. Nothing about an unsubscribe reaches the employer.
import { signToken, verifyToken } from '../../shared/crypto.js';
import type { Runtime } from '../../shared/runtime.js';

const PURPOSE = 'unsubscribe';

/** u = an account holder and the kind of email to stop; h = the HMAC of a raw address to suppress. */
export type UnsubscribeClaim = { u: string; k: string } | { h: string; k: string };

export const unsubscribeToken = (rt: Runtime, claim: UnsubscribeClaim) => signToken(rt.config.sessionSecret, PURPOSE, claim);

export function readUnsubscribeToken(rt: Runtime, token: string): UnsubscribeClaim | undefined {
  const claim = verifyToken<Record<string, unknown>>(rt.config.sessionSecret, PURPOSE, token);
  if (!claim || typeof claim.k !== 'string') return undefined;
  if (typeof claim.u === 'string') return { u: claim.u, k: claim.k };
  if (typeof claim.h === 'string') return { h: claim.h, k: claim.k };
  return undefined;
}

/** POST target for mail clients (List-Unsubscribe) and the page the link in the email opens (GET shows a button). */
export const unsubscribeUrl = (rt: Runtime, token: string) => `${rt.config.appUrl}/api/reminders/unsubscribe?t=${encodeURIComponent(token)}`;
