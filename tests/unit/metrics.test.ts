// Metrics are CloudWatch EMF lines written through the logger: counts only, never who. The shape is what CloudWatch
// needs to make a metric of the line, the one dimension is the tenant, and every call site passes the tenant from
// the function's config (never a value from a request or a person).
import { afterEach, expect, it } from 'vitest';
import { setLogSink, withInvocation } from '../../functions/shared/log.js';
import { count, METRIC_NAMESPACE, METRICS } from '../../functions/shared/metrics.js';
import { functionSources } from '../support/function-sources.js';

afterEach(() => setLogSink(() => undefined, 'error'));

function capture(fn: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  setLogSink((l) => lines.push(l), 'error'); // metrics are written at every log level
  fn();
  return lines.map((l) => JSON.parse(l));
}

it.each(METRICS)(
  '%s is one EMF record: namespace Respite, dimension tenant only, a Count, the value under its name',
  (name) => {
    const [record, ...rest] = capture(() => withInvocation({ requestId: 'req-1' }, () => count('demo', name, 3)));
    expect(rest).toEqual([]);
    expect(record).toEqual({
      event: 'metric',
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          { Namespace: METRIC_NAMESPACE, Dimensions: [['tenant']], Metrics: [{ Name: name, Unit: 'Count' }] },
        ],
      },
      tenant: 'demo',
      [name]: 3,
      requestId: 'req-1',
    });
    expect(Math.abs(Number((record!._aws as { Timestamp: number }).Timestamp) - Date.now())).toBeLessThan(60_000);
  },
);

it('writes nothing for a count of 0 (a quiet job adds no lines)', () => {
  expect(capture(() => count('demo', 'alerts_sent', 0))).toEqual([]);
});

it('metric names are a fixed list of snake_case words and the only dimension is the tenant', () => {
  expect(METRICS).toEqual([
    'sign_ins',
    'emails_sent',
    'emails_bounced',
    'emails_complained',
    'releases',
    'alerts_sent',
  ]);
  for (const name of METRICS) {
    const [record] = capture(() => count('t', name));
    const dims = (record!._aws as { CloudWatchMetrics: { Dimensions: string[][] }[] }).CloudWatchMetrics.flatMap((m) =>
      m.Dimensions.flat(),
    );
    expect(dims).toEqual(['tenant']);
  }
});

it('every count() under functions/ names the tenant from config and a listed metric, nothing else', () => {
  const calls = functionSources().flatMap((s) =>
    [...s.text.matchAll(/\bcount\(([^()]*(?:\([^()]*\)[^()]*)*)\);/g)].map((m) => ({ path: s.path, args: m[1]! })),
  );
  const callers = new Set(calls.map((c) => c.path));
  // the six metrics are counted where they happen
  for (const path of [
    'domain/enrolment/sign-in.ts',
    'shared/email.ts',
    'email/on-ses-event.ts',
    'stats/on-release-tick.ts',
    'coaching/on-alerts-tick.ts',
  ])
    expect(callers).toContain(path);
  for (const c of calls) {
    const [tenant, name, ...value] = c.args.split(',').map((a) => a.trim());
    expect(tenant, c.path).toBe('rt.config.tenantId');
    expect(METRICS as readonly string[], c.path).toContain(name!.replace(/'/g, ''));
    // a value, when given, is a count of things in the batch (a length or a sum), never a field of a person
    if (value.length) expect(value.join(','), c.path).toMatch(/^[\w.]+(\.length)?( \+ [\w.]+)*$/);
  }
  expect(calls.length).toBeGreaterThanOrEqual(6);
});
