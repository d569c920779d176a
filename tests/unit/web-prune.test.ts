// Pruning the web bucket after a release (scripts/web-prune.ts): the current and the previous release's hashed files
// stay, older releases' go, and a file that is still being uploaded (newer than the oldest kept release) is never
// touched. Runs the real pruning code against a folder laid out like the bucket (there is no local S3).
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planPrune, releaseManifest } from '../../infra/web-release.js';
import { directoryBucket, pruneWebReleases } from '../../scripts/web-prune.js';

/** Writes `files` into the bucket folder at time `t` (seconds). */
function put(root: string, t: number, files: Record<string, string>) {
  for (const [key, body] of Object.entries(files)) {
    mkdirSync(join(root, key, '..'), { recursive: true });
    writeFileSync(join(root, key), body);
    utimesSync(join(root, key), t, t);
  }
}
/** A release at time t: its hashed files, then its manifest (as the platform deploy uploads them). */
function release(root: string, t: number, files: string[]) {
  put(root, t, Object.fromEntries(files.map((f) => [f, f])));
  const dist = mkdtempSync(join(tmpdir(), 'dist-'));
  put(dist, t, Object.fromEntries(files.map((f) => [f, f])));
  const { key, manifest } = releaseManifest(dist);
  put(root, t + 1, { [key]: JSON.stringify(manifest), 'index.html': `<!-- ${files.join(' ')} -->` });
  return key;
}
const assetsIn = (root: string) => readdirSync(join(root, 'assets')).sort();

describe('web release pruning', () => {
  it('keeps the current and previous release, deletes older hashed files and manifests', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bucket-'));
    const r1 = release(root, 1000, ['assets/index-1.js', 'assets/shared-0.css']);
    release(root, 2000, ['assets/index-2.js', 'assets/shared-0.css']);
    release(root, 3000, ['assets/index-3.js', 'assets/shared-0.css', 'assets/logo-3.svg']);
    const bucket = directoryBucket(root);
    expect(await pruneWebReleases(bucket, { dryRun: true })).toBe(
      'Would delete 2 file(s) of releases older than the previous one (3 release manifest(s) found).',
    );
    expect(assetsIn(root)).toHaveLength(5);
    expect(await pruneWebReleases(bucket)).toBe(
      'Deleted 2 file(s) of releases older than the previous one (3 release manifest(s) found).',
    );
    expect(assetsIn(root)).toEqual(['index-2.js', 'index-3.js', 'logo-3.svg', 'shared-0.css']);
    expect(readdirSync(join(root, 'releases'))).toHaveLength(2);
    expect(readdirSync(join(root, 'releases'))).not.toContain(r1.split('/')[1]);
    // Idempotent: a second run deletes nothing.
    expect(await pruneWebReleases(bucket)).toMatch(/^Deleted 0 file\(s\)/);
  });

  it('never deletes without a manifest, nor a file newer than the oldest kept release', () => {
    const at = (s: number) => new Date(s * 1000);
    expect(planPrune([{ key: 'assets/a.js', lastModified: at(1) }], new Map())).toEqual([]);
    const objects = [
      { key: 'releases/a.json', lastModified: at(10) },
      { key: 'releases/b.json', lastModified: at(20) },
      { key: 'assets/old.js', lastModified: at(5) },
      { key: 'assets/uploading.js', lastModified: at(15) }, // after release a: may belong to a release in progress
      { key: 'assets/a.js', lastModified: at(9) },
      { key: 'assets/b.js', lastModified: at(19) },
    ];
    const manifests = new Map([
      ['releases/a.json', { files: ['assets/a.js'] }],
      ['releases/b.json', { files: ['assets/b.js'] }],
    ]);
    expect(planPrune(objects, manifests)).toEqual(['assets/old.js']);
    expect(planPrune(objects, manifests, 1)).toEqual([
      'assets/a.js',
      'assets/old.js',
      'assets/uploading.js',
      'releases/a.json',
    ]);
  });

  it('names a release by its hashed files, so rebuilding the same files gives the same manifest', () => {
    const a = mkdtempSync(join(tmpdir(), 'dist-'));
    const b = mkdtempSync(join(tmpdir(), 'dist-'));
    put(a, 1, { 'assets/x-1.js': '1', 'assets/y-2.css': '2', 'index.html': 'a' });
    put(b, 2, { 'assets/y-2.css': '2', 'assets/x-1.js': '1', 'index.html': 'b' });
    expect(releaseManifest(a)).toEqual(releaseManifest(b));
    expect(releaseManifest(a).manifest.files).toEqual(['assets/x-1.js', 'assets/y-2.css']);
    expect(releaseManifest(a).key).toMatch(/^releases\/[0-9a-f]{16}\.json$/);
  });
});
