// The security headers every response carries, one list so they cannot drift: the web app's pages (CloudFront's
// response headers policy and the local server), every API response (functions/shared/http.ts adds them, 404s and
// errors included) and every response the local server makes itself. Only the CSP differs: the web app may load its
// own scripts, styles, service worker and web manifest; the API serves data and a few script-free HTML pages
// (default-src 'none').
// HSTS is added by CloudFront only (it would pin localhost to HTTPS in development).
import { createHash } from 'node:crypto';

/** Every header but the CSP: the same on web pages and API responses. */
export const API_SECURITY_HEADERS: Record<string, string> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** The API's CSP: nothing may load, nothing may frame it. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const WEB_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; media-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  ...API_SECURITY_HEADERS,
};

/** Strict-Transport-Security for production: two years, sub-domains (every tenant is <slug>.<domain>), preload. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The API's CSP for an API-served HTML page with one inline <style> block (a page that must also work when saved to
 * disk): only that exact stylesheet is allowed, by its hash. Scripts stay forbidden.
 */
export function cspAllowingStyle(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return API_CSP.replace("default-src 'none';", `default-src 'none'; style-src 'sha256-${hash}';`);
}
