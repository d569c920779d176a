// The one wrapper for scheduled jobs. EventBridge Scheduler is configured with the input
// {"scheduledTime":"<aws.scheduler.scheduled-time>"}; the local scheduler sends the same shape.
//
// Every job runs under a lease: one item per job in the tenant's table (keys.jobLease), taken by a conditional write
// before the job does anything and given back when it ends. So two overlapping invocations of a job never both run:
// a retried 14-minute reminders tick and the next slot's tick, a duplicate delivery of a slot, a slow run and the next
// one. The invocation that finds the lease taken
//   - for the same slot, does nothing and succeeds (the holder is doing that slot; if it fails, Lambda retries it);
//   - for another slot, throws JobBusyError, so Lambda's async retries try it again later and, if the job is still
//     busy after them, the tick lands in the job's on-failure queue (alarmed; see docs/deploy.md).
// A lease expires on its own after the invocation's remaining time plus a margin, so a run killed by its timeout
// blocks nobody for longer than its timeout. Lambda retries an event with the same request id, so a retry of a run
// that timed out may take over its own lease at once.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { keys } from '../domain/keys.js';
import { clock } from './clock.js';
import { errorName, log, withInvocation } from './log.js';
import { type Runtime, runtime } from './runtime.js';
import * as z from './zod.js';

export interface ScheduledTick {
  /** ISO time of the slot this tick is for (not the time it ran). */
  scheduledTime: string;
}

const TickEvent = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });

/** A lease outlives its invocation's remaining time by this much (clock skew, the release write). */
export const LEASE_MARGIN_MS = 60_000;
/** Lease length when there is no Lambda context to ask (a direct call): the job functions' 14-minute timeout + 1. */
export const DEFAULT_LEASE_MS = 15 * 60_000;

/** What a job returns when another invocation already holds the lease for the same slot. */
export interface LeaseHeld {
  skipped: 'lease_held';
  slot: string;
}

export class JobBusyError extends Error {
  constructor(job: string, slot: string, heldFor: string | undefined) {
    super(`Job ${job} is still running${heldFor ? ` the slot ${heldFor}` : ''}; the slot ${slot} will be retried.`);
    this.name = 'JobBusyError';
  }
}

const LeaseItem = z.object({
  holder: z.optional(z.string()),
  slot: z.optional(z.string()),
  leaseUntil: z.optional(z.number()),
});

export interface JobInput {
  /** The slot this tick is for, as EventBridge Scheduler sent it. */
  scheduledTime: Date;
}

/**
 * Makes a job's Lambda handler: validates the tick, takes the job's lease, runs `run`, gives the lease back (also when
 * `run` throws, so Lambda's retry can take it). `name` is the job's name in functions/contexts.ts.
 */
export function scheduledJob<R>(name: string, run: (rt: Runtime, tick: JobInput) => Promise<R>) {
  const job = async (
    slot: string,
    holder: string,
    context?: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
  ): Promise<R | LeaseHeld> => {
    const rt = await runtime();
    const key = keys.jobLease(name);
    const now = clock.nowMs();
    const leaseMs = context ? context.getRemainingTimeInMillis() + LEASE_MARGIN_MS : DEFAULT_LEASE_MS;
    const taken = await rt.db.updateIf(key, {
      update: 'SET #holder = :me, #slot = :slot, #until = :until',
      condition: 'attribute_not_exists(#until) OR #until <= :now OR #holder = :me',
      names: { '#holder': 'holder', '#slot': 'slot', '#until': 'leaseUntil' },
      values: { ':me': holder, ':slot': slot, ':until': now + leaseMs, ':now': now },
    });
    if (!taken) {
      const held = await rt.db.get(key, LeaseItem, { consistent: true });
      log.warn({ event: 'job_lease_held', tenant: rt.config.tenantId, kind: name });
      if (held?.slot === slot) return { skipped: 'lease_held', slot };
      throw new JobBusyError(name, slot, held?.slot);
    }
    try {
      return await run(rt, { scheduledTime: new Date(slot) });
    } catch (err) {
      // Lambda retries the tick (then its on-failure queue); the line says which job failed and with what class.
      log.error({ event: 'job_failed', tenant: rt.config.tenantId, kind: name, errorName: errorName(err) });
      throw err;
    } finally {
      const released = await rt.db.updateIf(key, {
        update: 'REMOVE #holder, #until SET #last = :slot',
        condition: '#holder = :me',
        names: { '#holder': 'holder', '#until': 'leaseUntil', '#last': 'lastSlot' },
        values: { ':me': holder, ':slot': slot },
      });
      if (!released) log.warn({ event: 'job_lease_lost', tenant: rt.config.tenantId, kind: name });
    }
  };
  return async (
    event: unknown,
    context?: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
  ): Promise<R | LeaseHeld> => {
    const holder = context?.awsRequestId ?? randomUUID();
    const parsed = TickEvent.safeParse(event);
    return withInvocation({ requestId: holder, job: name, slot: parsed.data?.scheduledTime }, () => {
      if (!parsed.success) {
        log.error({ event: 'job_tick_invalid', kind: name });
        throw new Error(`Job ${name}: the event must be {"scheduledTime": "<ISO time>"}.`);
      }
      return job(parsed.data.scheduledTime, holder, context);
    });
  };
}

/** Parses "rate(15 minutes)" / "rate(1 hour)" / "rate(1 day)" into milliseconds. */
export function rateToMs(expression: string): number {
  const m = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!m) throw new Error(`Unsupported schedule expression: ${expression}`);
  const n = Number(m[1]);
  const unit = m[2]!.startsWith('minute') ? 60_000 : m[2]!.startsWith('hour') ? 3_600_000 : 86_400_000;
  return n * unit;
}
