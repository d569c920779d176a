// The person's own country for crisis resources, in their partition (so the export shows it and deletion removes it).
// Only the person reads or writes it: no HR, manager, coach or operator route touches it, and it is never logged.
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';
import {
  CRISIS_COUNTRIES,
  type CrisisCountry,
  type CrisisResource,
  crisisResourcesFor,
  isCrisisCountry,
} from './crisis-resources.js';

const CountryItem = z.looseObject({ country: z.enum(CRISIS_COUNTRIES), updatedAt: z.string() });

export interface CrisisCountryView {
  /** The country whose list applies, and whether the person chose it (false: the organisation's default). */
  country: CrisisCountry;
  chosen: boolean;
  organisationCountry: CrisisCountry;
  crisisResources: CrisisResource[];
}

/** The person's chosen country, or undefined when they have not chosen one. */
export async function chosenCountry(rt: Runtime, userId: string): Promise<CrisisCountry | undefined> {
  const item = await rt.db.get(keys.userCountry(userId), CountryItem, { consistent: true });
  return item && isCrisisCountry(item.country) ? item.country : undefined;
}

/** The crisis resources for this person: their own country's list, else the organisation's. */
export async function crisisResourcesForPerson(rt: Runtime, userId: string): Promise<CrisisResource[]> {
  return crisisResourcesFor(rt.config.tenant, (await chosenCountry(rt, userId)) ?? rt.config.tenant.country);
}

export async function readCountry(rt: Runtime, userId: string): Promise<CrisisCountryView> {
  return view(rt, await chosenCountry(rt, userId));
}

/**
 * Sets (or with null clears, back to the organisation's country) the person's country. Idempotent. Written only
 * while the account exists, so a request racing "delete my account" cannot leave an item behind.
 */
export async function saveCountry(
  rt: Runtime,
  userId: string,
  country: CrisisCountry | null,
  now: Date,
): Promise<CrisisCountryView | undefined> {
  const profile = keys.userProfile(userId);
  const written = await rt.db.transact([
    {
      ConditionCheck: {
        TableName: rt.db.tableName,
        Key: profile,
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    country
      ? rt.db.txPut({ ...keys.userCountry(userId), country, updatedAt: now.toISOString() })
      : rt.db.txDelete(keys.userCountry(userId)),
  ]);
  return written ? view(rt, country ?? undefined) : undefined;
}

function view(rt: Runtime, chosen: CrisisCountry | undefined): CrisisCountryView {
  const country = chosen ?? rt.config.tenant.country;
  return {
    country,
    chosen: chosen !== undefined,
    organisationCountry: rt.config.tenant.country,
    crisisResources: crisisResourcesFor(rt.config.tenant, country),
  };
}
