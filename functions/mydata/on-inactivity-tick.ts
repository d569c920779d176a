// Scheduled job (daily): the inactivity policy for leavers — warn unused accounts, delete those warned and not kept.
// See functions/domain/mydata/inactivity.ts.
import { runInactivityPolicy, type InactivityRun } from '../domain/mydata/inactivity.js';
import { clock } from '../shared/clock.js';
import { log } from '../shared/log.js';
import { runtime } from '../shared/runtime.js';

export async function handler(): Promise<InactivityRun> {
  const rt = await runtime();
  const result = await runInactivityPolicy(rt, clock.now());
  if (result.warned || result.deleted) log.info({ event: 'inactivity_policy', tenant: rt.config.tenantId, ...result });
  return result;
}
