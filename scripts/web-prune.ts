// `npm run web:prune -- [--dry-run] [--dir <folder>]`: after a platform deploy with a web release, deletes the hashed
// files of releases older than the previous one (infra/web-release.ts, planPrune): a tab opened on the current or
// the previous release still finds every file it loads; older tabs reload index.html anyway.
//
// The bucket is read through one small interface. In AWS it is the web bucket (its name from the SSM parameter
// /respite/platform/web-bucket) through the AWS CLI (no S3 SDK in package.json and no local S3 emulator: kept to
// list, get and delete); with --dir it is a folder laid out like the bucket, which is how the tests run the same
// pruning code (tests/unit/web-prune.test.ts).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { names } from '../infra/settings.js';
import { type BucketObject, planPrune, RELEASES_DIR, type ReleaseManifest } from '../infra/web-release.js';
import { isMain, parseScriptArgs, runScript } from './lib/args.js';

export const USAGE = 'npm run web:prune -- [--dry-run] [--dir <folder laid out like the bucket>]';

export interface ReleaseBucket {
  list: () => Promise<BucketObject[]>;
  read: (key: string) => Promise<string>;
  remove: (keys: string[]) => Promise<void>;
}

/** A folder laid out like the bucket (keys are paths relative to it; the modification time is LastModified). */
export function directoryBucket(root: string): ReleaseBucket {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  return {
    list: async () =>
      walk(root).map((p) => ({ key: relative(root, p).split('\\').join('/'), lastModified: statSync(p).mtime })),
    read: async (key) => readFileSync(join(root, key), 'utf8'),
    remove: async (keys) => {
      for (const k of keys) rmSync(join(root, k));
    },
  };
}

/** The web bucket, through the AWS CLI with the caller's credentials. */
export function cliBucket(bucket: string): ReleaseBucket {
  const aws = (args: string[]) =>
    execFileSync('aws', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  return {
    list: async () =>
      (
        JSON.parse(aws(['s3api', 'list-objects-v2', '--bucket', bucket, '--output', 'json']) || '{}') as {
          Contents?: { Key: string; LastModified: string }[];
        }
      ).Contents?.map((o) => ({ key: o.Key, lastModified: new Date(o.LastModified) })) ?? [],
    read: async (key) => aws(['s3', 'cp', `s3://${bucket}/${key}`, '-']),
    remove: async (keys) => {
      for (let i = 0; i < keys.length; i += 1000)
        aws([
          's3api',
          'delete-objects',
          '--bucket',
          bucket,
          '--delete',
          JSON.stringify({ Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true }),
        ]);
    },
  };
}

export async function pruneWebReleases(bucket: ReleaseBucket, opts: { dryRun?: boolean } = {}): Promise<string> {
  const objects = await bucket.list();
  const manifests = new Map<string, ReleaseManifest>();
  for (const o of objects)
    if (o.key.startsWith(`${RELEASES_DIR}/`) && o.key.endsWith('.json'))
      manifests.set(o.key, JSON.parse(await bucket.read(o.key)) as ReleaseManifest);
  const doomed = planPrune(objects, manifests);
  if (manifests.size === 0) return 'No release manifests in the bucket yet: nothing pruned.';
  if (!opts.dryRun) await bucket.remove(doomed);
  const verb = opts.dryRun ? 'Would delete' : 'Deleted';
  return `${verb} ${doomed.length} file(s) of releases older than the previous one (${manifests.size} release manifest(s) found).`;
}

if (isMain(import.meta.url)) {
  runScript(USAGE, async (argv) => {
    const args = parseScriptArgs(argv, { values: ['dir'], switches: ['dry-run'] });
    const bucket = args.values.dir
      ? directoryBucket(args.values.dir)
      : cliBucket(
          execFileSync(
            'aws',
            ['ssm', 'get-parameter', '--name', names.ssm.webBucket, '--query', 'Parameter.Value', '--output', 'text'],
            { encoding: 'utf8' },
          ).trim(),
        );
    return pruneWebReleases(bucket, { dryRun: args.switches.has('dry-run') });
  });
}
