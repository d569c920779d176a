// The local API server: turns HTTP requests into API Gateway v2 events and hands them to the tenant's worker,
// which runs the same Lambda handlers the TenantStack deploys. Tenants are routed by host (<slug>.localhost)
// or by path (/t/<slug>/…). It also serves the built web app (web/dist) for every tenant.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { contextForPath } from '../../functions/contexts.js';
import type { TenantConfig } from '../../functions/shared/tenant-config.js';
import type { WorkerReply, WorkerRequest } from './tenant-worker.js';
import type { QueueService } from './queue.js'; // [reminders]
import { LOCAL_SES_EVENT_TYPES, sesEventFor } from './ses-events.js';

export interface TenantRuntimeEnv {
  tenant: TenantConfig;
  env: Record<string, string>;
}

type WorkerMessage = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class TenantWorker {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;

  constructor(readonly slug: string, env: Record<string, string>) {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      env: { ...process.env, ...env },
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

/** Same security headers CloudFront adds in production (one list, shared with infra/stacks/platform-stack.ts). */
import { WEB_SECURITY_HEADERS } from '../../infra/web-security-headers.js';
export { WEB_SECURITY_HEADERS };

export interface ApiServerOptions {
  port: number;
  host?: string;
  workers: Map<string, TenantWorker>;
  webDist: string;
  /** Enables /_local/clock and /_local/jobs (dev and tests only; the deployed API has no such routes). */
  localControl: boolean;
  /** [reminders] The local queues, for /_local/queues (drain, counts, redrive). */
  queues?: QueueService;
}

async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) break; // API Gateway also caps bodies; the handler reports 413 for its own, smaller limit
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(req: IncomingMessage, path: string, query: string, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'cookie') headers[k] = Array.isArray(v) ? v.join(',') : v;
  const cookies = req.headers.cookie ? req.headers.cookie.split(';').map((c) => c.trim()).filter(Boolean) : undefined;
  const now = new Date();
  const textual = /json|text|x-www-form-urlencoded/.test(headers['content-type'] ?? '') || body.length === 0;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    cookies,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
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

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body) : undefined);
}

function serveStatic(res: ServerResponse, webDist: string, relPath: string, acceptEncoding?: string) {
  const clean = normalize(relPath).replace(/^(\.\.[/\\])+/, '');
  let file = join(webDist, clean);
  if (!file.startsWith(webDist) || !existsSync(file) || statSync(file).isDirectory()) file = join(webDist, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('The web app is not built yet. Run: npm run build:web');
    return;
  }
  const hashed = /\/assets\//.test(file);
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const { body, encoding } = compressedFor(file, type, String(acceptEncoding ?? ''));
  res.writeHead(200, {
    ...WEB_SECURITY_HEADERS,
    'content-type': type,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
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
    acceptEncoding.split(',').map((part) => part.trim().split(';')).filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? '')).map(([name]) => name!.toLowerCase()),
  );
  const wants = (name: string) => accepted.has(name);
  if (raw.length < 1000 || !/text|javascript|json|svg|manifest/.test(type) || !(wants('br') || wants('gzip'))) return { body: raw };
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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Respite (local)</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto"><h1>Respite local stack</h1><p>Organisations hosted here:</p><ul>${links}</ul></body></html>`;
}

export async function startApiServer(opts: ApiServerOptions): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const [rawUrl, query = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
      if (opts.localControl && rawUrl.startsWith('/_local/queues') && opts.queues) return await queueControl(req, res, opts.queues); // [reminders]
      if (opts.localControl && rawUrl === '/_local/ses-event' && opts.queues) return await sesEventControl(req, res, opts.queues);
      if (opts.localControl && rawUrl.startsWith('/_local/')) return await localControl(req, res, rawUrl, opts.workers);
      const { slug, path } = resolveTenant(req.headers.host, rawUrl);
      if (!slug) {
        if (rawUrl === '/' ) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(landingPage([...opts.workers.keys()]));
        }
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('Unknown organisation. Use /t/<slug>/ or <slug>.localhost');
      }
      const worker = opts.workers.get(slug);
      if (!worker) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 'unknown_tenant', message: `No organisation "${slug}" here.` } }));
      }
      if (path.startsWith('/api/')) {
        const ctx = contextForPath(path);
        if (!ctx) {
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ error: { code: 'not_found', message: 'There is nothing at this address.' } }));
        }
        const body = await readBody(req);
        const result = await worker.call<APIGatewayProxyStructuredResultV2>({ type: 'http', context: ctx.name, event: toEvent(req, path, query, body) });
        return send(res, result);
      }
      return serveStatic(res, opts.webDist, path === '/' ? 'index.html' : path.slice(1), req.headers['accept-encoding']);
    } catch (err) {
      // Mirrors API Gateway: a crashed integration is a 500 with no detail.
      console.error('[api] integration error:', err instanceof Error ? err.message : err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
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
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Dev/test controls: move every tenant's clock, or run a scheduled job / queue drain now. */
async function localControl(req: IncomingMessage, res: ServerResponse, path: string, workers: Map<string, TenantWorker>) {
  const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { at?: string | null; advanceMs?: number; tenant?: string; name?: string; event?: unknown };
  const targets = body.tenant ? [workers.get(body.tenant)].filter((w): w is TenantWorker => !!w) : [...workers.values()];
  let results: unknown[] = [];
  if (path === '/_local/clock') results = await Promise.all(targets.map((w) => w.call({ type: 'clock', at: body.at, advanceMs: body.advanceMs })));
  else if (path === '/_local/job' && body.name) results = await Promise.all(targets.map((w) => w.call({ type: 'job', name: body.name!, event: body.event ?? {} })));
  else {
    res.writeHead(404, { 'content-type': 'application/json' });
    return res.end('{"error":"unknown control"}');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, results }));
}

/** POST /_local/ses-event: publishes an SES event for an address to the tenant's ses-events queue (see ses-events.ts). */
async function sesEventControl(req: IncomingMessage, res: ServerResponse, queues: QueueService) {
  const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { tenant?: string; address?: string; type?: string };
  const q = queues.queue(`ses-events-${body.tenant ?? ''}`);
  const type = LOCAL_SES_EVENT_TYPES.find((t) => t === body.type);
  if (!q || !type || typeof body.address !== 'string' || !body.address.includes('@')) {
    res.writeHead(400, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ error: `Send {"tenant": a hosted slug, "address": an email address, "type": one of ${LOCAL_SES_EVENT_TYPES.join(', ')}}` }));
  }
  q.send(sesEventFor(type, body.address));
  const deadline = Date.now() + 10_000;
  while (q.size > 0 && Date.now() < deadline) await q.changed(100);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, pending: q.size, dlq: q.dlq?.size ?? 0 }));
}

/**
 * [reminders] POST /_local/queues {"queue":"email-demo","action":"drain"|"count"|"redrive","timeoutMs"?}:
 * drain waits until the queue is empty (everything consumed or dead-lettered); count reports queue and DLQ sizes.
 */
async function queueControl(req: IncomingMessage, res: ServerResponse, queues: QueueService) {
  const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { queue?: string; action?: string; timeoutMs?: number };
  const q = queues.queue(body.queue ?? '');
  if (!q) {
    res.writeHead(404, { 'content-type': 'application/json' });
    return res.end('{"error":"unknown queue"}');
  }
  let moved = 0;
  if (body.action === 'drain') {
    const deadline = Date.now() + (body.timeoutMs ?? 60_000);
    while (q.size > 0 && Date.now() < deadline) await q.changed(100);
  } else if (body.action === 'redrive') moved = q.redrive();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ size: q.size, dlq: q.dlq?.size ?? 0, moved }));
}
