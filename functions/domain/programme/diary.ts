// Stress diary and thought diary (CBT thought record): private to the person. Creates are idempotent through the
// client's entry id; edits use optimistic versioning so two tabs never silently overwrite each other.

import type { Db } from '../../shared/db.js';
import { conflict, notFound } from '../../shared/errors.js';
import { getProfile } from '../enrolment/repository.js';
import { countDistinct } from '../stats/counters.js';
import * as repo from './repository.js';
import type { DiaryEntryItem, DiaryFields } from './schema.js';

export interface DiaryEntryView {
  entryId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  occurredAt: string;
  entry: DiaryFields;
}

const view = (item: DiaryEntryItem): DiaryEntryView => ({
  entryId: item.entryId,
  version: item.version,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  occurredAt: item.occurredAt,
  entry: item.entry as DiaryFields,
});

/** Normalises the entry so the stored shape never depends on the client (occurredAt is kept beside it). */
function stored(entry: DiaryFields): Record<string, unknown> {
  const { occurredAt: _omit, ...rest } = entry;
  return rest;
}

/** Newest first (by when it happened, then when it was written). One Query. */
export async function listEntries(db: Db, userId: string): Promise<DiaryEntryView[]> {
  const items = await repo.listDiary(db, userId);
  return items
    .map(view)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.createdAt.localeCompare(a.createdAt));
}

export async function getEntry(db: Db, userId: string, entryId: string): Promise<DiaryEntryView> {
  const item = await repo.getDiaryEntry(db, userId, entryId);
  if (!item) throw notFound('This diary entry does not exist (it may have been deleted).');
  return view(item);
}

/** Creates an entry. Sending the same entry id again returns the stored entry and changes nothing. */
export async function createEntry(
  db: Db,
  userId: string,
  entryId: string,
  entry: DiaryFields,
  now: Date,
): Promise<{ created: boolean; entry: DiaryEntryView }> {
  const at = now.toISOString();
  const item: DiaryEntryItem = {
    entryId,
    version: 1,
    createdAt: at,
    updatedAt: at,
    occurredAt: entry.occurredAt ?? at,
    entry: stored(entry),
  };
  const created = await repo.createDiaryEntry(db, userId, item);
  const current = await getEntry(db, userId, entryId);
  if (!created && current.entry.kind !== entry.kind)
    throw conflict('An entry with this id already exists. Reload and try again.', 'duplicate_id');
  if (created) await countDistinct(db, userId, 'active', (await getProfile(db, userId))?.departmentId, now);
  return { created, entry: current };
}

/** Replaces an entry if nobody changed it since `version` (otherwise 409 version_conflict, nothing lost). */
export async function updateEntry(
  db: Db,
  userId: string,
  entryId: string,
  entry: DiaryFields,
  version: number,
  now: Date,
): Promise<DiaryEntryView> {
  const existing = await getEntry(db, userId, entryId);
  if (existing.entry.kind !== entry.kind)
    throw conflict('A diary entry cannot change from one diary to the other.', 'kind_mismatch');
  if (existing.version !== version)
    throw conflict(
      'This entry was changed somewhere else (another tab or device). Reload to see the latest version.',
      'version_conflict',
    );
  const item: DiaryEntryItem = {
    entryId,
    version: version + 1,
    createdAt: existing.createdAt,
    updatedAt: now.toISOString(),
    occurredAt: entry.occurredAt ?? existing.occurredAt,
    entry: stored(entry),
  };
  await repo.replaceDiaryEntry(db, userId, item, version);
  return view(item);
}

/** Deleting is idempotent: deleting twice is fine. */
export async function deleteEntry(db: Db, userId: string, entryId: string): Promise<void> {
  await repo.deleteDiaryEntry(db, userId, entryId);
}
