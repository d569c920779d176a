// Per-process runtime: config, the table, email. Built lazily on first use so importing a handler has no side effects
// beyond reading code, and tests can set the environment before the first request.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { makeDocumentClient, makeSesClient } from './clients.js';
import { config, type AppConfig } from './config.js';
import { Db } from './db.js';

export interface Runtime {
  config: AppConfig;
  db: Db;
  ses: SESv2Client;
}

let current: Runtime | undefined;

export function runtime(): Runtime {
  if (!current) {
    const cfg = config();
    current = { config: cfg, db: new Db(makeDocumentClient(cfg), cfg.tableName), ses: makeSesClient(cfg) };
  }
  return current;
}
