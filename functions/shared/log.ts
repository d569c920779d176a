// Structured JSON logs. Only the fields typed here can be logged: no emails, no free text, no scores.
// Identifiers that could single someone out are not accepted either (no user ids, no IPs).
//
// Every line carries the id of the invocation it belongs to: each trigger wrapper (http.ts, tick.ts, queue.ts) runs
// its handler inside withInvocation(), and write() adds that context, so no log call can forget it (or set it).
import { AsyncLocalStorage } from 'node:async_hooks';
import { type LogLevel as Level, loadLogLevel } from './config.js';
import type { MetricRecord } from './metrics.js';

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogFields {
  event: string;
  tenant?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  errorCode?: string;
  /** For unexpected errors: the error class and message of *our* code, never user input. */
  errorName?: string;
  count?: number;
  /** Queue consumers: how many records of the batch were invalid (dropped) and failed for now (retried). */
  invalid?: number;
  failed?: number;
  slot?: string;
  kind?: string;
}

/** Set by the trigger wrappers for the length of one invocation. */
export interface InvocationContext {
  /** API Gateway's request id (HTTP) or Lambda's aws request id (jobs, queues). */
  requestId: string;
  /** Scheduled jobs: the job's name and the slot (scheduled time) the tick is for. */
  job?: string;
  slot?: string;
}

const invocation = new AsyncLocalStorage<InvocationContext>();

/** Runs `fn` with `context` added to every log line it writes (also from the promises it starts). */
export function withInvocation<T>(context: InvocationContext, fn: () => T): T {
  return invocation.run(context, fn);
}

/** LOG_LEVEL through the config loader: a bad value fails at load with an error naming LOG_LEVEL. */
let minLevel: Level = loadLogLevel();
let sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

export const log = {
  debug: (f: LogFields) => write('debug', f),
  info: (f: LogFields) => write('info', f),
  warn: (f: LogFields) => write('warn', f),
  error: (f: LogFields) => write('error', f),
};

function write(level: Level, fields: LogFields) {
  if (ORDER[level] < ORDER[minLevel]) return;
  line({ level, time: new Date().toISOString(), ...fields });
}

/** For metrics.ts only: one EMF record, at every log level (a metric must not vanish with LOG_LEVEL=error). */
export function writeMetric(record: MetricRecord) {
  line(record);
}

function line(record: object) {
  sink(JSON.stringify({ ...record, ...invocation.getStore() }));
}

/** An unexpected error's class name for errorName (never its message, which may quote input). */
export const errorName = (err: unknown): string => (err instanceof Error ? err.name : 'unknown');

/** Tests capture log lines to prove nothing personal is written; the local stack quietens them. */
export function setLogSink(next: (line: string) => void, level: Level = minLevel) {
  sink = next;
  minLevel = level;
}
