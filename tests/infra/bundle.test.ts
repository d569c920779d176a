// The one test that bundles for real (local esbuild, no Docker): one router, checked for the recipe settings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COURSE_FILES_DIR, HTTP_CONTEXTS } from '../../functions/contexts.js';
import { build, tenant } from './helpers.js';

describe('bundling', () => {
  it('bundles a router as minified ESM for node24 with the AWS SDK inside and the createRequire banner', () => {
    const enrolment = HTTP_CONTEXTS.find((c) => c.name === 'enrolment')!;
    const b = build({
      tenants: [tenant('demo')],
      only: 'demo',
      nag: false,
      bundle: true,
      registry: { http: [enrolment], jobs: [], consumers: [] },
    });
    const template = Template.fromStack(b.tenants[0]!);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!;
    const assetDir = join(b.outdir, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
    expect(existsSync(assetDir)).toBe(true);
    expect(readdirSync(assetDir)).toEqual(['index.mjs']);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(
      code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"),
    ).toBe(true);
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//); // the SDK is bundled, not imported at run time
    expect(code).toContain('DynamoDB'); // …and really inside
    expect(code).not.toMatch(/sourceMappingURL/);
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000); // minified: long lines (only string literals keep newlines)
  });

  it('ships the course module files beside the programme bundle (read one module at a time), and only there', () => {
    const programme = HTTP_CONTEXTS.find((c) => c.name === 'programme')!;
    expect(HTTP_CONTEXTS.filter((c) => c.courseFiles).map((c) => c.name)).toEqual(['programme']);
    const b = build({
      tenants: [tenant('demo')],
      only: 'demo',
      nag: false,
      bundle: true,
      registry: { http: [programme], jobs: [], consumers: [] },
    });
    const template = Template.fromStack(b.tenants[0]!);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!;
    const assetDir = join(b.outdir, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'modules']);
    const files = readdirSync(join(process.cwd(), COURSE_FILES_DIR)).sort();
    expect(readdirSync(join(assetDir, 'modules')).sort()).toEqual(files);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    // the module prose is not in the code: a sentence from a module's reading is only in its file
    const sentence = JSON.parse(
      readFileSync(join(assetDir, 'modules', files[1]!), 'utf8'),
    ).sections[0].paragraphs[0].slice(0, 60);
    expect(code).not.toContain(sentence);
  });
});
