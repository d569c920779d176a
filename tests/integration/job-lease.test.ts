// Every scheduled job runs under its lease (functions/shared/tick.ts), against DynamoDB Local. For each job in the
// registry, an overlapping run is injected: run A takes the lease and is held just before it gives the lease back
// (the fault: its release write waits on a gate), and while A is still in flight
//   - a second invocation for the same slot does nothing and succeeds (A is doing that slot),
//   - an invocation for the next slot throws JobBusyError (Lambda retries it; then the on-failure queue),
// and once A has finished the next slot runs. Plus: an expired lease is taken over, a retry of a run that timed out
// (same request id) takes its own lease back, a job that throws gives the lease back, and a bad tick is refused.
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { SCHEDULED_JOBS } from '../../functions/contexts.js';
import { type Key, keys } from '../../functions/domain/keys.js';
import { Db } from '../../functions/shared/db.js';
import { setLogSink } from '../../functions/shared/log.js';
import { runtime } from '../../functions/shared/runtime.js';
import { JobBusyError, type LeaseHeld, rateToMs, scheduledJob } from '../../functions/shared/tick.js';
import * as z from '../../functions/shared/zod.js';
import { ensureTable, localDynamoClient } from '../../scripts/local/dynamodb.js';
import { inProcessFunctionEnv } from '../support/stack.js';

type JobHandler = (event: unknown, context?: Context) => Promise<unknown>;
const functionsRoot = new URL('../../functions/', import.meta.url);
const ctx = (awsRequestId: string) => ({ awsRequestId, getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;
const LeaseItem = z.object({
  holder: z.optional(z.string()),
  slot: z.optional(z.string()),
  leaseUntil: z.optional(z.number()),
  lastSlot: z.optional(z.string()),
});
const sameKey = (a: Key, b: Key) => a.pk === b.pk && a.sk === b.sk;

let db: Db;

beforeAll(async () => {
  const table = `lease-${randomBytes(4).toString('hex')}`;
  await ensureTable(localDynamoClient(inject('ddbEndpoint')), table);
  Object.assign(process.env, inProcessFunctionEnv(table));
  setLogSink(() => undefined, 'error');
  db = (await runtime()).db;
});

afterAll(() => vi.restoreAllMocks());

/** Holds the next release of `lease` until the returned `open` is called; `reached` resolves when it is waiting. */
function holdRelease(lease: Key) {
  const original = Db.prototype.updateIf;
  let open!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const waiting = new Promise<void>((r) => (reached = r));
  const spy = vi.spyOn(Db.prototype, 'updateIf').mockImplementation(async function (this: Db, key, u) {
    if (sameKey(key, lease) && u.update.startsWith('REMOVE')) {
      reached();
      await gate;
    }
    return original.call(this, key, u);
  });
  return {
    reached: waiting,
    open: () => {
      open();
    },
    restore: () => spy.mockRestore(),
  };
}

describe.each(SCHEDULED_JOBS)('scheduled job $name', (job) => {
  const slot = '2026-12-07T09:00:00.000Z';
  const nextSlot = new Date(Date.parse(slot) + rateToMs(job.schedule)).toISOString();
  let handler: JobHandler;

  beforeAll(async () => {
    handler = ((await import(new URL(job.entry, functionsRoot).href)) as { handler: JobHandler }).handler;
  });

  it('an overlapping run of the same slot does nothing, of the next slot is refused, and runs once the first is done', async () => {
    const lease = keys.jobLease(job.name);
    const held = holdRelease(lease);
    try {
      const first = handler({ scheduledTime: slot }, ctx(`${job.name}-a`));
      await held.reached; // A has done its work and still holds the lease
      expect(await db.get(lease, LeaseItem, { consistent: true })).toMatchObject({ holder: `${job.name}-a`, slot });

      expect(await handler({ scheduledTime: slot }, ctx(`${job.name}-b`))).toEqual({
        skipped: 'lease_held',
        slot,
      } satisfies LeaseHeld);
      await expect(handler({ scheduledTime: nextSlot }, ctx(`${job.name}-c`))).rejects.toThrow(JobBusyError);
      // Neither touched A's lease.
      expect(await db.get(lease, LeaseItem, { consistent: true })).toMatchObject({ holder: `${job.name}-a`, slot });

      held.open();
      const result = await first;
      expect(result).not.toHaveProperty('skipped');
      expect(await db.get(lease, LeaseItem, { consistent: true })).toEqual({ slot, lastSlot: slot });
    } finally {
      held.restore();
    }
    const next = await handler({ scheduledTime: nextSlot }, ctx(`${job.name}-c`));
    expect(next).not.toHaveProperty('skipped');
    expect((await db.get(lease, LeaseItem, { consistent: true }))?.lastSlot).toBe(nextSlot);
  });

  it('an expired lease (a run killed by its timeout) is taken over; so is its own lease by its retry', async () => {
    const lease = keys.jobLease(job.name);
    await db.put({ ...lease, holder: 'dead', slot, leaseUntil: Date.now() - 1 });
    expect(await handler({ scheduledTime: nextSlot }, ctx(`${job.name}-d`))).not.toHaveProperty('skipped');

    await db.put({ ...lease, holder: `${job.name}-retried`, slot, leaseUntil: Date.now() + 600_000 });
    await expect(handler({ scheduledTime: nextSlot }, ctx(`${job.name}-other`))).rejects.toThrow(JobBusyError);
    expect(await handler({ scheduledTime: slot }, ctx(`${job.name}-retried`))).not.toHaveProperty('skipped');
    expect(await db.get(lease, LeaseItem, { consistent: true })).toMatchObject({ lastSlot: slot });
    expect((await db.get(lease, LeaseItem, { consistent: true }))?.holder).toBeUndefined();
  });

  it('refuses a tick without a valid scheduledTime, naming the field', async () => {
    for (const bad of [{}, { scheduledTime: 'monday' }, null, 'x'])
      await expect(handler(bad, ctx(`${job.name}-bad`))).rejects.toThrow(/scheduledTime/);
  });
});

describe('the lease wrapper', () => {
  it('gives the lease back when the job throws, so the retry can run', async () => {
    let calls = 0;
    const flaky = scheduledJob('test-flaky', async () => {
      calls += 1;
      if (calls === 1) throw new Error('injected failure');
      return { ok: true };
    });
    const at = { scheduledTime: '2026-12-07T09:15:00.000Z' };
    await expect(flaky(at, ctx('flaky-1'))).rejects.toThrow('injected failure');
    expect((await db.get(keys.jobLease('test-flaky'), LeaseItem, { consistent: true }))?.holder).toBeUndefined();
    expect(await flaky(at, ctx('flaky-1'))).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('two truly concurrent invocations of one slot: exactly one runs', async () => {
    let runs = 0;
    const slow = scheduledJob('test-concurrent', async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 200));
      return { ran: true };
    });
    const at = { scheduledTime: '2026-12-07T09:30:00.000Z' };
    const results = await Promise.all([1, 2, 3, 4].map((i) => slow(at, ctx(`concurrent-${i}`))));
    expect(runs).toBe(1);
    expect(results.filter((r) => 'ran' in r)).toHaveLength(1);
    expect(results.filter((r) => 'skipped' in r)).toHaveLength(3);
  });
});
