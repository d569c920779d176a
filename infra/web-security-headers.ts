// The security headers every page of the web app is served with. One list, used by the platform CloudFront
// response headers policy (infra/stacks/platform-stack.ts) and by the local API server, so the two cannot drift.
// HSTS is added by CloudFront only (it would pin localhost to HTTPS in development).
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
