// Builds the Respite CDK app: the PlatformStack and one TenantStack per organisation (or just one with `only`).
// Used by infra/bin/app.ts (`cdk synth`) and by the infra tests, which pass their own tenants and registry.
import { type App, Validations } from 'aws-cdk-lib';
import type { TenantConfig } from '../functions/shared/tenant-config.js';
import { DeployLimitsCheck } from './checks/limits.js';
import { assertSlugsDistinct, TenantIsolationCheck } from './checks/tenant-isolation.js';
import { addNagPacks } from './nag.js';
import { names, type Settings } from './settings.js';
import { PlatformStack } from './stacks/platform-stack.js';
import { type Registry, type RetainedResources, TenantStack } from './stacks/tenant-stack.js';

export interface BuildOptions {
  settings: Settings;
  tenants: TenantConfig[];
  /** Slug from `-c tenant=<slug>`: synthesise only that tenant's stack. */
  only?: string;
  /** Run cdk-nag (AwsSolutions + Serverless) on synth. */
  nag: boolean;
  registry?: Registry;
  /** Re-onboarded tenants: slug → the retained resources its stack adopts (tenants/retained/<slug>.json). */
  retained?: Map<string, RetainedResources>;
}

export interface RespiteApp {
  platform?: PlatformStack;
  tenants: TenantStack[];
}

export function buildRespite(app: App, opts: BuildOptions): RespiteApp {
  const env = { account: opts.settings.account, region: opts.settings.region };
  const slugs = new Set<string>();
  for (const t of opts.tenants) {
    if (slugs.has(t.slug)) throw new Error(`Two tenant files use the slug "${t.slug}"`);
    slugs.add(t.slug);
  }
  assertSlugsDistinct([...slugs]);
  for (const slug of opts.retained?.keys() ?? [])
    if (!slugs.has(slug))
      throw new Error(
        `tenants/retained/${slug}.json has no tenants/${slug}.json: re-onboard with npm run tenant:reonboard, or remove it`,
      );
  if (opts.only !== undefined && !slugs.has(opts.only))
    throw new Error(`No tenant "${opts.only}" in tenants/ (known: ${[...slugs].join(', ') || 'none'})`);

  const result: RespiteApp = { tenants: [] };
  if (opts.only === undefined)
    result.platform = new PlatformStack(app, names.platformStack, { env, settings: opts.settings });
  for (const tenant of opts.tenants) {
    if (opts.only !== undefined && tenant.slug !== opts.only) continue;
    result.tenants.push(
      new TenantStack(app, names.tenantStack(tenant.slug), {
        env,
        settings: opts.settings,
        tenant,
        registry: opts.registry,
        adopt: opts.retained?.get(tenant.slug),
        // Every tenant shares the account's SES quota, also when only one stack is synthesised.
        tenantCount: opts.tenants.length,
      }),
    );
  }

  if (opts.nag) addNagPacks(app);
  const sesIdentity = (t: TenantConfig) =>
    names.sesIdentityArn(opts.settings, (t.email.fromAddress ?? `no-reply@${opts.settings.domain}`).split('@')[1]!);
  const checked = new Map(
    result.tenants.map((s) => {
      const adopt = opts.retained?.get(s.slug);
      return [
        s.node.path,
        {
          slug: s.slug,
          account: opts.settings.account,
          sesIdentityArns: [sesIdentity(s.tenant)],
          adoptedArns: adopt ? [adopt.keyArn] : [],
          declared: s.declared,
        },
      ];
    }),
  );
  Validations.of(app).addPlugins(
    new TenantIsolationCheck(checked, [...slugs]),
    new DeployLimitsCheck(new Set(checked.keys())),
  );
  return result;
}
