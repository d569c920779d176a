// One person, one unit (docs/statistics.md, rule 10): someone who deletes their employee account and joins again must not
// count as a second person in the released figures, whose ε accounting assumes each person joins at most once and
// leaves at most once in a budget year, and counts at most once per period in the activity figures.
//
// - When an employee account is deleted, a *rejoin marker* is kept outside any account: `REJOIN#<pseudonym>`, where
//   the pseudonym is an HMAC of the normalised address under the pseudonymisation key's own "rejoin" purpose (never
//   the address, never the lookup hash, so it matches no other item). It holds nothing else, and expires
//   REJOIN_RETENTION_DAYS after the deletion. The account's profile carries the same pseudonym (`personKey`, internal,
//   not exported) so the deletion, which has no keys, can name the marker.
// - Joining while a marker stands is a *rejoin*: the marker is removed in the account-creation transaction, the
//   account is not counted as a joiner, its profile gets `rejoinedAt`, and later it is not counted as a leaver nor in
//   department moves (it never entered joiners − leavers), and in the activity figures only in periods that begin
//   after it rejoined (its earlier account may have counted in a period already under way). Deleting it puts the
//   marker back with a fresh expiry.
// - 400 days > the longest budget year (an ISO week-year of 53 weeks is 371 days): two joins (or two leaves) of one
//   person that are both counted are more than a budget year apart, so never in one year's ε. After that the person
//   joins as anyone new would, and joiners − leavers is right again.

import { normaliseEmail } from '../../shared/crypto.js';
import type { Db, TransactItem } from '../../shared/db.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';

export const REJOIN_RETENTION_DAYS = 400;

const RejoinMarkerItem = z.object({ expiresAt: z.number() });

/** The pseudonym naming an address's rejoin marker (keyed; purpose "rejoin"). */
export const personKeyOf = (rt: Runtime, email: string) => rt.config.keys.pseudonym('rejoin', normaliseEmail(email));

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** Whether a marker stands at `now` (reads filter on expiresAt: emulators never expire items). */
export const markerStands = (marker: { expiresAt: number } | undefined, now: Date) =>
  marker !== undefined && marker.expiresAt > epochSeconds(now);

/** A marker that still stands at `now`. */
export async function rejoinMarkerStands(db: Db, personKey: string, now: Date): Promise<boolean> {
  return markerStands(await db.get(keys.rejoinMarker(personKey), RejoinMarkerItem, { consistent: true }), now);
}

/**
 * The transaction item that makes the account-creation transaction agree with what was read: a rejoin removes the
 * standing marker (and fails if it is gone), a new joiner requires there to be none (and fails if a deletion of an
 * earlier account put one meanwhile). The caller reads again and retries when it fails.
 */
export function rejoinCondition(db: Db, personKey: string, rejoin: boolean, now: Date): TransactItem {
  const values = { ':now': epochSeconds(now) };
  return rejoin
    ? {
        Delete: {
          TableName: db.tableName,
          Key: keys.rejoinMarker(personKey),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: values,
        },
      }
    : {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.rejoinMarker(personKey),
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: values,
        },
      };
}

/** The marker deleting this account leaves: every employee account that names one, with a fresh expiry. */
export const markerLeftBy = (profile: { role: string; personKey?: string }, now: Date) =>
  profile.role === 'employee' && profile.personKey
    ? { personKey: profile.personKey, expiresAt: epochSeconds(now) + REJOIN_RETENTION_DAYS * 86_400 }
    : undefined;

/** For the deletion's marking transaction: (re)puts the marker of an employee account, with a fresh expiry. */
export function rejoinMarkerPut(db: Db, profile: { role: string; personKey?: string }, now: Date): TransactItem[] {
  const marker = markerLeftBy(profile, now);
  return marker ? [db.txPut({ ...keys.rejoinMarker(marker.personKey), expiresAt: marker.expiresAt })] : [];
}

/**
 * Whether the account counts in joiners − leavers (and department moves): every account except a rejoin. The one
 * rule for all three counters (sign-in.ts, delete.ts, repository.ts); the unit distinguishing game plays it too.
 */
export const countsAsPerson = (profile: { role: string; rejoinedAt?: string }) =>
  profile.role === 'employee' && !profile.rejoinedAt;
