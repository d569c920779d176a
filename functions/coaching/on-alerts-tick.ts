// Scheduled every 5 minutes (functions/contexts.ts): content-free coach alerts (functions/domain/coaching/alerts.ts).
// EventBridge Scheduler sends {"scheduledTime": "<slot time>"}; the local scheduler and tests send the same.
// Runs under the job lease (functions/shared/tick.ts).
import { runCoachAlerts } from '../domain/coaching/alerts.js';
import { log } from '../shared/log.js';
import { count } from '../shared/metrics.js';
import { scheduledJob } from '../shared/tick.js';

export const handler = scheduledJob('coaching-alerts', async (rt, { scheduledTime }) => {
  const slot = scheduledTime.toISOString();
  const run = await runCoachAlerts(rt, scheduledTime);
  count(rt.config.tenantId, 'alerts_sent', run.safety + run.digests);
  if (run.safety || run.digests)
    log.info({ event: 'coach_alerts_sent', tenant: rt.config.tenantId, slot, count: run.safety + run.digests });
  if (run.waiting) log.info({ event: 'coach_alerts_waiting', tenant: rt.config.tenantId, slot, count: run.waiting });
  return run;
});
