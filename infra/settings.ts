// Deployment settings shared by the PlatformStack and every TenantStack. They come from CDK context (-c key=value)
// with defaults that make `cdk synth` work offline with no credentials; a real deployment passes its own values
// (docs/deploy.md). Everything here is a plain string so synthesis is deterministic and needs no lookups.
import { z } from 'zod';

const Arn = z.string().regex(/^arn:aws[a-z-]*:/, 'must be an ARN');

export const SettingsSchema = z
  .strictObject({
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    /** Every organisation is served at https://<slug>.<domain>; the API custom domain is api.<domain>. */
    domain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a lower-case DNS name'),
    /** ACM certificate in us-east-1 for *.<domain> (CloudFront). */
    webCertificateArn: Arn,
    /** ACM certificate in the deployment region for api.<domain> (API Gateway regional custom domain). */
    apiCertificateArn: Arn,
    /** Optional WAF web ACL (CLOUDFRONT scope, created in us-east-1) to attach to the distribution. */
    webAclArn: Arn.optional(),
    /** Per-tenant HTTP API throttling (steady requests per second and burst). */
    apiRateLimit: z.coerce.number().int().min(1).max(10_000),
    apiBurstLimit: z.coerce.number().int().min(1).max(5_000),
    /** X-Ray active tracing on every function. Off by default: at a tenant's traffic Lambda's fixed sampling rule
     *  (1 request/s + 5%) records nearly every invocation, ~40% of the running cost (docs/performance.md §6).
     *  Turn on (-c tracing=active) while investigating; JSON logs carry the request id either way. */
    tracing: z.enum(['off', 'active']),
    /** The account's SES sending quota in this region (Service Quotas / the SES console): emails per 24 hours and
     *  per second. Every tenant shares it; the SES quota alarms fire at 80 % of each. Defaults: SES's production
     *  starting quota (50,000 a day, 14 a second). */
    sesDailyQuota: z.coerce.number().int().min(1),
    sesMaxSendRate: z.coerce.number().int().min(1),
    /** The built web app to release with this platform deploy (`-c webRelease=web/dist` after `npm run build:web`).
     *  Without it the platform deploy leaves the bucket's files as they are (synth and the tests need no build). */
    webRelease: z.string().min(1).optional(),
  })
  // Cross-setting checks a deploy would otherwise find out about half-way through.
  .superRefine((s, ctx) => {
    const arnPart = (arn: string, i: number) => arn.split(':')[i] ?? '';
    if (arnPart(s.webCertificateArn, 3) !== 'us-east-1')
      ctx.addIssue({
        code: 'custom',
        path: ['webCertificateArn'],
        message: 'must be an ACM certificate in us-east-1 (CloudFront only uses certificates from there)',
      });
    if (arnPart(s.apiCertificateArn, 3) !== s.region)
      ctx.addIssue({
        code: 'custom',
        path: ['apiCertificateArn'],
        message: `must be an ACM certificate in the deployment region ${s.region} (a regional API custom domain)`,
      });
    for (const key of ['webCertificateArn', 'apiCertificateArn'] as const)
      if (arnPart(s[key], 2) !== 'acm' || arnPart(s[key], 4) !== s.account)
        ctx.addIssue({ code: 'custom', path: [key], message: `must be an ACM certificate of account ${s.account}` });
    if (s.webAclArn && !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\//.test(s.webAclArn))
      ctx.addIssue({
        code: 'custom',
        path: ['webAclArn'],
        message: 'must be a WAFv2 web ACL of CLOUDFRONT scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/…)',
      });
    if (s.apiBurstLimit < s.apiRateLimit)
      ctx.addIssue({ code: 'custom', path: ['apiBurstLimit'], message: 'must be at least apiRateLimit' });
  });

export type Settings = z.infer<typeof SettingsSchema>;

/** Synth-only placeholders: the certificates do not exist, so a deployment must pass real ARNs. */
export const DEFAULT_SETTINGS: Settings = {
  account: '123456789012',
  region: 'eu-west-1',
  domain: 'respite.example',
  webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
  apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
  apiRateLimit: 50,
  apiBurstLimit: 100,
  tracing: 'off',
  sesDailyQuota: 50_000,
  sesMaxSendRate: 14,
};

/** Reads settings from CDK context values (strings from -c, or typed values from tests), else defaults. */
export function loadSettings(context: (key: string) => unknown): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(SettingsSchema.shape)) {
    const value = context(key) ?? (DEFAULT_SETTINGS as Record<string, unknown>)[key];
    if (value !== undefined) raw[key] = value;
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `Invalid deployment settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

// Names every stack agrees on (no cross-stack exports: tenants derive them from the settings).
export const names = {
  platformStack: 'RespitePlatform',
  tenantStack: (slug: string) => `RespiteTenant-${slug}`,
  apiDomain: (s: Settings) => `api.${s.domain}`,
  appUrl: (s: Settings, slug: string) => `https://${slug}.${s.domain}`,
  /** Platform-wide SNS topic every tenant's alarms notify (operators subscribe to it). */
  opsTopicName: 'respite-ops',
  opsTopicArn: (s: Settings) => `arn:aws:sns:${s.region}:${s.account}:respite-ops`,
  /** SES domain identity owned by the platform; tenants send as no-reply@<domain> unless they set fromAddress. */
  sesIdentityArn: (s: Settings, domain: string) => `arn:aws:ses:${s.region}:${s.account}:identity/${domain}`,
  resourcePrefix: (slug: string) => `respite-${slug}`,
  /** Retained SSM parameter: what a tenant's stack leaves when deleted (RetainedResources in tenant-stack.ts). */
  retainedParameter: (slug: string) => `/respite/tenants/${slug}/retained`,
  ssm: {
    webBucket: '/respite/platform/web-bucket',
    distributionId: '/respite/platform/distribution-id',
    domain: '/respite/platform/domain',
    apiDomain: '/respite/platform/api-domain',
    sesIdentity: '/respite/platform/ses-identity',
    opsTopicArn: '/respite/platform/ops-topic-arn',
  },
};
