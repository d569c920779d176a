// Per-process runtime: config, the table, email. Built lazily on first use so importing a handler has no side effects
// beyond reading code, and tests can set the environment before the first request.
import { makeDocumentClient, makeSesClient, type Ses } from './clients.js';
import { config, type AppConfig } from './config.js';
import { Db } from './db.js';

export interface Runtime {
  config: AppConfig;
  db: Db;
  /** The SES client, made (and its SDK loaded) on first call. */
  ses: () => Promise<Ses>;
}


let current: Runtime | undefined;

export function runtime(): Runtime {
  if (!current) {
    const cfg = config();
    let ses: Promise<Ses> | undefined;
    current = { config: cfg, db: new Db(makeDocumentClient(cfg), cfg.tableName), ses: () => (ses ??= makeSesClient(cfg)) };
  }
  return current;
}
