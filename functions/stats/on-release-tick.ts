// Scheduled job (hourly): releases the last completed week and month once each, if the privacy budget allows.
// Idempotent: a period already released is left exactly as it is. Runs under the job lease (functions/shared/tick.ts).
import { PERIOD_KINDS } from '../domain/stats/catalogue.js';
import { cryptoSource } from '../domain/stats/noise.js';
import { lastCompletePeriod, type ReleaseOutcome, releasePeriod } from '../domain/stats/repository.js';
import { clock } from '../shared/clock.js';
import { log } from '../shared/log.js';
import { count } from '../shared/metrics.js';
import { scheduledJob } from '../shared/tick.js';

export const handler = scheduledJob('stats-release', async (rt) => {
  const now = clock.now();
  const out: Record<string, ReleaseOutcome> = {};
  for (const kind of PERIOD_KINDS) {
    const period = lastCompletePeriod(kind, now);
    const outcome = await releasePeriod(
      { db: rt.db, rng: cryptoSource, epsilonPerYear: rt.config.tenant.epsilonPerYear, now },
      kind,
      period,
    );
    out[`${kind}:${period}`] = outcome;
    if (outcome === 'released') count(rt.config.tenantId, 'releases');
    log.info({
      event: 'stats_release',
      tenant: rt.config.tenantId,
      kind,
      slot: period,
      errorCode: outcome === 'budget_exhausted' ? outcome : undefined,
    });
  }
  return out;
});
