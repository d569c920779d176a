// The tenant's queues: one per consumer (functions/contexts.ts), each with a dead-letter queue, and the one way a
// dead-letter queue is made anywhere in the stack (encrypted, TLS only, 14 days, alarmed when anything lands).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueConsumer } from '../../functions/contexts.js';
import { acknowledge } from '../nag.js';

/** A dead-letter queue named `<prefix>-<what>-dlq`, with an alarm as soon as one message waits in it. */
export function deadLetterQueue(
  scope: Construct,
  id: string,
  opts: { prefix: string; what: string; slug: string; alarmAction: cwActions.SnsAction },
): sqs.Queue {
  const dlq = new sqs.Queue(scope, id, {
    queueName: `${opts.prefix}-${opts.what}-dlq`,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(dlq, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue.');
  acknowledge(dlq, 'Serverless-SQSRedrivePolicy', 'This queue is itself a dead-letter queue.');
  new cloudwatch.Alarm(dlq, 'DepthAlarm', {
    alarmName: `${opts.prefix}-${opts.what}-dlq-depth`,
    alarmDescription: `Messages are waiting in ${opts.slug}'s ${opts.what} dead-letter queue.`,
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  }).addAlarmAction(opts.alarmAction);
  return dlq;
}

export class TenantQueues extends Construct {
  /** Logical queue name (QueueConsumer.queue) → queue. */
  readonly byName = new Map<string, sqs.Queue>();

  constructor(
    scope: Construct,
    id: string,
    props: {
      consumers: QueueConsumer[];
      prefix: string;
      slug: string;
      alarmAction: cwActions.SnsAction;
      visibilityTimeout: Duration;
      maxReceiveCount: number;
    },
  ) {
    super(scope, id);
    for (const consumer of props.consumers) {
      if (this.byName.has(consumer.queue))
        throw new Error(`Queue "${consumer.queue}" has two consumers in functions/contexts.ts`);
      const dlq = deadLetterQueue(this, `${consumer.name}Dlq`, { ...props, what: consumer.queue });
      const queue = new sqs.Queue(this, `${consumer.name}Queue`, {
        queueName: `${props.prefix}-${consumer.queue}`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: props.visibilityTimeout,
        deadLetterQueue: { queue: dlq, maxReceiveCount: props.maxReceiveCount },
      });
      this.byName.set(consumer.queue, queue);
    }
  }
}
