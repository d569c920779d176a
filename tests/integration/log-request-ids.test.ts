// Every log line carries the id of the invocation that wrote it, whatever the trigger: each HTTP context (a routed
// request, a 404, an unexpected error), each scheduled job (a tick, a bad tick) and each queue consumer. The ids come
// from the wrappers (withInvocation in functions/shared/log.ts); no log call can leave them out.
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { beforeAll, expect, inject, it } from 'vitest';
import { HTTP_CONTEXTS, QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../../functions/contexts.js';
import { setLogSink } from '../../functions/shared/log.js';
import { runtime } from '../../functions/shared/runtime.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { apiEvent } from '../support/events.js';
import { inProcessFunctionEnv } from '../support/stack.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const functionsRoot = new URL('../../functions/', import.meta.url);
const load = async (entry: string) =>
  ((await import(/* @vite-ignore */ new URL(entry, functionsRoot).href)) as { handler: Handler }).handler;

const lines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const table = `ids-${randomBytes(4).toString('hex')}`;
  await ensureTable(localDynamoClient(inject('ddbEndpoint')), table);
  Object.assign(process.env, inProcessFunctionEnv(table));
  setLogSink((l) => lines.push(JSON.parse(l)), 'debug');
});

let n = 0;
/** Invokes and returns the lines written, after checking each carries this invocation's id. */
async function invoke(handler: Handler, event: unknown, opts: { apiRequestId?: string } = {}) {
  const awsRequestId = `aws-${++n}`;
  const from = lines.length;
  await handler(event, { awsRequestId, getRemainingTimeInMillis: () => 30_000 } as unknown as Context).catch(
    () => undefined, // a failing job or request still logs with its id; that is what is checked
  );
  const written = lines.slice(from);
  expect(written.length, `no line written for ${JSON.stringify(event).slice(0, 80)}`).toBeGreaterThan(0);
  for (const l of written) expect(l.requestId, JSON.stringify(l)).toBe(opts.apiRequestId ?? awsRequestId);
  return written;
}

it('HTTP: every line of a request carries API Gateway’s request id (routed, not found, unexpected error)', async () => {
  for (const c of HTTP_CONTEXTS) {
    const handler = await load(c.entry);
    const event = apiEvent({ method: 'GET', path: `${c.prefix}/no-such-thing` });
    const written = await invoke(handler, event, { apiRequestId: event.requestContext.requestId });
    expect(written.find((l) => l.event === 'http')).toMatchObject({ status: 404 });
  }
  const enrolment = await load('enrolment/http.ts');
  const ok = apiEvent({ method: 'POST', path: '/api/account/sign-in', body: { email: 'someone@example.org' } });
  expect(await invoke(enrolment, ok, { apiRequestId: ok.requestContext.requestId })).toContainEqual(
    expect.objectContaining({ event: 'http', status: 202 }),
  );
  // an unexpected error (DynamoDB down) is logged as unhandled_error, with the id
  const undo = (await runtime()).db.intercept(async () => {
    throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
  });
  try {
    const failing = apiEvent({ method: 'POST', path: '/api/account/sign-in', body: { email: 'other@example.org' } });
    const written = await invoke(enrolment, failing, { apiRequestId: failing.requestContext.requestId });
    expect(written.map((l) => l.event)).toEqual(['unhandled_error', 'http']);
  } finally {
    undo();
  }
});

it('jobs: every line carries Lambda’s request id, the job and the slot', async () => {
  for (const j of SCHEDULED_JOBS) {
    const handler = await load(j.entry);
    const scheduledTime = '2027-01-05T09:00:00.000Z';
    const undo = (await runtime()).db.intercept(async (command, send) => {
      // the job fails after taking its lease, so it is sure to write a line (job_failed)
      if (!/Update/.test(command.name) || !JSON.stringify(command.input).includes('JOB#')) throw new Error('injected');
      return send();
    });
    try {
      const written = await invoke(handler, { scheduledTime });
      for (const l of written) expect(l).toMatchObject({ job: j.name, slot: scheduledTime });
    } finally {
      undo();
    }
    expect(await invoke(handler, { scheduledTime: 'yesterday' })).toEqual([
      expect.objectContaining({ event: 'job_tick_invalid', kind: j.name, job: j.name }),
    ]);
  }
});

it('queue consumers: every line carries Lambda’s request id', async () => {
  for (const q of QUEUE_CONSUMERS) {
    const handler = await load(q.entry);
    const written = await invoke(handler, { Records: [{ messageId: 'm0', body: 'not json' }] });
    expect(written.map((l) => l.event)).toEqual(['queue_record_invalid', 'queue']);
  }
});
