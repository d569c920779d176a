// Coach console view of the three scheduled check-ins (weeks 1, 3, 6) and the weekly one a person chose (number 4),
// built on the reminders context's functions.
// The coach addresses a check-in by an opaque reference: the person and the check-in number sealed with AES-256-GCM
// under the signing keyring's coach-checkin key, so decoding it reveals nothing and it cannot be forged to reach
// anything else. The coach sees the person by their conversation label when they have one — never an email or id.

import { notFound } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { WEEKLY_CHECKIN } from '../email/templates.js';
import { getCheckin, listUpcomingCheckins, personaliseCheckin } from '../reminders/checkins.js';
import { getThread } from './repository.js';
import { threadLabel } from './threads.js';

const RefClaims = z.object({
  u: z.string().check(z.minLength(1)),
  n: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(WEEKLY_CHECKIN)]),
});

export const checkinRef = (rt: Runtime, userId: string, number: number) =>
  rt.config.keys.seal('coach-checkin', { u: userId, n: number });

function readRef(rt: Runtime, ref: string): { userId: string; number: 1 | 2 | 3 | 4 } {
  const claims = rt.config.keys.open('coach-checkin', ref, RefClaims);
  if (!claims) throw notFound('There is no such check-in.');
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
        weekly: r.number === WEEKLY_CHECKIN,
        dueAt: r.dueAt,
        person: thread ? threadLabel(thread.threadId) : 'Not written to a coach yet',
        threadId: thread?.threadId ?? null,
      };
    }),
  );
}

export async function checkinForCoach(rt: Runtime, ref: string) {
  const { userId, number } = readRef(rt, ref);
  return { ref, weekly: number === WEEKLY_CHECKIN, ...(await getCheckin(rt, userId, number)) };
}

export async function personaliseForCoach(
  rt: Runtime,
  ref: string,
  input: { text: string; coachName: string; expectedVersion: number },
  now: Date,
) {
  const { userId, number } = readRef(rt, ref);
  return {
    ref,
    weekly: number === WEEKLY_CHECKIN,
    ...(await personaliseCheckin(rt, { userId, number, ...input }, now)),
  };
}
