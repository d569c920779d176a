// The security headers every response carries: the web app's pages (CloudFront's response headers policy and the
// local server), every API response (functions/shared/http.ts adds them, 404s and errors included) and every
// response the local server makes itself. One list, so they cannot drift.
// HSTS is added by CloudFront only (it would pin localhost to HTTPS in development).
import { createHash } from 'node:crypto';

export const WEB_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Strict-Transport-Security for production: two years, sub-domains (every tenant is <slug>.<domain>), preload. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The app's CSP for an API-served HTML page with one inline <style> block (a page that must also work when saved
 * to disk): the same policy, with only that exact stylesheet allowed by its hash. Scripts stay forbidden.
 */
export function cspAllowingStyle(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return WEB_SECURITY_HEADERS['content-security-policy']!.replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`);
}
