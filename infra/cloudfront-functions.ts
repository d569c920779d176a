// The CloudFront Functions (viewer request, cloudfront-js-2.0) as plain JS source. The PlatformStack deploys exactly
// this code, and the local API server runs it on every request (scripts/local/api-server.ts), so the production
// routing is the tested routing. No imports: the local server loads this file without the CDK.

/** Same rule as TenantSlug in functions/shared/tenant-config.ts. */
const SLUG_PATTERN = '^[a-z][a-z0-9-]{1,30}[a-z0-9]$';

/**
 * CloudFront Function (viewer request) for /api/*: acme.<domain>/api/x → api.<domain>/acme/api/x. API Gateway
 * picks the tenant's HTTP API by the mapping key "acme" and its route without the key, but the payload 2.0 event
 * keeps it (rawPath and requestContext.http.path are /acme/api/x); functions/shared/http.ts strips its own
 * tenant's key (from config), so anything under another key is a 404.
 */
export function apiRouterCode(domain: string): string {
  return `function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
  var suffix = '.${domain}';
  var slug = host.length > suffix.length && host.slice(-suffix.length) === suffix ? host.slice(0, -suffix.length) : '';
  if (!/${SLUG_PATTERN}/.test(slug) || slug === 'api' || slug === 'www') {
    return { statusCode: 404, statusDescription: 'Not Found' };
  }
  request.uri = '/' + slug + request.uri;
  return request;
}`;
}

/** CloudFront Function (viewer request) for the app: any path without a file extension serves index.html. */
export function webRouterCode(): string {
  return `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;
}
