// Fixed-window rate limits in the tenant table (atomic ADD, TTL-expired). Subjects are hashed by the caller.
import { keys } from '../domain/keys.js';
import type { Db } from './db.js';
import { tooManyRequests } from './errors.js';

export async function enforceRateLimit(
  db: Db,
  opts: { bucket: string; subject: string; limit: number; windowSeconds: number; nowMs: number },
): Promise<void> {
  const windowStart = Math.floor(opts.nowMs / 1000 / opts.windowSeconds) * opts.windowSeconds;
  const count = await db.increment(keys.rateLimit(opts.bucket, opts.subject, String(windowStart)), 'count', 1, {
    expiresAt: windowStart + opts.windowSeconds * 2,
  });
  if (count > opts.limit) throw tooManyRequests(windowStart + opts.windowSeconds - Math.floor(opts.nowMs / 1000));
}
