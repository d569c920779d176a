// Scheduled job: finishes account deletions that were interrupted (a timeout, a crash, a throttled batch).
// The person cannot retry once their sign-in lookup is gone, so the platform must finish for them.
// Runs under the job lease (functions/shared/tick.ts).
import { finishDeletion, pendingDeletions } from '../domain/mydata/delete.js';
import { log } from '../shared/log.js';
import { scheduledJob } from '../shared/tick.js';

const PER_TICK = 25;

export const handler = scheduledJob('mydata-finish-deletions', async (rt) => {
  const userIds = await pendingDeletions(rt.db, PER_TICK);
  for (const userId of userIds) await finishDeletion(rt.db, userId);
  if (userIds.length) log.info({ event: 'deletions_finished', tenant: rt.config.tenantId, count: userIds.length });
  return { finished: userIds.length };
});
