// The platform operator's view of an organisation's coaching service: the roster and the coaching hours, which they
// change without a redeploy (domain/org/coaching-service.ts), and service health as numbers only. The operator is
// not an organisation role (tenant config operatorEmails, set by the platform), and is never told who: no message
// text, no conversation labels, no per-coach or per-thread rows, and every count below SUPPRESS_BELOW is shown as
// "fewer than 5" (null), so a count can never single one person's activity out (docs/privacy.md, "The operator").

import { forbidden } from '../../shared/errors.js';
import type { Runtime } from '../../shared/runtime.js';
import * as z from '../../shared/zod.js';
import { getProfile } from '../enrolment/repository.js';
import { keys } from '../keys.js';
import { type CoachingService, isPlatformOperator, loadCoachingService } from '../org/coaching-service.js';
import { month } from '../stats/counters.js';
import { listInbox } from './repository.js';
import { type SlaSummary, slaSummary } from './sla.js';
import { waitState } from './threads.js';
import { currentReplyPolicy } from './working-hours.js';

/** Counts (and the figures computed from them) below this are not shown to the operator. */
export const SUPPRESS_BELOW = 5;

/**
 * The signed-in operator is still on the platform's list: taking an address off operatorEmails revokes the role on
 * the next request, as a sign-out would (the session alone is not enough).
 */
export async function requireOperator(rt: Runtime, userId: string): Promise<void> {
  const profile = await getProfile(rt.db, userId);
  if (profile?.role !== 'operator' || !isPlatformOperator(rt.config.tenant, profile.email))
    throw forbidden('Only a platform operator can see this.');
}

/** What the operator reads and edits: the roster (addresses, lead or not) and the hours, with the version to send. */
export const operatorServiceView = (s: CoachingService, tenantTimeZone: string) => ({
  version: s.version,
  /** True while the tenant config seed is in force (nobody has changed the service yet). */
  seed: s.version === 0,
  updatedAt: s.updatedAt,
  coaches: s.coachEmails.map((email) => ({ email, lead: s.leadCoachEmails.includes(email) })),
  hours: { ...s.hours, timeZone: s.hours.timeZone ?? tenantTimeZone },
});

export async function operatorService(rt: Runtime) {
  return operatorServiceView(await loadCoachingService(rt, { fresh: true }), rt.config.tenant.timeZone);
}

const shown = (n: number) => (n >= SUPPRESS_BELOW ? n : null);
const AlertsSentItem = z.looseObject({ sent: z.optional(z.number()) });

export interface HealthCounts {
  period: string;
  openThreads: number;
  overdue: number;
  alertsSent: number;
  sla: Pick<SlaSummary, 'replies' | 'shareWithin24h' | 'medianMinutes'>;
  replyWithinWorkingHours: number;
}

/**
 * What the operator is shown of the counts: a count under SUPPRESS_BELOW is null ("fewer than 5"), and so are the
 * share within the promise and the median when they come from fewer replies than that.
 */
export function healthFigures(c: HealthCounts) {
  const enoughReplies = c.sla.replies >= SUPPRESS_BELOW;
  return {
    period: c.period,
    suppressedBelow: SUPPRESS_BELOW,
    openThreads: shown(c.openThreads),
    overdue: shown(c.overdue),
    alertsSent: shown(c.alertsSent),
    replies: shown(c.sla.replies),
    percentWithinPromise:
      enoughReplies && c.sla.shareWithin24h !== null ? Math.round(c.sla.shareWithin24h * 100) : null,
    medianReplyMinutes: enoughReplies && c.sla.medianMinutes !== null ? Math.round(c.sla.medianMinutes) : null,
    replyWithinWorkingHours: c.replyWithinWorkingHours,
  };
}

/**
 * Service health for this month, numbers only: threads waiting for a reply, how many are overdue, coach alerts
 * sent, first replies, the share within the reply promise and the median reply time (working hours).
 */
export async function serviceHealth(rt: Runtime, now: Date) {
  const period = month(now);
  const [{ waiting }, sla, alerts, policy] = await Promise.all([
    listInbox(rt.db, { answeredLimit: 1 }),
    slaSummary(rt.db, period),
    rt.db.get(keys.coachAlertsSent(period), AlertsSentItem),
    currentReplyPolicy(rt),
  ]);
  return healthFigures({
    period,
    openThreads: waiting.length,
    overdue: waiting.filter((t) => waitState(t, now, policy).overdue).length,
    alertsSent: alerts?.sent ?? 0,
    sla,
    replyWithinWorkingHours: rt.config.tenant.coaching.replyWithinWorkingHours,
  });
}
