// Structured JSON logs. Only the fields typed here can be logged: no emails, no free text, no scores.
// Identifiers that could single someone out are not accepted either (no user ids, no IPs).
import { type LogLevel as Level, loadLogLevel } from './config.js';

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogFields {
  event: string;
  tenant?: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  errorCode?: string;
  /** For unexpected errors: the error class and message of *our* code, never user input. */
  errorName?: string;
  count?: number;
  slot?: string;
  kind?: string;
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
  sink(JSON.stringify({ level, time: new Date().toISOString(), ...fields }));
}

/** Tests capture log lines to prove nothing personal is written; the local stack quietens them. */
export function setLogSink(next: (line: string) => void, level: Level = minLevel) {
  sink = next;
  minLevel = level;
}
