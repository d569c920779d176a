// Builds Respite CDK apps for the infra tests without esbuild (bundling skipped), in a temporary cloud assembly.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { type TenantConfig, TenantConfigSchema } from '../../functions/shared/tenant-config.js';
import { type BuildOptions, buildRespite, type RespiteApp } from '../../infra/app.js';
import { DEFAULT_SETTINGS } from '../../infra/settings.js';
import { REGISTRY, type Registry } from '../../infra/stacks/tenant-stack.js';

export const tenant = (slug: string, extra: Record<string, unknown> = {}): TenantConfig =>
  TenantConfigSchema.parse({ slug, name: `Organisation ${slug}`, adminEmails: [`hr@${slug}.example`], ...extra });

/** The real registry plus an email sender and an SES events consumer, so queue wiring is always exercised. */
export const REGISTRY_WITH_QUEUES: Registry = {
  http: REGISTRY.http,
  jobs: REGISTRY.jobs,
  consumers: [
    ...REGISTRY.consumers.filter((c) => c.queue !== 'email' && c.queue !== 'ses-events'),
    {
      name: 'test-email-sender',
      entry: 'enrolment/http.ts',
      queue: 'email',
      batchSize: 10,
      needs: { table: 'read-write', keys: ['pseudonym', 'signing'], sesSend: true, sendsTo: ['email'] },
    },
    {
      name: 'test-ses-events',
      entry: 'enrolment/http.ts',
      queue: 'ses-events',
      batchSize: 25,
      needs: { table: 'read', keys: ['pseudonym'] },
    },
  ],
};

export interface Built extends RespiteApp {
  app: App;
  outdir: string;
}

/** cdk.json's context (the feature flags): the tests synthesise with the flags `cdk synth` and `cdk deploy` use. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

export function build(opts: Partial<BuildOptions> & { bundle?: boolean } = {}): Built {
  const outdir = mkdtempSync(join(tmpdir(), 'respite-infra-'));
  // The built-in CloudFormation schema validation costs ~30 s per process here; `npm run synth` still runs it.
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { ...CDK_JSON_CONTEXT, ...(opts.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const built = buildRespite(app, {
    settings: opts.settings ?? DEFAULT_SETTINGS,
    tenants: opts.tenants ?? [tenant('demo'), tenant('beta')],
    only: opts.only,
    nag: opts.nag ?? true,
    registry: opts.registry ?? REGISTRY_WITH_QUEUES,
    retained: opts.retained,
  });
  return { ...built, app, outdir };
}

export type CfnResource = { Type: string; Properties: Record<string, any>; DependsOn?: unknown };
/** One entry of a CloudWatch alarm's Metrics: a math expression or a metric it reads. */
export interface AlarmMetric {
  Id?: string;
  Expression?: string;
  MetricStat?: {
    Stat: string;
    Metric: { MetricName: string; Namespace?: string; Dimensions: { Name: string; Value: { Ref?: string } }[] };
  };
}
export const resourcesOf = (t: Template, type: string): [string, CfnResource][] =>
  Object.entries(t.findResources(type)) as [string, CfnResource][];

export const readReport = (outdir: string) =>
  JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: {
      pluginName: string;
      conclusion: string;
      violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
