// The coaching team of an organisation: the coach accounts whose address is on the roster (the operator's, or the
// tenant config seed: domain/org/coaching-service.ts; a coach joins the team at their first sign-in), which of them are lead coaches, who is away, and
// assignment of conversations by load (fewest threads waiting for a reply among coaches not away, then the earliest
// account). A coach who is away gets no new threads, and a thread of theirs that gets a new message moves to an
// available coach; their open threads can be handed over at once (handover.ts).

import { normaliseEmail } from '../../shared/crypto.js';
import type { Db } from '../../shared/db.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { GSI1, keys } from '../keys.js';
import { loadCoachingService } from '../org/coaching-service.js';
import type { ThreadItem } from './schema.js';

export interface TeamCoach {
  userId: string;
  /** The coach's work address: shown to colleagues on the team (lead board, handover), never to employees. */
  email: string;
  lead: boolean;
  away: boolean;
}

const CoachProfile = z.looseObject({ userId: z.string(), email: z.string(), gsi1sk: z.string() });
export const TeamMemberItem = z.object({ coachId: z.string(), away: z.boolean(), updatedAt: z.string() });
export type TeamMemberItem = z.infer<typeof TeamMemberItem>;

/** Coach accounts still on the roster, earliest first. A coach removed from the roster is dropped on the next call. */
export async function coachRoster(rt: Runtime): Promise<TeamCoach[]> {
  const p = keys.coachTeamPrefix();
  const [service, profiles, members] = await Promise.all([
    loadCoachingService(rt),
    rt.db.query({ pk: keys.staffByRole('coach').gsi1pk, index: GSI1, limit: 500 }, CoachProfile),
    rt.db.query({ pk: p.pk, skPrefix: p.skPrefix, limit: 500 }, TeamMemberItem),
  ]);
  const roster = new Set(service.coachEmails);
  const leads = new Set(service.leadCoachEmails);
  const away = new Set(members.filter((m) => m.away).map((m) => m.coachId));
  return profiles
    .filter((p) => roster.has(normaliseEmail(p.email)))
    .sort((a, b) => a.gsi1sk.localeCompare(b.gsi1sk) || a.userId.localeCompare(b.userId))
    .map((p) => ({
      userId: p.userId,
      email: normaliseEmail(p.email),
      lead: leads.has(normaliseEmail(p.email)),
      away: away.has(p.userId),
    }));
}

/** Coaches who take new conversations: on the team and not away. */
export const available = (team: TeamCoach[]) => team.filter((c) => !c.away);

/** The available coach with the fewest waiting threads among `waiting`; undefined when nobody is available. */
export function leastLoaded(
  team: TeamCoach[],
  waiting: Pick<ThreadItem, 'coachId'>[],
  except?: string,
): string | undefined {
  const candidates = available(team).filter((c) => c.userId !== except);
  const load = new Map(candidates.map((c) => [c.userId, 0]));
  for (const t of waiting) if (t.coachId && load.has(t.coachId)) load.set(t.coachId, load.get(t.coachId)! + 1);
  let best: string | undefined;
  for (const c of candidates) if (best === undefined || load.get(c.userId)! < load.get(best)!) best = c.userId;
  return best;
}

/**
 * Who a thread's alerts go to: its coach while they are on the team and not away (otherwise every available coach,
 * or the whole team when everyone is away, so an unassigned or orphaned thread is never silent), plus every lead
 * coach who is not away for a safety alert.
 */
export function alertRecipients(team: TeamCoach[], coachId: string | undefined, safety: boolean): string[] {
  const assigned = available(team).find((c) => c.userId === coachId);
  const fallback = available(team).length > 0 ? available(team) : team;
  const base = assigned ? [assigned.userId] : fallback.map((c) => c.userId);
  const leads = safety
    ? available(team)
        .filter((c) => c.lead)
        .map((c) => c.userId)
    : [];
  return [...new Set([...base, ...leads])];
}

/** The coach marks themselves away (no new threads) or back. Saying the same again changes nothing. */
export async function setAway(db: Db, coachId: string, away: boolean, now: Date): Promise<TeamMemberItem> {
  const item: TeamMemberItem = { coachId, away, updatedAt: now.toISOString() };
  const current = await db.get(keys.coachTeamMember(coachId), TeamMemberItem, { consistent: true });
  if (current && current.away === away) return current;
  await db.put({ ...keys.coachTeamMember(coachId), ...item });
  return item;
}
