// The tenant's HTTP API: one router per bounded context, throttled, access-logged without IPs, reachable only via
// api.<domain>/<slug>, with its 5xx-rate alarm.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpContext } from '../../functions/contexts.js';
import { acknowledge } from '../nag.js';
import { names, type Settings } from '../settings.js';
import { addContextRoutes } from './http-routes.js';
import { LOG_RETENTION } from './tenant-function.js';

/** Alarm when more than 5 % of requests/invocations fail over five minutes. */
export const ERROR_RATE_THRESHOLD = 0.05;
/** A rate alarm needs at least this many requests/invocations in the window: one failure in two calls is not 50 %
 *  worth paging for (absolute failures still show on the DLQ alarms). */
export const MIN_REQUESTS_FOR_RATE = 20;

export class TenantApi extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      slug: string;
      prefix: string;
      settings: Settings;
      routers: [HttpContext, IFunction][];
      alarmAction: cwActions.SnsAction;
    },
  ) {
    super(scope, id);
    const { slug, prefix, settings } = props;
    const api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: prefix,
      description: `Respite API for ${slug}`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: true,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // Deliberately no source IP, user agent or query string: access logs must not identify a person.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            error: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const mapping = new apigw.CfnApiMapping(this, 'Mapping', {
      apiId: api.apiId,
      domainName: names.apiDomain(settings),
      stage: stage.stageName,
      apiMappingKey: slug,
    });
    mapping.node.addDependency(stage);

    for (const [ctx, fn] of props.routers)
      for (const route of addContextRoutes(api, ctx, fn))
        acknowledge(
          route,
          'AwsSolutions-APIG4',
          'Authorisation is done in the router (signed, HttpOnly session cookie checked against the session record and TENANT_ID); sign-in and public routes must stay open.',
        );

    new cloudwatch.Alarm(this, 'FiveXxAlarm', {
      alarmName: `${prefix}-api-5xx-rate`,
      alarmDescription: `More than 5 % of ${slug}'s API requests failed with 5xx in five minutes.`,
      metric: new cloudwatch.MathExpression({
        expression: `IF(requests >= ${MIN_REQUESTS_FOR_RATE}, errors / requests, 0)`,
        usingMetrics: {
          errors: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
          requests: api.metricCount({ period: Duration.minutes(5), statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: ERROR_RATE_THRESHOLD,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(props.alarmAction);
  }
}
