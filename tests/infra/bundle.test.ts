// The one test that bundles for real (local esbuild, no Docker): one router, checked for the recipe settings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { HTTP_CONTEXTS } from '../../functions/contexts.js';
import { build, tenant } from './helpers.js';

describe('bundling', () => {
  it('bundles a router as minified ESM for node24 with the AWS SDK inside and the createRequire banner', () => {
    const enrolment = HTTP_CONTEXTS.find((c) => c.name === 'enrolment')!;
    const b = build({ tenants: [tenant('demo')], only: 'demo', nag: false, bundle: true, registry: { http: [enrolment], jobs: [], consumers: [] } });
    const template = Template.fromStack(b.tenants[0]!);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!;
    const assetDir = join(b.outdir, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
    expect(existsSync(assetDir)).toBe(true);
    expect(readdirSync(assetDir)).toEqual(['index.mjs']);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);")).toBe(true);
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//); // the SDK is bundled, not imported at run time
    expect(code).toContain('DynamoDB'); // …and really inside
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000); // minified: long lines (only string literals keep newlines)
  });
});
