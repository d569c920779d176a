// The HTTP wrapper's edge rules, driven by every route table in functions/*/http.ts: undecodable path, query and
// header values → 400 naming them; security headers on every response (404s and errors included); every
// state-changing route refuses cross-site requests; the API Gateway mapping prefix in rawPath is stripped.
// Nothing here reaches DynamoDB: each rule answers before the session check or the handler.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_CONTEXTS } from '../../functions/contexts.js';
import type { Route } from '../../functions/shared/http.js';
import { keyEnv, newTenantKeys } from '../../functions/shared/keyring.js';
import * as z from '../../functions/shared/zod.js';

const APP_URL = 'https://acme.respite.example';
type Handler = (e: APIGatewayProxyEventV2, c: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
const contexts: { name: string; routes: Route[]; handler: Handler }[] = [];
let httpMod: typeof import('../../functions/shared/http.js');

beforeAll(async () => {
  Object.assign(process.env, {
    TENANT_ID: 'acme',
    TABLE_NAME: 'unit-none',
    TENANT_CONFIG: JSON.stringify({
      slug: 'acme',
      name: 'Acme',
      adminEmails: ['hr@acme.example'],
      coachEmails: ['c@respite.example'],
    }),
    APP_URL,
    ...keyEnv(newTenantKeys()),
    EMAIL_FROM: 'no-reply@respite.example',
    DDB_ENDPOINT: 'http://127.0.0.1:9',
    LOG_LEVEL: 'error',
  });
  httpMod = await import('../../functions/shared/http.js');
  for (const c of HTTP_CONTEXTS) {
    const mod = (await import(`../../functions/${c.entry}`)) as { routes: Route[]; handler: Handler };
    contexts.push({ name: c.name, routes: mod.routes, handler: mod.handler });
  }
});

function event(
  method: string,
  rawPath: string,
  opts: { query?: string; headers?: Record<string, string>; body?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: opts.query ?? '',
    headers: { host: 'api.respite.example', ...(opts.headers ?? {}) },
    requestContext: {
      accountId: '0',
      apiId: 'unit',
      domainName: 'api.respite.example',
      domainPrefix: 'api',
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'unit' },
    },
    body: opts.body,
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

const concrete = (path: string, value = 'x') => path.replace(/:([a-zA-Z]+)/g, value);
const allRoutes = () => contexts.flatMap((c) => c.routes.map((r) => ({ ctx: c, r })));
const expectSecurityHeaders = (res: APIGatewayProxyStructuredResultV2, what: string) => {
  const h = res.headers ?? {};
  expect(String(h['content-security-policy']), what).toMatch(/frame-ancestors 'none'/);
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('no-referrer');
  expect(h['x-frame-options'], what).toBe('DENY');
};

describe('route tables', () => {
  it('are all loaded', () => {
    expect(contexts).toHaveLength(HTTP_CONTEXTS.length);
    expect(allRoutes().length).toBeGreaterThan(40);
  });
});

describe('undecodable input → 400 naming it, never 500', () => {
  it('every path parameter of every route', async () => {
    let checked = 0;
    for (const { ctx, r } of allRoutes()) {
      const names = [...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
      for (const bad of ['%E0%A4%A', '%ZZ']) {
        if (!names.length) continue;
        const res = await ctx.handler(event(r.method, concrete(r.path, bad)), {});
        expect(res.statusCode, `${r.method} ${r.path} ${bad}`).toBe(400);
        expect(JSON.parse(res.body!).error.fields[0].field).toBe(`path.${names[0]}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('query values and names, and header values, on every route', async () => {
    for (const { ctx, r } of allRoutes()) {
      const q = await ctx.handler(event(r.method, concrete(r.path), { query: 't=%E0%A4%A' }), {});
      expect(q.statusCode, `${r.method} ${r.path} query`).toBe(400);
      expect(JSON.parse(q.body!).error.fields[0].field).toBe('query.t');
      const h = await ctx.handler(event(r.method, concrete(r.path), { headers: { 'x-odd': 'caf\u00e9\u0000' } }), {});
      expect(h.statusCode, `${r.method} ${r.path} header`).toBe(400);
      expect(JSON.parse(h.body!).error.fields[0].field).toBe('header.x-odd');
    }
  });
});

describe('security headers on every response', () => {
  it('every route (whatever its status) and a 404', async () => {
    for (const { ctx, r } of allRoutes()) {
      const res = await ctx.handler(event(r.method, concrete(r.path), { query: 'x=%ZZ' }), {});
      expectSecurityHeaders(res, `${r.method} ${r.path}`);
      const unauth = await ctx.handler(event(r.method, concrete(r.path)), {});
      // (public routes reach the unreachable table here: even that 500 carries the headers)
      expectSecurityHeaders(unauth, `${r.method} ${r.path} (${unauth.statusCode})`);
    }
    for (const ctx of contexts)
      expectSecurityHeaders(await ctx.handler(event('GET', '/api/nowhere'), {}), `${ctx.name} 404`);
  });

  it('a route that brings its own CSP (HTML page) still gets frame-ancestors and the rest', async () => {
    const h = httpMod.httpHandler([
      httpMod.route({
        method: 'GET',
        path: '/api/t/page',
        auth: 'public',
        response: z.string(),
        handle: async () => ({
          text: '<p>x</p>',
          contentType: 'text/html',
          headers: { 'content-security-policy': "default-src 'none'", 'x-frame-options': 'SAMEORIGIN' },
        }),
      }),
    ]);
    const res = await h(event('GET', '/api/t/page'), {} as never);
    expect(res.headers!['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expectSecurityHeaders(res, 'page');
  });
});

describe('cross-site state-changing requests → 403', () => {
  const mutating = () => allRoutes().filter(({ r }) => r.method !== 'GET');

  it('every state-changing route with Origin: http://evil.example, or Sec-Fetch-Site cross-site/same-site', async () => {
    expect(mutating().length).toBeGreaterThan(20);
    for (const { ctx, r } of mutating())
      for (const headers of <Record<string, string>[]>[
        { origin: 'http://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: 'https://other.respite.example' },
      ]) {
        const res = await ctx.handler(
          event(r.method, concrete(r.path), {
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
          }),
          {},
        );
        expect(res.statusCode, `${r.method} ${r.path} ${JSON.stringify(headers)}`).toBe(403);
        expect(JSON.parse(res.body!).error.message).toContain(APP_URL);
      }
  });

  it('same-origin, same-origin form posts (Origin: null) and server-side one-click unsubscribes are not refused by it', async () => {
    for (const { ctx, r } of mutating())
      for (const headers of <Record<string, string>[]>[
        { origin: APP_URL, 'sec-fetch-site': 'same-origin' },
        { origin: 'null', 'sec-fetch-site': 'same-origin' },
        {},
      ]) {
        const res = await ctx.handler(
          event(r.method, concrete(r.path), {
            headers: { ...headers, 'content-type': 'application/json' },
            body: '{}',
            query: 'x=1',
          }),
          {},
        );
        // whatever comes next (401 no session, 422 …), it is not the origin refusal
        if (res.statusCode === 403)
          expect(JSON.parse(res.body!).error.message, `${r.method} ${r.path}`).not.toContain('must come from');
      }
  });

  it('checkOrigin directly', () => {
    expect(() => httpMod.checkOrigin('POST', { origin: 'null' }, APP_URL)).toThrow(/must come from/);
    expect(() =>
      httpMod.checkOrigin('DELETE', { origin: 'https://acme.respite.example.evil.example' }, APP_URL),
    ).toThrow(/must come from/);
    expect(() => httpMod.checkOrigin('GET', { origin: 'http://evil.example' }, APP_URL)).not.toThrow();
    expect(() => httpMod.checkOrigin('POST', {}, APP_URL)).not.toThrow();
  });
});

describe('API Gateway custom-domain mapping prefix', () => {
  const table = () =>
    httpMod.httpHandler([
      httpMod.route({
        method: 'GET',
        path: '/api/t/:id',
        auth: 'public',
        params: z.strictObject({ id: z.string() }),
        response: z.strictObject({ params: z.strictObject({ id: z.string() }) }),
        handle: async ({ params }) => httpMod.ok({ params }),
      }),
    ]);

  it('routes both event shapes: /api/x (local) and /<slug>/api/x (behind the mapping)', async () => {
    const h = table();
    for (const path of ['/api/t/42', '/acme/api/t/42']) {
      const res = await h(event('GET', path), {} as never);
      expect(res.statusCode, path).toBe(200);
      expect(JSON.parse(res.body!)).toEqual({ params: { id: '42' } });
    }
  });

  it('strips only the configured prefix, never one the request chooses', async () => {
    const h = table();
    expect((await h(event('GET', '/demo/api/t/42'), {} as never)).statusCode).toBe(404);
    expect((await h(event('GET', '/acme/acme/api/t/42'), {} as never)).statusCode).toBe(404);
    expect(httpMod.routedPath('/acme/api/x', 'acme')).toBe('/api/x');
    expect(httpMod.routedPath('/acme-eu/api/x', 'acme')).toBe('/acme-eu/api/x');
  });

  it('every real route answers the same with and without the prefix', async () => {
    for (const { ctx, r } of allRoutes()) {
      const plain = await ctx.handler(event(r.method, concrete(r.path)), {});
      const mapped = await ctx.handler(event(r.method, `/acme${concrete(r.path)}`), {});
      expect(mapped.statusCode, `${r.method} ${r.path}`).toBe(plain.statusCode);
      expect(plain.statusCode, `${r.method} ${r.path}`).not.toBe(404);
    }
  });
});

describe('bodiless state-changing routes', () => {
  // public ones: on the others the session check (which needs DynamoDB) answers first
  const bodiless = () =>
    allRoutes().filter(({ r }) => r.method !== 'GET' && !r.body && r.accepts !== 'form' && r.auth === 'public');

  it('take no body or an empty JSON object (what a generic client sends), and refuse anything else with 400 naming body', async () => {
    expect(bodiless().length).toBeGreaterThan(0);
    for (const { ctx, r } of bodiless()) {
      const what = `${r.method} ${r.path}`;
      const json = { 'content-type': 'application/json' };
      const empty = await ctx.handler(event(r.method, concrete(r.path), { headers: json, body: '{}' }), {});
      expect([400, 415], what).not.toContain(empty.statusCode);
      const extra = await ctx.handler(event(r.method, concrete(r.path), { headers: json, body: '{"a":1}' }), {});
      expect(extra.statusCode, what).toBe(400);
      expect(JSON.parse(extra.body!).error.code, what).toBe('unexpected_body');
      const text = await ctx.handler(
        event(r.method, concrete(r.path), { headers: { 'content-type': 'text/plain' }, body: 'x' }),
        {},
      );
      expect(text.statusCode, what).toBe(415);
    }
  });
});
