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
  SES_TRANSACTIONAL_RESERVE,
  senderRatePerInstance,
  TIMEOUTS,
  VISIBILITY_MULTIPLIER,
} from '../../infra/stacks/tenant-stack.js';
import { ASYNC_RETRIES as LOCAL_ASYNC_RETRIES } from '../../scripts/local/async-invoke.js';
import {
  type AlarmMetric,
  type Built,
  build,
  type CfnResource,
  REGISTRY_WITH_QUEUES,
  resourcesOf,
  tenant,
} from './helpers.js';

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
      p.GlobalSecondaryIndexes.map((g: { IndexName: string; KeySchema: { AttributeName: string }[] }) => [
        g.IndexName,
        g.KeySchema.map((k) => k.AttributeName),
      ]),
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
      expect(env.PSEUDONYM_KEY_SECRET).toEqual({ Ref: expect.stringMatching(/^DataPseudonymKey/) });
      expect(env.SIGNING_KEYS_SECRET).toEqual({ Ref: expect.stringMatching(/^DataSigningKeys/) });
      expect(JSON.stringify(env)).not.toMatch(/resolve:secretsmanager/);
      expect(env.SESSION_SECRET).toBeUndefined();
      // Queue URLs only where the function sends (the next test).
      expect(env[queueUrlEnvName('ses-events')]).toBeUndefined();
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

  it('grants every function exactly what its entry in functions/contexts.ts declares, and nothing else', () => {
    const resources = t.toJSON().Resources as Record<string, CfnResource>;
    const nameOf = (res: unknown): string => {
      const join = (res as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
      if (join) return join[1].map((p) => (typeof p === 'string' ? p : nameOf(p))).join(join[0]);
      const ref = res as { Ref?: string; 'Fn::GetAtt'?: string[] };
      const id = ref.Ref ?? ref['Fn::GetAtt']?.[0];
      const r = id ? resources[id] : undefined;
      if (r?.Type === 'AWS::SQS::Queue') return `queue ${r.Properties.QueueName}`;
      if (r?.Type === 'AWS::SecretsManager::Secret') return `secret ${r.Properties.Name}`;
      if (r?.Type === 'AWS::DynamoDB::GlobalTable') return 'table';
      return JSON.stringify(res);
    };
    /** function name → action → names of the resources its role holds it on. */
    const held = (fnName: string) => {
      const [, fn] = functionByName(fnName);
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const out = new Map<string, Set<string>>();
      for (const [, p] of resourcesOf(t, 'AWS::IAM::Policy')) {
        if (!p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId)) continue;
        for (const st of p.Properties.PolicyDocument.Statement)
          for (const a of [st.Action].flat() as string[])
            for (const r of [st.Resource].flat()) {
              if (!out.has(a)) out.set(a, new Set());
              out.get(a)!.add(nameOf(r));
            }
      }
      return out;
    };
    const entries = [
      ...REGISTRY_WITH_QUEUES.http.map((e) => ({ ...e, kind: 'http' })),
      ...REGISTRY_WITH_QUEUES.jobs.map((e) => ({ ...e, kind: 'job' })),
      ...REGISTRY_WITH_QUEUES.consumers.map((e) => ({ ...e, kind: 'consumer' })),
    ] as { name: string; kind: string; queue?: string; needs: import('../../functions/contexts.js').Needs }[];
    expect(new Set(entries.map((e) => e.needs.table))).toEqual(new Set(['read', 'read-write']));
    for (const e of entries) {
      const h = held(e.name);
      const names_ = (action: string) => [...(h.get(action) ?? [])].sort();
      const table = ['table', 'table/index/gsi1', 'table/index/gsi2'];
      expect(names_('dynamodb:Query'), e.name).toEqual(table);
      expect(names_('dynamodb:PutItem'), e.name).toEqual(e.needs.table === 'read-write' ? table : []);
      expect(h.has('dynamodb:Scan'), e.name).toBe(false);
      expect(names_('secretsmanager:GetSecretValue'), e.name).toEqual(
        e.needs.keys.map((k) => `secret respite/demo/${k === 'pseudonym' ? 'pseudonym-key' : 'signing-keys'}`).sort(),
      );
      expect(h.has('ses:SendEmail'), e.name).toBe(e.needs.sesSend === true);
      expect(h.has('ses:SendRawEmail'), e.name).toBe(false);
      const sends = (e.needs.sendsTo ?? []).map((q) => `queue respite-demo-${q}`);
      if (e.kind === 'job') sends.push(`queue respite-demo-${e.name}-dlq`);
      expect(names_('sqs:SendMessage'), e.name).toEqual(sends.sort());
      expect(names_('sqs:ReceiveMessage'), e.name).toEqual(
        e.kind === 'consumer' ? [`queue respite-demo-${e.queue}`] : [],
      );
      // The queue URLs in the environment are those of the queues it sends to, and no other.
      const env = functionByName(e.name)[1].Properties.Environment.Variables as Record<string, unknown>;
      expect(
        Object.keys(env)
          .filter((k) => k.startsWith('QUEUE_URL_'))
          .sort(),
        e.name,
      ).toEqual((e.needs.sendsTo ?? []).map(queueUrlEnvName).sort());
      expect('EMAIL_QUEUE_URL' in env, e.name).toBe((e.needs.sendsTo ?? []).includes('email'));
    }
  });

  it('decrypts the key secrets only through Secrets Manager and the table only through DynamoDB', () => {
    for (const [, p] of resourcesOf(t, 'AWS::IAM::Policy'))
      for (const st of p.Properties.PolicyDocument.Statement)
        if ([st.Action].flat().some((a: string) => a.startsWith('kms:')))
          expect(JSON.stringify(st.Condition)).toMatch(
            /kms:ViaService.*(secretsmanager|dynamodb)\.eu-west-1\.amazonaws\.com/,
          );
  });

  it('retains every key resource with the table (a retained table is unreachable without its pseudonymisation key)', () => {
    type WithPolicies = { DeletionPolicy?: string; UpdateReplacePolicy?: string };
    const table = resourcesOf(t, 'AWS::DynamoDB::GlobalTable').concat(
      resourcesOf(t, 'AWS::DynamoDB::Table'),
    )[0]![1] as unknown as WithPolicies;
    expect(table.DeletionPolicy).toBe('Retain');
    const keyResources = [...resourcesOf(t, 'AWS::SecretsManager::Secret'), ...resourcesOf(t, 'AWS::KMS::Key')];
    expect(keyResources.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'DataKey',
      'DataPseudonymKey',
      'DataSigningKeys',
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
      expect(s.Target.DeadLetterConfig.Arn).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^JobsScheduleDlq/), 'Arn'],
      });
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
      // Two tenants (demo, beta) share the account's 14/s, less the transactional reserve.
      expect(Number(fn.Properties.Environment.Variables.EMAIL_SEND_RATE)).toBe(senderRatePerInstance(14, 2));
      expect(
        Number(fn.Properties.Environment.Variables.EMAIL_SEND_RATE) * CONSUMER_MAX_CONCURRENCY * 2,
      ).toBeLessThanOrEqual(14 * (1 - SES_TRANSACTIONAL_RESERVE));
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    }
  });

  it('shares the account’s SES rate across every tenant’s senders, and refuses a share too small to send with', () => {
    const settings = { ...DEFAULT_SETTINGS, sesMaxSendRate: 30 };
    const b = build({ settings, tenants: [tenant('alpha'), tenant('bravo'), tenant('charlie')], nag: false });
    let total = 0;
    for (const stack of b.tenants) {
      const sender = resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Function').find(
        ([, f]) => f.Properties.FunctionName === `respite-${stack.slug}-test-email-sender`,
      )!;
      total += Number(sender[1].Properties.Environment.Variables.EMAIL_SEND_RATE) * CONSUMER_MAX_CONCURRENCY;
    }
    expect(total).toBeLessThanOrEqual(30 * (1 - SES_TRANSACTIONAL_RESERVE));
    expect(total).toBeGreaterThan(30 * (1 - SES_TRANSACTIONAL_RESERVE) - 0.01);
    // Synthesising one tenant still divides by all of them.
    const one = build({
      settings,
      tenants: [tenant('alpha'), tenant('bravo'), tenant('charlie')],
      only: 'bravo',
      nag: false,
    });
    const fn = resourcesOf(Template.fromStack(one.tenants[0]!), 'AWS::Lambda::Function')[0]![1];
    expect(Number(fn.Properties.Environment.Variables.EMAIL_SEND_RATE)).toBe(senderRatePerInstance(30, 3));
    const many = Array.from({ length: 10 }, (_, i) => tenant(`org${i}a`));
    expect(() =>
      build({ settings: { ...DEFAULT_SETTINGS, sesMaxSendRate: 1 }, tenants: many, only: 'org0a', nag: false }),
    ).toThrow(/SES rate \(sesMaxSendRate 1\/s\) shared by 10 tenant\(s\)/);
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
    // Error-rate alarms only count once a window has enough traffic (minimum-request guard).
    const ratios = alarms.filter((a) => /-(error|5xx)-rate$/.test(String(a.AlarmName)));
    expect(ratios.length).toBe(functionsOf().length + 1);
    for (const a of ratios)
      expect(a.Metrics[0].Expression).toMatch(
        new RegExp(`^IF\\((requests|invocations) >= ${MIN_REQUESTS_FOR_RATE}, errors / `),
      );
  });

  it('alarms on Lambda throttles and durations near the timeout of every function, by kind', () => {
    const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const byName = new Map(alarms.map((a) => [a.AlarmName as string, a]));
    const metricsOf = (a: Record<string, unknown>) =>
      (a.Metrics as AlarmMetric[])
        .flatMap((m) => (m.MetricStat ? [m.MetricStat] : []))
        .map((ms) => ({
          name: ms.Metric.MetricName,
          stat: ms.Stat,
          fn: ms.Metric.Dimensions[0]!.Value.Ref,
        }));
    const kinds = {
      http: REGISTRY_WITH_QUEUES.http,
      job: REGISTRY_WITH_QUEUES.jobs,
      consumer: REGISTRY_WITH_QUEUES.consumers,
    } as const;
    for (const [kind, entries] of Object.entries(kinds)) {
      const fnIds = entries.map((e) => functionByName(e.name)[0]).sort();
      const throttles = byName.get(`respite-demo-${kind}-throttles`)!;
      expect(
        metricsOf(throttles)
          .map((m) => m.fn)
          .sort(),
        kind,
      ).toEqual(fnIds);
      expect(new Set(metricsOf(throttles).map((m) => `${m.name} ${m.stat}`))).toEqual(new Set(['Throttles Sum']));
      expect(throttles).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      const slow = byName.get(`respite-demo-${kind}-near-timeout`)!;
      expect(
        metricsOf(slow)
          .map((m) => m.fn)
          .sort(),
        kind,
      ).toEqual(fnIds);
      expect(new Set(metricsOf(slow).map((m) => `${m.name} ${m.stat}`))).toEqual(new Set(['Duration Maximum']));
      expect((slow.Metrics as AlarmMetric[]).find((m) => m.Expression)!.Expression).toMatch(/^MAX\(\[/);
      const timeoutMs = TIMEOUTS[kind as keyof typeof TIMEOUTS].toMilliseconds();
      expect(slow.Threshold).toBe(Math.floor(timeoutMs * 0.9));
    }
  });

  it('alarms on DynamoDB throttling of the tenant’s table', () => {
    const a = resourcesOf(t, 'AWS::CloudWatch::Alarm')
      .map(([, x]) => x.Properties)
      .find((x) => x.AlarmName === 'respite-demo-table-throttles')!;
    const metrics = (a.Metrics as AlarmMetric[]).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(metrics.map((m) => m.MetricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    for (const m of metrics) expect(m.Dimensions).toEqual([{ Name: 'TableName', Value: expect.anything() }]);
    expect(a.Threshold).toBe(1);
  });

  it('alarms on this tenant’s SES bounce (≥ 5 %) and complaint (≥ 0.1 %) rates from its own configuration set, with minimum-send guards', () => {
    const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, x]) => x.Properties);
    const cases = [
      ['respite-demo-ses-bounce-rate', 'Bounce', 100, 0.05],
      ['respite-demo-ses-complaint-rate', 'Complaint', 1000, 0.001],
    ] as const;
    for (const [alarmName, metric, minSends, threshold] of cases) {
      const a = alarms.find((x) => x.AlarmName === alarmName)!;
      expect(a.Threshold).toBe(threshold);
      expect(a.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect((a.Metrics as AlarmMetric[]).find((m) => m.Expression)!.Expression).toBe(
        `IF(sends >= ${minSends}, events / sends, 0)`,
      );
      const stats = (a.Metrics as AlarmMetric[]).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
      expect(stats.map((m) => m.MetricName).sort()).toEqual([metric, 'Send'].sort());
      for (const m of stats)
        expect(m).toMatchObject({ Namespace: 'AWS/SES', Dimensions: [{ Name: 'ses:configuration-set' }] });
    }
    // SES publishes those counts per configuration set through a CloudWatch event destination.
    t.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(['send', 'bounce', 'complaint']),
        CloudWatchDestination: {
          DimensionConfigurations: [
            {
              DimensionName: 'ses:configuration-set',
              DimensionValueSource: 'messageTag',
              DefaultDimensionValue: 'respite-demo',
            },
          ],
        },
      }),
    });
  });
});

describe('resource budget', () => {
  it('costs exactly 32 + 10 per HTTP context + 10 per job + 11 per consumer resources (docs/deploy.md)', () => {
    const count = Object.keys(t.toJSON().Resources).length;
    const r = REGISTRY_WITH_QUEUES;
    // Fixed 16 (key, alias, table, two key secrets, the retained record, configuration set and its CloudWatch
    // destination, API, stage, mapping, access logs, 5xx alarm, table throttle alarm, SES bounce and complaint alarms)
    // + 5 for scheduling (DLQ, its policy and alarm, scheduler role and policy) + 5 for SES events
    // (destination, rule, rule DLQ, its policy and alarm) + 6 throttle and near-timeout alarms (one of each per kind
    // of function, up to 10 functions each).
    // HTTP context: function, role, policy, log group, integration, 2 routes, 2 permissions, alarm.
    // Job: function, role, policy, log group, schedule, alarm, on-failure queue + policy + alarm, event invoke config.
    // Consumer: function, role, policy, log group, alarm, queue + policy, DLQ + policy + alarm, event source mapping.
    expect(count).toBe(32 + 10 * r.http.length + 10 * r.jobs.length + 11 * r.consumers.length);
    // The budget (ours, well under CloudFormation's 500 resources per stack): one more context fits; beyond it,
    // raise DEFAULT_QUOTAS.resourceBudget in infra/checks/limits.ts (docs/deploy.md, Resource budget).
    expect(count).toBeLessThanOrEqual(200);
  });
});
