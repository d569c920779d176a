// Reads and writes the return-to-work plan: one item per person in their own partition, saved with optimistic
// versioning so two tabs or devices never silently overwrite each other (the second save gets a 409).

import type { Db } from '../../shared/db.js';
import { keys } from '../keys.js';
import { emptyPlanDocument, type PlanDocument, PlanItem } from './schema.js';

export interface PlanView extends PlanDocument {
  /** null until the first save; send it back with the next save. */
  version: number | null;
  updatedAt: string | null;
}

export async function getPlan(db: Db, userId: string): Promise<PlanView> {
  const item = await db.get(keys.returnToWorkPlan(userId), PlanItem, { consistent: true });
  if (!item) return { ...emptyPlanDocument(), version: null, updatedAt: null };
  return toView(item);
}

function toView(item: PlanItem): PlanView {
  const { plan, network, strategies, adjustments, version, updatedAt } = item;
  return { plan, network, strategies, adjustments, version, updatedAt };
}

/**
 * Saves the whole document if `basedOn` is still the stored version (null = first save). A retried save with the
 * same body after it succeeded gets a 409 too; the UI then reloads and shows the saved text, so nothing is lost.
 */
export async function savePlan(
  db: Db,
  userId: string,
  doc: PlanDocument,
  basedOn: number | null,
  now: Date,
): Promise<PlanView> {
  const nowIso = now.toISOString();
  const existingCreatedAt =
    basedOn === null
      ? nowIso
      : ((await db.get(keys.returnToWorkPlan(userId), PlanItem, { consistent: true }))?.createdAt ?? nowIso);
  const item: PlanItem = {
    ...doc,
    version: (basedOn ?? 0) + 1,
    createdAt: existingCreatedAt,
    updatedAt: nowIso,
  };
  await db.putVersioned({ ...keys.returnToWorkPlan(userId), ...item }, basedOn);
  return toView(item);
}
