// Counts as CloudWatch metrics, in the Embedded Metric Format: one JSON log line per count, which CloudWatch Logs
// turns into a metric (no API call, no extra latency). Counts only, never who: the one dimension is the tenant, a
// fixed list of metric names, and the value a number; no field can carry a user, an address or a request.
import { writeMetric } from './log.js';

export const METRIC_NAMESPACE = 'Respite';

export const METRICS = [
  'sign_ins',
  'emails_sent',
  'emails_bounced',
  'emails_complained',
  'releases',
  'alerts_sent',
] as const;
export type MetricName = (typeof METRICS)[number];

/**
 * The EMF record written for one count
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the value sits under the metric's name, as EMF requires.
 */
export type MetricRecord = {
  event: 'metric';
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: ['tenant'][];
      Metrics: { Name: MetricName; Unit: 'Count' }[];
    }[];
  };
  tenant: string;
} & Partial<Record<MetricName, number>>;

/** Adds `value` (default 1) to the tenant's count of `name`. Nothing is written for 0, so a quiet job adds no lines. */
export function count(tenant: string, name: MetricName, value = 1): void {
  if (!(value > 0)) return;
  writeMetric({
    event: 'metric',
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        { Namespace: METRIC_NAMESPACE, Dimensions: [['tenant']], Metrics: [{ Name: name, Unit: 'Count' }] },
      ],
    },
    tenant,
    [name]: value,
  });
}
