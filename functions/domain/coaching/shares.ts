// Sharing: the person explicitly shares one diary entry, exercise answer or questionnaire result into their thread.
// A snapshot is stored at share time (the coach sees exactly what was shared, even if the original changes later)
// and deleted on revoke. Sharing starts the thread if needed and counts as reaching out (the reply clock starts).

import { newId } from '../../shared/crypto.js';
import type { Db } from '../../shared/db.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { keys } from '../keys.js';
import { alertEventPut, type NewAlert } from './alerts.js';
import { getThread, listShares } from './repository.js';
import type { ShareItem, ShareSnapshot, ShareType, ThreadItem } from './schema.js';
import { assignCoach, newThread, txThread } from './threads.js';

/** Loads one of the person's own items as a snapshot; undefined when it does not exist or is not theirs. */
export type SnapshotLoader = (
  db: Db,
  userId: string,
  itemType: ShareType,
  itemId: string,
) => Promise<ShareSnapshot | undefined>;

export const shareIdOf = (itemType: ShareType, itemId: string) => `${itemType}~${itemId}`;

const MAX_ATTEMPTS = 4;

export async function shareItem(
  rt: Runtime,
  userId: string,
  input: { itemType: ShareType; itemId: string },
  now: Date,
  load: SnapshotLoader,
): Promise<{ share: ShareItem; created: boolean; alert?: NewAlert }> {
  const db = rt.db;
  const snapshot = await load(db, userId, input.itemType, input.itemId);
  // Another person's item and a deleted item look the same: not found, and nothing is written.
  if (!snapshot) throw notFound('We could not find that item among yours. It may have been deleted.');
  const at = now.toISOString();
  const share: ShareItem = {
    shareId: shareIdOf(input.itemType, input.itemId),
    itemType: input.itemType,
    itemId: input.itemId,
    sharedAt: at,
    snapshot,
  };
  const coachId = await assignCoach(rt, userId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(db, userId, true);
    const next: ThreadItem = current
      ? {
          ...current,
          ...(coachId ? { coachId } : {}),
          waitingSince: current.waitingSince ?? at,
          lastMessageAt: at,
          lastFrom: 'employee',
          unread: false,
          safety: current.safety || snapshot.safety,
          version: current.version + 1,
        }
      : { ...newThread(userId, at, coachId), safety: snapshot.safety };
    // A share alerts the coach like a message; a PHQ-9 with item 9 above 0 is a safety alert.
    const alert: NewAlert = { eventId: newId(), threadId: next.threadId, at, safety: snapshot.safety };
    const written = await db.transact([
      db.txPut({ ...keys.coachShare(userId, share.shareId), ...share }, { ifAbsent: true }),
      txThread(db, next, current ? current.version : null),
      alertEventPut(db, alert),
    ]);
    if (written) return { share, created: true, alert };
    const existing = (await listShares(db, userId)).find((s) => s.shareId === share.shareId);
    if (existing) return { share: existing, created: false };
  }
  throw conflict('The conversation changed while sharing. Please try again.', 'thread_busy');
}

/** Removes the snapshot; the coach no longer sees it. Revoking twice is fine (the second finds nothing to do). */
export async function revokeShare(db: Db, userId: string, shareId: string): Promise<{ removed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [current, shares] = await Promise.all([getThread(db, userId, true), listShares(db, userId)]);
    const target = shares.find((s) => s.shareId === shareId);
    if (!target || !current) return { removed: false };
    const safety = shares.some((s) => s.shareId !== shareId && s.snapshot.safety);
    const written = await db.transact([
      db.txDelete(keys.coachShare(userId, shareId), { ifExists: true }),
      txThread(db, { ...current, safety, version: current.version + 1 }, current.version),
    ]);
    if (written) return { removed: true };
  }
  throw conflict('The conversation changed while removing the item. Please try again.', 'thread_busy');
}
