// Per-process runtime: config, the table, email. Built on first use (a cold start) so importing a handler has no side
// effects beyond reading code, and tests can set the environment before the first request.
//
// In AWS the two keys are read from Secrets Manager here (config.ts, resolveKeySecrets), not passed in the
// environment, and read again when older than KEYS_MAX_AGE_MS: a rotated signing keyring (docs/deploy.md) reaches
// every warm instance within that time without a redeploy. If a re-read fails, the instance keeps the keys it has.
import { makeDocumentClient, makeSecretReader, makeSesClient, type Ses } from './clients.js';
import {
  type AppConfig,
  keysFromSecrets,
  loadConfig,
  loadRegion,
  processEnvironment,
  resolveKeySecrets,
  type SecretReader,
} from './config.js';
import { Db } from './db.js';
import { log } from './log.js';

export interface Runtime {
  config: AppConfig;
  db: Db;
  /** The SES client, made (and its SDK loaded) on first call. */
  ses: () => Promise<Ses>;
}

export const KEYS_MAX_AGE_MS = 5 * 60_000;

export interface RuntimeSources {
  env: NodeJS.ProcessEnv;
  /** Made on first need, so the Secrets Manager SDK is never loaded where the keys are in the environment. */
  secretReader: () => Promise<SecretReader>;
  /** Monotonic milliseconds. */
  nowMs: () => number;
}

/** A memoised runtime loader over the given sources; the process has one (runtime() below), tests make their own. */
export function runtimeLoader(sources: RuntimeSources): {
  get: () => Promise<Runtime>;
  built: () => Runtime | undefined;
} {
  const fromSecrets = keysFromSecrets(sources.env);
  let current: { rt: Runtime; builtAt: number } | undefined;
  let building: Promise<Runtime> | undefined;
  let reader: Promise<SecretReader> | undefined;

  const loadFromSources = async (): Promise<AppConfig> => {
    if (!fromSecrets) return loadConfig(sources.env);
    reader ??= sources.secretReader();
    return loadConfig(await resolveKeySecrets(sources.env, await reader));
  };

  const build = async (): Promise<Runtime> => {
    const previous = current?.rt;
    let cfg: AppConfig;
    try {
      cfg = await loadFromSources();
    } catch (err) {
      if (!previous) throw err;
      log.warn({ event: 'keys_refresh_failed', tenant: previous.config.tenantId, errorCode: (err as Error).name });
      current = { rt: previous, builtAt: sources.nowMs() };
      return previous;
    }
    let ses: Promise<Ses> | undefined;
    const rt: Runtime = previous
      ? { ...previous, config: cfg }
      : { config: cfg, db: new Db(makeDocumentClient(cfg), cfg.tableName), ses: () => (ses ??= makeSesClient(cfg)) };
    current = { rt, builtAt: sources.nowMs() };
    return rt;
  };

  return {
    get: async () => {
      if (current && (!fromSecrets || sources.nowMs() - current.builtAt < KEYS_MAX_AGE_MS)) return current.rt;
      building ??= build().finally(() => (building = undefined));
      return building;
    },
    built: () => current?.rt,
  };
}

let processLoader: ReturnType<typeof runtimeLoader> | undefined;
const loader = () =>
  (processLoader ??= runtimeLoader({
    env: processEnvironment(),
    secretReader: () => makeSecretReader({ region: loadRegion(processEnvironment()) }),
    nowMs: () => performance.now(),
  }));

/** The process's runtime; the first call (and, with keys from secrets, one call every KEYS_MAX_AGE_MS) loads the config. */
export function runtime(): Promise<Runtime> {
  return loader().get();
}

/** The runtime if it has been built, for code that must not fail (error logging). */
export function builtRuntime(): Runtime | undefined {
  return processLoader?.built();
}
