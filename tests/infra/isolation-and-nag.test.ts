// Tenant isolation (two tenants: no role of one can touch the other's resources) and cdk-nag (AwsSolutions +
// Serverless) with zero unacknowledged findings, each acknowledgement on a specific construct with a reason.

import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertSlugsDistinct,
  type CfnTemplate,
  findIsolationViolations,
  renderCfn,
} from '../../infra/checks/tenant-isolation.js';
import type { TenantData } from '../../infra/constructs/tenant-data.js';
import type { TenantStack } from '../../infra/stacks/tenant-stack.js';
import { type Built, build, REGISTRY_WITH_QUEUES, readReport, tenant } from './helpers.js';

const tableArnOf = (s: TenantStack) => (s.node.findChild('Data') as TenantData).table.tableArn;

let built: Built;
let templates: Record<string, CfnTemplate>;
let synthError: unknown;

beforeAll(() => {
  built = build({ tenants: [tenant('alpha'), tenant('bravo')] });
  try {
    built.app.synth(); // cdk-nag packs and the isolation check run here
  } catch (err) {
    synthError = err;
  }
  templates = Object.fromEntries(built.tenants.map((s) => [s.slug, Template.fromStack(s).toJSON() as CfnTemplate]));
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
function statementsOf(template: CfnTemplate): { id: string; st: Statement }[] {
  const out: { id: string; st: Statement }[] = [];
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    const docs =
      r.Type === 'AWS::IAM::Policy'
        ? [r.Properties!.PolicyDocument]
        : r.Type === 'AWS::IAM::Role'
          ? ((r.Properties!.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map((p) => p.PolicyDocument)
          : [];
    for (const doc of docs) for (const st of (doc as { Statement: Statement[] }).Statement) out.push({ id, st });
  }
  return out;
}
const OPTS = {
  account: '123456789012',
  sesIdentityArns: ['arn:aws:ses:eu-west-1:123456789012:identity/respite.example'],
};
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('tenant isolation (two-tenant app)', () => {
  it('grants no data or email action on "*" in either tenant', () => {
    for (const [slug, template] of Object.entries(templates)) {
      const statements = statementsOf(template);
      expect(statements.length, slug).toBeGreaterThan(10);
      for (const { id, st } of statements) {
        const dataActions = list(st.Action).filter((a) => /^(dynamodb|ses|sqs|kms|secretsmanager):/.test(a));
        if (dataActions.length === 0) continue;
        for (const res of list(st.Resource)) expect(renderCfn(res), `${slug}/${id} ${dataActions}`).not.toContain('*');
      }
    }
  });

  it('names only the tenant’s own table, queues, key and configuration set; nothing of the other tenant', () => {
    for (const [slug, template] of Object.entries(templates)) {
      const other = slug === 'alpha' ? 'bravo' : 'alpha';
      const text = JSON.stringify(template);
      expect(text).not.toContain(`respite-${other}`);
      expect(text).not.toContain(`respite/${other}/`);
      expect(text).not.toContain('Fn::ImportValue');
      const sesResources = statementsOf(template)
        .filter(({ st }) => list(st.Action).some((a) => a.startsWith('ses:')))
        .flatMap(({ st }) => list(st.Resource).map(renderCfn));
      const configSetId = Object.entries(template.Resources!).find(
        ([, r]) => r.Type === 'AWS::SES::ConfigurationSet',
      )![0];
      expect(template.Resources![configSetId]!.Properties!.Name).toBe(`respite-${slug}`);
      expect(new Set(sesResources)).toEqual(
        new Set([
          'arn:aws:ses:eu-west-1:123456789012:identity/respite.example',
          `arn:aws:ses:eu-west-1:123456789012:configuration-set/<Ref:${configSetId}>`,
        ]),
      );
      const tableResources = statementsOf(template)
        .filter(({ st }) => list(st.Action).some((a) => a.startsWith('dynamodb:')))
        .flatMap(({ st }) => list(st.Resource).map(renderCfn));
      for (const r of tableResources) expect(r).toMatch(/^<GetAtt:DataTable[A-Z0-9]+\.Arn>(\/index\/gsi[12])?$/);
    }
  });

  it('never allows dynamodb:Scan (every access pattern is a GetItem or Query)', () => {
    for (const template of Object.values(templates))
      for (const { st } of statementsOf(template)) expect(list(st.Action)).not.toContain('dynamodb:Scan');
  });

  it('the synth-time check finds nothing in the real templates, least privilege per function included', () => {
    for (const [slug, template] of Object.entries(templates)) {
      const declared = built.tenants.find((s) => s.slug === slug)!.declared;
      expect(Object.keys(declared).length).toBe(
        REGISTRY_WITH_QUEUES.http.length + REGISTRY_WITH_QUEUES.jobs.length + REGISTRY_WITH_QUEUES.consumers.length,
      );
      expect(findIsolationViolations(template, slug, ['alpha', 'bravo'], { ...OPTS, declared })).toEqual([]);
    }
  });

  // Each crafted statement passed the previous check for tenant alpha (issue 23); each must now be a finding.
  const identity = (st: Record<string, unknown>) => ({
    Type: 'AWS::IAM::Policy',
    Properties: { PolicyDocument: { Statement: [st] } },
  });
  const BYPASSES: [string, { Type: string; Properties: Record<string, unknown> }, RegExp][] = [
    [
      'Action "*" on Resource "*"',
      identity({ Effect: 'Allow', Action: '*', Resource: '*' }),
      /action \* is not on the allow-list/,
    ],
    [
      'service wildcard action',
      identity({ Effect: 'Allow', Action: 'dynamodb:*', Resource: { 'Fn::GetAtt': ['DataTableX', 'Arn'] } }),
      /action dynamodb:\* is not on the allow-list/,
    ],
    [
      'lambda:GetFunctionConfiguration on another tenant',
      identity({
        Effect: 'Allow',
        Action: 'lambda:GetFunctionConfiguration',
        Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:respite-bravo-*',
      }),
      /lambda:GetFunctionConfiguration is not on the allow-list[\s\S]*names tenant "bravo"/,
    ],
    [
      'sts:AssumeRole on *',
      identity({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
      /sts:AssumeRole is not on the allow-list/,
    ],
    [
      'allowed action on bare *',
      identity({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }),
      /wildcard resource: lambda:InvokeFunction on \*/,
    ],
    [
      'NotResource',
      identity({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        NotResource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/respite-alpha',
      }),
      /NotResource grants everything/,
    ],
    [
      'NotAction',
      identity({
        Effect: 'Allow',
        NotAction: 'iam:*',
        Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/respite-alpha',
      }),
      /NotAction grants everything/,
    ],
    [
      'Fn::Sub map hiding an import',
      identity({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: {
          'Fn::Sub': [
            `arn:aws:sqs:eu-west-1:123456789012:respite-alpha-\${Q}`, // a literal ${Q}: Fn::Sub's own variable
            { Q: { 'Fn::ImportValue': 'BravoQueue' } },
          ],
        },
      }),
      /imported from another stack[\s\S]*Fn::Sub with a variable map/,
    ],
    [
      'another SES identity',
      identity({
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: 'arn:aws:ses:eu-west-1:123456789012:identity/bravo.example',
      }),
      /SES identity this tenant may not send as/,
    ],
    [
      'hyphen-prefixed neighbour (alpha-eu)',
      identity({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:eu-west-1:123456789012:respite-alpha-eu-email',
      }),
      /names tenant "alpha-eu"/,
    ],
    [
      'queue policy open to everyone',
      {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: '*' }],
          },
        },
      },
      /resource policy allows principal \*/,
    ],
    [
      'queue policy for another account',
      {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::999999999999:root' },
                Action: 'sqs:ReceiveMessage',
                Resource: 'x',
              },
            ],
          },
        },
      },
      /allows AWS principal arn:aws:iam::999999999999:root/,
    ],
    [
      'service principal without source condition',
      {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: {
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: 'x' },
            ],
          },
        },
      },
      /without aws:SourceArn/,
    ],
    [
      'secret resource policy',
      {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: {
          ResourcePolicy: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::123456789012:role/respite-bravo-x' },
                Action: 'secretsmanager:GetSecretValue',
                Resource: '*',
              },
            ],
          },
        },
      },
      /allows AWS principal/,
    ],
    [
      'Lambda permission for anyone',
      {
        Type: 'AWS::Lambda::Permission',
        Properties: { Action: 'lambda:InvokeFunction', Principal: '*', FunctionName: 'respite-alpha-enrolment' },
      },
      /non-service principal[\s\S]*without SourceArn/,
    ],
    [
      'Lambda permission from another tenant’s API',
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: 'x',
          SourceArn: { 'Fn::ImportValue': 'BravoApi' },
        },
      },
      /imported from another stack/,
    ],
  ];
  it.each(BYPASSES)('the synth-time check catches: %s', (_name, resource, expected) => {
    const tampered = structuredClone(templates.alpha!);
    tampered.Resources!.Crafted = resource;
    const findings = findIsolationViolations(tampered, 'alpha', ['alpha', 'bravo', 'alpha-eu'], OPTS);
    expect(
      findings.every((f) => f.logicalId === 'Crafted'),
      JSON.stringify(findings),
    ).toBe(true);
    expect(findings.map((f) => f.message).join('\n')).toMatch(expected);
  });

  it('refuses reserved slugs and slugs that hyphen-prefix another, at synth', () => {
    expect(() => assertSlugsDistinct(['acme', 'acme-eu'])).toThrow(/"acme" is a hyphen-prefix of "acme-eu"/);
    expect(() => assertSlugsDistinct(['acme', 'acmeeu', 'demo'])).not.toThrow();
    for (const reserved of ['api', 'www', 'mail']) expect(() => assertSlugsDistinct([reserved])).toThrow(/is reserved/);
    expect(() => build({ tenants: [tenant('acme'), tenant('acme-eu')], nag: false })).toThrow(/hyphen-prefix/);
    expect(() => build({ tenants: [tenant('www')], nag: false })).toThrow(/"www" is reserved/);
  });

  it('the synth-time check catches a wildcard, an import and another tenant’s ARN', () => {
    const tampered = structuredClone(templates.alpha!);
    tampered.Resources!.Leaky = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['sqs:SendMessage'],
              Resource: 'arn:aws:sqs:eu-west-1:123456789012:respite-bravo-email',
            },
            { Effect: 'Allow', Action: 'ses:SendEmail', Resource: { 'Fn::ImportValue': 'BravoConfigSet' } },
            { Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' },
          ],
        },
      },
    };
    const messages = findIsolationViolations(tampered, 'alpha', ['alpha', 'bravo'], OPTS).map(
      (f) => `${f.logicalId}: ${f.message}`,
    );
    expect(messages.filter((m) => m.startsWith('Leaky: wildcard'))).toHaveLength(1);
    expect(messages.some((m) => m.startsWith('Leaky: names tenant "bravo"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Leaky: resource imported'))).toBe(true);
    expect(messages.every((m) => m.startsWith('Leaky:'))).toBe(true); // the xray "*" is allowed; nothing else flagged
  });

  it('fails the synth when a tenant role is granted another tenant’s queue', () => {
    const b = build({ tenants: [tenant('alpha'), tenant('bravo')], nag: false });
    const alpha = b.tenants.find((s) => s.slug === 'alpha')!;
    const role = [...alpha.functions.values()][0]!.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: ['arn:aws:sqs:eu-west-1:123456789012:respite-bravo-email'],
      }),
    );
    expect(() => b.app.synth()).toThrow(/names tenant "bravo": sqs:SendMessage/);
    const report = readReport(b.outdir).pluginReports.find((p) => p.pluginName === 'RespiteTenantIsolation')!;
    expect(report.conclusion).toBe('failure');
    expect(report.violations.map((v) => v.ruleName)).toContain('TenantIsolation');
  });
});

// Least privilege per function: a role that holds more than its entry in functions/contexts.ts declares fails the
// synth. Each case adds one grant the declaration does not cover (REGISTRY_WITH_QUEUES: test-ses-events declares a
// read-only table and the pseudonymisation key only; programme sends to no queue and calls no SES).
describe('least privilege per function (synth-time check)', () => {
  const EXTRA_GRANTS: [string, (s: TenantStack) => void, RegExp][] = [
    [
      'table write on a read-only function',
      (s) =>
        s.functions
          .get('test-ses-events')!
          .role.addToPrincipalPolicy(
            new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [tableArnOf(s)] }),
          ),
      /the role of respite-alpha-test-ses-events holds table:write, which functions\/contexts.ts does not declare: dynamodb:PutItem/,
    ],
    [
      'SES on a function that does not send',
      (s) =>
        s.functions.get('programme')!.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: ['arn:aws:ses:eu-west-1:123456789012:identity/respite.example'],
          }),
        ),
      /respite-alpha-programme holds ses:send/,
    ],
    [
      'a queue it does not send to',
      (s) => s.queues.get('ses-events')!.grantSendMessages(s.functions.get('programme')!.role),
      /respite-alpha-programme holds queue:ses-events:send/,
    ],
    [
      'consuming another function’s queue',
      (s) => s.queues.get('email')!.grantConsumeMessages(s.functions.get('reminders')!.role),
      /respite-alpha-reminders holds queue:email:consume/,
    ],
    [
      'a key secret it does not read',
      (s) => (s.node.findChild('Data') as TenantData).signingKeys.grantRead(s.functions.get('test-ses-events')!.role),
      /respite-alpha-test-ses-events holds secret:signing/,
    ],
    [
      'the table key outside DynamoDB',
      (s) =>
        s.functions.get('stats')!.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [(s.node.findChild('Data') as TenantData).key.keyArn],
          }),
        ),
      /respite-alpha-stats holds other:kms:Decrypt on the key directly/,
    ],
    [
      'writing another function’s log group',
      (s) => s.functions.get('enrolment')!.logGroup.grantWrite(s.functions.get('stats')!.role),
      /respite-alpha-stats holds other:logs:\w+ on another function's log group/,
    ],
    [
      'invoking a function',
      (s) => s.functions.get('enrolment')!.fn.grantInvoke(s.functions.get('stats')!.role),
      /respite-alpha-stats holds other:lambda:InvokeFunction/,
    ],
  ];
  it.each(EXTRA_GRANTS)('fails the synth on an extra grant: %s', (_name, grant, expected) => {
    // The same app without it is clean ('the synth-time check finds nothing in the real templates').
    const b = build({ tenants: [tenant('alpha')], nag: false });
    grant(b.tenants[0]!);
    expect(() => b.app.synth()).toThrow(expected);
  });

  it('reports a declaration its role lacks, and a function with no declaration', () => {
    const template = templates.alpha!;
    const declared = { ...built.tenants.find((s) => s.slug === 'alpha')!.declared };
    declared['respite-alpha-stats'] = [...declared['respite-alpha-stats']!, 'ses:send'];
    delete declared['respite-alpha-programme'];
    const messages = findIsolationViolations(template, 'alpha', ['alpha', 'bravo'], { ...OPTS, declared }).map(
      (f) => f.message,
    );
    expect(messages).toEqual([
      'function respite-alpha-programme has no declaration in functions/contexts.ts',
      'respite-alpha-stats declares ses:send in functions/contexts.ts but its role is not granted it',
    ]);
  });
});

describe('cdk-nag', () => {
  it('runs AwsSolutions and Serverless on the two-tenant app (platform included) with zero unacknowledged findings', () => {
    expect(synthError === undefined ? 'no findings' : String(synthError)).toBe('no findings');
    expect(built.platform).toBeDefined();
  });

  it('reports an unacknowledged finding (proof that the packs are live)', () => {
    const b = build({ tenants: [tenant('alpha')], only: 'alpha' });
    new sqs.Queue(b.tenants[0]!, 'NakedQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => b.app.synth()).toThrow(/SQS Queue/);
    const rules = readReport(b.outdir).pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
    );
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-SQS3 RespiteTenant-alpha\/NakedQueue/),
        expect.stringMatching(/^Serverless-SQSRedrivePolicy RespiteTenant-alpha\/NakedQueue/),
      ]),
    );
  });

  it('acknowledges per construct, never per stack or app, and always with a written reason', () => {
    let count = 0;
    for (const c of built.app.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [rule, reason] of Object.entries(m.data as Record<string, string>)) {
          if (rule.startsWith('CloudFormation-Validate::')) continue; // CDK's own, on its S3 construct
          count += 1;
          expect(c.node.path.split('/').length, `${rule} at ${c.node.path}`).toBeGreaterThan(1);
          expect(reason.length, rule).toBeGreaterThanOrEqual(40);
        }
      }
    }
    expect(count).toBeGreaterThan(10);
  });
});
