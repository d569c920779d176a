// Handover and the lead coach's board. A thread's history (messages, shares, notes) stays with the person, so a
// handover only changes the thread's coach: one versioned write of the thread item. A coach hands over their own
// threads; a lead coach may move any. The board gives a lead coach the whole service as numbers per coach, plus the
// waiting threads by opaque label (what any coach sees in the inbox), never message text or who the person is.
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import { month } from '../stats/counters.js';
import { getThread, listInbox } from './repository.js';
import type { ThreadItem } from './schema.js';
import { slaSummary } from './sla.js';
import { available, coachRoster, leastLoaded, type TeamCoach } from './team.js';
import { needsAttentionFirst, threadLabel, txThread, waitState } from './threads.js';
import { currentReplyPolicy } from './working-hours.js';

const MAX_ATTEMPTS = 4;

async function teamAndMe(rt: Runtime, me: string): Promise<{ team: TeamCoach[]; self: TeamCoach | undefined }> {
  const team = await coachRoster(rt);
  return { team, self: team.find((c) => c.userId === me) };
}

/** A lead coach only (tenant config coaching.leadCoachEmails). */
export async function requireLead(rt: Runtime, me: string): Promise<TeamCoach[]> {
  const { team, self } = await teamAndMe(rt, me);
  if (!self?.lead) throw forbidden('Only a lead coach can see this.');
  return team;
}

/** Sets the thread's coach, re-reading it on a concurrent change (a message arriving at the same moment). */
async function moveThread(rt: Runtime, userId: string, to: string, from: string | undefined): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await getThread(rt.db, userId, true);
    if (!current) throw notFound('This conversation no longer exists.');
    if (current.coachId === to) return false;
    // Moved by someone else meanwhile: leave it with them.
    if (from !== undefined && current.coachId !== from) return false;
    if (
      await rt.db.transact([
        txThread(rt.db, { ...current, coachId: to, version: current.version + 1 }, current.version),
      ])
    )
      return true;
  }
  throw conflict('The conversation changed while handing it over. Please try again.', 'thread_busy');
}

/** Hands one thread to another coach of the team who is not away. Its coach, or a lead coach, may do it. */
export async function assignThread(
  rt: Runtime,
  thread: ThreadItem,
  to: string,
  me: string,
): Promise<{ coachId: string; moved: boolean }> {
  const { team, self } = await teamAndMe(rt, me);
  if (!self) throw forbidden('Only a coach on the team can hand over a conversation.');
  if (thread.coachId !== me && !self.lead && thread.coachId !== undefined)
    throw forbidden('Only its coach or a lead coach can hand over this conversation.');
  const target = team.find((c) => c.userId === to);
  if (!target) throw notFound('There is no such coach on the team.');
  if (target.away) throw conflict('That coach is away. Choose a coach who is in.', 'coach_away');
  const moved = await moveThread(rt, thread.userId, to, undefined);
  return { coachId: to, moved };
}

/**
 * Hands every waiting thread of `from` to the available coaches by load (the least loaded first, counting each
 * thread as it moves). Run by the coach themselves or a lead coach; a re-run finds nothing left to move.
 */
export async function handOver(rt: Runtime, from: string, me: string): Promise<{ moved: number; left: number }> {
  const { team, self } = await teamAndMe(rt, me);
  if (!self || (from !== me && !self.lead))
    throw forbidden('Only the coach themselves or a lead coach can hand over their conversations.');
  const { waiting } = await listInbox(rt.db, { answeredLimit: 1 });
  const loads = waiting.map((t) => ({ coachId: t.coachId }));
  let moved = 0;
  let left = 0;
  for (const [i, t] of waiting.entries()) {
    if (t.coachId !== from) continue;
    const to = leastLoaded(team, loads, from);
    if (!to) {
      left++;
      continue;
    }
    if (await moveThread(rt, t.userId, to, from)) moved++;
    loads[i] = { coachId: to };
  }
  return { moved, left };
}

/** Everything a coach needs about the team: who is on it, who is away, who leads. */
export async function teamView(rt: Runtime, me: string) {
  const { team, self } = await teamAndMe(rt, me);
  return {
    me: { coachId: me, onTeam: self !== undefined, lead: self?.lead ?? false, away: self?.away ?? false },
    coaches: team.map((c) => ({ coachId: c.userId, email: c.email, lead: c.lead, away: c.away })),
  };
}

/** The lead coach's board: load per coach, waiting, near due, overdue, safety; this month's reply figures. */
export async function leadBoard(rt: Runtime, me: string, now: Date) {
  const team = await requireLead(rt, me);
  const [{ waiting }, sla, policy] = await Promise.all([
    listInbox(rt.db, { answeredLimit: 1 }),
    slaSummary(rt.db, month(now)),
    currentReplyPolicy(rt),
  ]);
  const rows = [...waiting].sort(needsAttentionFirst).map((t) => ({
    threadId: t.threadId,
    label: threadLabel(t.threadId),
    coachId: team.some((c) => c.userId === t.coachId) ? t.coachId! : null,
    safety: t.safety,
    urgent: t.urgentSince !== undefined,
    ...waitState(t, now, policy),
  }));
  const tally = (list: typeof rows) => ({
    waiting: list.length,
    nearDue: list.filter((r) => r.nearDue).length,
    overdue: list.filter((r) => r.overdue).length,
    safety: list.filter((r) => r.safety || r.urgent).length,
  });
  return {
    totals: { ...tally(rows), available: available(team).length, coaches: team.length },
    coaches: team.map((c) => ({
      coachId: c.userId,
      email: c.email,
      lead: c.lead,
      away: c.away,
      ...tally(rows.filter((r) => r.coachId === c.userId)),
    })),
    unassigned: tally(rows.filter((r) => r.coachId === null)),
    threads: rows,
    replyTimes: sla,
  };
}
