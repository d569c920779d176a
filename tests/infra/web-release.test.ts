// The web release (-c webRelease=<built web/dist>): uploaded as part of the platform deploy, hashed files first and
// cached for a year, then index.html and the other unhashed files with no-cache and a CloudFront invalidation of
// only those; nothing pruned, so open tabs of the previous release keep their files. One cache rule, shared with
// the local server.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../infra/settings.js';
import { CACHE_CONTROL, cacheControlFor } from '../../infra/web-release.js';
import { build, resourcesOf, tenant } from './helpers.js';

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="./assets/index-3f2a9c.js"></script>',
  );
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  writeFileSync(join(dir, 'assets', 'index-3f2a9c.js'), 'console.log(1)');
  return dir;
}

describe('cache rule', () => {
  it('caches hashed files for a year and revalidates everything else', () => {
    expect(cacheControlFor('assets/index-3f2a9c.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/assets/logo-00ff.svg')).toBe(CACHE_CONTROL.hashed);
    for (const f of ['index.html', 'robots.txt', 'favicon.svg', 'assets.txt'])
      expect(cacheControlFor(f), f).toBe('no-cache');
  });
});

describe('PlatformStack with a web release', () => {
  it('uploads hashed files, then the pages with no-cache and an invalidation of only those, pruning nothing; cdk-nag passes', () => {
    const b = build({ tenants: [tenant('demo')], settings: { ...DEFAULT_SETTINGS, webRelease: fakeDist() } });
    b.app.synth(); // cdk-nag: the deployment's custom resource findings are acknowledged with reasons
    const t = Template.fromStack(b.platform!);
    const uploads = resourcesOf(t, 'Custom::CDKBucketDeployment');
    expect(uploads).toHaveLength(2);
    const byPrefix = Object.fromEntries(
      uploads.map(([id, r]) => [r.Properties.DestinationBucketKeyPrefix ?? '', { id, ...r }]),
    );
    const assets = byPrefix['assets/']!;
    const pages = byPrefix['']!;
    expect(assets.Properties.Prune).toBe(false);
    expect(pages.Properties.Prune).toBe(false);
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': CACHE_CONTROL.hashed });
    expect(pages.Properties.SystemMetadata).toEqual({ 'cache-control': CACHE_CONTROL.other });
    expect(assets.Properties.DistributionPaths).toBeUndefined();
    expect(pages.Properties.DistributionPaths).toEqual(['/index.html', '/robots.txt']);
    expect(JSON.stringify(pages.DependsOn)).toContain(assets.id);
    // The pages carry the release's manifest (which hashed files it loads), read by npm run web:prune.
    expect(assets.Properties.SourceObjectKeys).toHaveLength(1);
    expect(pages.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('without a release leaves the bucket alone, and refuses a folder that is not a build', () => {
    const t = Template.fromStack(build({ tenants: [tenant('demo')], nag: false }).platform!);
    t.resourceCountIs('Custom::CDKBucketDeployment', 0);
    expect(() =>
      build({ tenants: [tenant('demo')], nag: false, settings: { ...DEFAULT_SETTINGS, webRelease: tmpdir() } }),
    ).toThrow(/webRelease: .* run npm run build:web first/);
  });
});
