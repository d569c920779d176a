// The one config loader: every function parses its environment here, once, at module scope (fail fast).
import * as z from './zod.js';
import { TenantConfigSchema, type TenantConfig } from './tenant-config.js';

const EnvSchema = z.object({
  /** Deploy-time constant: the organisation this function serves. Never taken from a request. */
  TENANT_ID: z.string().check(z.minLength(1)),
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** JSON of tenants/<slug>.json (validated again here). */
  TENANT_CONFIG: z.string().check(z.minLength(2)),
  /** Public base URL of this organisation's web app, used in emails (no trailing slash). */
  APP_URL: z.url(),
  /** HMAC key for session tokens, sign-in codes and unsubscribe tokens. */
  SESSION_SECRET: z.string().check(z.minLength(32, 'SESSION_SECRET must be at least 32 characters')),
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
});

export interface AppConfig {
  tenantId: string;
  tableName: string;
  tenant: TenantConfig;
  appUrl: string;
  sessionSecret: string;
  emailFrom: string;
  sesConfigurationSet: string | undefined;
  region: string;
  ddbEndpoint: string | undefined;
  sesEndpoint: string | undefined;
  emailQueueUrl: string | undefined;
  sqsEndpoint: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid function environment: ${fields}`);
  }
  const e = parsed.data;
  const tenant = TenantConfigSchema.parse(JSON.parse(e.TENANT_CONFIG));
  if (tenant.slug !== e.TENANT_ID) throw new Error('TENANT_CONFIG.slug does not match TENANT_ID');
  return {
    tenantId: e.TENANT_ID,
    tableName: e.TABLE_NAME,
    tenant,
    appUrl: e.APP_URL.replace(/\/$/, ''),
    sessionSecret: e.SESSION_SECRET,
    emailFrom: e.EMAIL_FROM,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    region: e.AWS_REGION,
    ddbEndpoint: e.DDB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    emailQueueUrl: e.EMAIL_QUEUE_URL,
    sqsEndpoint: e.SQS_ENDPOINT,
    logLevel: e.LOG_LEVEL,
  };
}

let cached: AppConfig | undefined;
/** The process-wide config, parsed on first use. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
