// Send ledger and suppression list. Neither holds an email address or any content: the ledger is keyed by the
// person (or the HMAC of a raw address) + kind + idempotency key; the suppression list by the HMAC of the address.

import { epochSeconds } from '../../shared/clock.js';
import { normaliseEmail } from '../../shared/crypto.js';
import type { Db } from '../../shared/db.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { GSI1, type Key, keys } from '../keys.js';
import type { OutboxMessage } from './schema.js';

/** Ledger records live long enough to cover any redelivery or redrive (SQS keeps messages ≤ 14 days). */
export const LEDGER_TTL_SECONDS = 45 * 86_400;

/** The same keyed hash the enrolment context uses for its email lookup, so a bounce finds the account too. */
export const addressHash = (rt: Runtime, address: string) => rt.config.keys.pseudonym('email', normaliseEmail(address));

export const LedgerItem = z.object({
  kind: z.string(),
  claimId: z.string(),
  claimedAt: z.string(),
  /** pending: claimed, SES not yet known to have accepted it; sent: SES accepted it (its reply or its Send event). */
  state: z.optional(z.enum(['pending', 'sent'])),
  expiresAt: z.number(),
});

/** A claim that was never confirmed: the message to send again (account holders only; raw addresses are never stored). */
export const PendingSendItem = z.object({
  pk: z.string(),
  sk: z.string(),
  claimId: z.string(),
  gsi1sk: z.string(),
  message: z.string(),
});
export type PendingSendItem = z.infer<typeof PendingSendItem>;

/**
 * Claims the right to send: a conditional put that succeeds only for the first attempt of this key.
 * Returns false when someone already claimed it (sent, or being sent by an overlapping invocation).
 * With `resendable` (the message, for an account holder) the claim is listed as pending until it is confirmed, so a
 * crash between this put and SES accepting the email is found and sent again (see reconcile.ts).
 */
export async function claimSend(
  db: Db,
  key: Key,
  kind: string,
  claimId: string,
  now: Date,
  resendable?: OutboxMessage,
): Promise<boolean> {
  return db.put(
    {
      ...key,
      kind,
      claimId,
      claimedAt: now.toISOString(),
      state: 'pending',
      ...(resendable ? { ...keys.pendingSend(now.getTime(), claimId), message: JSON.stringify(resendable) } : {}),
      expiresAt: epochSeconds(now) + LEDGER_TTL_SECONDS,
    },
    { ifAbsent: true },
  );
}

/** Takes over a stale pending claim for a resend: only if it is still pending under the old claim id. */
export async function reclaimSend(db: Db, key: Key, oldClaimId: string, claimId: string, now: Date): Promise<boolean> {
  return db.updateIf(key, {
    update: 'SET claimId = :new, claimedAt = :at, gsi1sk = :sk',
    condition: 'claimId = :old AND #state = :pending',
    names: { '#state': 'state' },
    values: {
      ':new': claimId,
      ':old': oldClaimId,
      ':at': now.toISOString(),
      ':sk': keys.pendingSend(now.getTime(), claimId).gsi1sk,
      ':pending': 'pending',
    },
  });
}

/** SES accepted the email: the claim is final and leaves the pending list. A claim already confirmed is left alone. */
export async function confirmSent(db: Db, key: Key, claimId: string): Promise<void> {
  await db.updateIf(key, {
    update: 'SET #state = :sent REMOVE gsi1pk, gsi1sk, message',
    condition: 'claimId = :c AND #state = :pending',
    names: { '#state': 'state' },
    values: { ':c': claimId, ':sent': 'sent', ':pending': 'pending' },
  });
}

const PENDING_SENDS = keys.pendingSend(0, '').gsi1pk;

/** Pending claims, oldest first (the list holds only claims in flight or left behind by a crash). */
export async function pendingSends(db: Db, limit: number): Promise<PendingSendItem[]> {
  return db.query({ pk: PENDING_SENDS, index: GSI1, limit }, PendingSendItem);
}

/** The pending claim with this SES tag ("claim"), if it is still pending. */
export async function pendingSendByTag(db: Db, tag: string): Promise<PendingSendItem | undefined> {
  const [item] = await db.query({ pk: PENDING_SENDS, index: GSI1, skPrefix: tag, limit: 1 }, PendingSendItem);
  return item?.gsi1sk === tag ? item : undefined;
}

/** SES refused the send (nothing went out): release our claim so a retry can send it. Only our own claim. */
export async function releaseClaim(db: Db, key: Key, claimId: string): Promise<void> {
  await db.transact([
    {
      Delete: {
        TableName: db.tableName,
        Key: key,
        ConditionExpression: 'claimId = :c',
        ExpressionAttributeValues: { ':c': claimId },
      },
    },
  ]);
}

export const SUPPRESSION_REASONS = ['bounce', 'complaint', 'unsubscribe'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
export const SuppressionItem = z.object({ reason: z.enum(SUPPRESSION_REASONS), at: z.string() });

/** Idempotent: the first reason is kept. */
export async function suppress(db: Db, hash: string, reason: SuppressionReason, now: Date): Promise<void> {
  await db.put({ ...keys.suppression(hash), reason, at: now.toISOString() }, { ifAbsent: true });
}

/** Takes an address off the suppression list (its owner asked for email again); a later bounce puts it back. */
export async function unsuppress(db: Db, hash: string): Promise<void> {
  await db.delete(keys.suppression(hash));
}

export const isSuppressed = async (db: Db, hash: string) => (await suppressionReason(db, hash)) !== undefined;
export const suppressionReason = async (db: Db, hash: string): Promise<SuppressionReason | undefined> =>
  (await db.get(keys.suppression(hash), SuppressionItem))?.reason;

export const keyId = (k: Key) => `${k.pk}|${k.sk}`;

/** SES accepted an email (its Send event): confirm the claim named by the email's "claim" tag, if still pending. */
export async function confirmByTag(db: Db, tag: string): Promise<boolean> {
  const claim = await pendingSendByTag(db, tag);
  if (!claim) return false;
  await confirmSent(db, { pk: claim.pk, sk: claim.sk }, claim.claimId);
  return true;
}
