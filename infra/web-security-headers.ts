// The security headers list lives with the functions (they send it on every API response); the platform CloudFront
// response headers policy and the local server use the same object.
export { HSTS_MAX_AGE_SECONDS, WEB_SECURITY_HEADERS } from '../functions/shared/security-headers.js';
