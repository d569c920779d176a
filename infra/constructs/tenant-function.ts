// NodejsFunction with Respite's defaults, its own log group and its own least-privilege role.
// The role starts empty apart from writing to its own log group (and X-Ray when tracing is on); the stack grants the tenant's table,
// queues and SES resources explicitly, so a review of one grant call shows everything a function can touch.
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { COURSE_FILES_DIR } from '../../functions/contexts.js';

const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda log retention: operational logs only (no personal data is ever logged), kept one month. */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** esbuild settings for every function; bench/ bundles with exactly these to measure sizes and cold starts. */
export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  // No source maps in production bundles: they double the bytes read at cold start.
  sourceMap: false,
  forceDockerBundling: false,
  // Bundle the AWS SDK too (pinned versions, faster cold starts than the runtime's copy).
  externalModules: [],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const satisfies BundlingOptions;

export interface TenantFunctionProps {
  /** Physical function name, e.g. respite-acme-enrolment. */
  functionName: string;
  /** Handler module relative to functions/ (from functions/contexts.ts). */
  entry: string;
  description: string;
  timeout: Duration;
  memorySize?: number;
  environment: Record<string, string>;
  /** X-Ray active tracing (deployment setting `tracing`). */
  tracing: boolean;
  /** Copy the course module files to modules/ beside the bundle (HttpContext.courseFiles in functions/contexts.ts). */
  courseFiles?: boolean;
}

export class TenantFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: TenantFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName} only`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): its own log group only.
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Fn', {
      functionName: props.functionName,
      description: props.description,
      entry: `${FUNCTIONS_DIR}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        ...LAMBDA_BUNDLING,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [],
        ...(props.courseFiles
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  `cp -r "${inputDir}/${COURSE_FILES_DIR}" "${outputDir}/modules"`,
                ],
              },
            }
          : {}),
      },
    });
  }
}
