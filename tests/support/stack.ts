// Test harness: a real local stack (DynamoDB Local + local SES from the global setup, tenant workers running the
// real handlers, the local API server) with fresh tables per test file, plus a cookie-keeping HTTP client.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { keyEnv, newTenantKeys, type TenantKeys } from '../../functions/shared/keyring.js';
import { type TenantConfig, TenantConfigSchema } from '../../functions/shared/tenant-config.js';
import type { ApiShape } from '../../scripts/local/api-server.js';
import type { SeedPlan } from '../../scripts/local/seed.js';
import { readInbox, type StoredEmail } from '../../scripts/local/ses.js';
import { type LocalStack, startLocalStack } from '../../scripts/local/stack.js';
import { freePort } from './global-local-aws.js';

export const demoTenant = (overrides: Partial<TenantConfig> = {}): TenantConfig =>
  TenantConfigSchema.parse({
    slug: 'demo',
    name: 'Northwind Logistics',
    adminEmails: ['hr@northwind.example'],
    coachEmails: ['coach@respite.example'],
    ...overrides,
  });

export interface TestStack extends LocalStack {
  tablePrefix: string;
  tenantKeys: Map<string, TenantKeys>;
  sesEndpoint: string;
  ddbEndpoint: string;
  client: (slug?: string) => ApiClient;
  inbox: (to: string) => Promise<StoredEmail[]>;
  /** The keys each tenant's worker runs with now. */
  keys: (slug?: string) => TenantKeys;
  /** Restarts a tenant's worker with `next` (a rotated keyring): what a redeploy with a new secret version does. */
  rotateKeys: (next: TenantKeys, slug?: string) => Promise<void>;
  /** Signs `email` in through the real code-by-email flow and returns the client holding the session. */
  signIn: (email: string, opts?: { slug?: string; inviteToken?: string; departmentId?: string }) => Promise<ApiClient>;
  /** Moves every tenant's clock (or pins it with `at`). */
  clock: (opts: { at?: string | null; advanceMs?: number }) => Promise<void>;
  runJob: (name: string, event: unknown, slug?: string) => Promise<unknown[]>;
  /** Drains a local queue (delivers until empty) or redrives its dead letters; returns the queue's state after. */
  queue: (name: string, action: 'drain' | 'redrive') => Promise<{ size: number; dlq: number; moved?: number }>;
}

export async function startTestStack(
  opts: {
    tenants?: TenantConfig[];
    seedFor?: (slug: string) => SeedPlan;
    /** A year of synthetic activity released through the real engine, as `npm start` seeds it. */
    seedHistory?: boolean;
    extraEnv?: Record<string, string>;
    /** Restore drills: serve existing tables (prefix) with the keys of an earlier stack. */
    tablePrefix?: string;
    tenantKeys?: Map<string, TenantKeys>;
    /** Event shape the functions get (default 'custom-domain', as in production). */
    apiShape?: ApiShape;
    /** The SES endpoint the functions call (default the local SES; a fault-injecting proxy in front of it). */
    sesEndpoint?: string;
  } = {},
): Promise<TestStack> {
  const ddbEndpoint = inject('ddbEndpoint');
  const sesEndpoint = opts.sesEndpoint ?? inject('sesEndpoint');
  const port = await freePort();
  const tenants = opts.tenants ?? [demoTenant()];
  const tenantKeys = opts.tenantKeys ?? new Map(tenants.map((t) => [t.slug, newTenantKeys()]));
  const tablePrefix = opts.tablePrefix ?? `t${randomBytes(4).toString('hex')}-`;
  const stack = await startLocalStack({
    ddbEndpoint,
    sesEndpoint,
    port,
    tenants,
    tablePrefix,
    keysFor: (slug) => tenantKeys.get(slug)!,
    seedFor: opts.seedFor,
    seedHistory: opts.seedHistory,
    runScheduler: false,
    quietLogs: true,
    extraEnv: opts.extraEnv,
    apiShape: opts.apiShape,
  });
  const client = (slug = tenants[0]!.slug) => new ApiClient(stack.tenantUrl(slug));
  const inbox = async (to: string) => (await readInbox(sesEndpoint)).filter((m) => m.destination.to.includes(to));
  const testStack: TestStack = {
    ...stack,
    tablePrefix,
    tenantKeys,
    sesEndpoint,
    ddbEndpoint,
    client,
    inbox,
    keys: (slug = tenants[0]!.slug) => tenantKeys.get(slug)!,
    rotateKeys: async (next, slug = tenants[0]!.slug) => {
      await stack.restartWithKeys(slug, next);
      tenantKeys.set(slug, next);
    },
    signIn: async (email, o = {}) => {
      const c = client(o.slug);
      const before = (await inbox(email)).length;
      const res = await c.post('/api/account/sign-in', {
        email,
        ...(o.inviteToken ? { inviteToken: o.inviteToken } : {}),
        ...(o.departmentId ? { departmentId: o.departmentId } : {}),
      });
      if (res.status !== 202) throw new Error(`sign-in request failed: ${res.status} ${JSON.stringify(res.body)}`);
      const mails = await inbox(email);
      const code = latestCode(mails.slice(before));
      if (!code) throw new Error(`no code email for ${email}`);
      const verified = await c.post('/api/account/verify', { email, code });
      if (verified.status !== 200)
        throw new Error(`verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
      return c;
    },
    clock: async (o) => {
      await fetch(`${stack.url}/_local/clock`, { method: 'POST', body: JSON.stringify(o) });
    },
    queue: async (name, action) => {
      const res = await fetch(`${stack.url}/_local/queues`, {
        method: 'POST',
        body: JSON.stringify({ queue: name, action }),
      });
      return (await res.json()) as { size: number; dlq: number; moved?: number };
    },
    runJob: async (name, event, slug) => {
      const res = await fetch(`${stack.url}/_local/job`, {
        method: 'POST',
        body: JSON.stringify({ name, event, tenant: slug }),
      });
      return ((await res.json()) as { results: unknown[] }).results;
    },
  };
  return testStack;
}

export function latestCode(mails: StoredEmail[]): string | undefined {
  for (const m of [...mails].reverse()) {
    const match = /\b(\d{6})\b/.exec(m.body.text ?? '');
    if (match) return match[1];
  }
  return undefined;
}

export function latestLink(mails: StoredEmail[]): string | undefined {
  for (const m of [...mails].reverse()) {
    const match = /(https?:\/\/\S+#\/verify\?\S+)/.exec(m.body.text ?? '');
    if (match) return match[1];
  }
  return undefined;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A tiny HTTP client that keeps cookies like a browser would (per client = per device). */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: { headers?: Record<string, string>; raw?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined = opts.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}

/** GET /api/account/me without the session's own timing: what must be equal when the same person signs in again. */
export function accountOf(me: { session?: unknown } & Record<string, unknown>): Record<string, unknown> {
  const { session: _session, ...account } = me;
  return account;
}

/**
 * The environment a deployed function gets (config.ts), pointed at the local emulators: for tests that run handlers
 * in this process against their own table instead of through the local stack.
 */
export function inProcessFunctionEnv(
  table: string,
  tenant: TenantConfig = demoTenant(),
  keys: TenantKeys = newTenantKeys(),
): Record<string, string> {
  return {
    TENANT_ID: tenant.slug,
    TABLE_NAME: table,
    TENANT_CONFIG: JSON.stringify(tenant),
    APP_URL: `http://localhost:3000/t/${tenant.slug}`,
    ...keyEnv(keys),
    EMAIL_FROM: 'no-reply@respite.local',
    DDB_ENDPOINT: inject('ddbEndpoint'),
    SES_ENDPOINT: inject('sesEndpoint'),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'eu-west-1',
  };
}
