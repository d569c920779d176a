// The tenant's email: its SES configuration set (suppression, TLS, reputation), the SES events it publishes — to
// EventBridge for the SES events consumer, and as per-configuration-set CloudWatch counts for the reputation alarms —
// and the rule that brings this tenant's events to its queue.

import type * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './tenant-queues.js';

/** The CloudWatch dimension SES's counts carry: SES tags every email with its configuration set under this name. */
export const CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

export class TenantEmail extends Construct {
  readonly configurationSet: ses.ConfigurationSet;

  constructor(
    scope: Construct,
    id: string,
    props: { prefix: string; slug: string; alarmAction: cwActions.SnsAction; eventsQueue?: sqs.IQueue },
  ) {
    super(scope, id);
    const { prefix } = props;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: prefix,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // Send / Bounce / Complaint counts of this configuration set only (AWS/SES, dimension ses:configuration-set):
    // the tenant's bounce and complaint rates, with enough sends behind them to mean something (TenantAlarms).
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: ses.EventDestination.cloudWatchDimensions([
        { name: CONFIGURATION_SET_DIMENSION, source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: prefix },
      ]),
      events: [ses.EmailSendingEvent.SEND, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    // SES events (bounces, complaints, rejects, delivery delays) → EventBridge → the SES events consumer's queue.
    if (props.eventsQueue) {
      this.configurationSet.addEventDestination('ToEventBridge', {
        destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
        events: [
          ses.EmailSendingEvent.SEND,
          ses.EmailSendingEvent.BOUNCE,
          ses.EmailSendingEvent.COMPLAINT,
          ses.EmailSendingEvent.REJECT,
          ses.EmailSendingEvent.DELIVERY_DELAY,
        ],
      });
      const ruleDlq = deadLetterQueue(this, 'SesEventsRuleDlq', { ...props, what: 'ses-events-rule' });
      new events.Rule(this, 'SesEventsRule', {
        ruleName: `${prefix}-ses-events`,
        description: `SES events of configuration set ${prefix}`,
        eventPattern: { source: ['aws.ses'], detail: { mail: { tags: { 'ses:configuration-set': [prefix] } } } },
        targets: [new eventTargets.SqsQueue(props.eventsQueue, { deadLetterQueue: ruleDlq, retryAttempts: 8 })],
      });
    }
  }
}
