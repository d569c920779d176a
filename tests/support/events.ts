// Builds API Gateway v2 events for calling a handler in-process (same shape the local API server produces).
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export function apiEvent(opts: {
  method: string;
  path: string;
  body?: unknown;
  cookies?: string[];
  query?: string;
  ip?: string;
}): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: opts.path,
    rawQueryString: opts.query ?? '',
    cookies: opts.cookies,
    headers:
      opts.body === undefined
        ? { 'user-agent': 'vitest' }
        : { 'content-type': 'application/json', 'user-agent': 'vitest' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'test',
      http: {
        method: opts.method,
        path: opts.path,
        protocol: 'HTTP/1.1',
        sourceIp: opts.ip ?? '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  awsRequestId: 'test',
  functionName: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/** Extracts "name=value" pairs from Set-Cookie strings, as a browser would send them back. */
export const cookiePairs = (setCookies: string[] | undefined) =>
  (setCookies ?? []).map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));
