// Scheduled every 5 minutes (functions/contexts.ts): content-free coach alerts (functions/domain/coaching/alerts.ts).
// EventBridge Scheduler sends {"scheduledTime": "<slot time>"}; the local scheduler and tests send the same.
import * as z from '../shared/zod.js';
import { runCoachAlerts, type AlertRun } from '../domain/coaching/alerts.js';
import { log } from '../shared/log.js';
import { runtime } from '../shared/runtime.js';

const TickEvent = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });

export async function handler(event: unknown): Promise<AlertRun> {
  const { scheduledTime } = TickEvent.parse(event);
  const rt = await runtime();
  const run = await runCoachAlerts(rt, new Date(scheduledTime));
  if (run.safety || run.digests) log.info({ event: 'coach_alerts_sent', tenant: rt.config.tenantId, slot: scheduledTime, count: run.safety + run.digests });
  if (run.waiting) log.info({ event: 'coach_alerts_waiting', tenant: rt.config.tenantId, slot: scheduledTime, count: run.waiting });
  return run;
}
