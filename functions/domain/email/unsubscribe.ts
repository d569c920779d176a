// One-click unsubscribe (RFC 8058). The link carries a signed token naming what to stop for whom, so it works
// without signing in and cannot be forged for anyone else. Nothing about an unsubscribe reaches the employer.
// Signed by the signing keyring (kid in the token), so a link in an old email keeps working across a rotation for as
// long as the previous key is kept (docs/deploy.md).
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';

/** u = an account holder and the kind of email to stop; h = the pseudonym of a raw address to suppress. */
const UnsubscribeClaimSchema = z.union([
  z.object({ u: z.string().check(z.minLength(1)), k: z.string().check(z.minLength(1)) }),
  z.object({ h: z.string().check(z.minLength(1)), k: z.string().check(z.minLength(1)) }),
]);
export type UnsubscribeClaim = z.infer<typeof UnsubscribeClaimSchema>;

export const unsubscribeToken = (rt: Runtime, claim: UnsubscribeClaim) => rt.config.keys.sign('unsubscribe', claim);

export const readUnsubscribeToken = (rt: Runtime, token: string): UnsubscribeClaim | undefined =>
  rt.config.keys.verify('unsubscribe', token, UnsubscribeClaimSchema);

/** POST target for mail clients (List-Unsubscribe) and the page the link in the email opens (GET shows a button). */
export const unsubscribeUrl = (rt: Runtime, token: string) =>
  `${rt.config.appUrl}/api/reminders/unsubscribe?t=${encodeURIComponent(token)}`;
