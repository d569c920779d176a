// Composes the local stack for one or more organisations: tables, seed, one worker per tenant, the API server and
// the scheduler. Used by `npm start` and by the integration/e2e tests (with their own ports and table names).

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../../functions/contexts.js';
import { makeDocumentClient } from '../../functions/shared/clients.js';
import { Db } from '../../functions/shared/db.js';
import { keyEnv, type TenantKeys } from '../../functions/shared/keyring.js';
import { tableNameFor } from '../../functions/shared/table-design.js';
import { type TenantConfig, TenantConfigSchema } from '../../functions/shared/tenant-config.js';
import { rateToMs } from '../../functions/shared/tick.js';
import { type ApiShape, startApiServer, TenantWorker } from './api-server.js';
import { type AsyncOutcome, invokeAsync, type OnFailureRecord } from './async-invoke.js';
import { seedDemoHistory } from './demo-history.js';
import { ensureTable, localDynamoClient } from './dynamodb.js';
import { type LocalQueue, type QueueService, startPoller, startQueueService } from './queue.js';
import { DEMO_SEED, MINIMAL_SEED, type SeedPlan, seedTenant } from './seed.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function loadTenantFiles(dir = resolve(ROOT, 'tenants')): TenantConfig[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = TenantConfigSchema.safeParse(JSON.parse(readFileSync(resolve(dir, f), 'utf8')));
      if (!parsed.success)
        throw new Error(
          `tenants/${f} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      if (`${parsed.data.slug}.json` !== f)
        throw new Error(`tenants/${f}: slug "${parsed.data.slug}" must match the file name`);
      return parsed.data;
    });
}

export interface LocalStackOptions {
  ddbEndpoint: string;
  sesEndpoint: string;
  port: number;
  tenants: TenantConfig[];
  /** Table name prefix; tests use a random one so files do not share data. */
  tablePrefix: string;
  /** Keys per tenant (pseudonymisation key + signing keyring): fixed in dev (sessions survive restarts), random in tests. */
  keysFor: (slug: string) => TenantKeys;
  seedFor?: (slug: string) => SeedPlan;
  /** Seed a year of synthetic activity, released through the real engine, where an organisation has none (npm start). */
  seedHistory?: boolean;
  /** Fire scheduled jobs on their real-time slots (npm start); tests fire them explicitly. */
  runScheduler: boolean;
  quietLogs?: boolean;
  extraEnv?: Record<string, string>;
  onEvent?: (message: string) => void;
  /** Event shape the functions get; default 'custom-domain', as in AWS (see api-server.ts). */
  apiShape?: ApiShape;
}

export interface LocalStack {
  url: string;
  tenantUrl: (slug: string) => string;
  tableName: (slug: string) => string;
  workers: Map<string, TenantWorker>;
  db: (slug: string) => Db;
  /** The local SQS endpoint; queues are "<queue>-<slug>" (e.g. email-demo) with "-dlq" beside each. */
  queues: QueueService;
  /** Scheduled jobs invoked as EventBridge Scheduler does (asynchronously, with Lambda's retries and on-failure queue). */
  jobs: LocalJobs;
  /** Restarts a tenant's worker with new keys (a rotation, as a redeploy delivers it): the next request is a cold start. */
  restartWithKeys: (slug: string, keys: TenantKeys) => Promise<void>;
  /** Restarts a tenant's worker with a changed tenants/<slug>.json (a redeploy with new config); the table stays. */
  restartWithTenant: (tenant: TenantConfig) => Promise<void>;
  stop: () => Promise<void>;
}

export interface LocalJobs {
  /** One scheduler slot: invokes the job asynchronously for each tenant (or one); resolves when retries are done. */
  fire: (name: string, scheduledTime: string, slug?: string) => Promise<AsyncOutcome[]>;
  /** The job's on-failure queue for a tenant: `<job>-<slug>-dlq` (in AWS `respite-<slug>-<job>-dlq`). */
  failures: (name: string, slug: string) => LocalQueue;
  /** Invokes the job again (asynchronously) with the request of every record in its on-failure queue. */
  redrive: (name: string, slug: string) => Promise<{ moved: number; failedAgain: number }>;
}

export const jobFailureQueueName = (job: string, slug: string) => `${job}-${slug}-dlq`;

export function envFor(opts: LocalStackOptions, tenant: TenantConfig): Record<string, string> {
  return {
    TENANT_ID: tenant.slug,
    TABLE_NAME: tableNameFor(opts.tablePrefix, tenant.slug),
    TENANT_CONFIG: JSON.stringify(tenant),
    APP_URL: `http://localhost:${opts.port}/t/${tenant.slug}`,
    ...keyEnv(opts.keysFor(tenant.slug)),
    EMAIL_FROM: 'no-reply@respite.local',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DDB_ENDPOINT: opts.ddbEndpoint,
    SES_ENDPOINT: opts.sesEndpoint,
    LOCAL_QUIET_LOGS: opts.quietLogs ? '1' : '0',
    // every answer is checked against its contract schema here (never in AWS): see checkResponse in http.ts
    CHECK_RESPONSES: '1',
    ...(opts.extraEnv ?? {}),
  };
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const say = opts.onEvent ?? (() => undefined);
  const raw = localDynamoClient(opts.ddbEndpoint);
  const dbs = new Map<string, Db>();
  for (const tenant of opts.tenants) {
    const tableName = tableNameFor(opts.tablePrefix, tenant.slug);
    const created = await ensureTable(raw, tableName);
    const db = new Db(makeDocumentClient({ region: 'eu-west-1', ddbEndpoint: opts.ddbEndpoint }), tableName);
    dbs.set(tenant.slug, db);
    const plan = opts.seedFor?.(tenant.slug) ?? (tenant.slug === 'demo' ? DEMO_SEED : MINIMAL_SEED);
    await seedTenant(db, tenant, opts.keysFor(tenant.slug), plan);
    say(`${created ? 'created' : 'reused'} table ${tableName} and seeded ${tenant.slug}`);
    if (opts.seedHistory) say(`${tenant.slug}: ${await seedDemoHistory(db, tenant.slug, tenant.epsilonPerYear)}`);
  }

  // Local SQS-compatible queues (one per consumer per tenant, each with a DLQ) and their pollers.
  // LOCAL_QUEUE_* in extraEnv tune them for tests (visibility timeout, injected redelivery).
  const qEnv = opts.extraEnv ?? {};
  const queues = await startQueueService(0, {
    visibilityTimeoutMs: Number(qEnv.LOCAL_QUEUE_VISIBILITY_MS ?? 2_000),
    redeliveryRate: Number(qEnv.LOCAL_QUEUE_REDELIVERY_RATE ?? 0),
    settleWaitMs: Number(qEnv.LOCAL_QUEUE_SETTLE_WAIT_MS ?? 10_000),
    maxReceiveCount: Number(qEnv.LOCAL_QUEUE_MAX_RECEIVE_COUNT ?? 5),
  });
  for (const tenant of opts.tenants) for (const c of QUEUE_CONSUMERS) queues.create(`${c.queue}-${tenant.slug}`);
  const queueEnv = (slug: string) => ({
    SQS_ENDPOINT: queues.endpoint,
    EMAIL_QUEUE_URL: queues.queueUrl(`email-${slug}`),
  });

  const workers = new Map<string, TenantWorker>();
  for (const tenant of opts.tenants)
    workers.set(tenant.slug, new TenantWorker(tenant.slug, { ...envFor(opts, tenant), ...queueEnv(tenant.slug) }));
  await Promise.all([...workers.values()].map((w) => w.ready));
  say(`started ${workers.size} tenant worker(s)`);
  const pollers = [...workers.values()].flatMap((w) =>
    QUEUE_CONSUMERS.map((c) =>
      startPoller({
        queue: queues.queue(`${c.queue}-${w.slug}`)!,
        batchSize: c.batchSize,
        invoke: (event) => w.call({ type: 'queue', name: c.name, event }),
        onError: (m) => say(`queue consumer ${c.name} failed for ${w.slug}: ${m}`),
      }),
    ),
  );

  // Scheduled jobs: asynchronous invocation with Lambda's retries; what still fails goes to the job's on-failure queue.
  // LOCAL_ASYNC_RETRY_DELAY_MS (tests) shortens the wait before the first retry (AWS: about a minute).
  const retryDelayMs = Number(qEnv.LOCAL_ASYNC_RETRY_DELAY_MS ?? 60_000);
  for (const tenant of opts.tenants)
    for (const j of SCHEDULED_JOBS) queues.createDestination(jobFailureQueueName(j.name, tenant.slug));
  const invokeJob = (w: TenantWorker, name: string, event: unknown) =>
    invokeAsync({
      invoke: (e) => w.call({ type: 'job', name, event: e }),
      event,
      functionArn: `arn:aws:lambda:local:000000000000:function:respite-${w.slug}-${name}`,
      onFailure: jobs.failures(name, w.slug),
      retryDelayMs,
    });
  const jobs: LocalJobs = {
    fire: async (name, scheduledTime, slug) => {
      if (!SCHEDULED_JOBS.some((j) => j.name === name)) throw new Error(`No scheduled job named ${name}`);
      const targets = [...workers.values()].filter((w) => !slug || w.slug === slug);
      return Promise.all(targets.map((w) => invokeJob(w, name, { scheduledTime })));
    },
    failures: (name, slug) => {
      const q = queues.queue(jobFailureQueueName(name, slug));
      if (!q) throw new Error(`No on-failure queue for job ${name} of ${slug}`);
      return q;
    },
    redrive: async (name, slug) => {
      const w = workers.get(slug);
      if (!w) throw new Error(`No tenant ${slug}`);
      const records = jobs
        .failures(name, slug)
        .purge()
        .map((body) => JSON.parse(body) as OnFailureRecord);
      const outcomes = await Promise.all(records.map((r) => invokeJob(w, name, r.requestPayload)));
      return { moved: records.length, failedAgain: outcomes.filter((o) => !o.ok).length };
    },
  };

  const server = await startApiServer({
    port: opts.port,
    workers,
    webDist: resolve(ROOT, 'web/dist'),
    localControl: true,
    queues,
    jobs,
    apiShape: opts.apiShape,
  });
  const stopScheduler = opts.runScheduler ? startScheduler(jobs, say) : () => undefined;

  return {
    url: server.url,
    tenantUrl: (slug) => `${server.url}/t/${slug}`,
    tableName: (slug) => tableNameFor(opts.tablePrefix, slug),
    workers,
    db: (slug) => dbs.get(slug)!,
    queues,
    jobs,
    restartWithKeys: async (slug, keys) => {
      const worker = workers.get(slug);
      if (!worker) throw new Error(`No tenant ${slug}`);
      await worker.restart(keyEnv(keys));
    },
    restartWithTenant: async (tenant) => {
      const worker = workers.get(tenant.slug);
      if (!worker) throw new Error(`No tenant ${tenant.slug}`);
      await worker.restart({ TENANT_CONFIG: JSON.stringify(tenant) });
    },
    stop: async () => {
      stopScheduler();
      for (const p of pollers) p.stop();
      await queues.close();
      await server.close();
      await Promise.all([...workers.values()].map((w) => w.stop()));
    },
  };
}

/** Fires every scheduled job at its slot boundaries (e.g. :00, :15, :30, :45), like EventBridge Scheduler. */
function startScheduler(jobs: LocalJobs, say: (m: string) => void): () => void {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const arm = (job: (typeof SCHEDULED_JOBS)[number], every: number) => {
    const next = Math.ceil((Date.now() + 1) / every) * every;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      // Asynchronous, as in AWS: the next slot does not wait for this one (the job lease keeps runs apart).
      void jobs.fire(job.name, new Date(next).toISOString()).then((outcomes) => {
        for (const o of outcomes)
          if (!o.ok) say(`job ${job.name} failed ${o.attempts} times and went to its on-failure queue: ${o.error}`);
      });
      arm(job, every);
    }, next - Date.now());
    timer.unref();
    timers.add(timer);
  };
  for (const job of SCHEDULED_JOBS) arm(job, rateToMs(job.schedule));
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
