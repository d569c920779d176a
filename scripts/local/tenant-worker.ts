// One worker thread per tenant = that tenant's Lambda environment: its own env (TENANT_ID, TABLE_NAME, …) and its
// own module scope, running the *same* handler modules the TenantStack deploys (functions/contexts.ts).
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HTTP_CONTEXTS, QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../../functions/contexts.js';
import { advanceClock, setClock } from '../../functions/shared/clock.js';
import { setLogSink } from '../../functions/shared/log.js';

export type WorkerRequest =
  | { id: number; type: 'http'; context: string; event: APIGatewayProxyEventV2 }
  | { id: number; type: 'job'; name: string; event: unknown }
  | { id: number; type: 'queue'; name: string; event: unknown }
  | { id: number; type: 'clock'; at?: string | null; advanceMs?: number };

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

const functionsRoot = new URL('../../functions/', import.meta.url);
const load = async (entry: string): Promise<AnyHandler> =>
  ((await import(new URL(entry, functionsRoot).href)) as { handler: AnyHandler }).handler;

const httpHandlers = new Map<string, AnyHandler>();
const jobHandlers = new Map<string, AnyHandler>();
const queueHandlers = new Map<string, AnyHandler>();

if (process.env.LOCAL_QUIET_LOGS === '1') setLogSink(() => undefined, 'error');

for (const c of HTTP_CONTEXTS) httpHandlers.set(c.name, await load(c.entry));
for (const j of SCHEDULED_JOBS) jobHandlers.set(j.name, await load(j.entry));
for (const q of QUEUE_CONSUMERS) queueHandlers.set(q.name, await load(q.entry));

// Request ids are unique across worker restarts, as Lambda's are (a job's lease is held by its request id).
const boot = randomUUID().slice(0, 8);
let invocation = 0;
function lambdaContext(functionName: string): Context {
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `local-${process.env.TENANT_ID}-${boot}-${invocation}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function pick(map: Map<string, AnyHandler>, name: string): AnyHandler {
  const h = map.get(name);
  if (!h) throw new Error(`No handler named ${name}`);
  return h;
}

parentPort!.on('message', async (msg: WorkerRequest) => {
  try {
    let result: unknown;
    if (msg.type === 'http') result = await pick(httpHandlers, msg.context)(msg.event, lambdaContext(msg.context));
    else if (msg.type === 'job') result = await pick(jobHandlers, msg.name)(msg.event, lambdaContext(msg.name));
    else if (msg.type === 'queue') result = await pick(queueHandlers, msg.name)(msg.event, lambdaContext(msg.name));
    else {
      if (msg.at !== undefined) setClock(msg.at === null ? undefined : new Date(msg.at));
      if (msg.advanceMs) advanceClock(msg.advanceMs);
      result = null;
    }
    parentPort!.postMessage({ id: msg.id, ok: true, result } satisfies WorkerReply);
  } catch (err) {
    parentPort!.postMessage({
      id: msg.id,
      ok: false,
      error: err instanceof Error ? err.message : String(err),
    } satisfies WorkerReply);
  }
});

parentPort!.postMessage({ id: 0, ok: true, result: 'ready' } satisfies WorkerReply);
