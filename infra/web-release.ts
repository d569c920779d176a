// How a release of the web app (web/dist, built by `npm run build:web`) is served and uploaded: one rule for the
// cache headers, used by the PlatformStack's upload and by the local server. Vite writes every content-hashed file
// under assets/ (web/vite.config.ts), so those never change under their name and are cached for a year; everything
// else (index.html, which names the current hashed files, and web/public's files) must be revalidated.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const HASHED_DIR = 'assets';
export const CACHE_CONTROL = {
  hashed: 'public, max-age=31536000, immutable',
  other: 'no-cache',
} as const;

/** `relPath` is relative to web/dist, with forward slashes (e.g. "assets/index-3f2a.js", "index.html"). */
export function cacheControlFor(relPath: string): string {
  return relPath.replace(/^\/+/, '').startsWith(`${HASHED_DIR}/`) ? CACHE_CONTROL.hashed : CACHE_CONTROL.other;
}

// ---- which hashed files stay: the current release's and the previous one's -------------------------------------
// Each release uploads, with its pages, a manifest `releases/<id>.json` naming its hashed files. Pruning
// (scripts/web-prune.ts, after a platform deploy) keeps the files of the newest RELEASES_KEPT manifests and deletes
// older hashed files and manifests: a tab opened on the previous release still finds everything it loads.

export const RELEASES_DIR = 'releases';
/** The current release and the one before it. */
export const RELEASES_KEPT = 2;

export interface ReleaseManifest {
  /** Bucket keys of the release's hashed files, e.g. "assets/index-3f2a.js". */
  files: string[];
}

function filesUnder(dir: string, prefix: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p, `${prefix}${name}/`) : [`${prefix}${name}`];
    });
}

/** The manifest of a built web/dist, and its key (named by a hash of the file list, so a rebuild is the same). */
export function releaseManifest(dist: string): { key: string; manifest: ReleaseManifest } {
  const files = filesUnder(join(dist, HASHED_DIR), `${HASHED_DIR}/`);
  const id = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
  return { key: `${RELEASES_DIR}/${id}.json`, manifest: { files } };
}

export interface BucketObject {
  key: string;
  lastModified: Date;
}

/**
 * The keys to delete: hashed files that none of the newest `keep` manifests names and that are older than the oldest
 * of them (a release being uploaded right now is never touched), and the older manifests. Nothing without a
 * manifest (a bucket from before manifests) is pruned.
 */
export function planPrune(
  objects: BucketObject[],
  manifests: Map<string, ReleaseManifest>,
  keep = RELEASES_KEPT,
): string[] {
  const releases = objects
    .filter((o) => o.key.startsWith(`${RELEASES_DIR}/`) && manifests.has(o.key))
    .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime());
  const kept = releases.slice(0, keep);
  if (kept.length === 0) return [];
  const oldestKept = kept[kept.length - 1]!.lastModified.getTime();
  const needed = new Set(kept.flatMap((r) => manifests.get(r.key)!.files));
  const oldFiles = objects
    .filter((o) => o.key.startsWith(`${HASHED_DIR}/`) && !needed.has(o.key) && o.lastModified.getTime() < oldestKept)
    .map((o) => o.key);
  return [...oldFiles, ...releases.slice(keep).map((r) => r.key)].sort();
}
