// Scheduled jobs fail like they do in AWS: the local scheduler invokes each job asynchronously, a function error gets
// Lambda's two retries, and then the invocation record lands in the job's on-failure queue (`<job>-<slug>-dlq`, in
// AWS `respite-<slug>-<job>-dlq`), from which `npm run redrive -- <slug> <job>` runs the tick again. The fault, for
// every job in the registry: another run holds the job's lease for a different slot (a run that hangs), so every
// attempt throws JobBusyError; once it is cleared, the redrive runs the failed slot.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS } from '../../functions/contexts.js';
import { keys } from '../../functions/domain/keys.js';
import * as z from '../../functions/shared/zod.js';
import type { OnFailureRecord } from '../../scripts/local/async-invoke.js';
import { redrive } from '../../scripts/redrive.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ extraEnv: { LOCAL_ASYNC_RETRY_DELAY_MS: '100' } });
});
afterAll(async () => stack?.stop());

const Lease = z.object({ holder: z.optional(z.string()), lastSlot: z.optional(z.string()) });
const hang = (job: string) =>
  stack.db('demo').put({
    ...keys.jobLease(job),
    holder: 'hung-run',
    slot: '2026-12-01T00:00:00.000Z',
    leaseUntil: Date.now() + 3_600_000,
  });
const clear = (job: string) => stack.db('demo').delete(keys.jobLease(job));

describe.each(SCHEDULED_JOBS)('job $name', (job) => {
  const slot = '2026-12-07T10:00:00.000Z';

  it('runs once when it succeeds, and its on-failure queue stays empty', async () => {
    const [outcome] = await stack.jobs.fire(job.name, slot, 'demo');
    expect(outcome).toMatchObject({ ok: true, attempts: 1 });
    expect(stack.jobs.failures(job.name, 'demo').size).toBe(0);
  });

  it('that throws is retried twice, then lands in its on-failure queue; redrive runs it once the cause is fixed', async () => {
    await hang(job.name);
    const [outcome] = await stack.jobs.fire(job.name, slot, 'demo');
    expect(outcome).toMatchObject({ ok: false, attempts: 3 });
    expect(outcome!.ok ? '' : outcome!.error).toMatch(/still running/);
    const failures = stack.jobs.failures(job.name, 'demo');
    expect(failures.name).toBe(`${job.name}-demo-dlq`);
    expect(failures.size).toBe(1);
    const [message] = failures.receive(1, 0);
    const record = JSON.parse(message!.body) as OnFailureRecord;
    expect(record.requestPayload).toEqual({ scheduledTime: slot });
    expect(record.requestContext).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
      functionArn: `arn:aws:lambda:local:000000000000:function:respite-demo-${job.name}:$LATEST`,
    });
    expect(record.responsePayload.errorMessage).toMatch(/still running/);

    // Redriving before the fix: the tick fails again and is back in the queue, not lost.
    expect(await redrive({ tenant: 'demo', queue: job.name, local: stack.url })).toBe(
      `Ran 1 failed tick(s) of ${job.name} again from ${job.name}-demo-dlq: 0 succeeded, 1 failed again and are back in the queue.`,
    );
    expect(failures.size).toBe(1);

    await clear(job.name);
    expect(await redrive({ tenant: 'demo', queue: job.name, local: stack.url })).toBe(
      `Ran 1 failed tick(s) of ${job.name} again from ${job.name}-demo-dlq: 1 succeeded, 0 failed again and are back in the queue.`,
    );
    expect(failures.size).toBe(0);
    // The failed slot is the one that ran.
    expect(await stack.db('demo').get(keys.jobLease(job.name), Lease, { consistent: true })).toEqual({
      lastSlot: slot,
    });
  });
});

describe('async invocation', () => {
  it('the scheduler control and the redrive command line work over HTTP, as with npm start', async () => {
    const job = 'stats-release';
    await hang(job);
    const res = await fetch(`${stack.url}/_local/schedule`, {
      method: 'POST',
      body: JSON.stringify({ name: job, scheduledTime: '2026-12-07T11:00:00.000Z', tenant: 'demo' }),
    });
    expect(((await res.json()) as { outcomes: { ok: boolean }[] }).outcomes).toMatchObject([
      { ok: false, attempts: 3 },
    ]);
    const count = await fetch(`${stack.url}/_local/job-failures`, {
      method: 'POST',
      body: JSON.stringify({ name: job, tenant: 'demo', action: 'count' }),
    });
    expect(await count.json()).toEqual({ size: 1 });
    await clear(job);
    const root = resolve(import.meta.dirname, '../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        resolve(root, 'scripts/redrive.ts'),
        'demo',
        job,
        '--local',
        stack.url,
      ],
      { encoding: 'utf8' },
    );
    expect(stdout.trim()).toBe(
      `Ran 1 failed tick(s) of ${job} again from ${job}-demo-dlq: 1 succeeded, 0 failed again and are back in the queue.`,
    );
    expect(stack.jobs.failures(job, 'demo').size).toBe(0);
  });
});
