// The one HTTP handler wrapper. Each bounded context declares its routes as data and exports
// `handler = httpHandler(routes)`. Fixed middy chain: request log → route match → session/tenant → input parse →
// business function → reply; the error mapper is attached last and turns every failure into one JSON shape.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from './zod.js';
import { clock } from './clock.js';
import { AppError, badRequest, forbidden, payloadTooLarge, unauthorized, validationError, type FieldProblem } from './errors.js';
import { log } from './log.js';
import { runtime, type Runtime } from './runtime.js';
import { WEB_SECURITY_HEADERS } from './security-headers.js';
import {
  REVALIDATE_MS,
  clearedSessionCookie,
  cookieName,
  decodeSession,
  encodeSession,
  sessionCookie,
  type Role,
  type SessionClaims,
} from './session-token.js';
import { revalidateSession } from './sessions.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Principal {
  userId: string;
  role: Role;
  sessionId: string;
}

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route that is not public (and on public routes when a valid session cookie came along). */
  principal: Principal | null;
  rt: Runtime;
  now: Date;
  requestId: string;
  /** Used only for rate limiting (hashed); never logged or stored. */
  ip: string;
  userAgent: string;
  headers: Record<string, string | undefined>;
}

export interface Reply {
  status?: number;
  /** JSON body (default) … */
  body?: unknown;
  /** … or a text body with its own content type (CSV, iCalendar, HTML). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  cookies?: string[];
}

type Schema = z.ZodMiniType;
type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export interface Route<PS extends Schema | undefined = Schema | undefined, QS extends Schema | undefined = Schema | undefined, BS extends Schema | undefined = Schema | undefined> {
  method: Method;
  /** e.g. "/api/programme/diary/:entryId" */
  path: string;
  /** 'public' or the roles allowed. */
  auth: 'public' | readonly Role[];
  params?: PS;
  query?: QS;
  body?: BS;
  /** Accepted request body type for mutations; default json. */
  accepts?: 'json' | 'form';
  maxBodyBytes?: number;
  handle: (ctx: RequestContext<Infer<PS>, Infer<QS>, Infer<BS>>) => Promise<Reply>;
}

/** Identity function that keeps the route's schema types for its handler. */
export function route<PS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, BS extends Schema | undefined = undefined>(
  r: Route<PS, QS, BS>,
): Route {
  return r as unknown as Route;
}

export const ok = (body: unknown, extra: Omit<Reply, 'body'> = {}): Reply => ({ status: 200, body, ...extra });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const accepted = (body: unknown): Reply => ({ status: 202, body });
export const noContent = (extra: Omit<Reply, 'body'> = {}): Reply => ({ status: 204, ...extra });

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

interface RequestState {
  started: number;
  matched?: CompiledRoute;
  rawParams: Record<string, string>;
  principal: Principal | null;
  claims?: SessionClaims;
  refreshCookie?: string;
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

function compile(r: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = r.path.replace(/\/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return '/([^/]+)';
  });
  return { route: r, regex: new RegExp(`^${pattern}/?$`), names };
}

/** Every response, 404s and errors included, carries the app's security headers (one list) and is never cached. */
const BASE_HEADERS = { ...WEB_SECURITY_HEADERS, 'cache-control': 'no-store' };

/** Methods that change state: they must come from the tenant's own origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}, cookies: string[] = []): Result {
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
    cookies,
  };
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, ...(err.fields.length ? { fields: err.fields } : {}) } };
}

function readCookie(event: Event, name: string): string | undefined {
  const all = event.cookies ?? (event.headers?.cookie ? event.headers.cookie.split(';') : []);
  for (const c of all) {
    const eq = c.indexOf('=');
    if (eq > 0 && c.slice(0, eq).trim() === name) return c.slice(eq + 1).trim();
  }
  return undefined;
}

const badEncoding = (fields: FieldProblem[]) =>
  badRequest(`Some values are not valid URL encoding (UTF-8). ${fields.map((f) => f.field).join(', ')}`, fields, 'invalid_encoding');

/** decodeURIComponent, but a malformed value is a 400 naming it (never a URIError, which would be a 500). */
function decodeComponent(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badEncoding([{ field, message: 'is not valid URL encoding (UTF-8)' }]);
  }
}

/**
 * application/x-www-form-urlencoded as in a query string or a form body. Unlike URLSearchParams (which silently
 * turns bad escapes into U+FFFD), a value that does not decode is a 400 naming it.
 */
function parseQuery(raw: string | undefined, where: 'query' | 'body'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
    const name = decodeComponent(rawName, `${where}.${rawName.replace(/[^\w.-]/g, '_').slice(0, 64)}`);
    out[name] = decodeComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '), `${where}.${name.slice(0, 64)}`);
  }
  return out;
}

/** The request headers the wrapper reads. A value that is not printable ASCII is a 400 naming the header. */
const READ_HEADERS = ['content-type', 'origin', 'sec-fetch-site', 'user-agent'] as const;
function checkHeaders(event: Event) {
  const printable = /^[\t\x20-\x7e]*$/;
  const fields: FieldProblem[] = [];
  for (const name of READ_HEADERS) {
    const value = event.headers?.[name];
    if (value !== undefined && !printable.test(value)) fields.push({ field: `header.${name}`, message: 'must be printable ASCII' });
  }
  if ((event.cookies ?? []).some((c) => !printable.test(c)) || (event.headers?.cookie !== undefined && !printable.test(event.headers.cookie)))
    fields.push({ field: 'header.cookie', message: 'must be printable ASCII' });
  if (fields.length) throw badRequest(`Some request headers are not valid. ${fields.map((f) => f.field).join(', ')}`, fields, 'invalid_header');
}

/**
 * Cross-site request forgery, closed for every state-changing request (bodiless ones included): a browser always
 * says where a request comes from (Origin, Sec-Fetch-Site), and only the tenant's own origin may change anything.
 * Sibling tenants (<other>.<domain>) are same-site, so SameSite=Strict cookies alone do not stop them. A request
 * with neither header does not come from a browser (e.g. a mail provider's RFC 8058 one-click POST), so it cannot
 * carry a victim's ambient cookies into a forged request.
 */
function checkOrigin(event: Event, appOrigin: string) {
  const site = event.headers?.['sec-fetch-site'];
  const origin = event.headers?.origin;
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== appOrigin))
    throw new AppError(403, 'cross_origin', 'This request did not come from this organisation\u2019s own pages.');
}

/** The path inside this tenant's API: behind the custom domain (api.<domain>/<slug>/…) the event's rawPath keeps
 * the mapping key, which is this function's own tenant id (from config, never from the request). */
function apiPath(rawPath: string, tenantId: string): string {
  const prefix = `/${tenantId}`;
  return rawPath.startsWith(`${prefix}/`) ? rawPath.slice(prefix.length) : rawPath;
}

function parseWith<S extends Schema | undefined>(schema: S, value: unknown, where: 'body' | 'query' | 'path') {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

function decodeBody(event: Event, r: Route): unknown {
  const limit = r.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  if (Buffer.byteLength(raw) > limit) throw payloadTooLarge(limit);
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (r.accepts === 'form') {
    if (type !== 'application/x-www-form-urlencoded' && (raw !== '' || type !== ''))
      throw new AppError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
    return r.body ? parseQuery(raw, 'body') : undefined;
  }
  // Requiring JSON on mutations also blocks cross-site form posts (they cannot set this type without a preflight).
  // Bodiless routes too: whatever comes with a content type or a body must be JSON.
  const mutation = !SAFE_METHODS.has(r.method);
  if ((r.body || (mutation && (type !== '' || raw !== ''))) && type !== 'application/json')
    throw new AppError(415, 'unsupported_media_type', 'Send the request body as JSON (content-type: application/json).');
  if (!r.body) {
    if (raw.trim() !== '') throw badRequest('This request takes no body.', [{ field: 'body', message: 'must be empty' }], 'unexpected_body');
    return undefined;
  }
  if (raw.trim() === '') throw badRequest('The request body is empty; send a JSON object.', [], 'invalid_json');
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.', [], 'invalid_json');
  }
}

const SESSION_MESSAGES = {
  missing: 'Please sign in.',
  tampered: 'Your session is not valid. Please sign in again.',
  wrong_tenant: 'This session belongs to a different organisation. Please sign in here.',
  expired: 'Your session has expired. Please sign in again.',
} as const;

export function httpHandler(routes: Route[]) {
  return Object.assign(makeHandler(routes), { routes });
}

function makeHandler(routes: Route[]) {
  const compiled = routes.map(compile);
  const states = new WeakMap<Event, RequestState>();
  const stateOf = (event: Event) => states.get(event)!;

  const base = async (event: Event): Promise<Result> => {
    const state = stateOf(event);
    const r = state.matched!.route;
    const rt = runtime();
    const ctx: RequestContext<unknown, unknown, unknown> = {
      params: parseWith(r.params, state.rawParams, 'path'),
      query: parseWith(r.query, parseQuery(event.rawQueryString, 'query'), 'query'),
      body: parseWith(r.body, decodeBody(event, r), 'body'),
      principal: state.principal,
      rt,
      now: clock.now(),
      requestId: event.requestContext?.requestId ?? '',
      ip: event.requestContext?.http?.sourceIp ?? '',
      userAgent: event.requestContext?.http?.userAgent ?? event.headers?.['user-agent'] ?? '',
      headers: event.headers ?? {},
    };
    const reply = await r.handle(ctx);
    const cookies = [...(reply.cookies ?? [])];
    if (state.refreshCookie && !cookies.some((c) => c.startsWith(`${cookieName(rt.config.tenantId)}=`)))
      cookies.push(state.refreshCookie);
    const status = reply.status ?? 200;
    if (reply.text !== undefined)
      return {
        statusCode: status,
        headers: { ...BASE_HEADERS, 'content-type': reply.contentType ?? 'text/plain; charset=utf-8', ...(reply.headers ?? {}) },
        body: reply.text,
        cookies,
      };
    return jsonResult(status, status === 204 ? undefined : reply.body, reply.headers, cookies);
  };

  return middy<Event, Result, Error, Context>(base)
    .use({
      // 1. request log (one line per request: route pattern, status, time; never bodies, paths with ids, or IPs)
      before: (request) => {
        states.set(request.event, { started: performance.now(), rawParams: {}, principal: null });
      },
      after: (request) => logRequest(request.event, stateOf(request.event), request.response?.statusCode ?? 200),
      onError: (request) => {
        if (request.response) logRequest(request.event, stateOf(request.event), request.response.statusCode ?? 500);
      },
    })
    .use({
      // 2. route match
      before: (request) => {
        const state = stateOf(request.event);
        const { tenantId, appUrl } = runtime().config;
        const method = request.event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
        const path = apiPath(request.event.rawPath ?? '/', tenantId);
        const onPath = compiled.filter((c) => c.regex.test(path));
        if (onPath.length === 0) throw new AppError(404, 'not_found', 'There is nothing at this address.');
        const match = onPath.find((c) => c.route.method === method);
        if (!match)
          throw new AppError(405, 'method_not_allowed', `Use ${onPath.map((c) => c.route.method).join(' or ')} here.`, [], {
            allow: onPath.map((c) => c.route.method).join(', '),
          });
        const values = match.regex.exec(path)!.slice(1);
        state.matched = match;
        checkHeaders(request.event);
        if (!SAFE_METHODS.has(method)) checkOrigin(request.event, new URL(appUrl).origin);
        const problems: FieldProblem[] = [];
        state.rawParams = Object.fromEntries(
          match.names.map((n, i) => {
            try {
              return [n, decodeComponent(values[i]!, `path.${n}`)];
            } catch (err) {
              if (!(err instanceof AppError)) throw err;
              problems.push(...err.fields);
              return [n, ''];
            }
          }),
        );
        if (problems.length) throw badEncoding(problems);
      },
    })
    .use({
      // 3. session and tenant: the token's tenant must equal this function's TENANT_ID
      before: async (request) => {
        const state = stateOf(request.event);
        const r = state.matched!.route;
        const { config, db } = runtime();
        const nowMs = clock.nowMs();
        const token = readCookie(request.event, cookieName(config.tenantId));
        const check = decodeSession(config.sessionSecret, config.tenantId, token, nowMs);
        if (!check.ok) {
          if (r.auth === 'public') return;
          const err = unauthorized(SESSION_MESSAGES[check.reason]);
          throw token ? new AppError(401, 'unauthorized', err.message, [], {}) : err;
        }
        let claims = check.claims;
        // Reads trust the signature for up to REVALIDATE_MS; every write re-checks the session record, so nothing
        // can be written for an account after "sign out everywhere" or deletion.
        const stale = nowMs - claims.chk > REVALIDATE_MS;
        const writing = (request.event.requestContext?.http?.method ?? 'GET').toUpperCase() !== 'GET';
        if ((stale || writing) && r.auth !== 'public') {
          const record = await revalidateSession(db, claims.sid, nowMs, { touch: stale });
          if (!record || record.userId !== claims.sub) throw unauthorized('You were signed out. Please sign in again.');
          claims = { ...claims, role: record.role, chk: nowMs };
        }
        claims = { ...claims, seen: nowMs };
        state.claims = claims;
        state.refreshCookie = sessionCookie(config.tenantId, encodeSession(config.sessionSecret, claims), claims.role);
        state.principal = { userId: claims.sub, role: claims.role, sessionId: claims.sid };
        if (r.auth !== 'public' && !r.auth.includes(claims.role)) throw forbidden();
      },
    })
    .use({
      // 4. error mapper, attached last: AppError → its status; anything else → generic 500, logged, not leaked
      onError: (request) => {
        const err = request.error;
        const state = states.get(request.event);
        const tenantId = runtimeTenant();
        if (err instanceof AppError) {
          const cookies = err.status === 401 && tenantId ? [clearedSessionCookie(tenantId)] : [];
          request.response = jsonResult(err.status, errorBody(err), err.headers, cookies);
          if (state) state.principal = state.principal ?? null;
          return;
        }
        log.error({
          event: 'unhandled_error',
          tenant: tenantId,
          requestId: request.event.requestContext?.requestId,
          route: state?.matched?.route.path,
          errorName: err instanceof Error ? err.name : 'unknown',
        });
        request.response = jsonResult(500, {
          error: { code: 'internal', message: 'Something went wrong on our side. Please try again in a moment.' },
        });
      },
    });
}

function runtimeTenant(): string | undefined {
  try {
    return runtime().config.tenantId;
  } catch {
    return undefined;
  }
}

function logRequest(event: Event, state: RequestState | undefined, status: number) {
  log.info({
    event: 'http',
    tenant: runtimeTenant(),
    requestId: event.requestContext?.requestId,
    method: event.requestContext?.http?.method,
    route: state?.matched?.route.path ?? 'unmatched',
    status,
    ms: state ? Math.round(performance.now() - state.started) : undefined,
  });
}
