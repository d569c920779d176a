// How a release of the web app (web/dist, built by `npm run build:web`) is served and uploaded: one rule for the
// cache headers, used by the PlatformStack's upload and by the local server. Vite writes every content-hashed file
// under assets/ (web/vite.config.ts), so those never change under their name and are cached for a year; everything
// else (index.html, which names the current hashed files, and web/public's files) must be revalidated.
export const HASHED_DIR = 'assets';
export const CACHE_CONTROL = {
  hashed: 'public, max-age=31536000, immutable',
  other: 'no-cache',
} as const;

/** `relPath` is relative to web/dist, with forward slashes (e.g. "assets/index-3f2a.js", "index.html"). */
export function cacheControlFor(relPath: string): string {
  return relPath.replace(/^\/+/, '').startsWith(`${HASHED_DIR}/`) ? CACHE_CONTROL.hashed : CACHE_CONTROL.other;
}
