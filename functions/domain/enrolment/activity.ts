// The inactivity policy's activity signal (see inactivity.ts), kept apart so sign-in bundles nothing else of it.
import type { Db } from '../../shared/db.js';
import { keys } from '../keys.js';

/** Called on every employee sign-in (and by "keep my account"): the account counts as in use from `now`. */
export async function recordActivity(db: Db, userId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const index = keys.activityIndex(at, userId);
  return db.updateIf(keys.userProfile(userId), {
    update: 'SET lastSignInAt = :at, gsi2pk = :pk, gsi2sk = :sk REMOVE inactivityWarnedAt',
    condition: 'attribute_exists(pk) AND #role = :employee AND attribute_not_exists(deletingSince)',
    names: { '#role': 'role' },
    values: { ':at': at, ':pk': index.gsi2pk, ':sk': index.gsi2sk, ':employee': 'employee' },
  });
}
