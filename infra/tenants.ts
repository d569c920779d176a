// Loads and validates tenants/<slug>.json, the one source of the organisations the CDK app deploys.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type TenantConfig, TenantConfigSchema } from '../functions/shared/tenant-config.js';
import type { RetainedResources } from './stacks/tenant-stack.js';

export const TENANTS_DIR = fileURLToPath(new URL('../tenants/', import.meta.url));

export function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`).join('; ');
}

export function loadTenants(dir = TENANTS_DIR): TenantConfig[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (err) {
        throw new Error(`tenants/${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const parsed = TenantConfigSchema.safeParse(json);
      if (!parsed.success) throw new Error(`tenants/${file} is not valid: ${describeIssues(parsed.error.issues)}`);
      if (`${parsed.data.slug}.json` !== file)
        throw new Error(`tenants/${file}: slug "${parsed.data.slug}" must match the file name`);
      return parsed.data;
    });
}

const Arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:`), `must be a ${service} ARN`);
export const RetainedSchema = z.strictObject({
  tableName: z.string().min(3),
  keyArn: Arn('kms'),
  pseudonymKeyArn: Arn('secretsmanager'),
  signingKeysArn: Arn('secretsmanager'),
});

/** tenants/retained/<slug>.json: the retained resources a re-onboarded tenant's stack adopts (tenant:reonboard). */
export function loadRetained(dir = join(TENANTS_DIR, 'retained')): Map<string, RetainedResources> {
  const out = new Map<string, RetainedResources>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = RetainedSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success)
      throw new Error(`tenants/retained/${file} is not valid: ${describeIssues(parsed.error.issues)}`);
    out.set(file.replace(/\.json$/, ''), parsed.data);
  }
  return out;
}
