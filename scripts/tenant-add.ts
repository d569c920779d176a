// `npm run tenant:add -- <slug> --name "Organisation name" --admin-email hr@example.org [--admin-email …]
//   [--coach-email …] [--country GB] [--time-zone Europe/London]`
// Writes a validated tenants/<slug>.json (the only input the CDK app needs to deploy a new organisation).
// Refuses a duplicate slug, a bad email or a bad slug with a message naming the problem.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { type TenantConfig, TenantConfigSchema } from '../functions/shared/tenant-config.js';
import { stackLimitFindings } from '../infra/checks/limits.js';
import { assertSlugsDistinct } from '../infra/checks/tenant-isolation.js';
import { DEFAULT_SETTINGS, names } from '../infra/settings.js';
import { TenantStack } from '../infra/stacks/tenant-stack.js';
import { describeIssues, loadTenants, TENANTS_DIR } from '../infra/tenants.js';

export const USAGE =
  'Usage: npm run tenant:add -- <slug> --name "Organisation name" --admin-email hr@example.org [--admin-email …] [--coach-email …] [--country GB] [--time-zone Europe/London]';

export class TenantAddError extends Error {}

/** The command line's options, or a usage error. */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        'admin-email': { type: 'string', multiple: true },
        'coach-email': { type: 'string', multiple: true },
        country: { type: 'string' },
        'time-zone': { type: 'string' },
      },
    });
  } catch (err) {
    throw new TenantAddError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

/** Parses the command line into a validated tenant config (no file access). */
export function parseTenantArgs(argv: string[]): TenantConfig {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length !== 1)
    throw new TenantAddError(`Give exactly one slug (got ${positionals.length}).\n${USAGE}`);
  if (!values.name) throw new TenantAddError(`--name is required.\n${USAGE}`);
  if (!values['admin-email']?.length) throw new TenantAddError(`--admin-email is required (at least one).\n${USAGE}`);
  if (values['time-zone'] !== undefined && !isTimeZone(values['time-zone']))
    throw new TenantAddError(`timeZone: "${values['time-zone']}" is not an IANA time zone such as Europe/London`);

  const result = TenantConfigSchema.safeParse({
    slug: positionals[0],
    name: values.name,
    adminEmails: values['admin-email'],
    ...(values['coach-email'] ? { coachEmails: values['coach-email'] } : {}),
    ...(values.country ? { country: values.country } : {}),
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
  });
  if (!result.success) throw new TenantAddError(`Not a valid organisation: ${describeIssues(result.error.issues)}`);
  return result.data;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The per-stack deploy limits (infra/checks/limits.ts) the tenant's stack would break, as messages. */
export function tenantLimitErrors(tenant: TenantConfig): string[] {
  const outdir = mkdtempSync(join(tmpdir(), 'tenant-add-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new TenantStack(app, names.tenantStack(tenant.slug), {
      env: { account: DEFAULT_SETTINGS.account, region: DEFAULT_SETTINGS.region },
      settings: DEFAULT_SETTINGS,
      tenant,
    });
    const template = JSON.stringify(app.synth().getStackArtifact(stack.artifactId).template);
    return stackLimitFindings(stack.stackName, template, true)
      .filter((f) => f.level === 'error')
      .map((f) => f.message);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Writes tenants/<slug>.json; refuses to overwrite. Returns the path written. */
export function addTenant(argv: string[], dir = TENANTS_DIR): string {
  const tenant = parseTenantArgs(argv);
  const file = join(dir, `${tenant.slug}.json`);
  if (existsSync(file))
    throw new TenantAddError(
      `An organisation with the slug "${tenant.slug}" already exists (${file}). Choose another slug.`,
    );
  if (existsSync(join(dir, 'offboarded', `${tenant.slug}.json`)))
    throw new TenantAddError(
      `The slug "${tenant.slug}" belongs to an offboarded organisation whose data is kept: re-onboard it (npm run tenant:reonboard) or shred it (npm run tenant:shred) first.`,
    );
  try {
    assertSlugsDistinct([...loadTenants(dir).map((t) => t.slug), tenant.slug]);
  } catch (err) {
    throw new TenantAddError(err instanceof Error ? err.message : String(err));
  }
  // The deploy limits a tenant file can break (its config is copied into every function's 4 KB environment):
  // synthesise its stack (no bundling, a second or two) and check it as every synth will.
  const errors = tenantLimitErrors(tenant);
  if (errors.length) throw new TenantAddError(`This organisation would not deploy: ${errors.join(' ')}`);
  // Only the fields given are written; defaults (crisis resources, permission statement…) stay in the schema.
  const { slug, name, country, timeZone, adminEmails, coachEmails } = tenant;
  writeFileSync(file, `${JSON.stringify({ slug, name, country, timeZone, adminEmails, coachEmails }, null, 2)}\n`, {
    flag: 'wx',
  });
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const file = addTenant(process.argv.slice(2));
    console.log(
      `Wrote ${file}.\nNext: npx cdk deploy RespiteTenant-${file.replace(/^.*\/|\.json$/g, '')} -c tenant=${file.replace(/^.*\/|\.json$/g, '')} (see docs/deploy.md)`,
    );
  } catch (err) {
    console.error(err instanceof TenantAddError ? err.message : err);
    process.exit(1);
  }
}
