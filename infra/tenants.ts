// Loads and validates tenants/<slug>.json, the one source of the organisations the CDK app deploys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TenantConfigSchema, type TenantConfig } from '../functions/shared/tenant-config.js';

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
      if (`${parsed.data.slug}.json` !== file) throw new Error(`tenants/${file}: slug "${parsed.data.slug}" must match the file name`);
      return parsed.data;
    });
}
