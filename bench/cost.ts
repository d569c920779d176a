// Benchmark 6: cost per 1,000 employees per month. Runs one typical employee session through the real handlers
// in-process (DynamoDB Local + local SES), counting every DynamoDB command and the capacity DynamoDB reports
// (capacity units by the on-demand rules, via an SDK middleware) and timing each handler; then scales to a month of typical
// use (two sessions a week, a weekly Monday email, one reminder a week, a sign-in a month) and prices every AWS
// operation from bench/prices.json. Assumptions that are not measured are listed in the output.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { keyEnv, newTenantKeys } from '../functions/shared/keyring.js';
import { DEFAULT_SETTINGS } from '../infra/settings.js';
import { EMAIL_SEND_RATE_PER_INSTANCE } from '../infra/stacks/tenant-stack.js';
import { median, ROOT, readResult, writeResult } from './lib/common.js';
import { startLocalAws } from './lib/local-aws.js';

type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const WEEKS_PER_MONTH = 52 / 12;
const EMPLOYEES = 1000;
const TARGET_USD = 1.5;

interface CallFigures {
  call: string;
  status: number;
  ms: number;
  /** Of ms, time spent waiting for DynamoDB Local (replaced by in-region latency in the model). */
  ddbMs: number;
  requests: number;
  readUnits: number;
  writeUnits: number;
}

function event(method: string, path: string, cookies: string[], body?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    cookies,
    headers:
      body === undefined
        ? { 'user-agent': 'Mozilla/5.0 Chrome/140' }
        : { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Chrome/140' },
    requestContext: {
      accountId: '0',
      apiId: 'cost',
      domainName: 'localhost',
      domainPrefix: 'cost',
      requestId: randomBytes(6).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'Chrome/140' },
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

async function measureUsage() {
  const aws = await startLocalAws();
  try {
    const tenantKeys = newTenantKeys();
    const tableName = `cost-${randomBytes(4).toString('hex')}-demo`;
    Object.assign(process.env, {
      TENANT_ID: 'demo',
      TABLE_NAME: tableName,
      TENANT_CONFIG: JSON.stringify({
        slug: 'demo',
        name: 'Northwind Logistics',
        adminEmails: ['hr@northwind.example'],
        coachEmails: ['coach@respite.example'],
      }),
      APP_URL: 'http://localhost:3000/t/demo',
      ...keyEnv(tenantKeys),
      EMAIL_FROM: 'no-reply@respite.local',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DDB_ENDPOINT: aws.ddbEndpoint,
      SES_ENDPOINT: aws.sesEndpoint,
    });
    const { setLogSink } = await import('../functions/shared/log.js');
    setLogSink(() => undefined, 'error');
    const { runtime } = await import('../functions/shared/runtime.js');
    const contexts = await import('../functions/contexts.js');
    const { ensureTable, localDynamoClient } = await import('../scripts/local/dynamodb.js');
    const { DEMO_SEED, seedTenant } = await import('../scripts/local/seed.js');
    const { TenantConfigSchema } = await import('../functions/shared/tenant-config.js');
    const { readInbox } = await import('../scripts/local/ses.js');
    const { MODULES } = await import('../functions/domain/programme/content/all-modules.js');
    await ensureTable(localDynamoClient(aws.ddbEndpoint), tableName);
    await seedTenant(
      (await runtime()).db,
      TenantConfigSchema.parse(JSON.parse(process.env.TENANT_CONFIG!)),
      tenantKeys,
      DEMO_SEED,
    );

    const tally = { requests: 0, readUnits: 0, writeUnits: 0, ddbMs: 0 };
    (await runtime()).db.intercept(async (command, send) => {
      {
        tally.requests += 1;
        const name = command.name;
        const isRead = /Get|Query/.test(name);
        const started = performance.now();
        const out = await send();
        tally.ddbMs += performance.now() - started;
        // DynamoDB Local's ConsumedCapacity under-reports transactions, so apply the on-demand rules for small items:
        // a read ≤ 4 KB is 0.5 unit (1 if strongly consistent), a write ≤ 1 KB is 1, each transaction item costs 2.
        const input = command.input as { ConsistentRead?: boolean; TransactItems?: unknown[] };
        const units = isRead
          ? input.ConsistentRead
            ? 1
            : 0.5
          : /Transact/.test(name)
            ? 2 * (input.TransactItems?.length ?? 1)
            : 1;
        if (isRead) tally.readUnits += units;
        else tally.writeUnits += units;
        return out;
      }
    });

    const handlers = new Map<string, Handler>();
    for (const c of contexts.HTTP_CONTEXTS)
      handlers.set(
        c.name,
        ((await import(pathToFileURL(resolve(ROOT, 'functions', c.entry)).href)) as { handler: Handler }).handler,
      );
    const ctx = {
      awsRequestId: 'cost',
      functionName: 'cost',
      getRemainingTimeInMillis: () => 30_000,
    } as unknown as Context;
    const calls: CallFigures[] = [];
    const call = async (method: string, path: string, cookies: string[], body?: unknown) => {
      const context = contexts.contextForPath(path);
      if (!context) return undefined; // a context not built yet: skipped, and listed as such
      const before = { ...tally };
      const t = performance.now();
      const res = await handlers.get(context.name)!(event(method, path, cookies, body), ctx);
      calls.push({
        call: `${method} ${path.replace(/probe[^/]*|[A-Za-z0-9_-]{20,}/g, ':id')}`,
        status: res.statusCode ?? 200,
        ms: performance.now() - t,
        ddbMs: tally.ddbMs - before.ddbMs,
        requests: tally.requests - before.requests,
        readUnits: tally.readUnits - before.readUnits,
        writeUnits: tally.writeUnits - before.writeUnits,
      });
      return res;
    };
    const signIn = async (email: string, extra: Record<string, string> = {}) => {
      await call('POST', '/api/account/sign-in', [], { email, ...extra });
      const mails = (await readInbox(aws.sesEndpoint)).filter((m) => m.destination.to.includes(email));
      const code = /\b(\d{6})\b/.exec(mails.at(-1)?.body.text ?? '')?.[1];
      const res = await call('POST', '/api/account/verify', [], { email, code });
      return (res?.cookies ?? []).map((c) => c.split(';')[0]!);
    };

    const hr = await signIn('hr@northwind.example');
    const inviteToken = JSON.parse((await call('GET', '/api/account/invite-link', hr))?.body ?? '{}').token;
    calls.length = 0;
    const cookies = await signIn('cost.employee@example.org', { inviteToken, departmentId: 'warehouse' });
    const signInCalls = calls.splice(0);

    // Warm-up session (first invocation of each module is not typical), then the measured one.
    const m = MODULES[0]!;
    const sections = (m as unknown as { sections: { id: string }[] }).sections.map((s) => s.id);
    const session = async (n: number) => {
      await call('GET', '/api/account/me', cookies);
      await call('GET', '/api/account/org', cookies);
      await call('GET', '/api/programme/course', cookies);
      await call('GET', '/api/reminders/preferences', cookies);
      await call('GET', `/api/programme/modules/${m.id}`, cookies);
      await call('POST', `/api/programme/modules/${m.id}/start`, cookies);
      await call('PUT', `/api/programme/modules/${m.id}/position`, cookies, {
        sectionId: sections[1] ?? sections[0],
        doneSectionId: sections[0],
      });
      await call('PUT', `/api/programme/modules/${m.id}/sections/${sections[0]}/answers`, cookies, { answers: {} });
      await call('PUT', `/api/programme/modules/${m.id}/position`, cookies, {
        sectionId: sections[2] ?? sections[0],
        doneSectionId: sections[1] ?? sections[0],
      });
      await call('POST', '/api/programme/diary', cookies, {
        entryId: `probe-diary-${n}-${randomBytes(4).toString('hex')}`,
        entry: { kind: 'stress', situation: 'A busy morning with lots of calls', stress: 6 },
      });
      await call('GET', '/api/programme/diary', cookies);
      await call('GET', '/api/coaching/thread', cookies);
    };
    await session(0);
    const measured: CallFigures[][] = [];
    for (let i = 1; i <= 3; i++) {
      calls.length = 0;
      await session(i);
      measured.push(calls.splice(0));
    }
    // Per call: the median duration of the three measured sessions; counts are the same each time.
    const med = (i: number, k: 'ms' | 'ddbMs') => Math.round(median(measured.map((m) => m[i]?.[k] ?? 0)) * 100) / 100;
    const sessionCalls = measured[0]!.map((c, i) => ({ ...c, ms: med(i, 'ms'), ddbMs: med(i, 'ddbMs') }));
    return { signInCalls, sessionCalls };
  } finally {
    aws.stop();
  }
}

function memoryMb(): number {
  try {
    const src = readFileSync(resolve(ROOT, 'infra/constructs/tenant-function.ts'), 'utf8');
    return Number(/memorySize \?\? (\d+)/.exec(src)?.[1] ?? 512);
  } catch {
    return 512;
  }
}

async function main() {
  const prices = JSON.parse(readFileSync(resolve(ROOT, 'bench/prices.json'), 'utf8'));
  const usage = await measureUsage();
  const cold = readResult<{ functions: { netMs: number }[] }>('cold-start');
  const fanout = readResult<Record<string, unknown>>('monday-fanout');
  const contexts = await import('../functions/contexts.js');
  const mem = memoryMb() / 1024;

  const sessionsPerMonth = 2 * WEEKS_PER_MONTH;
  const emailsPerMonth = 2 * WEEKS_PER_MONTH + 1; // Monday message + reminder weekly, sign-in code monthly
  const signInsPerMonth = 1; // the employee session lasts 30 days at most
  const sum = (xs: CallFigures[], k: keyof CallFigures) => xs.reduce((s, x) => s + (x[k] as number), 0);
  const s = usage.sessionCalls;
  const si = usage.signInCalls;
  // Lambda time per call: the handler's own time here minus its wait on DynamoDB Local (slow on a shared 2-core host),
  // plus DYNAMO_MS per request for real in-region DynamoDB. Cold starts: the init phase is billed (since Aug 2025), so
  // every distinct function a session touches adds its measured import time (bench/cold-start.ts, net of Node's own
  // start-up) — the worst case of a function idle long enough to be recycled between sessions.
  const DYNAMO_MS = 10;
  const callMs = (c: CallFigures) => Math.max(1, c.ms - c.ddbMs + DYNAMO_MS * c.requests);
  const functionsPerSession = new Set(s.map((c) => contexts.contextForPath(c.call.split(' ')[1]!)?.name)).size;
  const coldMs = cold ? Math.max(0, median(cold.functions.map((f) => f.netMs))) : 800;
  const apiCalls = sessionsPerMonth * s.length + signInsPerMonth * si.length;
  const lambdaMs =
    sessionsPerMonth * (s.reduce((t, c) => t + callMs(c), 0) + functionsPerSession * coldMs) +
    signInsPerMonth * si.reduce((t, c) => t + callMs(c), 0);
  // Email pipeline per email, from bench/monday-fanout.ts when it has run: DynamoDB calls by operation per recipient
  // (conditional ledger PutItem + schedule UpdateItem are writes; BatchGetItem/Query reads ~3 small items per
  // recipient), SQS send per recipient plus the event source mapping's receive + delete per batch of 10. The sender's
  // billed time is paced by the rate limiter: 1,000 / EMAIL_SEND_RATE ms per email at most.
  const fanoutRun = (
    fanout?.results as
      | { n: number; ddbCallsByOperation: Record<string, number>; sqsCallsPerRecipient: number }[]
      | undefined
  )?.[0];
  // Operation names as the fan-out benchmark records them (lib-dynamodb command names without "Command": Put, Update…).
  const perRecipient = (op: string) => (fanoutRun ? (fanoutRun.ddbCallsByOperation[op] ?? 0) / fanoutRun.n : 0);
  const perEmail = fanoutRun
    ? {
        lambdaMs: 1000 / EMAIL_SEND_RATE_PER_INSTANCE,
        sqs: fanoutRun.sqsCallsPerRecipient + 0.2,
        writeUnits: perRecipient('Put') + perRecipient('Update'),
        readUnits: 1.5,
        measured: true,
      }
    : { lambdaMs: 1000 / EMAIL_SEND_RATE_PER_INSTANCE, sqs: 3, writeUnits: 4, readUnits: 2, measured: false };
  const scheduledPerTenant = contexts.SCHEDULED_JOBS.reduce(
    (n, j) => n + (30 * 24 * 3600 * 1000) / rateToMs(j.schedule),
    0,
  );
  const scheduledLambdaMs = 200; // a tick that finds little to do
  const tracingOn = DEFAULT_SETTINGS.tracing === 'active';
  const perEmployee = {
    apiCalls,
    lambdaGbSeconds: ((lambdaMs + emailsPerMonth * perEmail.lambdaMs) / 1000) * mem,
    lambdaInvocations: apiCalls + emailsPerMonth,
    readUnits:
      sessionsPerMonth * sum(s, 'readUnits') +
      signInsPerMonth * sum(si, 'readUnits') +
      emailsPerMonth * perEmail.readUnits,
    writeUnits:
      sessionsPerMonth * sum(s, 'writeUnits') +
      signInsPerMonth * sum(si, 'writeUnits') +
      emailsPerMonth * perEmail.writeUnits,
    emails: emailsPerMonth,
    sqsRequests: emailsPerMonth * perEmail.sqs,
    logGb: ((apiCalls + emailsPerMonth) * 1024) / 1024 ** 3, // ~1 KB of JSON log lines per invocation (request line + platform lines)
    storageGb: 50 / 1024 / 1024, // ~50 KB per person (profile, progress, diaries, sessions)
    webRequests: sessionsPerMonth * 3, // index.html + 2 uncached chunks; hashed assets are cached a year
    webGb: (sessionsPerMonth * 30 * 1024) / 1024 ** 3,
  };
  const n = EMPLOYEES;
  const lines = [
    {
      item: 'API Gateway HTTP API requests',
      quantity: perEmployee.apiCalls * n,
      usd: (perEmployee.apiCalls * n * prices.httpApiPerMillionRequests) / 1e6,
    },
    {
      item: 'Lambda requests',
      quantity: perEmployee.lambdaInvocations * n,
      usd: (perEmployee.lambdaInvocations * n * prices.lambdaPerMillionRequests) / 1e6,
    },
    {
      item: `Lambda compute (arm64, ${memoryMb()} MB), GB-s`,
      quantity: perEmployee.lambdaGbSeconds * n,
      usd: perEmployee.lambdaGbSeconds * n * prices.lambdaArmPerGbSecond,
    },
    {
      item: 'DynamoDB on-demand read units',
      quantity: perEmployee.readUnits * n,
      usd: (perEmployee.readUnits * n * prices.dynamoOnDemandPerMillionReadUnits) / 1e6,
    },
    {
      item: 'DynamoDB on-demand write units',
      quantity: perEmployee.writeUnits * n,
      usd: (perEmployee.writeUnits * n * prices.dynamoOnDemandPerMillionWriteUnits) / 1e6,
    },
    {
      item: 'DynamoDB storage, GB-month',
      quantity: perEmployee.storageGb * n,
      usd: perEmployee.storageGb * n * prices.dynamoStoragePerGbMonth,
    },
    {
      item: 'SES emails',
      quantity: perEmployee.emails * n,
      usd: (perEmployee.emails * n * prices.sesPerThousandEmails) / 1000,
    },
    {
      item: 'SQS requests',
      quantity: perEmployee.sqsRequests * n,
      usd: (perEmployee.sqsRequests * n * prices.sqsPerMillionRequests) / 1e6,
    },
    {
      item: `Scheduler invocations (${contexts.SCHEDULED_JOBS.length} jobs, per tenant)`,
      quantity: scheduledPerTenant,
      usd:
        (scheduledPerTenant * prices.schedulerPerMillionInvocations) / 1e6 +
        (scheduledPerTenant * prices.lambdaPerMillionRequests) / 1e6 +
        ((scheduledPerTenant * scheduledLambdaMs) / 1000) * mem * prices.lambdaArmPerGbSecond,
    },
    {
      item: 'CloudWatch Logs ingest + 1 month storage, GB',
      quantity: perEmployee.logGb * n,
      usd: perEmployee.logGb * n * (prices.cloudwatchLogsIngestPerGb + prices.cloudwatchLogsStoragePerGbMonth),
    },
    {
      item: `X-Ray traces (tracing ${tracingOn ? 'on' : 'off by default; on would record ~every invocation'})`,
      quantity: tracingOn ? perEmployee.lambdaInvocations * n : 0,
      usd: tracingOn ? (perEmployee.lambdaInvocations * n * prices.xrayPerMillionTracesRecorded) / 1e6 : 0,
    },
    {
      item: 'CloudFront requests + transfer (web app)',
      quantity: perEmployee.webRequests * n,
      usd:
        (perEmployee.webRequests * n * prices.cloudfrontPerMillionHttpsRequests) / 1e6 +
        perEmployee.webGb * n * prices.cloudfrontPerGbTransfer,
    },
  ].map((l) => ({ ...l, quantity: Math.round(l.quantity * 100) / 100, usd: Math.round(l.usd * 10000) / 10000 }));
  const total = Math.round(lines.reduce((t, l) => t + l.usd, 0) * 1000) / 1000;
  writeResult('cost', {
    prices: { region: prices.region, priceDate: prices.priceDate },
    model: {
      employees: n,
      sessionsPerMonth,
      emailsPerMonth,
      signInsPerMonth,
      memoryMb: memoryMb(),
      dynamoMsPerRequest: DYNAMO_MS,
      coldStartMsPerFunction: Math.round(coldMs),
      functionsPerSession,
      perEmail,
      scheduledLambdaMs,
      tracing: DEFAULT_SETTINGS.tracing,
      xrayIfOnUsd:
        Math.round(((perEmployee.lambdaInvocations * n * prices.xrayPerMillionTracesRecorded) / 1e6) * 1000) / 1000,
    },
    usage,
    perEmployee,
    lines,
    totalUsdPer1000: total,
    target: TARGET_USD,
    fanoutMeasured: Boolean(fanout),
  });
  console.table(usage.sessionCalls);
  console.table(lines);
  console.log(`total per ${n} employees per month: $${total}`);
}

function rateToMs(expr: string): number {
  const m = /rate\((\d+) (minute|minutes|hour|hours|day|days)\)/.exec(expr);
  if (!m) return 3600_000;
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3600_000 : 86_400_000;
  return Number(m[1]) * unit;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  process.exit(0);
}
