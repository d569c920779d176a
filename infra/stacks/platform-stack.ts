// The platform: what all organisations share. The web app (one build for everyone) on S3 behind one CloudFront
// distribution serving https://<slug>.<domain>, whose /api/* behaviour forwards to the shared API Gateway custom
// domain api.<domain>/<slug>/… where each TenantStack maps its own HTTP API (mapping key = slug). Also the SES
// domain identity, the operators' alarm topic, and SSM parameters other tools read (no cross-stack exports).

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { apiRouterCode, webRouterCode } from '../cloudfront-functions.js';
import { acknowledge } from '../nag.js';
import { names, type Settings } from '../settings.js';
import { CACHE_CONTROL, HASHED_DIR, releaseManifest } from '../web-release.js';
import { HSTS_MAX_AGE_SECONDS, WEB_SECURITY_HEADERS } from '../web-security-headers.js';

// The CloudFront Functions' source (plain JS) lives in ../cloudfront-functions.ts, where the local server runs it too.
export { apiRouterCode, webRouterCode };

/**
 * SES account health. Reputation and quota belong to the AWS account, shared by every tenant, so they are alarmed
 * here once. SES reviews an account at a 5 % bounce rate and a 0.1 % complaint rate (and may pause sending above);
 * the quota alarms fire at 80 % of the daily quota and of the per-second rate (settings sesDailyQuota/sesMaxSendRate).
 */
export const SES_ALARMS = { bounceRate: 0.05, complaintRate: 0.001, quotaShare: 0.8 } as const;

export interface PlatformStackProps extends StackProps {
  settings: Settings;
}

export class PlatformStack extends Stack {
  readonly webBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.templateOptions.description =
      'Respite platform: web hosting, routing to tenant APIs, SES identity, operator alarms.';

    // ---- operators' alarm topic (every tenant's alarms publish here by its well-known name) -------------------
    const opsKey = new kms.Key(this, 'OpsKey', {
      alias: 'alias/respite-ops',
      description: 'Encrypts the operators alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy "*" means this key
        conditions: { StringEquals: { 'aws:SourceAccount': settings.account } },
      }),
    );
    const opsTopic = new sns.Topic(this, 'OpsTopic', {
      topicName: names.opsTopicName,
      displayName: 'Respite operations alarms',
      masterKey: opsKey,
      enforceSSL: true,
    });
    opsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [opsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': settings.account } },
      }),
    );

    // ---- logs and web bucket ---------------------------------------------------------------------------------
    const logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.webBucket = new s3.Bucket(this, 'Web', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ---- security headers (same list the local server sends, plus HSTS) ---------------------------------------
    const h = WEB_SECURITY_HEADERS;
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: 'respite-security-headers',
      comment: 'Strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        // override: false keeps the CSP the API sends itself (the same policy; its HTML pages add their own
        // stylesheet's hash); S3 sends none, so app files get this one.
        contentSecurityPolicy: { contentSecurityPolicy: h['content-security-policy']!, override: false },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: h['permissions-policy']!, override: true }],
      },
    });

    // ---- shared API custom domain: each TenantStack adds the mapping <slug> → its HTTP API --------------------
    const apiDomain = new apigw.DomainName(this, 'ApiDomain', {
      domainName: names.apiDomain(settings),
      certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', settings.apiCertificateArn),
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });

    // ---- the distribution --------------------------------------------------------------------------------------
    const webRouter = new cloudfront.Function(this, 'WebRouter', {
      functionName: 'respite-web-router',
      comment: 'Serves index.html for app paths',
      code: cloudfront.FunctionCode.fromInline(webRouterCode()),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    const apiRouter = new cloudfront.Function(this, 'ApiRouter', {
      functionName: 'respite-api-router',
      comment: 'Sends <slug>.<domain>/api/* to api.<domain>/<slug>/api/*',
      code: cloudfront.FunctionCode.fromInline(apiRouterCode(settings.domain)),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Respite web app and API for every organisation',
      domainNames: [`*.${settings.domain}`],
      certificate: acm.Certificate.fromCertificateArn(this, 'WebCertificate', settings.webCertificateArn),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(settings.webAclArn ? { webAclId: settings.webAclArn } : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.webBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: webRouter, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(names.apiDomain(settings), {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Forwards cookies, query strings and headers, but not Host (API Gateway needs its own host name).
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          functionAssociations: [{ function: apiRouter, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Staff of client organisations may work or travel anywhere; the service has no geographic restriction.',
    );
    if (!settings.webAclArn)
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'No CLOUDFRONT-scope web ACL was given (-c webAclArn; it must be created in us-east-1). Every tenant API is throttled at its stage and sign-in is rate-limited in the handlers.',
      );

    // ---- web release (with -c webRelease=web/dist) ----------------------------------------------------------------
    // Two uploads in order: first the content-hashed files (assets/, cached for a year), then index.html and the
    // other unhashed files (no-cache) with the release's manifest, and CloudFront forgets only those. Neither
    // deletes anything (prune: false): a tab opened on the previous release still finds its hashed files, and
    // `npm run web:prune` later deletes the hashed files of releases older than the previous one. Both are part of the CloudFormation deploy,
    // so a failed platform update rolls back to the previous release's files, and deploying an earlier release's
    // assembly puts its index.html back.
    if (settings.webRelease) {
      const dist = resolve(settings.webRelease);
      if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, HASHED_DIR)))
        throw new Error(
          `webRelease: ${settings.webRelease} has no index.html and ${HASHED_DIR}/: run npm run build:web first.`,
        );
      const assets = new s3deploy.BucketDeployment(this, 'WebReleaseAssets', {
        sources: [s3deploy.Source.asset(join(dist, HASHED_DIR))],
        destinationBucket: this.webBucket,
        destinationKeyPrefix: `${HASHED_DIR}/`,
        prune: false,
        cacheControl: [s3deploy.CacheControl.fromString(CACHE_CONTROL.hashed)],
        memoryLimit: 512,
      });
      const release = releaseManifest(dist);
      const unhashed = readdirSync(dist)
        .filter((f) => f !== HASHED_DIR)
        .sort();
      const pages = new s3deploy.BucketDeployment(this, 'WebReleasePages', {
        // With the pages, this release's manifest (which hashed files it loads), read by `npm run web:prune`.
        sources: [
          s3deploy.Source.asset(dist, { exclude: [HASHED_DIR, `${HASHED_DIR}/**`] }),
          s3deploy.Source.jsonData(release.key, release.manifest),
        ],
        destinationBucket: this.webBucket,
        prune: false,
        cacheControl: [s3deploy.CacheControl.fromString(CACHE_CONTROL.other)],
        distribution: this.distribution,
        distributionPaths: unhashed.map((f) => `/${f}`),
        memoryLimit: 512,
      });
      pages.node.addDependency(assets);
      // CDK's one upload function (a singleton custom resource, run only during deploys). Its grants are CDK's own.
      const uploader = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
      const webBucketId = this.getLogicalId(this.webBucket.node.defaultChild as CfnElement);
      const upload = 'The web release upload (CDK BucketDeployment, runs only during a deploy)';
      const acks: [string, string][] = [
        [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          `${upload} logs with the AWS basic execution policy, as CDK creates it.`,
        ],
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map(
          (a): [string, string] => [
            `AwsSolutions-IAM5[Action::${a}]`,
            `${upload} reads the release from the CDK assets bucket and writes the web bucket with CDK's grantRead/grantReadWrite action groups.`,
          ],
        ),
        [
          `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-${settings.account}-${settings.region}/*]`,
          `${upload} reads the release archive from the CDK bootstrap assets bucket.`,
        ],
        [
          `AwsSolutions-IAM5[Resource::<${webBucketId}.Arn>/*]`,
          `${upload} writes the web app's files into the web bucket only.`,
        ],
        [
          'AwsSolutions-IAM5[Resource::*]',
          `${upload} creates and waits for the CloudFront invalidation of the unhashed files (CDK grants the invalidation actions on *).`,
        ],
        [
          'AwsSolutions-L1',
          `${upload} runs on the runtime this aws-cdk-lib version pins for its BucketDeployment handler.`,
        ],
        [
          'Serverless-LambdaLatestVersion',
          `${upload} runs on the runtime this aws-cdk-lib version pins for its BucketDeployment handler.`,
        ],
        [
          'Serverless-LambdaDLQ',
          `${upload} is invoked synchronously by CloudFormation, which reports and rolls back a failure; there is nothing to dead-letter.`,
        ],
        [
          'Serverless-LambdaTracing',
          `${upload} runs once per deploy; CloudFormation events and its log group are enough.`,
        ],
      ];
      for (const [id, reason] of acks) acknowledge(uploader, id, reason);
    }

    // ---- email identity ----------------------------------------------------------------------------------------
    const identity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(settings.domain),
      mailFromDomain: `mail.${settings.domain}`,
    });

    // ---- SES account health (reputation and quota are per account: one set of alarms for every tenant) --------
    // SES publishes Reputation.* only once the account has had a bounce or complaint, so no data is not a breach.
    // The rates are SES's own over its representative window of sends, so they need no minimum-volume guard.
    const opsAlarm = new cwActions.SnsAction(opsTopic);
    const sesAlarm = (
      id: string,
      alarmName: string,
      alarmDescription: string,
      metric: cloudwatch.Metric,
      threshold: number,
    ) =>
      new cloudwatch.Alarm(this, id, {
        alarmName,
        alarmDescription,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(opsAlarm);
    const sesMetric = (metricName: string, statistic: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic, period });
    sesAlarm(
      'SesBounceRateAlarm',
      'respite-ses-bounce-rate',
      `The account's SES bounce rate is at or above ${SES_ALARMS.bounceRate * 100} %, where SES reviews the account. See docs/deploy.md (SES account health).`,
      sesMetric('Reputation.BounceRate', 'Maximum', Duration.hours(1)),
      SES_ALARMS.bounceRate,
    );
    sesAlarm(
      'SesComplaintRateAlarm',
      'respite-ses-complaint-rate',
      `The account's SES complaint rate is at or above ${SES_ALARMS.complaintRate * 100} %, where SES reviews the account. See docs/deploy.md (SES account health).`,
      sesMetric('Reputation.ComplaintRate', 'Maximum', Duration.hours(1)),
      SES_ALARMS.complaintRate,
    );
    sesAlarm(
      'SesDailyQuotaAlarm',
      'respite-ses-daily-quota',
      `More than ${SES_ALARMS.quotaShare * 100} % of the account's SES daily quota (${settings.sesDailyQuota}) was sent in one day, across all tenants.`,
      sesMetric('Send', 'Sum', Duration.days(1)),
      Math.floor(settings.sesDailyQuota * SES_ALARMS.quotaShare),
    );
    sesAlarm(
      'SesSendRateAlarm',
      'respite-ses-send-rate',
      `Sending ran at more than ${SES_ALARMS.quotaShare * 100} % of the account's SES rate (${settings.sesMaxSendRate}/s) for a minute, across all tenants.`,
      sesMetric('Send', 'Sum', Duration.minutes(1)),
      Math.floor(settings.sesMaxSendRate * 60 * SES_ALARMS.quotaShare),
    );

    // ---- SSM parameters for tools (web upload, tenant deploys, runbooks) ---------------------------------------
    const param = (id: string, parameterName: string, stringValue: string, description: string) =>
      new ssm.StringParameter(this, id, { parameterName, stringValue, description });
    param(
      'WebBucketParam',
      names.ssm.webBucket,
      this.webBucket.bucketName,
      'Bucket the web app (web/dist) is uploaded to',
    );
    param(
      'DistributionParam',
      names.ssm.distributionId,
      this.distribution.distributionId,
      'CloudFront distribution to invalidate after an upload',
    );
    param('DomainParam', names.ssm.domain, settings.domain, 'Every organisation is served at https://<slug>.<domain>');
    param(
      'ApiDomainParam',
      names.ssm.apiDomain,
      apiDomain.name,
      'API Gateway custom domain; tenants map <slug> to their HTTP API',
    );
    param(
      'ApiTargetParam',
      `${names.ssm.apiDomain}-target`,
      apiDomain.regionalDomainName,
      'DNS target (CNAME) for the API custom domain',
    );
    param('SesIdentityParam', names.ssm.sesIdentity, identity.emailIdentityName, 'SES identity tenants send from');
    param('OpsTopicParam', names.ssm.opsTopicArn, opsTopic.topicArn, 'SNS topic every tenant alarm notifies');
  }
}
