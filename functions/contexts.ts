// Routes as data: every bounded context's HTTP router and its path prefix, and every event handler.
// The local API server, the local scheduler and the CDK TenantStack are all built from this one list,
// and a test checks that the synthesised API routes equal it.

/**
 * What one function may touch, declared beside it and granted exactly by infra/ (infra/permissions.ts); the
 * synth-time isolation check fails a role that holds more, or less. Derived from the code: tests/unit/function-needs
 * walks each entry's imports and fails when the code reaches something not declared here.
 */
export interface Needs {
  /** 'read': GetItem, BatchGetItem, Query; 'read-write' adds PutItem, UpdateItem, DeleteItem, BatchWriteItem. */
  table: 'read' | 'read-write';
  /** The key secrets read at cold start (functions/shared/runtime.ts loads the config with both). */
  keys: ('pseudonym' | 'signing')[];
  /** Calls SES itself (sign-in codes and staff invites, the outbox sender). */
  sesSend?: boolean;
  /** Queues (QueueConsumer.queue) it puts messages on. A consumer consumes its own queue without saying so, and a
   *  job's role sends to its on-failure queue (Lambda's destination) without saying so. */
  sendsTo?: string[];
}

/** Every function reads both key secrets: the runtime loads the whole config, keys included, at cold start. */
const BOTH_KEYS: Needs['keys'] = ['pseudonym', 'signing'];

export interface HttpContext {
  /** Bounded context name; also the function's name suffix. */
  name: string;
  /** Every route of the context starts with this prefix (API Gateway: ANY <prefix>/{proxy+}). */
  prefix: string;
  /** Handler module, relative to functions/. Exports `handler`. */
  entry: string;
  /**
   * Ships the course module files (COURSE_FILES_DIR) beside the bundle: the handler reads one module at a time
   * (loadModule in functions/domain/programme/content/index.ts) instead of carrying the whole course as code.
   */
  courseFiles?: boolean;
  needs: Needs;
}

/** The course module files, relative to the project root; copied to modules/ beside a bundle that has courseFiles. */
export const COURSE_FILES_DIR = 'functions/domain/programme/content/modules';

export interface ScheduledJob {
  name: string;
  entry: string;
  /** EventBridge Scheduler expression, e.g. "rate(15 minutes)". The local scheduler fires the same ticks. */
  schedule: string;
  needs: Needs;
}

export interface QueueConsumer {
  name: string;
  entry: string;
  /** Logical queue name; the stack creates it with a DLQ. */
  queue: string;
  batchSize: number;
  needs: Needs;
}

// Every function writes: sessions and rate limits are written on the sign-in and session paths of every router,
// and every job and consumer records what it did.
const RW: Needs = { table: 'read-write', keys: BOTH_KEYS };
/** Queues email through the outbox (functions/domain/email/outbox.ts). */
const OUTBOX: Needs = { ...RW, sendsTo: ['email'] };

export const HTTP_CONTEXTS: HttpContext[] = [
  // Sign-in codes and staff invitations go straight to SES (domain/email/transactional.ts).
  { name: 'enrolment', prefix: '/api/account', entry: 'enrolment/http.ts', needs: { ...RW, sesSend: true } },
  { name: 'programme', prefix: '/api/programme', entry: 'programme/http.ts', courseFiles: true, needs: RW },
  { name: 'stats', prefix: '/api/stats', entry: 'stats/http.ts', needs: RW },
  { name: 'employer', prefix: '/api/employer', entry: 'employer/http.ts', needs: OUTBOX },
  { name: 'coaching', prefix: '/api/coaching', entry: 'coaching/http.ts', needs: OUTBOX },
  { name: 'returntowork', prefix: '/api/return-to-work', entry: 'returntowork/http.ts', needs: RW },
  { name: 'mydata', prefix: '/api/my-data', entry: 'mydata/http.ts', needs: OUTBOX },
  { name: 'reminders', prefix: '/api/reminders', entry: 'reminders/http.ts', needs: RW },
];

export const SCHEDULED_JOBS: ScheduledJob[] = [
  { name: 'stats-release', entry: 'stats/on-release-tick.ts', schedule: 'rate(1 hour)', needs: RW },
  { name: 'mydata-finish-deletions', entry: 'mydata/on-deletion-tick.ts', schedule: 'rate(15 minutes)', needs: RW },
  { name: 'mydata-inactivity', entry: 'mydata/on-inactivity-tick.ts', schedule: 'rate(1 day)', needs: OUTBOX },
  { name: 'reminders-tick', entry: 'reminders/on-tick.ts', schedule: 'rate(15 minutes)', needs: OUTBOX },
  { name: 'coaching-alerts', entry: 'coaching/on-alerts-tick.ts', schedule: 'rate(5 minutes)', needs: OUTBOX },
];

export const QUEUE_CONSUMERS: QueueConsumer[] = [
  // Sends through SES, and puts a message SES throttled back on its own queue with a delay (delivery/sender.ts),
  // so a throttle does not use up one of the message's receives.
  {
    name: 'email-sender',
    entry: 'email/on-email-queue.ts',
    queue: 'email',
    batchSize: 10,
    needs: { ...RW, sesSend: true, sendsTo: ['email'] },
  },
  { name: 'ses-events', entry: 'email/on-ses-event.ts', queue: 'ses-events', batchSize: 10, needs: RW },
];

export function contextForPath(path: string): HttpContext | undefined {
  return HTTP_CONTEXTS.find((c) => path === c.prefix || path.startsWith(`${c.prefix}/`));
}
