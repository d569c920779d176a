// One organisation = one TenantStack (silo), built from constructs: its data and keys (TenantData), queues with
// DLQs (TenantQueues), email (TenantEmail), one router per bounded context behind its HTTP API (TenantApi),
// scheduled jobs (TenantJobs) and alarms (TenantAlarms). Generic over the registry in functions/contexts.ts, so a
// context, job or consumer added there is deployed with no change here; each function's role holds exactly what its
// entry declares (infra/permissions.ts), which the synth-time isolation check verifies.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  HTTP_CONTEXTS,
  type HttpContext,
  type Needs,
  QUEUE_CONSUMERS,
  type QueueConsumer,
  SCHEDULED_JOBS,
  type ScheduledJob,
} from '../../functions/contexts.js';
import type { TenantConfig } from '../../functions/shared/tenant-config.js';
import { type AlarmedFunction, TenantAlarms } from '../constructs/tenant-alarms.js';
import { TenantApi } from '../constructs/tenant-api.js';
import { type RetainedResources, TenantData } from '../constructs/tenant-data.js';
import { TenantEmail } from '../constructs/tenant-email.js';
import { TenantFunction } from '../constructs/tenant-function.js';
import { TenantJobs } from '../constructs/tenant-jobs.js';
import { TenantQueues } from '../constructs/tenant-queues.js';
import { acknowledge } from '../nag.js';
import { declaredCapabilities, type FunctionKind, grantNeeds, type TenantResources } from '../permissions.js';
import { names, type Settings } from '../settings.js';

export { ERROR_RATE_THRESHOLD, MIN_REQUESTS_FOR_RATE } from '../constructs/tenant-api.js';
export type { RetainedResources } from '../constructs/tenant-data.js';
export { JOB_ASYNC_RETRIES } from '../constructs/tenant-jobs.js';

export interface Registry {
  http: HttpContext[];
  jobs: ScheduledJob[];
  consumers: QueueConsumer[];
}

export const REGISTRY: Registry = { http: HTTP_CONTEXTS, jobs: SCHEDULED_JOBS, consumers: QUEUE_CONSUMERS };

/** Queue whose URL is given as EMAIL_QUEUE_URL to the functions that send to it (the email sender's queue). */
export const EMAIL_QUEUE = 'email';
/** Queue that receives this tenant's SES bounce/complaint/delivery events through EventBridge. */
export const SES_EVENTS_QUEUE = 'ses-events';

// Jobs get long timeouts: the reminders tick plans a whole 15-minute slot (minutes at 100,000 people; see
// docs/performance-email.md); the release and deletion jobs are short.
export const TIMEOUTS = { http: Duration.seconds(10), job: Duration.minutes(14), consumer: Duration.seconds(30) };
/** At most this many sender instances drain a queue, so EMAIL_SEND_RATE × this stays within the tenant's SES share. */
export const CONSUMER_MAX_CONCURRENCY = 2;
/** Share of the account's SES rate left for emails sent straight from the API (sign-in codes, staff invitations). */
export const SES_TRANSACTIONAL_RESERVE = 0.1;
/** Below this many emails per second per sender instance, the account's SES quota is too small for its tenants. */
export const MIN_SEND_RATE_PER_INSTANCE = 0.05;

/**
 * SES's rate is the account's, shared by every tenant: each tenant's senders get an equal share of it (after the
 * transactional reserve), split over the sender's maximum concurrency. Emails per second per sender instance.
 */
export function senderRatePerInstance(sesMaxSendRate: number, tenantCount: number): number {
  const perInstance = (sesMaxSendRate * (1 - SES_TRANSACTIONAL_RESERVE)) / (tenantCount * CONSUMER_MAX_CONCURRENCY);
  return Math.floor(perInstance * 1000) / 1000;
}
/** The sender's rate when one tenant has the default SES production quota (14/s): what bench/cost.ts assumes. */
export const EMAIL_SEND_RATE_PER_INSTANCE = senderRatePerInstance(14, 1);
/** SQS visibility must cover every retry of a batch: AWS recommends ≥ 6 × the consumer's timeout. */
export const VISIBILITY_MULTIPLIER = 6;
export const MAX_RECEIVE_COUNT = 5;

/** Env var carrying a queue's URL, e.g. "ses-events" → QUEUE_URL_SES_EVENTS. */
export const queueUrlEnvName = (queue: string) => `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  settings: Settings;
  /** Re-onboarding: adopt the retained table, key and secrets of an earlier stack of this tenant. */
  adopt?: RetainedResources;
  /** Defaults to functions/contexts.ts; tests pass their own to exercise jobs and consumers. */
  registry?: Registry;
  /** How many tenants share the account's SES quota (every tenant of the deployment). Default 1. */
  tenantCount?: number;
}

const XRAY_REASON =
  'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; no data or email action is granted on *.';

const TRACING_OFF_REASON =
  'Tracing is the deployment setting `tracing` (off by default for cost, docs/performance.md §6); JSON logs carry request ids and alarms cover errors.';

export class TenantStack extends Stack {
  readonly slug: string;
  readonly tenant: TenantConfig;
  readonly functions = new Map<string, TenantFunction>();
  readonly queues: Map<string, sqs.Queue>;
  /** Function name → the capabilities its entry declares; the isolation check holds each role to it. */
  readonly declared: Record<string, string[]> = {};

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, props);
    const { tenant, settings } = props;
    const registry = props.registry ?? REGISTRY;
    const slug = tenant.slug;
    this.slug = slug;
    this.tenant = tenant;
    const prefix = names.resourcePrefix(slug);
    this.templateOptions.description = `Respite organisation "${slug}": data, API, jobs, queues and email for one tenant.`;
    const alarmAction = new cwActions.SnsAction(sns.Topic.fromTopicArn(this, 'OpsTopic', names.opsTopicArn(settings)));

    const data = new TenantData(this, 'Data', { slug, adopt: props.adopt });
    const queues = new TenantQueues(this, 'Queues', {
      consumers: registry.consumers,
      prefix,
      slug,
      alarmAction,
      visibilityTimeout: Duration.seconds(TIMEOUTS.consumer.toSeconds() * VISIBILITY_MULTIPLIER),
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    this.queues = queues.byName;
    const email = new TenantEmail(this, 'Email', {
      prefix,
      slug,
      alarmAction,
      eventsQueue: this.queues.get(SES_EVENTS_QUEUE),
    });
    const emailFrom = tenant.email.fromAddress ?? `no-reply@${settings.domain}`;
    const sendRate = senderRatePerInstance(settings.sesMaxSendRate, props.tenantCount ?? 1);
    if (sendRate < MIN_SEND_RATE_PER_INSTANCE)
      throw new Error(
        `The account's SES rate (sesMaxSendRate ${settings.sesMaxSendRate}/s) shared by ${props.tenantCount ?? 1} tenant(s) leaves each email sender ${sendRate}/s, under ${MIN_SEND_RATE_PER_INSTANCE}/s: raise the SES sending quota and pass -c sesMaxSendRate=<new rate> (docs/deploy.md, SES).`,
      );
    const resources: TenantResources = {
      tableArn: data.table.tableArn,
      key: data.key,
      region: settings.region,
      keySecretArns: { pseudonym: data.pseudonymKey.secretArn, signing: data.signingKeys.secretArn },
      sesArns: [
        names.sesIdentityArn(settings, emailFrom.split('@')[1]!),
        `arn:aws:ses:${settings.region}:${settings.account}:configuration-set/${email.configurationSet.configurationSetName}`,
      ],
      queues: this.queues,
    };

    // ---- functions: each with the config.ts environment, and exactly the access its entry declares -------------
    const baseEnvironment: Record<string, string> = {
      TENANT_ID: slug,
      TABLE_NAME: data.table.tableName,
      TENANT_CONFIG: JSON.stringify(tenant),
      APP_URL: names.appUrl(settings, slug),
      // The secrets' ARNs, not their values: functions read the keys at cold start (functions/shared/runtime.ts), so
      // they never appear in the Lambda configuration.
      PSEUDONYM_KEY_SECRET: data.pseudonymKey.secretArn,
      SIGNING_KEYS_SECRET: data.signingKeys.secretArn,
      EMAIL_FROM: emailFrom,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
      EMAIL_SEND_RATE: String(sendRate),
      LOG_LEVEL: 'info',
    };
    const alarmed: AlarmedFunction[] = [];
    const newFunction = (
      kind: FunctionKind,
      entry: { name: string; entry: string; needs: Needs; queue?: string },
      description: string,
      courseFiles = false,
    ) => {
      const { name, needs } = entry;
      if (this.functions.has(name)) throw new Error(`Two handlers are named "${name}" in functions/contexts.ts`);
      // Only the queues it may send to: a URL in the environment is no permission, but there is no reason to hand
      // a function the address of a queue it must not use.
      const environment = { ...baseEnvironment };
      for (const q of needs.sendsTo ?? []) {
        const queue = this.queues.get(q);
        if (!queue) throw new Error(`functions/contexts.ts: ${name} sends to queue "${q}", which no consumer reads`);
        environment[queueUrlEnvName(q)] = queue.queueUrl;
        if (q === EMAIL_QUEUE) environment.EMAIL_QUEUE_URL = queue.queueUrl;
      }
      const f = new TenantFunction(this, `${kind}-${name}`, {
        functionName: `${prefix}-${name}`,
        entry: entry.entry,
        description,
        timeout: TIMEOUTS[kind],
        environment,
        tracing: settings.tracing === 'active',
        courseFiles,
      });
      grantNeeds(f.role, needs, resources);
      this.declared[`${prefix}-${name}`] = declaredCapabilities({ kind, name, needs, queue: entry.queue });
      if (settings.tracing === 'active') acknowledge(f.role, 'AwsSolutions-IAM5[Resource::*]', XRAY_REASON);
      else acknowledge(f.fn, 'Serverless-LambdaTracing', TRACING_OFF_REASON);
      this.functions.set(name, f);
      alarmed.push({ name, kind, fn: f.fn, timeout: TIMEOUTS[kind] });
      return f;
    };

    const routers = registry.http.map((ctx) => {
      const f = newFunction('http', ctx, `Respite ${ctx.name} API for ${slug} (${ctx.prefix})`, ctx.courseFiles);
      acknowledge(
        f.fn,
        'Serverless-LambdaDLQ',
        'Invoked synchronously by API Gateway: the caller gets the error, there is no async event to dead-letter.',
      );
      return [ctx, f.fn] as [HttpContext, typeof f.fn];
    });
    new TenantApi(this, 'Api', { slug, prefix, settings, routers, alarmAction });

    if (registry.jobs.length > 0) {
      const jobs = registry.jobs.map((job) => {
        const f = newFunction('job', job, `Respite ${job.name} job for ${slug} (${job.schedule})`);
        acknowledge(
          f.fn,
          'Serverless-LambdaDLQ',
          'Invoked by EventBridge Scheduler, whose target has its own retry policy and dead-letter queue.',
        );
        return [job, f.fn] as [ScheduledJob, typeof f.fn];
      });
      new TenantJobs(this, 'Jobs', { slug, prefix, jobs, alarmAction });
    }

    for (const consumer of registry.consumers) {
      const f = newFunction('consumer', consumer, `Respite ${consumer.name} consumer for ${slug} (${consumer.queue})`);
      f.fn.addEventSource(
        new SqsEventSource(this.queues.get(consumer.queue)!, {
          batchSize: consumer.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: CONSUMER_MAX_CONCURRENCY,
          // Lambda requires a batching window for batches above 10; 5 s keeps email and events prompt.
          ...(consumer.batchSize > 10 ? { maxBatchingWindow: Duration.seconds(5) } : {}),
        }),
      );
      acknowledge(
        f.fn,
        'Serverless-LambdaDLQ',
        'Invoked by an SQS event source mapping: failed messages go to the queue\u2019s own DLQ.',
      );
      acknowledge(
        f.fn,
        'Serverless-LambdaEventSourceMappingDestination',
        'SQS event source mappings do not support on-failure destinations; the queue redrives failed messages to its DLQ.',
      );
    }

    new TenantAlarms(this, 'Alarms', {
      slug,
      prefix,
      functions: alarmed,
      tableName: data.table.tableName,
      configurationSetName: email.configurationSet.configurationSetName,
      alarmAction,
    });

    this.tags.setTag('respite:tenant', slug);
  }
}
