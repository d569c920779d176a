// The coaching team of an organisation: the coach accounts whose address is on the roster (tenant config
// coachEmails; a coach joins the team at their first sign-in), which of them are lead coaches, and assignment of
// new conversations by load (fewest threads waiting for a reply, then the earliest account).
import { GSI1, keys } from '../keys.js';
import { normaliseEmail } from '../../shared/crypto.js';
import * as z from '../../shared/zod.js';
import type { Runtime } from '../../shared/runtime.js';
import type { ThreadItem } from './schema.js';

export interface TeamCoach {
  userId: string;
  lead: boolean;
}

const CoachProfile = z.looseObject({ userId: z.string(), email: z.string(), gsi1sk: z.string() });

/** Coach accounts still on the roster, earliest first. A coach removed from the roster is dropped on the next call. */
export async function coachRoster(rt: Runtime): Promise<TeamCoach[]> {
  const roster = new Set(rt.config.tenant.coachEmails.map(normaliseEmail));
  const leads = new Set(rt.config.tenant.coaching.leadCoachEmails.map(normaliseEmail));
  const profiles = await rt.db.query({ pk: keys.staffByRole('coach').gsi1pk, index: GSI1, limit: 500 }, CoachProfile);
  return profiles
    .filter((p) => roster.has(normaliseEmail(p.email)))
    .sort((a, b) => a.gsi1sk.localeCompare(b.gsi1sk) || a.userId.localeCompare(b.userId))
    .map((p) => ({ userId: p.userId, lead: leads.has(normaliseEmail(p.email)) }));
}

/** The coach with the fewest waiting threads among `waiting`; undefined when nobody is on the team yet. */
export function leastLoaded(team: TeamCoach[], waiting: Pick<ThreadItem, 'coachId'>[]): string | undefined {
  const load = new Map(team.map((c) => [c.userId, 0]));
  for (const t of waiting) if (t.coachId && load.has(t.coachId)) load.set(t.coachId, load.get(t.coachId)! + 1);
  let best: string | undefined;
  for (const c of team) if (best === undefined || load.get(c.userId)! < load.get(best)!) best = c.userId;
  return best;
}

/**
 * Who a thread's alerts go to: its coach while they are on the team (otherwise the whole team, so an unassigned or
 * orphaned thread is never silent), plus every lead coach for a safety alert.
 */
export function alertRecipients(team: TeamCoach[], coachId: string | undefined, safety: boolean): string[] {
  const assigned = team.find((c) => c.userId === coachId);
  const base = assigned ? [assigned.userId] : team.map((c) => c.userId);
  const leads = safety ? team.filter((c) => c.lead).map((c) => c.userId) : [];
  return [...new Set([...base, ...leads])];
}
