// Scheduled job (daily): the inactivity policy for leavers — warn unused accounts, delete those warned and not kept.
// See functions/domain/mydata/inactivity.ts. Runs under the job lease (functions/shared/tick.ts).
import { runInactivityPolicy } from '../domain/mydata/inactivity.js';
import { clock } from '../shared/clock.js';
import { log } from '../shared/log.js';
import { scheduledJob } from '../shared/tick.js';

export const handler = scheduledJob('mydata-inactivity', async (rt) => {
  const result = await runInactivityPolicy(rt, clock.now());
  if (result.warned || result.deleted) log.info({ event: 'inactivity_policy', tenant: rt.config.tenantId, ...result });
  return result;
});
