// TenantStack: targeted assertions on the synthesised template of a two-tenant app (bundling skipped).

import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextForPath, HTTP_CONTEXTS, SCHEDULED_JOBS } from '../../functions/contexts.js';
import { TABLE_DESIGN } from '../../functions/shared/table-design.js';
import { DEFAULT_SETTINGS, names } from '../../infra/settings.js';
import {
  CONSUMER_MAX_CONCURRENCY,
  JOB_ASYNC_RETRIES,
  MAX_RECEIVE_COUNT,
  MIN_REQUESTS_FOR_RATE,
  queueUrlEnvName,
  TIMEOUTS,
  VISIBILITY_MULTIPLIER,
} from '../../infra/stacks/tenant-stack.js';
import { ASYNC_RETRIES as LOCAL_ASYNC_RETRIES } from '../../scripts/local/async-invoke.js';
import { type Built, build, REGISTRY_WITH_QUEUES, resourcesOf, tenant } from './helpers.js';

let built: Built;
let t: Template;

beforeAll(() => {
  built = build();
  built.app.synth(); // throws if cdk-nag or the isolation check reports anything unacknowledged
  t = Template.fromStack(built.tenants.find((s) => s.slug === 'demo')!);
});

const functionsOf = () => resourcesOf(t, 'AWS::Lambda::Function');
const functionByName = (name: string) => {
  const found = functionsOf().find(([, r]) => r.Properties.FunctionName === `respite-demo-${name}`);
  if (!found) throw new Error(`no function respite-demo-${name}`);
  return found;
};

describe('data', () => {
  it('has one on-demand table with PITR, deletion protection, TTL, the GSIs of table-design.ts and a rotating CMK', () => {
    const tables = resourcesOf(t, 'AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const p = tables[0]![1].Properties;
    expect(p.TableName).toBe('respite-demo');
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(
      p.GlobalSecondaryIndexes.map((g: any) => [g.IndexName, g.KeySchema.map((k: any) => k.AttributeName)]),
    ).toEqual(TABLE_DESIGN.globalIndexes.map((g) => [g.name, [g.partitionKey, g.sortKey]]));
    expect(p.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = p.Replicas[0];
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(replica.SSESpecification.KMSMasterKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'],
    });
    expect(tables[0]![1]).toMatchObject({ DeletionPolicy: 'Retain' });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('functions', () => {
  it('deploys every handler of the registry exactly once, with the recipe runtime settings', () => {
    const expected = [
      ...REGISTRY_WITH_QUEUES.http.map((c) => c.name),
      ...REGISTRY_WITH_QUEUES.jobs.map((j) => j.name),
      ...REGISTRY_WITH_QUEUES.consumers.map((c) => c.name),
    ].map((n) => `respite-demo-${n}`);
    const fns = functionsOf();
    expect(fns.map(([, r]) => r.Properties.FunctionName).sort()).toEqual(expected.sort());
    for (const [, fn] of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/Logs/) } },
      });
    }
  });

  it('traces with X-Ray only when the deployment turns tracing on (off by default for cost)', () => {
    const policies = (tpl: Template) =>
      JSON.stringify(resourcesOf(tpl, 'AWS::IAM::Policy').map(([, r]) => r.Properties.PolicyDocument));
    for (const [, fn] of functionsOf()) expect(fn.Properties.TracingConfig).toBeUndefined();
    expect(policies(t)).not.toContain('xray:');

    const traced = build({ settings: { ...DEFAULT_SETTINGS, tracing: 'active' }, tenants: [tenant('demo')] });
    traced.app.synth(); // cdk-nag: the X-Ray wildcard is acknowledged only when tracing is on
    const tt = Template.fromStack(traced.tenants[0]!);
    const fns = resourcesOf(tt, 'AWS::Lambda::Function');
    expect(fns.length).toBeGreaterThan(0);
    for (const [, fn] of fns) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(policies(tt)).toContain('xray:PutTraceSegments');
  });

  it('gives every function the config.ts environment for this tenant only', () => {
    for (const [, fn] of functionsOf()) {
      const env = fn.Properties.Environment.Variables;
      expect(env.TENANT_ID).toBe('demo');
      expect(env.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^DataTable/) });
      expect(JSON.parse(env.TENANT_CONFIG).slug).toBe('demo');
      expect(env.APP_URL).toBe('https://demo.respite.example');
      expect(env.EMAIL_FROM).toBe('no-reply@respite.example');
      expect(env.SES_CONFIGURATION_SET).toEqual({ Ref: expect.stringMatching(/^Email/) });
      // The keys themselves are never in the environment (readable with lambda:GetFunctionConfiguration): only the
      // ARNs of this tenant's own secrets, which the function reads at cold start.
      expect(env.PSEUDONYM_KEY).toBeUndefined();
      expect(env.SIGNING_KEYS).toBeUndefined();
      expect(env.PSEUDONYM_KEY_SECRET).toEqual({ Ref: expect.stringMatching(/^PseudonymKey/) });
      expect(env.SIGNING_KEYS_SECRET).toEqual({ Ref: expect.stringMatching(/^SigningKeys/) });
      expect(env.VAPID_KEY).toBeUndefined();
      expect(env.VAPID_KEY_SECRET).toEqual({ Ref: expect.stringMatching(/^VapidKey/) });
      expect(JSON.stringify(env)).not.toMatch(/resolve:secretsmanager/);
      expect(env.SESSION_SECRET).toBeUndefined();
      expect(env.EMAIL_QUEUE_URL).toEqual({ Ref: expect.stringMatching(/^testemailsenderQueue/) });
      expect(env[queueUrlEnvName('ses-events')]).toEqual({ Ref: expect.stringMatching(/^testseseventsQueue/) });
    }
  });

  it('keeps each function environment under the 4 KB Lambda limit (a reference, such as a resolved ARN, counts as 300 characters)', () => {
    for (const [, fn] of functionsOf()) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      const size = Object.entries(env).reduce(
        (n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 300),
        0,
      );
      expect(size).toBeLessThan(4096);
    }
  });

  it('lets every function read exactly its tenant’s three key secrets, and decrypt them only through Secrets Manager', () => {
    const secretIds = resourcesOf(t, 'AWS::SecretsManager::Secret')
      .map(([id]) => id)
      .sort();
    expect(secretIds).toHaveLength(3);
    const roles = new Set(functionsOf().map(([, fn]) => JSON.stringify(fn.Properties.Role)));
    const policyDocs = resourcesOf(t, 'AWS::IAM::Policy').map(
      ([, p]) =>
        p as unknown as {
          Properties: {
            Roles: unknown[];
            PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[] };
          };
        },
    );
    for (const role of roles) {
      const statements = policyDocs
        .filter((p) =>
          p.Properties.Roles.some(
            (r) => JSON.stringify({ 'Fn::GetAtt': [(r as { Ref: string }).Ref, 'Arn'] }) === role,
          ),
        )
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
      const secretReads = statements.filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'));
      const secretRefs = secretReads.flatMap((st) => [st.Resource].flat() as { Ref: string }[]).map((r) => r.Ref);
      expect(secretRefs.sort(), role).toEqual(secretIds);
      const viaSecrets = statements.filter((st) => JSON.stringify(st.Condition ?? {}).includes('secretsmanager.'));
      expect(viaSecrets.length, role).toBeGreaterThan(0);
    }
  });

  it('retains every key resource with the table (a retained table is unreachable without its pseudonymisation key)', () => {
    type WithPolicies = { DeletionPolicy?: string; UpdateReplacePolicy?: string };
    const table = resourcesOf(t, 'AWS::DynamoDB::GlobalTable').concat(
      resourcesOf(t, 'AWS::DynamoDB::Table'),
    )[0]![1] as unknown as WithPolicies;
    expect(table.DeletionPolicy).toBe('Retain');
    // The VAPID key is the one key not kept: push subscriptions are remade by each browser (tenant-stack.ts).
    const vapid = resourcesOf(t, 'AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('VapidKey'));
    expect(vapid).toHaveLength(1);
    expect((vapid[0]![1] as unknown as WithPolicies).DeletionPolicy).toBe('Delete');
    const keyResources = [
      ...resourcesOf(t, 'AWS::SecretsManager::Secret').filter(([id]) => !id.startsWith('VapidKey')),
      ...resourcesOf(t, 'AWS::KMS::Key'),
    ];
    expect(keyResources.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'DataKey',
      'PseudonymKey',
      'SigningKeys',
    ]);
    for (const [, resource] of keyResources) {
      const r = resource as unknown as WithPolicies;
      expect(r.DeletionPolicy).toBe(table.DeletionPolicy);
      expect(r.UpdateReplacePolicy).toBe(table.UpdateReplacePolicy);
    }
    const outputs = t.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.PseudonymKeyArn?.Value)).toMatch(/PseudonymKey/);
    expect(JSON.stringify(outputs.SigningKeysArn?.Value)).toMatch(/SigningKeys/);
  });

  it('gives each function a log group with one-month retention', () => {
    const groups = resourcesOf(t, 'AWS::Logs::LogGroup').filter(([, g]) =>
      String(g.Properties.LogGroupName ?? '').startsWith('/aws/lambda/'),
    );
    expect(groups).toHaveLength(functionsOf().length);
    for (const [, g] of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });
});

describe('HTTP API', () => {
  it('routes exactly the registry prefixes (the local route table) to their routers', () => {
    const routes = resourcesOf(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const expected = HTTP_CONTEXTS.flatMap((c) => [`ANY ${c.prefix}`, `ANY ${c.prefix}/{proxy+}`]);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(expected.sort());

    const integrations = Object.fromEntries(resourcesOf(t, 'AWS::ApiGatewayV2::Integration'));
    const fnLogicalIdByName = Object.fromEntries(functionsOf().map(([id, r]) => [r.Properties.FunctionName, id]));
    for (const route of routes) {
      const path = (route.RouteKey as string).replace(/^ANY /, '').replace('{proxy+}', 'some/thing');
      const ctx = contextForPath(path); // what the local API server would do with this path
      expect(ctx, path).toBeDefined();
      const integrationId = (route.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const uri = integrations[integrationId]!.Properties.IntegrationUri;
      expect(uri).toEqual({ 'Fn::GetAtt': [fnLogicalIdByName[`respite-demo-${ctx!.name}`], 'Arn'] });
    }
  });

  it('is throttled, access-logged without IP addresses, and reachable only through api.<domain>/<slug>', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    const stage = resourcesOf(t, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: DEFAULT_SETTINGS.apiRateLimit,
      ThrottlingBurstLimit: DEFAULT_SETTINGS.apiBurstLimit,
    });
    expect(stage.AccessLogSettings.Format).toContain('$context.requestId');
    expect(stage.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|identity/);
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      DomainName: 'api.respite.example',
      ApiMappingKey: 'demo',
      Stage: '$default',
    });
  });
});

describe('jobs and queues', () => {
  it('schedules every registry job with the tick input the local scheduler sends, retries and a DLQ', () => {
    const schedules = resourcesOf(t, 'AWS::Scheduler::Schedule').map(([, s]) => s.Properties);
    expect(schedules.map((s) => [s.Name, s.ScheduleExpression]).sort()).toEqual(
      SCHEDULED_JOBS.map((j) => [`respite-demo-${j.name}`, j.schedule]).sort(),
    );
    for (const s of schedules) {
      expect(JSON.parse(s.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
      expect(s.Target.RetryPolicy.MaximumRetryAttempts).toBe(3);
      expect(s.Target.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ScheduleDlq/), 'Arn'] });
    }
  });

  it('sends every job invocation that still fails after Lambda’s async retries to the job’s own on-failure queue', () => {
    const configs = resourcesOf(t, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
    const queues = Object.fromEntries(resourcesOf(t, 'AWS::SQS::Queue'));
    expect(configs).toHaveLength(SCHEDULED_JOBS.length);
    for (const job of SCHEDULED_JOBS) {
      const [fnId] = functionByName(job.name);
      const config = configs.find((c) => c.FunctionName.Ref === fnId)!;
      expect(config).toMatchObject({ MaximumRetryAttempts: JOB_ASYNC_RETRIES, MaximumEventAgeInSeconds: 3600 });
      const queueId = config.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
      expect(queues[queueId]!.Properties.QueueName).toBe(`respite-demo-${job.name}-dlq`);
    }
    // The local stack retries a failing job as often as Lambda does (scripts/local/async-invoke.ts).
    expect(LOCAL_ASYNC_RETRIES).toBe(JOB_ASYNC_RETRIES);
  });

  it('gives every consumer its queue with a DLQ, redrive and visibility ≥ 6 × the function timeout', () => {
    const queues = Object.fromEntries(resourcesOf(t, 'AWS::SQS::Queue'));
    const mappings = resourcesOf(t, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    for (const consumer of REGISTRY_WITH_QUEUES.consumers) {
      const [fnId, fn] = functionByName(consumer.name);
      const [queueId, queue] = Object.entries(queues).find(
        ([, q]) => q.Properties.QueueName === `respite-demo-${consumer.queue}`,
      )!;
      expect(fn.Properties.Timeout).toBe(TIMEOUTS.consumer.toSeconds());
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_MULTIPLIER * fn.Properties.Timeout);
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
      expect(queues[dlqId]!.Properties.QueueName).toBe(`respite-demo-${consumer.queue}-dlq`);
      const mapping = mappings.find((m) => m.FunctionName.Ref === fnId)!;
      expect(mapping).toMatchObject({
        BatchSize: consumer.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        // bounded concurrency × per-instance rate keeps sending under the SES quota
        ScalingConfig: { MaximumConcurrency: CONSUMER_MAX_CONCURRENCY },
      });
      expect(
        Number(fn.Properties.Environment.Variables.EMAIL_SEND_RATE) * CONSUMER_MAX_CONCURRENCY,
      ).toBeLessThanOrEqual(14);
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    }
  });

  it('routes this tenant’s SES bounces and complaints to the SES events queue', () => {
    t.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'respite-demo',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    t.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']) }),
    });
    const rule = resourcesOf(t, 'AWS::Events::Rule')[0]![1].Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.ses'],
      detail: { mail: { tags: { 'ses:configuration-set': ['respite-demo'] } } },
    });
    const queueId = Object.entries(Object.fromEntries(resourcesOf(t, 'AWS::SQS::Queue'))).find(
      ([, q]) => q.Properties.QueueName === 'respite-demo-ses-events',
    )![0];
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(rule.Targets[0].DeadLetterConfig).toBeDefined();
  });
});

describe('alarms', () => {
  it('alarms on every DLQ, the API 5xx rate and every function’s error rate, all to the ops topic', () => {
    const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const dlqs = resourcesOf(t, 'AWS::SQS::Queue').filter(([, q]) => String(q.Properties.QueueName).endsWith('-dlq'));
    const names_ = alarms.map((a) => a.AlarmName as string);
    expect(names_.filter((n) => n.endsWith('-dlq-depth'))).toHaveLength(dlqs.length);
    expect(names_).toContain('respite-demo-api-5xx-rate');
    for (const [, fn] of functionsOf()) expect(names_).toContain(`${fn.Properties.FunctionName}-error-rate`);
    for (const a of alarms) expect(a.AlarmActions).toEqual([names.opsTopicArn(DEFAULT_SETTINGS)]);
    // Ratio alarms only count once a window has enough traffic (minimum-request guard).
    const ratios = alarms.filter((a) => String(a.AlarmName).endsWith('-rate'));
    expect(ratios.length).toBe(functionsOf().length + 1);
    for (const a of ratios)
      expect(a.Metrics[0].Expression).toMatch(
        new RegExp(`^IF\\((requests|invocations) >= ${MIN_REQUESTS_FOR_RATE}, errors / `),
      );
  });
});

describe('resource budget', () => {
  it('costs exactly 23 + 10 per HTTP context + 10 per job + 11 per consumer resources (docs/deploy.md)', () => {
    const count = Object.keys(t.toJSON().Resources).length;
    const r = REGISTRY_WITH_QUEUES;
    // Fixed 13 (key, alias, table, two key secrets, the Web Push key secret, the retained record, configuration set,
    // API, stage, mapping, access logs, 5xx alarm)
    // + 5 for scheduling (DLQ, its policy and alarm, scheduler role and policy) + 5 for SES events
    // (destination, rule, rule DLQ, its policy and alarm).
    // HTTP context: function, role, policy, log group, integration, 2 routes, 2 permissions, alarm.
    // Job: function, role, policy, log group, schedule, alarm, on-failure queue + policy + alarm, event invoke config.
    // Consumer: function, role, policy, log group, alarm, queue + policy, DLQ + policy + alarm, event source mapping.
    expect(count).toBe(23 + 10 * r.http.length + 10 * r.jobs.length + 11 * r.consumers.length);
    // The budget: well under CloudFormation's 500 resources per stack, leaving room for ~30 more contexts.
    expect(count).toBeLessThanOrEqual(200);
  });
});
