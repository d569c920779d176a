// Reads and writes of the employer context: permission statements, departments, the launch checklist and
// endorsement tallies. Keys from keys.ts only; every write is conditional or naturally idempotent.

import { randomToken } from '../../shared/crypto.js';
import type { Db, TransactItem } from '../../shared/db.js';
import { AppError, notFound } from '../../shared/errors.js';
import * as z from '../../shared/zod.js';
import { listDepartments } from '../enrolment/repository.js';
import { keys } from '../keys.js';
import { DepartmentItem, PermissionStatementItem } from '../org/schema.js';
import { EndorsementBatchItem } from './schema.js';
import { LAUNCH_CHECKLIST } from './templates.js';

// ---- permission statements ----------------------------------------------------------------------------------

export const PERMISSION_HISTORY_LIMIT = 50;

export async function permissionHistory(db: Db): Promise<z.infer<typeof PermissionStatementItem>[]> {
  const p = keys.orgPermissionPrefix();
  return db.query(
    { pk: p.pk, skPrefix: p.skPrefix, newestFirst: true, limit: PERMISSION_HISTORY_LIMIT },
    PermissionStatementItem,
  );
}

/**
 * Publishes version expectedVersion + 1, only if expectedVersion is still the newest (a condition check on it
 * plus a put-if-absent of the next one). Publishing the same text again for the same expected version — a retry or
 * a double click — returns the version already made instead of failing.
 */
export async function publishPermission(db: Db, text: string, expectedVersion: number, nowIso: string) {
  const version = expectedVersion + 1;
  const item = { version, text, publishedAt: nowIso };
  const writes: TransactItem[] = [db.txPut({ ...keys.orgPermission(version), ...item }, { ifAbsent: true })];
  if (expectedVersion > 0)
    writes.unshift({
      ConditionCheck: {
        TableName: db.tableName,
        Key: keys.orgPermission(expectedVersion),
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
  if (await db.transact(writes)) return { ...item, created: true };
  const existing = await db.get(keys.orgPermission(version), PermissionStatementItem, { consistent: true });
  if (existing && existing.text === text) return { ...existing, created: false };
  throw new AppError(
    409,
    'version_conflict',
    'A newer statement was published while you were writing. Reload to see it, then publish again.',
    [{ field: 'body.expectedVersion', message: 'is not the newest version any more' }],
  );
}

// ---- departments ----------------------------------------------------------------------------------------------

/** Names are unique ignoring case, accents' composed forms and repeated spaces. */
export const normaliseDepartmentName = (name: string) =>
  name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const duplicateName = (name: string) =>
  new AppError(409, 'duplicate_department', `There is already a department called "${name}".`, [
    { field: 'body.name', message: 'is already the name of another department (names are compared ignoring capitals)' },
  ]);

function newDepartmentId(name: string): string {
  const slug = normaliseDepartmentName(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'dept'}-${randomToken(4)
    .replace(/[^a-zA-Z0-9]/g, 'x')
    .slice(0, 5)
    .toLowerCase()}`;
}

async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const wanted = normaliseDepartmentName(name);
  const all = await listDepartments(db);
  if (all.some((d) => d.departmentId !== exceptId && normaliseDepartmentName(d.name) === wanted))
    throw duplicateName(name);
}

export async function createDepartment(
  db: Db,
  input: { name: string; headcount: number },
  nowIso: string,
): Promise<DepartmentItem> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  // The list check covers departments made before name guards existed (e.g. seeded); the guard item covers races.
  await assertNameFree(db, name);
  const item: DepartmentItem = {
    departmentId: newDepartmentId(name),
    name,
    headcount: input.headcount,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const written = await db.transact([
    db.txPut(
      { ...keys.orgDepartmentName(normaliseDepartmentName(name)), departmentId: item.departmentId },
      { ifAbsent: true },
    ),
    db.txPut({ ...keys.orgDepartment(item.departmentId), ...item }, { ifAbsent: true }),
  ]);
  if (!written) throw duplicateName(name);
  return item;
}

export async function updateDepartment(
  db: Db,
  departmentId: string,
  input: { name?: string; headcount?: number },
  nowIso: string,
): Promise<DepartmentItem> {
  const current = await db.get(keys.orgDepartment(departmentId), DepartmentItem, { consistent: true });
  if (!current) throw notFound('There is no such department. It may have been removed.');
  const name = input.name === undefined ? current.name : input.name.trim().replace(/\s+/g, ' ');
  const next: DepartmentItem = { ...current, name, headcount: input.headcount ?? current.headcount, updatedAt: nowIso };
  const renamed = normaliseDepartmentName(name) !== normaliseDepartmentName(current.name);
  if (renamed) await assertNameFree(db, name, departmentId);
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.orgDepartment(departmentId), ...next },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  ];
  if (renamed)
    writes.push(
      db.txPut({ ...keys.orgDepartmentName(normaliseDepartmentName(name)), departmentId }, { ifAbsent: true }),
      db.txDelete(keys.orgDepartmentName(normaliseDepartmentName(current.name))),
    );
  if (!(await db.transact(writes))) {
    if (!(await db.get(keys.orgDepartment(departmentId), DepartmentItem, { consistent: true })))
      throw notFound('There is no such department. It may have been removed.');
    throw duplicateName(name);
  }
  return next;
}

/** Removing twice is the same as removing once. */
export async function deleteDepartment(db: Db, departmentId: string): Promise<void> {
  const current = await db.get(keys.orgDepartment(departmentId), DepartmentItem, { consistent: true });
  if (!current) return;
  await db.transact([
    db.txDelete(keys.orgDepartment(departmentId)),
    db.txDelete(keys.orgDepartmentName(normaliseDepartmentName(current.name))),
  ]);
}

// ---- launch checklist ------------------------------------------------------------------------------------------

const doneAttr = (itemId: string) => `done_${itemId}`;

export async function readChecklist(db: Db) {
  const raw = await db.get(keys.orgLaunchChecklist(), z.record(z.string(), z.unknown()), { consistent: true });
  return LAUNCH_CHECKLIST.map((c) => {
    const at = raw?.[doneAttr(c.id)];
    return { id: c.id, label: c.label, done: typeof at === 'string', doneAt: typeof at === 'string' ? at : null };
  });
}

/** Ticking keeps the first date it was ticked; setting the same state twice changes nothing. */
export async function setChecklistItem(db: Db, itemId: string, done: boolean, nowIso: string) {
  await db.update(keys.orgLaunchChecklist(), {
    update: done ? 'SET #a = if_not_exists(#a, :at)' : 'REMOVE #a',
    names: { '#a': doneAttr(itemId) },
    ...(done ? { values: { ':at': nowIso } } : {}),
  });
  return readChecklist(db);
}

// ---- endorsement counts -------------------------------------------------------------------------------------

export const getEndorsementBatch = (db: Db, managerId: string, batchId: string) =>
  db.get(keys.endorsementBatch(managerId, batchId), EndorsementBatchItem, { consistent: true });

export async function listEndorsementBatches(db: Db, managerId: string): Promise<EndorsementBatchItem[]> {
  const p = keys.endorsementBatchPrefix(managerId);
  const items = await db.query({ pk: p.pk, skPrefix: p.skPrefix, limit: 500 }, EndorsementBatchItem);
  return items.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}
