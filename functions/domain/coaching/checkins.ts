// Coach console view of the three scheduled check-ins (weeks 1, 3, 6), built on the reminders context's functions.
// The coach addresses a check-in by a signed reference (it cannot be forged to reach anything else), and sees the
// person by their conversation label when they have one — never an email.
import { getCheckin, listUpcomingCheckins, personaliseCheckin } from '../reminders/checkins.js';
import { notFound } from '../../shared/errors.js';
import { signToken, verifyToken } from '../../shared/crypto.js';
import type { Runtime } from '../../shared/runtime.js';
import { getThread } from './repository.js';
import { threadLabel } from './threads.js';

const PURPOSE = 'coach-checkin';

export const checkinRef = (rt: Runtime, userId: string, number: number) => signToken(rt.config.sessionSecret, PURPOSE, { u: userId, n: number });

function readRef(rt: Runtime, ref: string): { userId: string; number: number } {
  const claims = verifyToken<{ u?: unknown; n?: unknown }>(rt.config.sessionSecret, PURPOSE, ref);
  if (!claims || typeof claims.u !== 'string' || (claims.n !== 1 && claims.n !== 2 && claims.n !== 3)) throw notFound('There is no such check-in.');
  return { userId: claims.u, number: claims.n };
}

export async function upcomingForCoach(rt: Runtime, now: Date, limit = 100) {
  const rows = await listUpcomingCheckins(rt, { from: now, limit });
  return Promise.all(
    rows.map(async (r) => {
      const thread = await getThread(rt.db, r.userId);
      return {
        ref: checkinRef(rt, r.userId, r.number),
        number: r.number,
        dueAt: r.dueAt,
        person: thread ? threadLabel(thread.threadId) : 'Not written to a coach yet',
        threadId: thread?.threadId ?? null,
      };
    }),
  );
}

export async function checkinForCoach(rt: Runtime, ref: string) {
  const { userId, number } = readRef(rt, ref);
  return { ref, ...(await getCheckin(rt, userId, number)) };
}

export async function personaliseForCoach(rt: Runtime, ref: string, input: { text: string; coachName: string; expectedVersion: number }, now: Date) {
  const { userId, number } = readRef(rt, ref);
  return { ref, ...(await personaliseCheckin(rt, { userId, number, ...input }, now)) };
}
