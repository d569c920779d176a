// Routes as data: every bounded context's HTTP router and its path prefix, and every event handler.
// The local API server, the local scheduler and the CDK TenantStack are all built from this one list,
// and a test checks that the synthesised API routes equal it.

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
}

/** The course module files, relative to the project root; copied to modules/ beside a bundle that has courseFiles. */
export const COURSE_FILES_DIR = 'functions/domain/programme/content/modules';

export interface ScheduledJob {
  name: string;
  entry: string;
  /** EventBridge Scheduler expression, e.g. "rate(15 minutes)". The local scheduler fires the same ticks. */
  schedule: string;
}

export interface QueueConsumer {
  name: string;
  entry: string;
  /** Logical queue name; the stack creates it with a DLQ. */
  queue: string;
  batchSize: number;
}

export const HTTP_CONTEXTS: HttpContext[] = [
  { name: 'enrolment', prefix: '/api/account', entry: 'enrolment/http.ts' },
  { name: 'programme', prefix: '/api/programme', entry: 'programme/http.ts', courseFiles: true },
  { name: 'stats', prefix: '/api/stats', entry: 'stats/http.ts' },
  { name: 'employer', prefix: '/api/employer', entry: 'employer/http.ts' },
  { name: 'coaching', prefix: '/api/coaching', entry: 'coaching/http.ts' },
  { name: 'returntowork', prefix: '/api/return-to-work', entry: 'returntowork/http.ts' },
  { name: 'mydata', prefix: '/api/my-data', entry: 'mydata/http.ts' },
  { name: 'reminders', prefix: '/api/reminders', entry: 'reminders/http.ts' },
];

export const SCHEDULED_JOBS: ScheduledJob[] = [
  { name: 'stats-release', entry: 'stats/on-release-tick.ts', schedule: 'rate(1 hour)' },
  { name: 'mydata-finish-deletions', entry: 'mydata/on-deletion-tick.ts', schedule: 'rate(15 minutes)' },
  { name: 'mydata-inactivity', entry: 'mydata/on-inactivity-tick.ts', schedule: 'rate(1 day)' },
  { name: 'reminders-tick', entry: 'reminders/on-tick.ts', schedule: 'rate(15 minutes)' },
  { name: 'coaching-alerts', entry: 'coaching/on-alerts-tick.ts', schedule: 'rate(5 minutes)' },
];

export const QUEUE_CONSUMERS: QueueConsumer[] = [
  { name: 'email-sender', entry: 'email/on-email-queue.ts', queue: 'email', batchSize: 10 },
  { name: 'ses-events', entry: 'email/on-ses-event.ts', queue: 'ses-events', batchSize: 10 },
];

export function contextForPath(path: string): HttpContext | undefined {
  return HTTP_CONTEXTS.find((c) => path === c.prefix || path.startsWith(`${c.prefix}/`));
}
