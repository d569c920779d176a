// The coaching service of an organisation as data: the coach roster, the lead coaches and the coaching hours. The
// platform operator changes them without a redeploy (one versioned item, ORG / COACHING#SERVICE); until they first
// do, tenants/<slug>.json is the seed. Read through a short per-process cache so the next thread assigned, the next
// alert and the next due time follow a change: at once in the process that wrote it, within CACHE_MS elsewhere.
// Sign-in reads it fresh (one GetItem, whatever the address), so a new coach can sign in at once.

import { normaliseEmail } from '../../shared/crypto.js';
import type { Db } from '../../shared/db.js';
import { conflict } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { CoachingHoursSchema, type TenantConfig } from '../../shared/tenant-config.js';
import * as z from '../../shared/zod.js';
import { keys } from '../keys.js';

export const MAX_COACHES = 50;

/**
 * Whether the address is one of the platform's operators (tenant config `operatorEmails`, set by the platform, never by
 * the organisation). Checked on every operator request and at sign-in, so taking an address off revokes the role on
 * the next request: no operator route, and no new operator session.
 */
export const isPlatformOperator = (tenant: TenantConfig, email: string) =>
  tenant.operatorEmails.map(normaliseEmail).includes(normaliseEmail(email));
export const CACHE_MS = 15_000;

const ServiceItem = z.object({
  version: z.int().check(z.minimum(1)),
  coachEmails: z.array(z.string()),
  leadCoachEmails: z.array(z.string()),
  hours: CoachingHoursSchema,
  updatedAt: z.string(),
});

export type CoachingHoursSetting = z.infer<typeof CoachingHoursSchema>;

export interface CoachingService {
  /** 0 while the tenant config seed is in force; the stored item's version once the operator changed it. */
  version: number;
  coachEmails: string[];
  /** Always a subset of coachEmails. */
  leadCoachEmails: string[];
  hours: CoachingHoursSetting;
  updatedAt: string | null;
}

/** Hours in one canonical form (days and closed dates sorted, without repeats; fixed key order), so equal hours compare equal. */
export function canonicalHours(h: CoachingHoursSetting): CoachingHoursSetting {
  return {
    days: [...new Set(h.days)].sort((a, b) => a - b),
    start: h.start,
    end: h.end,
    ...(h.timeZone ? { timeZone: h.timeZone } : {}),
    closedDates: [...new Set(h.closedDates)].sort(),
  };
}

/** The seed: the roster and hours of tenants/<slug>.json (addresses normalised, leads kept only if on the roster). */
export function seedService(tenant: TenantConfig): CoachingService {
  const coachEmails = [...new Set(tenant.coachEmails.map(normaliseEmail))];
  const leads = new Set(tenant.coaching.leadCoachEmails.map(normaliseEmail));
  return {
    version: 0,
    coachEmails,
    leadCoachEmails: coachEmails.filter((e) => leads.has(e)),
    hours: canonicalHours(tenant.coaching.hours),
    updatedAt: null,
  };
}

const cache = new Map<string, { at: number; service: CoachingService }>();

async function readService(rt: Runtime): Promise<CoachingService> {
  const item = await rt.db.get(keys.coachingService(), ServiceItem, { consistent: true });
  return item
    ? {
        version: item.version,
        coachEmails: item.coachEmails,
        leadCoachEmails: item.leadCoachEmails,
        hours: canonicalHours(item.hours),
        updatedAt: item.updatedAt,
      }
    : seedService(rt.config.tenant);
}

/** The coaching service now: cached for CACHE_MS per table (fresh: always read). */
export async function loadCoachingService(rt: Runtime, opts: { fresh?: boolean } = {}): Promise<CoachingService> {
  const hit = cache.get(rt.db.tableName);
  if (!opts.fresh && hit && performance.now() - hit.at < CACHE_MS) return hit.service;
  const service = await readService(rt);
  cache.set(rt.db.tableName, { at: performance.now(), service });
  return service;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Replaces part of the service (the roster or the hours). Sending what is stored is a no-op (a retry is harmless);
 * a change needs the current version (409 version_conflict otherwise), and the put is conditional on it, so two
 * operators cannot overwrite each other's change unseen.
 */
async function saveService(
  rt: Runtime,
  expectedVersion: number,
  change: Partial<Pick<CoachingService, 'coachEmails' | 'leadCoachEmails' | 'hours'>>,
  now: Date,
): Promise<{ service: CoachingService; changed: boolean }> {
  const current = await loadCoachingService(rt, { fresh: true });
  const next = { ...current, ...change };
  const unchanged =
    sameJson(next.coachEmails, current.coachEmails) &&
    sameJson(next.leadCoachEmails, current.leadCoachEmails) &&
    sameJson(next.hours, current.hours);
  if (unchanged) return { service: current, changed: false };
  if (expectedVersion !== current.version)
    throw conflict(
      'The coaching service was changed somewhere else. Reload to see the latest version.',
      'version_conflict',
    );
  const stored: CoachingService = { ...next, version: current.version + 1, updatedAt: now.toISOString() };
  await putService(rt.db, stored, current.version);
  cache.set(rt.db.tableName, { at: performance.now(), service: stored });
  return { service: stored, changed: true };
}

const putService = (db: Db, s: CoachingService, expectedVersion: number) =>
  db.putVersioned(
    {
      ...keys.coachingService(),
      version: s.version,
      coachEmails: s.coachEmails,
      leadCoachEmails: s.leadCoachEmails,
      hours: s.hours,
      updatedAt: s.updatedAt,
    },
    expectedVersion === 0 ? null : expectedVersion,
  );

/** The operator sets the roster: every coach's address and whether they are a lead coach. */
export function saveRoster(
  rt: Runtime,
  input: { expectedVersion: number; coaches: { email: string; lead: boolean }[] },
  now: Date,
) {
  const coachEmails = input.coaches.map((c) => normaliseEmail(c.email));
  const leadCoachEmails = input.coaches.filter((c) => c.lead).map((c) => normaliseEmail(c.email));
  return saveService(rt, input.expectedVersion, { coachEmails, leadCoachEmails }, now);
}

/** The operator sets the coaching hours (days, times, time zone, closed dates). */
export function saveHours(rt: Runtime, input: { expectedVersion: number; hours: CoachingHoursSetting }, now: Date) {
  return saveService(rt, input.expectedVersion, { hours: canonicalHours(input.hours) }, now);
}
