// The local API server plays the production path: CloudFront (the real CloudFront Functions from
// infra/cloudfront-functions.ts, run on every request, and the security headers), then API Gateway's custom domain
// api.<domain> with one mapping per tenant, which hands the tenant's worker an HTTP API payload 2.0 event shaped as
// behind that mapping (rawPath /<slug>/api/…, domainName, cookies array, base64 bodies). The worker runs the same
// Lambda handlers the TenantStack deploys. The browser reaches a tenant at /t/<slug>/… (or <slug>.localhost), which
// stands for https://<slug>.<domain>; the built web app (web/dist) is served for every tenant.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { contextForPath } from '../../functions/contexts.js';
import type { TenantConfig } from '../../functions/shared/tenant-config.js';
import type { QueueService } from './queue.js';
import { LOCAL_SES_EVENT_TYPES, sesEventFor } from './ses-events.js';
import type { LocalJobs } from './stack.js';
import type { WorkerReply, WorkerRequest } from './tenant-worker.js';

export interface TenantRuntimeEnv {
  tenant: TenantConfig;
  env: Record<string, string>;
}

type WorkerMessage = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class TenantWorker {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ready!: Promise<void>;

  constructor(
    readonly slug: string,
    private env: Record<string, string>,
  ) {
    this.boot();
  }

  private boot() {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      env: { ...process.env, ...this.env },
      workerData: { entry: new URL('./tenant-worker.ts', import.meta.url).href },
    });
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
  }

  /** A new cold start with some environment changed (e.g. a rotated keyring), as a redeploy gives in AWS. */
  async restart(envChanges: Record<string, string>) {
    await this.worker.terminate();
    this.env = { ...this.env, ...envChanges };
    this.boot();
    await this.ready;
  }

  call<T>(msg: WorkerMessage): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async stop() {
    await this.worker.terminate();
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

import { apiRouterCode, webRouterCode } from '../../infra/cloudfront-functions.js';
import { cacheControlFor } from '../../infra/web-release.js';
/** Same security headers CloudFront adds in production (one list, shared with infra/stacks/platform-stack.ts). */
import { WEB_SECURITY_HEADERS } from '../../infra/web-security-headers.js';

export { WEB_SECURITY_HEADERS };

/**
 * How the worker's events look. 'custom-domain' (the default) is production: the mapping key stays in rawPath and
 * requestContext.http.path (/<slug>/api/…). 'direct' is an event without it (/api/…), as from the API's own
 * endpoint; the router accepts both, and the tests run both.
 */
export type ApiShape = 'custom-domain' | 'direct';

/** Locally every tenant <slug>.<domain> is <slug>.localhost, and the API custom domain is api.localhost. */
const LOCAL_DOMAIN = 'localhost';
const API_DOMAIN = `api.${LOCAL_DOMAIN}`;

type CfRequest = {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
};
type CfResponse = { statusCode: number; statusDescription?: string };
type CfFunction = (event: {
  version: '1.0';
  context: { eventType: 'viewer-request' };
  viewer: { ip: string };
  request: CfRequest;
}) => CfRequest | CfResponse;

/** Runs a CloudFront Function's source as CloudFront does: its own global scope, nothing of Node in it. */
function cloudFrontFunction(code: string): CfFunction {
  return runInNewContext(`${code}\nhandler;`, {}) as CfFunction;
}
const apiRouter = cloudFrontFunction(apiRouterCode(LOCAL_DOMAIN));
const webRouter = cloudFrontFunction(webRouterCode());

function viewerRequest(req: IncomingMessage, slug: string, uri: string, query: string, ip: string) {
  const headers: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && k !== 'cookie') headers[k] = { value: Array.isArray(v) ? v.join(',') : v };
  // The viewer's Host: what https://<slug>.<domain> is locally (the port is not part of it).
  headers.host = { value: `${slug}.${LOCAL_DOMAIN}` };
  const querystring: Record<string, { value: string }> = {};
  for (const [k, v] of new URLSearchParams(query)) querystring[k] = { value: v };
  const cookies: Record<string, { value: string }> = {};
  for (const c of (req.headers.cookie ?? '').split(';')) {
    const eq = c.indexOf('=');
    if (eq > 0) cookies[c.slice(0, eq).trim()] = { value: c.slice(eq + 1).trim() };
  }
  return {
    version: '1.0' as const,
    context: { eventType: 'viewer-request' as const },
    viewer: { ip },
    request: { method: req.method ?? 'GET', uri, querystring, headers, cookies },
  };
}

export interface ApiServerOptions {
  port: number;
  host?: string;
  workers: Map<string, TenantWorker>;
  webDist: string;
  /** Enables /_local/clock and /_local/jobs (dev and tests only; the deployed API has no such routes). */
  localControl: boolean;
  /** The local queues, for /_local/queues (drain, counts, redrive). */
  queues?: QueueService;
  /** Scheduled jobs, for /_local/schedule (one async scheduler slot) and /_local/job-failures (count, redrive). */
  jobs?: LocalJobs;
  /** Event shape handed to the functions; default 'custom-domain' (production). */
  apiShape?: ApiShape;
}

/** API Gateway's own payload limit (HTTP APIs: 10 MB); locally 1 MB, above every route's own limit. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The whole body, or undefined when it is over `limit`: the rest is still read (and dropped) so the socket stays
 * open for the 413, as API Gateway answers an oversized request.
 */
async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}
const controlBody = async (req: IncomingMessage) => ((await readBody(req)) ?? Buffer.alloc(0)).toString('utf8') || '{}';

/** HTTP APIs pass JSON, XML and text bodies as they are and base64-encode everything else (forms included). */
const TEXT_BODY = /^\s*(text\/|application\/(json|xml|javascript)\b|[^;]*\+(json|xml)\b)/i;

/** The payload 2.0 event API Gateway sends behind the custom domain (or, for 'direct', without the mapping key). */
function toEvent(
  cf: CfRequest,
  rawPath: string,
  query: string,
  body: Buffer,
  sourceIp: string,
  shape: ApiShape,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, { value }] of Object.entries(cf.headers)) headers[k.toLowerCase()] = value;
  // CloudFront forwards every viewer header except Host (origin request policy AllViewerExceptHostHeader): the
  // origin sees its own name. API Gateway adds the forwarding headers and moves cookies to their own array.
  headers.host = shape === 'custom-domain' ? API_DOMAIN : headers.host!;
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-port'] = '443';
  const cookies = Object.entries(cf.cookies).map(([k, { value }]) => `${k}=${value}`);
  const now = new Date();
  const textual = body.length === 0 || TEXT_BODY.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: query,
    ...(cookies.length ? { cookies } : {}),
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host,
      domainPrefix: headers.host.split('.')[0]!,
      http: {
        method: cf.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        // In AWS this is the address CloudFront connects from; locally the viewer's own address.
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: !textual,
  };
}

/** A response the local server makes itself (not a function's): with the same security headers as everything. */
function reply(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    ...WEB_SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-type': contentType,
    ...extra,
  });
  res.end(body);
}
const replyError = (res: ServerResponse, status: number, code: string, message: string) =>
  reply(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: { code, message } }));

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body) : undefined);
}

function serveStatic(res: ServerResponse, webDist: string, relPath: string, acceptEncoding?: string) {
  const clean = normalize(relPath).replace(/^(\.\.[/\\])+/, '');
  const file = join(webDist, clean);
  if (!existsSync(join(webDist, 'index.html')))
    return reply(res, 503, 'text/plain; charset=utf-8', 'The web app is not built yet. Run: npm run build:web');
  if (!file.startsWith(webDist) || !existsSync(file) || statSync(file).isDirectory())
    return reply(res, 404, 'text/plain; charset=utf-8', 'Not found');
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const { body, encoding } = compressedFor(file, type, String(acceptEncoding ?? ''));
  res.writeHead(200, {
    ...WEB_SECURITY_HEADERS,
    'content-type': type,
    'cache-control': cacheControlFor(relative(webDist, file).split(sep).join('/')),
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  res.end(body);
}

// Compression as CloudFront does it in production (compress: true): brotli or gzip for text files of 1 KB or more,
// whichever the browser accepts (brotli first). Compressed once per file version and kept in memory.
const compressedCache = new Map<string, { mtimeMs: number; br: Buffer; gzip: Buffer }>();
function compressedFor(file: string, type: string, acceptEncoding: string): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const raw = readFileSync(file);
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => name!.toLowerCase()),
  );
  const wants = (name: string) => accepted.has(name);
  if (raw.length < 1000 || !/text|javascript|json|svg|manifest/.test(type) || !(wants('br') || wants('gzip')))
    return { body: raw };
  const { mtimeMs } = statSync(file);
  let entry = compressedCache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    entry = { mtimeMs, br: brotliCompressSync(raw), gzip: gzipSync(raw) };
    compressedCache.set(file, entry);
  }
  return wants('br') ? { body: entry.br, encoding: 'br' } : { body: entry.gzip, encoding: 'gzip' };
}

/** Resolves the tenant and the path inside it: host "<slug>.localhost" or path "/t/<slug>/…". */
export function resolveTenant(host: string | undefined, url: string): { slug?: string; path: string } {
  const hostname = (host ?? '').split(':')[0]!;
  const sub = /^([a-z0-9-]+)\.localhost$/.exec(hostname);
  if (sub) return { slug: sub[1], path: url };
  const m = /^\/t\/([a-z0-9-]+)(\/.*)?$/.exec(url);
  if (m) return { slug: m[1], path: m[2] ?? '/' };
  return { path: url };
}

function landingPage(slugs: string[]): string {
  const links = slugs.map((s) => `<li><a href="/t/${s}/">${s}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Respite (local)</title></head><body><h1>Respite local stack</h1><p>Organisations hosted here:</p><ul>${links}</ul></body></html>`;
}

export async function startApiServer(
  opts: ApiServerOptions,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const shape = opts.apiShape ?? 'custom-domain';
  const server = createServer(async (req, res) => {
    try {
      // Read before the body: the address is gone once a client has sent everything and closed.
      const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
      const [rawUrl, query = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
      if (opts.localControl && rawUrl.startsWith('/_local/queues') && opts.queues)
        return await queueControl(req, res, opts.queues);
      if (opts.localControl && (rawUrl === '/_local/schedule' || rawUrl === '/_local/job-failures') && opts.jobs)
        return await jobControl(req, res, rawUrl, opts.jobs);
      if (opts.localControl && rawUrl === '/_local/ses-event' && opts.queues)
        return await sesEventControl(req, res, opts.queues);
      if (opts.localControl && rawUrl.startsWith('/_local/')) return await localControl(req, res, rawUrl, opts.workers);
      const { slug, path } = resolveTenant(req.headers.host, rawUrl);
      if (!slug) {
        if (rawUrl === '/') return reply(res, 200, 'text/html; charset=utf-8', landingPage([...opts.workers.keys()]));
        return reply(res, 404, 'text/plain; charset=utf-8', 'Unknown organisation. Use /t/<slug>/ or <slug>.localhost');
      }
      if (!opts.workers.has(slug)) return replyError(res, 404, 'unknown_tenant', `No organisation "${slug}" here.`);
      if (!path.startsWith('/api/')) {
        // CloudFront's default behaviour: the web router function, then the bucket.
        const routed = webRouter(viewerRequest(req, slug, path, query, sourceIp));
        if ('statusCode' in routed)
          return reply(res, routed.statusCode, 'text/plain; charset=utf-8', routed.statusDescription ?? '');
        return serveStatic(res, opts.webDist, routed.uri.slice(1), req.headers['accept-encoding']);
      }
      // CloudFront's /api/* behaviour: the API router function sends <slug>.<domain>/api/x to api.<domain>/<slug>/api/x.
      const routed = apiRouter(viewerRequest(req, slug, path, query, sourceIp));
      if ('statusCode' in routed)
        return replyError(res, routed.statusCode, 'not_found', routed.statusDescription ?? 'Not Found');
      const body = await readBody(req);
      if (!body)
        return replyError(res, 413, 'payload_too_large', `The request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
      // API Gateway's custom domain: the first segment is the API mapping key (one per tenant) …
      const mapped = /^\/([^/]+)(\/.*)$/.exec(routed.uri);
      const worker = mapped ? opts.workers.get(mapped[1]!) : undefined;
      if (!mapped || !worker) return replyError(res, 404, 'not_found', `No organisation "${slug}" here.`);
      // … and the tenant's HTTP API picks the context's route (ANY <prefix>/{proxy+}) by the path without it.
      const ctx = contextForPath(mapped[2]!);
      if (!ctx) return replyError(res, 404, 'not_found', 'There is nothing at this address.');
      const event = toEvent(routed, shape === 'custom-domain' ? routed.uri : mapped[2]!, query, body, sourceIp, shape);
      const result = await worker.call<APIGatewayProxyStructuredResultV2>({ type: 'http', context: ctx.name, event });
      return send(res, result);
    } catch (err) {
      // Mirrors API Gateway: a crashed integration is a 500 with no detail.
      console.error('[api] integration error:', err instanceof Error ? err.message : err);
      if (res.headersSent) return res.end();
      reply(res, 500, 'application/json; charset=utf-8', JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    server,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Dev/test controls: move every tenant's clock, or run a scheduled job / queue drain now. */
async function localControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  workers: Map<string, TenantWorker>,
) {
  const body = JSON.parse(await controlBody(req)) as {
    at?: string | null;
    advanceMs?: number;
    tenant?: string;
    name?: string;
    event?: unknown;
  };
  const targets = body.tenant
    ? [workers.get(body.tenant)].filter((w): w is TenantWorker => !!w)
    : [...workers.values()];
  let results: unknown[] = [];
  if (path === '/_local/clock')
    results = await Promise.all(targets.map((w) => w.call({ type: 'clock', at: body.at, advanceMs: body.advanceMs })));
  else if (path === '/_local/job' && body.name)
    results = await Promise.all(targets.map((w) => w.call({ type: 'job', name: body.name!, event: body.event ?? {} })));
  else return reply(res, 404, 'application/json', '{"error":"unknown control"}');
  reply(res, 200, 'application/json', JSON.stringify({ ok: true, results }));
}

/**
 * POST /_local/schedule {"name","scheduledTime","tenant"?}: one scheduler slot, invoked asynchronously as in AWS
 * (answers with each tenant's outcome once the retries are done). POST /_local/job-failures
 * {"name","tenant","action":"count"|"redrive"}: the job's on-failure queue; redrive invokes every record's request again.
 */
async function jobControl(req: IncomingMessage, res: ServerResponse, path: string, jobs: LocalJobs) {
  const body = JSON.parse(await controlBody(req)) as {
    name?: string;
    tenant?: string;
    scheduledTime?: string;
    action?: string;
  };
  try {
    if (path === '/_local/schedule') {
      if (!body.name || !body.scheduledTime)
        return reply(res, 400, 'application/json', '{"error":"Send {"name", "scheduledTime"}"}');
      return reply(
        res,
        200,
        'application/json',
        JSON.stringify({ outcomes: await jobs.fire(body.name, body.scheduledTime, body.tenant) }),
      );
    }
    if (!body.name || !body.tenant)
      return reply(res, 400, 'application/json', '{"error":"Send {"name", "tenant", "action"}"}');
    const queue = jobs.failures(body.name, body.tenant);
    if (body.action === 'redrive')
      return reply(
        res,
        200,
        'application/json',
        JSON.stringify({ ...(await jobs.redrive(body.name, body.tenant)), size: queue.size }),
      );
    return reply(res, 200, 'application/json', JSON.stringify({ size: queue.size }));
  } catch (err) {
    return reply(
      res,
      404,
      'application/json',
      JSON.stringify({ error: err instanceof Error ? err.message : String(err) }),
    );
  }
}

/** POST /_local/ses-event: publishes an SES event for an address to the tenant's ses-events queue (see ses-events.ts). */
async function sesEventControl(req: IncomingMessage, res: ServerResponse, queues: QueueService) {
  const body = JSON.parse(await controlBody(req)) as { tenant?: string; address?: string; type?: string };
  const q = queues.queue(`ses-events-${body.tenant ?? ''}`);
  const type = LOCAL_SES_EVENT_TYPES.find((t) => t === body.type);
  if (!q || !type || typeof body.address !== 'string' || !body.address.includes('@')) {
    return reply(
      res,
      400,
      'application/json',
      JSON.stringify({
        error: `Send {"tenant": a hosted slug, "address": an email address, "type": one of ${LOCAL_SES_EVENT_TYPES.join(', ')}}`,
      }),
    );
  }
  q.send(sesEventFor(type, body.address));
  const deadline = Date.now() + 10_000;
  while (q.size > 0 && Date.now() < deadline) await q.changed(100);
  reply(res, 200, 'application/json', JSON.stringify({ ok: true, pending: q.size, dlq: q.dlq?.size ?? 0 }));
}

/**
 * POST /_local/queues {"queue":"email-demo","action":"drain"|"count"|"redrive","timeoutMs"?}:
 * drain waits until the queue is empty (everything consumed or dead-lettered); count reports queue and DLQ sizes.
 */
async function queueControl(req: IncomingMessage, res: ServerResponse, queues: QueueService) {
  const body = JSON.parse(await controlBody(req)) as { queue?: string; action?: string; timeoutMs?: number };
  const q = queues.queue(body.queue ?? '');
  if (!q) return reply(res, 404, 'application/json', '{"error":"unknown queue"}');
  let moved = 0;
  if (body.action === 'drain') {
    const deadline = Date.now() + (body.timeoutMs ?? 60_000);
    while (q.size > 0 && Date.now() < deadline) await q.changed(100);
  } else if (body.action === 'redrive') moved = q.redrive();
  reply(res, 200, 'application/json', JSON.stringify({ size: q.size, dlq: q.dlq?.size ?? 0, moved }));
}
