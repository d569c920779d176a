// PlatformStack assertions, the CloudFront routing functions (run for real), and the app's stack selection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../infra/settings.js';
import { apiRouterCode, webRouterCode } from '../../infra/stacks/platform-stack.js';
import { WEB_SECURITY_HEADERS } from '../../infra/web-security-headers.js';
import { WEB_SECURITY_HEADERS as LOCAL_SERVER_HEADERS } from '../../scripts/local/api-server.js';
import { build, resourcesOf, tenant } from './helpers.js';

let t: Template;
beforeAll(() => {
  const b = build({ tenants: [tenant('demo')], nag: false });
  t = Template.fromStack(b.platform!);
});

type CfRequest = { uri: string; headers: Record<string, { value: string }> };
const cloudFrontFunction = (code: string) =>
  new Function(`${code}\nreturn handler;`)() as (e: { request: CfRequest }) => CfRequest & { statusCode?: number };
const request = (host: string, uri: string) => ({ request: { uri, headers: { host: { value: host } } } });

describe('CloudFront functions', () => {
  const api = cloudFrontFunction(apiRouterCode('respite.example'));
  const web = cloudFrontFunction(webRouterCode());

  it('sends <slug>.<domain>/api/* to the tenant’s API mapping and refuses anything else', () => {
    expect(api(request('acme.respite.example', '/api/account/session')).uri).toBe('/acme/api/account/session');
    expect(api(request('Acme-2.Respite.Example', '/api/x')).uri).toBe('/acme-2/api/x');
    for (const host of [
      'respite.example',
      'api.respite.example',
      'a.b.respite.example',
      'acme.evil.example',
      'ac.respite.example',
      '-x-.respite.example',
      '',
    ])
      expect(api(request(host, '/api/account')).statusCode, host).toBe(404);
  });

  it('serves index.html for app paths and files as they are', () => {
    expect(web(request('acme.respite.example', '/')).uri).toBe('/index.html');
    expect(web(request('acme.respite.example', '/welcome')).uri).toBe('/index.html');
    expect(web(request('acme.respite.example', '/assets/index-abc123.js')).uri).toBe('/assets/index-abc123.js');
    expect(web(request('acme.respite.example', '/favicon.ico')).uri).toBe('/favicon.ico');
  });
});

describe('PlatformStack', () => {
  it('serves the app from a private, TLS-only bucket through CloudFront with origin access control', () => {
    for (const [, b] of resourcesOf(t, 'AWS::S3::Bucket'))
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const dist = resourcesOf(t, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    expect(dist.Aliases).toEqual(['*.respite.example']);
    expect(dist.ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    expect(dist.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const apiBehaviour = dist.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(apiBehaviour.AllowedMethods).toHaveLength(7);
    expect(apiBehaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    expect(apiBehaviour.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    expect(apiBehaviour.FunctionAssociations[0].EventType).toBe('viewer-request');
    const apiOrigin = dist.Origins.find((o: { Id: string }) => o.Id === apiBehaviour.TargetOriginId);
    expect(apiOrigin.DomainName).toBe('api.respite.example');
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('adds the same security headers as the local server, plus HSTS', () => {
    expect(LOCAL_SERVER_HEADERS).toBe(WEB_SECURITY_HEADERS);
    const policy = resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![1].Properties
      .ResponseHeadersPolicyConfig;
    const sec = policy.SecurityHeadersConfig;
    expect(sec.ContentSecurityPolicy.ContentSecurityPolicy).toBe(WEB_SECURITY_HEADERS['content-security-policy']);
    expect(sec.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(sec.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: true,
    });
    expect(sec.FrameOptions.FrameOption).toBe('DENY');
    expect(sec.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(policy.CustomHeadersConfig.Items).toEqual([
      { Header: 'Permissions-Policy', Value: WEB_SECURITY_HEADERS['permissions-policy'], Override: true },
    ]);
  });

  it('owns the API custom domain, the SES identity, the encrypted ops topic and the SSM parameters', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.respite.example' });
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'respite.example' });
    const topic = resourcesOf(t, 'AWS::SNS::Topic')[0]![1].Properties;
    expect(topic.TopicName).toBe('respite-ops');
    expect(topic.KmsMasterKeyId).toBeDefined();
    const params = resourcesOf(t, 'AWS::SSM::Parameter')
      .map(([, p]) => p.Properties.Name)
      .sort();
    expect(params).toEqual(
      [
        '/respite/platform/api-domain',
        '/respite/platform/api-domain-target',
        '/respite/platform/distribution-id',
        '/respite/platform/domain',
        '/respite/platform/ops-topic-arn',
        '/respite/platform/ses-identity',
        '/respite/platform/web-bucket',
      ].sort(),
    );
  });

  it("alarms the ops topic on the account's SES reputation (bounce ≥ 5 %, complaint ≥ 0.1 %) and quota (80 % of daily and per-second)", () => {
    const topic = resourcesOf(t, 'AWS::SNS::Topic')[0]![0];
    const alarms = Object.fromEntries(
      resourcesOf(t, 'AWS::CloudWatch::Alarm')
        .filter(([, a]) => a.Properties.Namespace === 'AWS/SES')
        .map(([, a]) => [a.Properties.AlarmName, a.Properties]),
    );
    expect(Object.keys(alarms).sort()).toEqual([
      'respite-ses-bounce-rate',
      'respite-ses-complaint-rate',
      'respite-ses-daily-quota',
      'respite-ses-send-rate',
    ]);
    const expected = {
      'respite-ses-bounce-rate': {
        MetricName: 'Reputation.BounceRate',
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: 0.05,
      },
      'respite-ses-complaint-rate': {
        MetricName: 'Reputation.ComplaintRate',
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: 0.001,
      },
      'respite-ses-daily-quota': { MetricName: 'Send', Statistic: 'Sum', Period: 86400, Threshold: 40_000 },
      'respite-ses-send-rate': {
        MetricName: 'Send',
        Statistic: 'Sum',
        Period: 60,
        Threshold: Math.floor(14 * 60 * 0.8),
      },
    };
    for (const [name, props] of Object.entries(expected)) {
      expect(alarms[name], name).toMatchObject({
        ...props,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
      expect(alarms[name].AlarmActions, name).toEqual([{ Ref: topic }]);
      expect(alarms[name].Dimensions, name).toBeUndefined(); // account-wide metrics
    }
  });

  it('sizes the quota alarms from the account quota in the settings', () => {
    const b = build({
      tenants: [tenant('demo')],
      nag: false,
      settings: loadSettings((k) => ({ sesDailyQuota: '1000000', sesMaxSendRate: '200' })[k]),
    });
    const alarms = resourcesOf(Template.fromStack(b.platform!), 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.find((a) => a.AlarmName === 'respite-ses-daily-quota')?.Threshold).toBe(800_000);
    expect(alarms.find((a) => a.AlarmName === 'respite-ses-send-rate')?.Threshold).toBe(9_600);
    expect(() => loadSettings((k) => (k === 'sesMaxSendRate' ? '0' : undefined))).toThrow(/sesMaxSendRate/);
  });
});

describe('the CDK app', () => {
  it('synthesises the platform and every tenant by default, or only the tenant named with -c tenant', () => {
    const all = build({ tenants: [tenant('one'), tenant('two')], nag: false });
    expect(all.platform).toBeDefined();
    expect(all.tenants.map((s) => s.stackName)).toEqual(['RespiteTenant-one', 'RespiteTenant-two']);
    const only = build({ tenants: [tenant('one'), tenant('two')], only: 'two', nag: false });
    expect(only.platform).toBeUndefined();
    expect(only.tenants.map((s) => s.stackName)).toEqual(['RespiteTenant-two']);
    expect(only.app.node.children.map((c) => c.node.id)).toEqual(['RespiteTenant-two']);
  });

  it('refuses an unknown tenant and a duplicate slug with a clear message', () => {
    expect(() => build({ tenants: [tenant('one')], only: 'nope', nag: false })).toThrow(
      'No tenant "nope" in tenants/ (known: one)',
    );
    expect(() => build({ tenants: [tenant('one'), tenant('one')], nag: false })).toThrow(
      'Two tenant files use the slug "one"',
    );
  });

  it('uses an explicit account and region and synthesises deterministically', () => {
    const a = build({ tenants: [tenant('one')], nag: false });
    const b = build({ tenants: [tenant('one')], nag: false });
    for (const s of [a.platform!, a.tenants[0]!]) expect([s.account, s.region]).toEqual(['123456789012', 'eu-west-1']);
    a.app.synth();
    b.app.synth();
    for (const name of ['RespitePlatform', 'RespiteTenant-one']) {
      const ta = readFileSync(join(a.outdir, `${name}.template.json`), 'utf8');
      expect(ta).toBe(readFileSync(join(b.outdir, `${name}.template.json`), 'utf8'));
      expect(ta).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/); // no timestamps
    }
  });

  it('reads settings from context and rejects bad ones with the field named', () => {
    const ctx: Record<string, string> = {
      account: '999999999999',
      region: 'eu-central-1',
      domain: 'wellbeing.example.org',
      apiRateLimit: '20',
      webCertificateArn: 'arn:aws:acm:us-east-1:999999999999:certificate/1',
      apiCertificateArn: 'arn:aws:acm:eu-central-1:999999999999:certificate/2',
    };
    const s = loadSettings((k) => ctx[k]);
    expect(s).toMatchObject({
      account: '999999999999',
      region: 'eu-central-1',
      domain: 'wellbeing.example.org',
      apiRateLimit: 20,
      apiBurstLimit: 100,
    });
    expect(() => loadSettings((k) => (k === 'account' ? '12' : undefined))).toThrow(
      /account: must be a 12-digit AWS account id/,
    );
  });

  it('refuses settings that do not fit together, naming the setting', () => {
    const base: Record<string, string> = {
      region: 'eu-west-2',
      apiCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/2',
    };
    const load = (extra: Record<string, string>) => () => loadSettings((k) => ({ ...base, ...extra })[k]);
    expect(load({})).not.toThrow();
    expect(load({ webCertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/1' })).toThrow(
      /webCertificateArn: must be an ACM certificate in us-east-1/,
    );
    expect(load({ apiCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/2' })).toThrow(
      /apiCertificateArn: must be an ACM certificate in the deployment region eu-west-2/,
    );
    expect(load({ apiCertificateArn: 'arn:aws:acm:eu-west-2:999999999999:certificate/2' })).toThrow(
      /apiCertificateArn: must be an ACM certificate of account 123456789012/,
    );
    expect(load({ webAclArn: 'arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/x/1' })).toThrow(
      /webAclArn: must be a WAFv2 web ACL of CLOUDFRONT scope/,
    );
    expect(load({ webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1' })).not.toThrow();
    expect(load({ apiRateLimit: '200', apiBurstLimit: '100' })).toThrow(/apiBurstLimit: must be at least apiRateLimit/);
  });
});

describe('cdk.json', () => {
  it('sets every feature flag aws-cdk-lib recommends, explicitly and to the recommended value (the tests use them too)', async () => {
    const { CDK_JSON_CONTEXT } = await import('./helpers.js');
    const recommended = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../node_modules/aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(recommended).length).toBeGreaterThan(80);
    for (const [flag, value] of Object.entries(recommended)) expect(CDK_JSON_CONTEXT[flag], flag).toEqual(value);
  });
});
