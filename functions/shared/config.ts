// The one config loader: every function parses its environment here, once, at module scope (fail fast).

import { type Keyring, loadKeyring, SigningKeysSchema } from './keyring.js';
import { type TenantConfig, TenantConfigSchema } from './tenant-config.js';
import { deriveVapidKeys, type VapidKeys } from './vapid.js';
import * as z from './zod.js';

const EnvSchema = z.object({
  /** Deploy-time constant: the organisation this function serves. Never taken from a request. */
  TENANT_ID: z.string().check(z.minLength(1)),
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** JSON of tenants/<slug>.json (validated again here). */
  TENANT_CONFIG: z.string().check(z.minLength(2)),
  /** Public base URL of this organisation's web app, used in emails (no trailing slash). */
  APP_URL: z.url(),
  /**
   * Root of the pseudonymisation keys (lookups by email, suppression, rate-limit subjects): never rotated. See keyring.ts.
   * In AWS it is not in the environment: PSEUDONYM_KEY_SECRET names the secret and resolveKeySecrets() reads it.
   */
  PSEUDONYM_KEY: z.string().check(z.minLength(32, 'PSEUDONYM_KEY must be at least 32 characters')),
  /** The signing keyring as JSON: {"kid","key","previous"?:{"kid","key"}}. See keyring.ts. In AWS: SIGNING_KEYS_SECRET. */
  SIGNING_KEYS: z.string().check(z.minLength(2, 'SIGNING_KEYS must be the signing keyring as JSON')),
  EMAIL_FROM: z.email(),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  AWS_REGION: z._default(z.string(), 'eu-west-1'),
  /** Local emulators; unset in AWS. */
  DDB_ENDPOINT: z.optional(z.url()),
  SES_ENDPOINT: z.optional(z.url()),
  /** Queue URLs used by the email engine (optional for contexts that do not send in bulk). */
  EMAIL_QUEUE_URL: z.optional(z.string()),
  SQS_ENDPOINT: z.optional(z.url()),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  /** The sender's rate limit, emails per second per sender process (see docs/performance-email.md for the sizing). */
  EMAIL_SEND_RATE: z._default(z.coerce.number().check(z.positive(), z.maximum(10_000)), 14),
  /** The first delay (seconds) before an email SES throttled is tried again; it doubles with each throttle, up to
   *  SQS's 900 s. Short in the local tests only. */
  EMAIL_THROTTLE_DELAY_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(900)), 30),
  /** Local exactly-once test only: chance (0–1) that a sender invocation crashes part-way. Ignored unless DDB_ENDPOINT is set. */
  EMAIL_FAULT_CRASH_RATE: z._default(z.coerce.number().check(z.minimum(0), z.maximum(1)), 0),
  /** Local stack and tests: check every HTTP answer against its contract schema (functions/contract). Unset in AWS. */
  CHECK_RESPONSES: z._default(z.enum(['0', '1']), '0'),
});

const LogLevelEnv = z.object({ LOG_LEVEL: EnvSchema.shape.LOG_LEVEL });
export type LogLevel = z.infer<typeof LogLevelEnv>['LOG_LEVEL'];

export interface AppConfig {
  tenantId: string;
  tableName: string;
  tenant: TenantConfig;
  appUrl: string;
  /** The pseudonymisation key and the signing keyring, each purpose with its own derived key. */
  keys: Keyring;
  /** The Web Push signing pair, or undefined when push is not configured (then only email reminders are offered). */
  /**
   * The Web Push (VAPID) signing pair, derived from the pseudonymisation key with its own HKDF salt and info
   * (shared/vapid.ts): like that key it is never rotated (every browser's subscription is bound to the public key) and
   * it is retained with the table, so subscriptions outlive a re-onboarding.
   */
  vapid: VapidKeys & { subject: string };
  emailFrom: string;
  sesConfigurationSet: string | undefined;
  region: string;
  ddbEndpoint: string | undefined;
  sesEndpoint: string | undefined;
  emailQueueUrl: string | undefined;
  sqsEndpoint: string | undefined;
  logLevel: LogLevel;
  emailSendRate: number;
  emailThrottleDelaySeconds: number;
  /** 0 unless running against the local emulators (ddbEndpoint set): a deployed sender can never be made to crash. */
  emailFaultCrashRate: number;
  /** True on the local stack and in tests: every HTTP answer is checked against its contract schema (http.ts). */
  checkResponses: boolean;
}

function parseEnv<T>(schema: z.ZodMiniType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid function environment: ${fields}`);
  }
  return parsed.data;
}

/** LOG_LEVEL alone, for the logger, which loads before (and without) the rest of the config. Same rule as loadConfig. */
export function loadLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  return parseEnv(LogLevelEnv, env).LOG_LEVEL;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = parseEnv(EnvSchema, env);
  const tenant = TenantConfigSchema.parse(JSON.parse(e.TENANT_CONFIG));
  if (tenant.slug !== e.TENANT_ID) throw new Error('TENANT_CONFIG.slug does not match TENANT_ID');
  return {
    tenantId: e.TENANT_ID,
    tableName: e.TABLE_NAME,
    tenant,
    appUrl: e.APP_URL.replace(/\/$/, ''),
    keys: loadKeyring({ pseudonymKey: e.PSEUDONYM_KEY, signingKeys: parseSigningKeys(e.SIGNING_KEYS) }),
    vapid: { ...deriveVapidKeys(e.PSEUDONYM_KEY), subject: `mailto:${e.EMAIL_FROM}` },
    emailFrom: e.EMAIL_FROM,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    region: e.AWS_REGION,
    ddbEndpoint: e.DDB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    emailQueueUrl: e.EMAIL_QUEUE_URL,
    sqsEndpoint: e.SQS_ENDPOINT,
    logLevel: e.LOG_LEVEL,
    emailSendRate: e.EMAIL_SEND_RATE,
    emailThrottleDelaySeconds: e.EMAIL_THROTTLE_DELAY_SECONDS,
    emailFaultCrashRate: e.DDB_ENDPOINT ? e.EMAIL_FAULT_CRASH_RATE : 0,
    checkResponses: e.CHECK_RESPONSES === '1',
  };
}

function parseSigningKeys(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('Invalid function environment: SIGNING_KEYS: is not JSON');
  }
  const parsed = SigningKeysSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Invalid function environment: SIGNING_KEYS: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** The process environment, for the runtime's loader: config.ts stays the one file that touches process.env. */
export const processEnvironment = (): NodeJS.ProcessEnv => process.env;

/** AWS_REGION alone (for the Secrets Manager client, made before the rest of the config can be parsed). */
export function loadRegion(env: NodeJS.ProcessEnv = process.env): string {
  return parseEnv(z.object({ AWS_REGION: EnvSchema.shape.AWS_REGION }), env).AWS_REGION;
}

/** Where each key comes from in AWS: the Secrets Manager secret named by this variable (ARN or name). */
const KEY_SECRETS = {
  PSEUDONYM_KEY: 'PSEUDONYM_KEY_SECRET',
  SIGNING_KEYS: 'SIGNING_KEYS_SECRET',
} as const;

/** Reads one secret's string value (Secrets Manager in AWS; tests pass their own). */
export type SecretReader = (secretId: string) => Promise<string>;

/** True when the keys are read from Secrets Manager (and so should be read again now and then). */
export function keysFromSecrets(env: NodeJS.ProcessEnv = process.env): boolean {
  return Object.values(KEY_SECRETS).some((name) => env[name]);
}

/**
 * The environment with the two keys filled in from their secrets, when the *_SECRET variables name them. The keys
 * are then never in the Lambda configuration (readable with lambda:GetFunctionConfiguration), only in memory. Giving a
 * key both ways is refused, so nobody is left wondering which one a function uses.
 */
export async function resolveKeySecrets(env: NodeJS.ProcessEnv, read: SecretReader): Promise<NodeJS.ProcessEnv> {
  const resolved: NodeJS.ProcessEnv = { ...env };
  await Promise.all(
    Object.entries(KEY_SECRETS).map(async ([name, secretVar]) => {
      const secretId = env[secretVar];
      if (!secretId) return;
      if (env[name])
        throw new Error(`Invalid function environment: ${name}: set either ${name} or ${secretVar}, not both`);
      resolved[name] = await read(secretId);
    }),
  );
  return resolved;
}
