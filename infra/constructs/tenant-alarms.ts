// The tenant's alarms beyond the DLQs (tenant-queues.ts) and the API 5xx rate (tenant-api.ts), all to the ops topic:
//   - per function: error rate over five minutes, with a minimum-invocations guard;
//   - per kind of function (HTTP, job, consumer): any throttle, and a duration near the kind's timeout. One alarm
//     per kind (its functions summed or maxed in metric math, ≤ 10 metrics each) keeps the stack's resource budget;
//   - the table: any read or write throttled;
//   - this tenant's SES reputation, from its own configuration set's counts: bounce rate ≥ 5 % and complaint rate
//     ≥ 0.1 % (SES's review thresholds), each only once enough emails were sent for the rate to mean something.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionKind } from '../permissions.js';
import { SES_ALARMS } from '../stacks/platform-stack.js';
import { ERROR_RATE_THRESHOLD, MIN_REQUESTS_FOR_RATE } from './tenant-api.js';
import { CONFIGURATION_SET_DIMENSION } from './tenant-email.js';

/** A duration alarm fires when the slowest invocation in five minutes took this share of the timeout. */
export const NEAR_TIMEOUT_SHARE = 0.9;
/** Sends in an hour before a bounce rate counts (5 bounces), and before a complaint rate counts (1 complaint). */
export const MIN_SENDS_FOR_BOUNCE_RATE = 100;
export const MIN_SENDS_FOR_COMPLAINT_RATE = 1000;
/** CloudWatch metric math alarms take at most 10 metrics. */
const METRICS_PER_ALARM = 10;

export interface AlarmedFunction {
  name: string;
  kind: FunctionKind;
  fn: lambda.Function;
  timeout: Duration;
}

const chunks = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export class TenantAlarms extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      slug: string;
      prefix: string;
      functions: AlarmedFunction[];
      tableName: string;
      configurationSetName: string;
      alarmAction: cwActions.SnsAction;
    },
  ) {
    super(scope, id);
    const { slug, prefix, alarmAction } = props;
    const five = Duration.minutes(5);
    const alarm = (alarmId: string, p: cloudwatch.AlarmProps) =>
      new cloudwatch.Alarm(this, alarmId, p).addAlarmAction(alarmAction);
    const common = {
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;

    for (const f of props.functions)
      alarm(`${f.name}ErrorRate`, {
        ...common,
        alarmName: `${prefix}-${f.name}-error-rate`,
        alarmDescription: `More than 5 % of ${slug}'s ${f.name} invocations failed in five minutes.`,
        metric: new cloudwatch.MathExpression({
          expression: `IF(invocations >= ${MIN_REQUESTS_FOR_RATE}, errors / invocations, 0)`,
          usingMetrics: {
            errors: f.fn.metricErrors({ period: five, statistic: 'Sum' }),
            invocations: f.fn.metricInvocations({ period: five, statistic: 'Sum' }),
          },
          period: five,
        }),
        threshold: ERROR_RATE_THRESHOLD,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });

    for (const kind of ['http', 'job', 'consumer'] as const) {
      const ofKind = props.functions.filter((f) => f.kind === kind);
      for (const [i, group] of chunks(ofKind, METRICS_PER_ALARM).entries()) {
        const suffix = i === 0 ? '' : `-${i + 1}`;
        const ids = group.map((_, j) => `f${j}`);
        const timeoutMs = group[0]!.timeout.toMilliseconds();
        alarm(`${kind}Throttles${suffix}`, {
          ...common,
          alarmName: `${prefix}-${kind}-throttles${suffix}`,
          alarmDescription: `Lambda throttled one of ${slug}'s ${kind} functions (${group.map((f) => f.name).join(', ')}) in five minutes: the account's or the function's concurrency is exhausted.`,
          metric: new cloudwatch.MathExpression({
            expression: ids.join(' + '),
            usingMetrics: Object.fromEntries(
              group.map((f, j) => [ids[j]!, f.fn.metricThrottles({ period: five, statistic: 'Sum' })]),
            ),
            period: five,
          }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        });
        if (group.some((f) => f.timeout.toMilliseconds() !== timeoutMs))
          throw new Error(`${kind} functions must share one timeout for their duration alarm`);
        alarm(`${kind}NearTimeout${suffix}`, {
          ...common,
          alarmName: `${prefix}-${kind}-near-timeout${suffix}`,
          alarmDescription: `One of ${slug}'s ${kind} functions (${group.map((f) => f.name).join(', ')}) ran for ${NEAR_TIMEOUT_SHARE * 100} % of its ${group[0]!.timeout.toHumanString()} timeout.`,
          metric: new cloudwatch.MathExpression({
            expression: `MAX([${ids.join(', ')}])`,
            usingMetrics: Object.fromEntries(
              group.map((f, j) => [ids[j]!, f.fn.metricDuration({ period: five, statistic: 'Maximum' })]),
            ),
            period: five,
          }),
          threshold: Math.floor(timeoutMs * NEAR_TIMEOUT_SHARE),
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        });
      }
    }

    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.tableName },
        statistic: 'Sum',
        period: five,
      });
    alarm('TableThrottles', {
      ...common,
      alarmName: `${prefix}-table-throttles`,
      alarmDescription: `DynamoDB throttled reads or writes of ${slug}'s table in five minutes (a hot partition, or the account's on-demand limits).`,
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
        period: five,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    const hour = Duration.hours(1);
    const sesMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { [CONFIGURATION_SET_DIMENSION]: props.configurationSetName },
        statistic: 'Sum',
        period: hour,
      });
    const reputation = (what: 'bounce' | 'complaint', metricName: string, minSends: number, threshold: number) =>
      alarm(`Ses${metricName}Rate`, {
        ...common,
        alarmName: `${prefix}-ses-${what}-rate`,
        alarmDescription: `${threshold * 100} % or more of ${slug}'s emails in an hour were ${what === 'bounce' ? 'bounced' : 'marked as spam'} (counted once ${minSends} were sent). The whole account's reputation suffers: see docs/deploy.md (SES account health).`,
        metric: new cloudwatch.MathExpression({
          expression: `IF(sends >= ${minSends}, events / sends, 0)`,
          usingMetrics: { sends: sesMetric('Send'), events: sesMetric(metricName) },
          period: hour,
        }),
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    reputation('bounce', 'Bounce', MIN_SENDS_FOR_BOUNCE_RATE, SES_ALARMS.bounceRate);
    reputation('complaint', 'Complaint', MIN_SENDS_FOR_COMPLAINT_RATE, SES_ALARMS.complaintRate);
  }
}
