// One organisation = one TenantStack (silo): its own KMS key, table, session secret, HTTP API with one router per
// bounded context, scheduled jobs, queues with DLQs, SES configuration set and alarms. Generic over the registry in
// functions/contexts.ts, so a context, job or consumer added there is deployed with no change here.
import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import {
  HTTP_CONTEXTS,
  type HttpContext,
  QUEUE_CONSUMERS,
  type QueueConsumer,
  SCHEDULED_JOBS,
  type ScheduledJob,
} from '../../functions/contexts.js';
import { TABLE_DESIGN, tableNameFor } from '../../functions/shared/table-design.js';
import type { TenantConfig } from '../../functions/shared/tenant-config.js';
import { addContextRoutes } from '../constructs/http-routes.js';
import { LOG_RETENTION, TenantFunction } from '../constructs/tenant-function.js';
import { TenantTable } from '../constructs/tenant-table.js';
import { acknowledge } from '../nag.js';
import { names, type Settings } from '../settings.js';

export interface Registry {
  http: HttpContext[];
  jobs: ScheduledJob[];
  consumers: QueueConsumer[];
}

export const REGISTRY: Registry = { http: HTTP_CONTEXTS, jobs: SCHEDULED_JOBS, consumers: QUEUE_CONSUMERS };

/** Queue whose URL is given to every function as EMAIL_QUEUE_URL (the email sender's queue). */
export const EMAIL_QUEUE = 'email';
/** Queue that receives this tenant's SES bounce/complaint/delivery events through EventBridge. */
export const SES_EVENTS_QUEUE = 'ses-events';

// Jobs get long timeouts: the reminders tick plans a whole 15-minute slot (minutes at 100,000 people; see
// docs/performance-email.md); the release and deletion jobs are short.
export const TIMEOUTS = { http: Duration.seconds(10), job: Duration.minutes(14), consumer: Duration.seconds(30) };
/** At most this many sender instances drain a queue, so EMAIL_SEND_RATE × this stays under the SES quota share. */
export const CONSUMER_MAX_CONCURRENCY = 2;
/** Emails per second per sender instance: 2 × 7 = 14/s, the default SES production quota. */
export const EMAIL_SEND_RATE_PER_INSTANCE = 7;
/** SQS visibility must cover every retry of a batch: AWS recommends ≥ 6 × the consumer's timeout. */
export const VISIBILITY_MULTIPLIER = 6;
export const MAX_RECEIVE_COUNT = 5;
/** Lambda's own async retries of a failed job invocation before it goes to the job's on-failure queue. */
export const JOB_ASYNC_RETRIES = 2;
/** Alarm when more than 5 % of requests/invocations fail over five minutes. */
export const ERROR_RATE_THRESHOLD = 0.05;
/** A rate alarm needs at least this many requests/invocations in the window: one failure in two calls is not 50 %
 *  worth paging for (absolute failures still show on the DLQ alarms). */
export const MIN_REQUESTS_FOR_RATE = 20;

/** Env var carrying a queue's URL, e.g. "ses-events" → QUEUE_URL_SES_EVENTS. */
export const queueUrlEnvName = (queue: string) => `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * What a tenant stack keeps when it is deleted (the table, its key, the two key secrets), recorded in the retained
 * SSM parameter `/respite/tenants/<slug>/retained` (names.retainedParameter) so the runbook and the lifecycle
 * scripts can find the key after the alias has gone with the stack. Given back to the stack as `adopt` (from
 * tenants/retained/<slug>.json, written by `npm run tenant:reonboard`), the stack uses these instead of creating
 * them: that is how an offboarded organisation comes back with its data.
 */
export interface RetainedResources {
  tableName: string;
  keyArn: string;
  pseudonymKeyArn: string;
  signingKeysArn: string;
}

export interface TenantStackProps extends StackProps {
  tenant: TenantConfig;
  settings: Settings;
  /** Re-onboarding: adopt the retained table, key and secrets of an earlier stack of this tenant. */
  adopt?: RetainedResources;
  /** Defaults to functions/contexts.ts; tests pass their own to exercise jobs and consumers. */
  registry?: Registry;
}

const XRAY_REASON =
  'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions; no data or email action is granted on *.';

const TRACING_OFF_REASON =
  'Tracing is the deployment setting `tracing` (off by default for cost, docs/performance.md §6); JSON logs carry request ids and alarms cover errors.';

export class TenantStack extends Stack {
  readonly slug: string;
  readonly tenant: TenantConfig;
  readonly functions = new Map<string, TenantFunction>();
  readonly queues = new Map<string, sqs.Queue>();

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, props);
    const { tenant, settings } = props;
    const registry = props.registry ?? REGISTRY;
    const slug = (this.slug = tenant.slug);
    this.tenant = tenant;
    const prefix = names.resourcePrefix(slug);
    this.templateOptions.description = `Respite organisation "${slug}": data, API, jobs, queues and email for one tenant.`;

    // ---- data: one key, one table, two key secrets (created, or adopted when re-onboarding) -------------------
    const adopt = props.adopt;
    if (adopt && adopt.tableName !== tableNameFor('respite-', slug))
      throw new Error(`tenants/retained/${slug}.json: tableName must be ${tableNameFor('respite-', slug)}`);
    const key: kms.IKey = adopt
      ? kms.Key.fromKeyArn(this, 'DataKey', adopt.keyArn)
      : new kms.Key(this, 'DataKey', {
          description: `Encrypts ${slug}'s table and keys`,
          enableKeyRotation: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
    // The alias goes with the stack (the key stays): the retained parameter below is how the key is found later.
    new kms.Alias(this, 'DataKeyAlias', { aliasName: `alias/${prefix}`, targetKey: key });
    const table: { tableName: string; tableArn: string } = adopt
      ? dynamodb.TableV2.fromTableAttributes(this, 'Data', { tableName: adopt.tableName, encryptionKey: key })
      : new TenantTable(this, 'Data', { tableName: tableNameFor('respite-', slug), key }).table;

    // The two keys (functions/shared/keyring.ts), read by each function at cold start and every few minutes after
    // (functions/shared/runtime.ts). Both are retained with the table: without the pseudonymisation key no lookup
    // item of a retained table can be found again.
    let pseudonymKey: secrets.ISecret;
    let signingKeys: secrets.ISecret;
    if (adopt) {
      pseudonymKey = secrets.Secret.fromSecretCompleteArn(this, 'PseudonymKey', adopt.pseudonymKeyArn);
      signingKeys = secrets.Secret.fromSecretCompleteArn(this, 'SigningKeys', adopt.signingKeysArn);
    } else {
      const created = new secrets.Secret(this, 'PseudonymKey', {
        secretName: `respite/${slug}/pseudonym-key`,
        description: `${slug}'s pseudonymisation key (email lookup, suppression list, rate-limit subjects). Never rotated in place; kept with the table.`,
        encryptionKey: key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(
        created,
        'AwsSolutions-SMG4',
        'The pseudonymisation key is never rotated in place: every lookup item of the table is keyed by it (docs/deploy.md, Keys).',
      );
      const keyring = new secrets.Secret(this, 'SigningKeys', {
        secretName: `respite/${slug}/signing-keys`,
        description: `${slug}'s signing keyring (sessions, unsubscribe, keep-account links, coach refs): {"kid","key","previous"?}`,
        encryptionKey: key,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ kid: 'k1' }),
          generateStringKey: 'key',
          passwordLength: 64,
          excludePunctuation: true,
          includeSpace: false,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(
        keyring,
        'AwsSolutions-SMG4',
        'Rotated by the runbook in docs/deploy.md (new kid, previous kept until its tokens expire, then dropped) by an operator, not on a timer: a Secrets Manager rotation Lambda would drop the previous key too early.',
      );
      pseudonymKey = created;
      signingKeys = keyring;
      // The record of what stays after `cdk destroy` (retained itself; an adopting stack finds it in place).
      const record: RetainedResources = {
        tableName: table.tableName,
        keyArn: key.keyArn,
        pseudonymKeyArn: pseudonymKey.secretArn,
        signingKeysArn: signingKeys.secretArn,
      };
      new ssm.StringParameter(this, 'RetainedRecord', {
        parameterName: names.retainedParameter(slug),
        description: `What ${slug}'s stack leaves behind when deleted (table, key, key secrets): read by tenant:reonboard and tenant:shred`,
        stringValue: Stack.of(this).toJsonString(record),
      }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    // ---- Web Push (VAPID) key root: functions/shared/vapid.ts derives the pair from it --------------------------
    // Not retained: a push subscription belongs to one browser and is made again on the person's next visit, so the
    // key need not outlive the stack (a re-onboarded stack gets a new one). Never rotated in place for the same reason
    // it need not be kept: every browser's subscription is bound to the public key.
    const vapidKey = new secrets.Secret(this, 'VapidKey', {
      description: `${slug}'s Web Push (VAPID) key root, for reminder notifications`,
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      vapidKey,
      'AwsSolutions-SMG4',
      'Rotating the VAPID key would void every browser push subscription at once; it is never rotated in place.',
    );

    new CfnOutput(this, 'PseudonymKeyArn', {
      value: pseudonymKey.secretArn,
      description: 'Secret holding the pseudonymisation key (retained with the table)',
    });
    new CfnOutput(this, 'SigningKeysArn', {
      value: signingKeys.secretArn,
      description: 'Secret holding the signing keyring (retained with the table)',
    });

    // ---- email: configuration set (suppression, TLS, reputation) ----------------------------------------------
    const configurationSet = new ses.ConfigurationSet(this, 'Email', {
      configurationSetName: prefix,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const emailFrom = tenant.email.fromAddress ?? `no-reply@${settings.domain}`;
    const emailDomain = emailFrom.split('@')[1]!;

    // ---- queues (one per consumer) with DLQs --------------------------------------------------------------------
    const opsTopic = sns.Topic.fromTopicArn(this, 'OpsTopic', names.opsTopicArn(settings));
    const alarmAction = new cwActions.SnsAction(opsTopic);
    const dlqAlarm = (dlq: sqs.Queue, what: string) =>
      new cloudwatch.Alarm(dlq, 'DepthAlarm', {
        alarmName: `${prefix}-${what}-dlq-depth`,
        alarmDescription: `Messages are waiting in ${slug}'s ${what} dead-letter queue.`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    const newDlq = (id: string, queueName: string) => {
      const dlq = new sqs.Queue(this, id, {
        queueName,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(dlq, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue.');
      acknowledge(dlq, 'Serverless-SQSRedrivePolicy', 'This queue is itself a dead-letter queue.');
      return dlq;
    };

    for (const consumer of registry.consumers) {
      if (this.queues.has(consumer.queue))
        throw new Error(`Queue "${consumer.queue}" has two consumers in functions/contexts.ts`);
      const dlq = newDlq(`${consumer.name}Dlq`, `${prefix}-${consumer.queue}-dlq`);
      dlqAlarm(dlq, consumer.queue);
      const queue = new sqs.Queue(this, `${consumer.name}Queue`, {
        queueName: `${prefix}-${consumer.queue}`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(TIMEOUTS.consumer.toSeconds() * VISIBILITY_MULTIPLIER),
        deadLetterQueue: { queue: dlq, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      this.queues.set(consumer.queue, queue);
    }

    // ---- functions ----------------------------------------------------------------------------------------------
    const environment: Record<string, string> = {
      TENANT_ID: slug,
      TABLE_NAME: table.tableName,
      TENANT_CONFIG: JSON.stringify(tenant),
      APP_URL: names.appUrl(settings, slug),
      // The secrets' ARNs, not their values: functions read the keys at cold start (functions/shared/runtime.ts), so
      // they never appear in the Lambda configuration.
      PSEUDONYM_KEY_SECRET: pseudonymKey.secretArn,
      SIGNING_KEYS_SECRET: signingKeys.secretArn,
      VAPID_KEY_SECRET: vapidKey.secretArn,
      EMAIL_FROM: emailFrom,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
      EMAIL_SEND_RATE: String(EMAIL_SEND_RATE_PER_INSTANCE),
      LOG_LEVEL: 'info',
    };
    for (const [queueName, queue] of this.queues) environment[queueUrlEnvName(queueName)] = queue.queueUrl;
    const emailQueue = this.queues.get(EMAIL_QUEUE);
    if (emailQueue) environment.EMAIL_QUEUE_URL = emailQueue.queueUrl;

    const newFunction = (
      kind: 'http' | 'job' | 'consumer',
      name: string,
      entry: string,
      description: string,
      courseFiles = false,
    ) => {
      if (this.functions.has(name)) throw new Error(`Two handlers are named "${name}" in functions/contexts.ts`);
      const f = new TenantFunction(this, `${kind}-${name}`, {
        functionName: `${prefix}-${name}`,
        entry,
        description,
        timeout: TIMEOUTS[kind],
        environment,
        tracing: settings.tracing === 'active',
        courseFiles,
      });
      this.grantTenantAccess(f.role, table.tableArn, key, configurationSet, settings, emailDomain, [
        pseudonymKey.secretArn,
        signingKeys.secretArn,
        vapidKey.secretArn,
      ]);
      if (settings.tracing === 'active') acknowledge(f.role, 'AwsSolutions-IAM5[Resource::*]', XRAY_REASON);
      else acknowledge(f.fn, 'Serverless-LambdaTracing', TRACING_OFF_REASON);
      this.functions.set(name, f);
      return f;
    };

    // HTTP API: one router per context, throttled, access-logged without IPs, reachable only via api.<domain>/<slug>.
    const api = new apigw.HttpApi(this, 'Api', {
      apiName: prefix,
      description: `Respite API for ${slug}`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: true,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // Deliberately no source IP, user agent or query string: access logs must not identify a person.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            error: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const mapping = new apigw.CfnApiMapping(this, 'ApiMapping', {
      apiId: api.apiId,
      domainName: names.apiDomain(settings),
      stage: stage.stageName,
      apiMappingKey: slug,
    });
    mapping.node.addDependency(stage);

    for (const ctx of registry.http) {
      const f = newFunction(
        'http',
        ctx.name,
        ctx.entry,
        `Respite ${ctx.name} API for ${slug} (${ctx.prefix})`,
        ctx.courseFiles,
      );
      for (const route of addContextRoutes(api, ctx, f.fn))
        acknowledge(
          route,
          'AwsSolutions-APIG4',
          'Authorisation is done in the router (signed, HttpOnly session cookie checked against the session record and TENANT_ID); sign-in and public routes must stay open.',
        );
    }
    const api5xxRate = new cloudwatch.MathExpression({
      expression: `IF(requests >= ${MIN_REQUESTS_FOR_RATE}, errors / requests, 0)`,
      usingMetrics: {
        errors: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
        requests: api.metricCount({ period: Duration.minutes(5), statistic: 'Sum' }),
      },
      period: Duration.minutes(5),
    });
    new cloudwatch.Alarm(this, 'Api5xxAlarm', {
      alarmName: `${prefix}-api-5xx-rate`,
      alarmDescription: `More than 5 % of ${slug}'s API requests failed with 5xx in five minutes.`,
      metric: api5xxRate,
      threshold: ERROR_RATE_THRESHOLD,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    // Scheduled jobs: EventBridge Scheduler sends {"scheduledTime": ...}, the same tick the local scheduler sends.
    if (registry.jobs.length > 0) {
      const scheduleDlq = newDlq('ScheduleDlq', `${prefix}-schedules-dlq`);
      dlqAlarm(scheduleDlq, 'schedules');
      // One role for this tenant's schedules; it may invoke only this tenant's job functions.
      const schedulerRole = new iam.Role(this, 'SchedulerRole', {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
        description: `EventBridge Scheduler invoking ${slug}'s jobs`,
      });
      for (const job of registry.jobs) {
        const f = newFunction('job', job.name, job.entry, `Respite ${job.name} job for ${slug} (${job.schedule})`);
        // Scheduler invokes asynchronously: the schedule DLQ sees only delivery failures. A tick that throws gets
        // Lambda's async retries and then lands here (with its request and error), alarmed like every DLQ.
        const failures = newDlq(`${job.name}Failures`, `${prefix}-${job.name}-dlq`);
        dlqAlarm(failures, job.name);
        f.fn.configureAsyncInvoke({
          onFailure: new lambdaDestinations.SqsDestination(failures),
          retryAttempts: JOB_ASYNC_RETRIES,
          maxEventAge: Duration.hours(1),
        });
        new scheduler.Schedule(this, `${job.name}Schedule`, {
          scheduleName: `${prefix}-${job.name}`,
          description: `${job.name} for ${slug}`,
          schedule: scheduler.ScheduleExpression.expression(job.schedule),
          target: new schedulerTargets.LambdaInvoke(f.fn, {
            input: scheduler.ScheduleTargetInput.fromObject({
              scheduledTime: scheduler.ContextAttribute.scheduledTime,
            }),
            retryAttempts: 3,
            maxEventAge: Duration.hours(1),
            deadLetterQueue: scheduleDlq,
            role: schedulerRole,
          }),
        });
        const fnLogicalId = this.getLogicalId(f.fn.node.defaultChild as CfnElement);
        acknowledge(
          schedulerRole,
          `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
          `lambda:InvokeFunction on the versions and aliases of the ${job.name} function only (CDK's grantInvoke).`,
        );
      }
    }

    // Queue consumers.
    for (const consumer of registry.consumers) {
      const f = newFunction(
        'consumer',
        consumer.name,
        consumer.entry,
        `Respite ${consumer.name} consumer for ${slug} (${consumer.queue})`,
      );
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

    // Every function may enqueue to this tenant's queues (e.g. the email queue), and to nothing else.
    for (const f of this.functions.values()) for (const queue of this.queues.values()) queue.grantSendMessages(f.role);
    for (const [name, f] of this.functions) {
      if (registry.http.some((c) => c.name === name))
        acknowledge(
          f.fn,
          'Serverless-LambdaDLQ',
          'Invoked synchronously by API Gateway: the caller gets the error, there is no async event to dead-letter.',
        );
      if (registry.jobs.some((j) => j.name === name))
        acknowledge(
          f.fn,
          'Serverless-LambdaDLQ',
          'Invoked by EventBridge Scheduler, whose target has its own retry policy and dead-letter queue.',
        );
      // Error-rate alarm per function.
      new cloudwatch.Alarm(f, 'ErrorRateAlarm', {
        alarmName: `${prefix}-${name}-error-rate`,
        alarmDescription: `More than 5 % of ${slug}'s ${name} invocations failed in five minutes.`,
        metric: new cloudwatch.MathExpression({
          expression: `IF(invocations >= ${MIN_REQUESTS_FOR_RATE}, errors / invocations, 0)`,
          usingMetrics: {
            errors: f.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
            invocations: f.fn.metricInvocations({ period: Duration.minutes(5), statistic: 'Sum' }),
          },
          period: Duration.minutes(5),
        }),
        threshold: ERROR_RATE_THRESHOLD,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
    }

    // SES events (bounces, complaints, rejects, delivery delays) → EventBridge → the SES events consumer's queue.
    const sesEventsQueue = this.queues.get(SES_EVENTS_QUEUE);
    if (sesEventsQueue) {
      configurationSet.addEventDestination('ToEventBridge', {
        destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
        events: [
          ses.EmailSendingEvent.SEND,
          ses.EmailSendingEvent.BOUNCE,
          ses.EmailSendingEvent.COMPLAINT,
          ses.EmailSendingEvent.REJECT,
          ses.EmailSendingEvent.DELIVERY_DELAY,
        ],
      });
      const ruleDlq = newDlq('SesEventsRuleDlq', `${prefix}-ses-events-rule-dlq`);
      dlqAlarm(ruleDlq, 'ses-events-rule');
      new events.Rule(this, 'SesEventsRule', {
        ruleName: `${prefix}-ses-events`,
        description: `SES events of configuration set ${prefix}`,
        eventPattern: { source: ['aws.ses'], detail: { mail: { tags: { 'ses:configuration-set': [prefix] } } } },
        targets: [new eventTargets.SqsQueue(sesEventsQueue, { deadLetterQueue: ruleDlq, retryAttempts: 8 })],
      });
    }

    this.tags.setTag('respite:tenant', slug);
  }

  /** The only data/email permissions a tenant function gets: this tenant's table and indexes, key and SES resources. */
  private grantTenantAccess(
    role: iam.Role,
    tableArn: string,
    key: kms.IKey,
    configurationSet: ses.ConfigurationSet,
    settings: Settings,
    emailDomain: string,
    keySecretArns: string[],
  ) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantTable',
        // No dynamodb:Scan: every access pattern is a GetItem or Query (functions/domain/access-patterns.md).
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [tableArn, ...TABLE_DESIGN.globalIndexes.map((gsi) => `${tableArn}/index/${gsi.name}`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantKeyViaDynamoDb',
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${settings.region}.amazonaws.com` } },
      }),
    );
    // Read (never write) the two key secrets at cold start. Granted on the role, not with secret.grantRead(), which
    // would also add the role to the KMS key's resource policy.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantKeySecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: keySecretArns,
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantKeyViaSecretsManager',
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${settings.region}.amazonaws.com` } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TenantEmail',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          names.sesIdentityArn(settings, emailDomain),
          `arn:aws:ses:${settings.region}:${settings.account}:configuration-set/${configurationSet.configurationSetName}`,
        ],
      }),
    );
  }
}
