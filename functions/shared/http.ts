// The one HTTP handler wrapper. Each bounded context declares its routes as data and exports
// `handler = httpHandler(routes)`. Fixed middy chain: request log → route match → session/tenant → input parse →
// business function → reply; the error mapper is attached last and turns every failure into one JSON shape.
import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { clock } from './clock.js';
import { AppError, badRequest, forbidden, payloadTooLarge, unauthorized, validationError } from './errors.js';
import { errorName, log, withInvocation } from './log.js';
import { builtRuntime, type Runtime, runtime } from './runtime.js';
import { API_CSP, API_SECURITY_HEADERS } from './security-headers.js';
import {
  clearedSessionCookie,
  cookieName,
  decodeSession,
  encodeSession,
  type Role,
  type SessionClaims,
  sessionCookie,
} from './session-token.js';
import { checkSession } from './sessions.js';
import type * as z from './zod.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Principal {
  userId: string;
  role: Role;
  sessionId: string;
  /** When this session was signed in (ms): its absolute lifetime counts from here (SESSION_LIMITS). */
  signedInAtMs: number;
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

export interface Route<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
> {
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
export function route<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
>(r: Route<PS, QS, BS>): Route {
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

/**
 * Security headers on every API response (JSON, HTML pages, 404s, errors), set here once from the one list in
 * security-headers.ts. A route may send its own content-security-policy for an HTML page (e.g. to allow its inline
 * style by hash); the wrapper appends `frame-ancestors 'none'` if it is missing, and the other headers cannot be
 * overridden.
 */
const BASE_HEADERS = { 'cache-control': 'no-store' };

function secured(headers: Record<string, string>): Record<string, string> {
  const csp = headers['content-security-policy'] ?? API_CSP;
  return {
    ...headers,
    ...API_SECURITY_HEADERS,
    'content-security-policy': /frame-ancestors 'none'/.test(csp)
      ? csp
      : `${csp.replace(/;\s*$/, '')}; frame-ancestors 'none'`,
  };
}

function jsonResult(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  cookies: string[] = [],
): Result {
  return {
    statusCode: status,
    headers: secured({ ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers }),
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

/** Percent-decodes one URL component; an undecodable one is a 400 naming where it was (never a 500). */
function decodeComponent(raw: string, field: string, plusIsSpace = false): string {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    throw badRequest(
      `${field} is not valid percent-encoded UTF-8.`,
      [{ field, message: 'is not valid percent-encoded UTF-8' }],
      'undecodable',
    );
  }
}

function parseQuery(raw: string | undefined, where: 'query' | 'body' = 'query'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeComponent(rawKey, `${where}.${rawKey}`, true);
    out[key] = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1), `${where}.${key}`, true);
  }
  return out;
}

/** Header values must be printable ASCII (plus tab); anything else is a 400 naming the header. */
function checkHeaders(headers: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && /[^\t\x20-\x7e]/.test(value))
      throw badRequest(
        `The ${name} header has characters that are not allowed.`,
        [{ field: `header.${name}`, message: 'has characters that are not allowed' }],
        'undecodable',
      );
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request check for every state-changing request (with or without a body). A browser request says where it
 * comes from: Sec-Fetch-Site must not be cross-site or same-site (sibling tenants are same-site), and Origin, when
 * sent, must be the tenant's own origin (config appUrl). A same-origin form post from a page with
 * Referrer-Policy: no-referrer carries `Origin: null`, accepted only with Sec-Fetch-Site: same-origin. Requests with
 * neither header are not from a browser context an attacker controls (e.g. RFC 8058 one-click unsubscribe POSTs that
 * mail providers send from their servers) and pass.
 */
export function checkOrigin(method: string, headers: Record<string, string | undefined>, appUrl: string) {
  if (!STATE_CHANGING.has(method)) return;
  const site = headers['sec-fetch-site']?.toLowerCase();
  const origin = headers.origin;
  const own = new URL(appUrl).origin;
  if (site === 'cross-site' || site === 'same-site')
    throw forbidden(`Requests that change something must come from ${own} itself (Sec-Fetch-Site: ${site}).`);
  if (origin === undefined || origin === own || (origin === 'null' && site === 'same-origin')) return;
  throw forbidden(`Requests that change something must come from ${own} itself (Origin: ${origin}).`);
}

/**
 * The path as routed. Behind the API Gateway custom domain (api.<domain>/<mapping key>/…) the mapping key stays in
 * rawPath; it is stripped here. The prefix comes from config (the mapping key is the tenant's slug, see
 * infra/stacks/tenant-stack.ts), never from the request; a path without it (the local server) routes as it is.
 */
export function routedPath(rawPath: string, tenantId: string | undefined): string {
  const prefix = tenantId ? `/${tenantId}` : undefined;
  if (prefix && rawPath.startsWith(`${prefix}/`)) return rawPath.slice(prefix.length);
  return rawPath;
}

function parseWith<S extends Schema | undefined>(schema: S, value: unknown, where: 'body' | 'query' | 'path') {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

function decodeBody(event: Event, r: Route): unknown {
  const limit = r.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (Buffer.byteLength(raw) > limit) throw payloadTooLarge(limit);
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (r.accepts === 'form') {
    if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data' && raw !== '')
      throw new AppError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
    return r.body ? parseQuery(raw, 'body') : undefined;
  }
  // Requiring JSON on mutations also blocks cross-site form posts (they cannot set this type without a preflight).
  // Bodiless routes too: whatever comes with a state-changing request (a content type or a body) must be JSON.
  if ((r.body || (STATE_CHANGING.has(r.method) && (type !== '' || raw !== ''))) && type !== 'application/json')
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the request body as JSON (content-type: application/json).',
    );
  if (!r.body) {
    // An empty JSON object carries nothing, and is what a generic client sends with every POST.
    if (raw.trim() !== '' && !/^\{\s*\}$/.test(raw.trim()))
      throw badRequest('This request takes no body.', [{ field: 'body', message: 'must be empty' }], 'unexpected_body');
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
  const compiled = routes.map(compile);
  const states = new WeakMap<Event, RequestState>();
  const stateOf = (event: Event) => states.get(event)!;

  const base = async (event: Event): Promise<Result> => {
    const state = stateOf(event);
    const r = state.matched!.route;
    const rt = await runtime();
    const ctx: RequestContext<unknown, unknown, unknown> = {
      params: parseWith(r.params, state.rawParams, 'path'),
      query: parseWith(r.query, parseQuery(event.rawQueryString), 'query'),
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
        headers: secured({
          ...BASE_HEADERS,
          'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
          ...(reply.headers ?? {}),
        }),
        body: reply.text,
        cookies,
      };
    return jsonResult(status, status === 204 ? undefined : reply.body, reply.headers, cookies);
  };

  const wrapped = middy<Event, Result, Error, Context>(base)
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
      // 2. route match (the first request of an instance builds the runtime here: config and keys)
      before: async (request) => {
        const { config } = await runtime();
        const state = stateOf(request.event);
        const method = request.event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
        const path = routedPath(request.event.rawPath ?? '/', config.tenantId);
        const onPath = compiled.filter((c) => c.regex.test(path));
        if (onPath.length === 0) throw new AppError(404, 'not_found', 'There is nothing at this address.');
        const match = onPath.find((c) => c.route.method === method);
        if (!match)
          throw new AppError(
            405,
            'method_not_allowed',
            `Use ${onPath.map((c) => c.route.method).join(' or ')} here.`,
            [],
            {
              allow: onPath.map((c) => c.route.method).join(', '),
            },
          );
        const values = match.regex.exec(path)!.slice(1);
        state.matched = match;
        state.rawParams = Object.fromEntries(match.names.map((n, i) => [n, decodeComponent(values[i]!, `path.${n}`)]));
        checkHeaders(request.event.headers ?? {});
        // query decoding errors surface here too (before sign-in), so they name the parameter for everyone
        parseQuery(request.event.rawQueryString);
        checkOrigin(method, request.event.headers ?? {}, config.appUrl);
      },
    })
    .use({
      // 3. session and tenant: the token's tenant must equal this function's TENANT_ID
      before: async (request) => {
        const state = stateOf(request.event);
        const r = state.matched!.route;
        const { config, db } = await runtime();
        const nowMs = clock.nowMs();
        const token = readCookie(request.event, cookieName(config.tenantId));
        const check = decodeSession(config.keys, config.tenantId, token, nowMs);
        if (!check.ok) {
          if (r.auth === 'public') return;
          const err = unauthorized(SESSION_MESSAGES[check.reason]);
          throw token ? new AppError(401, 'unauthorized', err.message, [], {}) : err;
        }
        // Every request that carries a valid signature reads the session record (one DynamoDB request, see
        // checkSession), reads included: a principal exists only once its record was found on this request, so
        // sign-out, "sign out everywhere" and account deletion take effect on the very next request.
        const checked = await checkSession(db, check.claims, nowMs);
        if (!checked) {
          if (r.auth !== 'public') throw unauthorized('You were signed out. Please sign in again.');
          state.refreshCookie = clearedSessionCookie(config.tenantId); // public route: go on as a signed-out visitor
          return;
        }
        const claims: SessionClaims = {
          ...check.claims,
          role: checked.record.role,
          seen: nowMs,
          chk: checked.touched ? nowMs : check.claims.chk,
        };
        state.claims = claims;
        state.refreshCookie = sessionCookie(config.tenantId, encodeSession(config.keys, claims), claims.role);
        state.principal = { userId: claims.sub, role: claims.role, sessionId: claims.sid, signedInAtMs: claims.iat };
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
          route: state?.matched?.route.path,
          errorName: errorName(err),
        });
        request.response = jsonResult(500, {
          error: { code: 'internal', message: 'Something went wrong on our side. Please try again in a moment.' },
        });
      },
    });
  // Every log line of the request carries its id (API Gateway's; Lambda's when there is none).
  return (event: Event, context: Context): Promise<Result> =>
    withInvocation({ requestId: event.requestContext?.requestId || context?.awsRequestId || randomUUID() }, () =>
      wrapped(event, context),
    );
}

/** For logging only: the tenant, once this instance's runtime is built. */
const runtimeTenant = (): string | undefined => builtRuntime()?.config.tenantId;

function logRequest(event: Event, state: RequestState | undefined, status: number) {
  log.info({
    event: 'http',
    tenant: runtimeTenant(),
    method: event.requestContext?.http?.method,
    route: state?.matched?.route.path ?? 'unmatched',
    status,
    ms: state ? Math.round(performance.now() - state.started) : undefined,
  });
}
