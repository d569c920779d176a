// The tenant's scheduled jobs: EventBridge Scheduler sends {"scheduledTime": ...}, the same tick the local scheduler
// sends. Delivery failures go to the schedules' DLQ; a tick that throws gets Lambda's async retries and then lands in
// the job's own on-failure queue (with its request and error), alarmed like every DLQ.
import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import type * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaDestinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduledJob } from '../../functions/contexts.js';
import { acknowledge } from '../nag.js';
import { jobFailureQueue } from '../permissions.js';
import { deadLetterQueue } from './tenant-queues.js';

/** Lambda's own async retries of a failed job invocation before it goes to the job's on-failure queue. */
export const JOB_ASYNC_RETRIES = 2;

export class TenantJobs extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { slug: string; prefix: string; jobs: [ScheduledJob, lambda.Function][]; alarmAction: cwActions.SnsAction },
  ) {
    super(scope, id);
    const { slug, prefix } = props;
    const scheduleDlq = deadLetterQueue(this, 'ScheduleDlq', { ...props, what: 'schedules' });
    // One role for this tenant's schedules; it may invoke only this tenant's job functions.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `EventBridge Scheduler invoking ${slug}'s jobs`,
    });
    for (const [job, fn] of props.jobs) {
      const failures = deadLetterQueue(this, `${job.name}Failures`, {
        ...props,
        what: jobFailureQueue(job.name).replace(/-dlq$/, ''),
      });
      fn.configureAsyncInvoke({
        onFailure: new lambdaDestinations.SqsDestination(failures),
        retryAttempts: JOB_ASYNC_RETRIES,
        maxEventAge: Duration.hours(1),
      });
      new scheduler.Schedule(this, `${job.name}Schedule`, {
        scheduleName: `${prefix}-${job.name}`,
        description: `${job.name} for ${slug}`,
        schedule: scheduler.ScheduleExpression.expression(job.schedule),
        target: new schedulerTargets.LambdaInvoke(fn, {
          input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: scheduleDlq,
          role: schedulerRole,
        }),
      });
      const fnLogicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
      acknowledge(
        schedulerRole,
        `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
        `lambda:InvokeFunction on the versions and aliases of the ${job.name} function only (CDK's grantInvoke).`,
      );
    }
  }
}
