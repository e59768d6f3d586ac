import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE, FUNCTIONS, type FunctionName } from '#infra/bundling.ts';

export interface ServiceFunctionProps {
  /** which handler: its entry file comes from infra/bundling.ts */
  name: FunctionName;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** how long its logs are kept */
  logRetention?: logs.RetentionDays;
}

/** The project's root, where package-lock.json and the handlers are. */
const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Every Lambda function of the platform, built with the same defaults:
 * Node.js 22 on arm64; bundled by esbuild, minified, with source maps and the
 * AWS SDK v3 clients inside (infra/bundling.ts); JSON logs into a log group of
 * its own with a retention; a timeout; and a role of its own that may write
 * only to that log group. What else a function may do is granted to it by
 * the stack, action by action.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.name}: writes its own logs; every other right is granted by the stack`,
    });
    // only its own log group, not AWSLambdaBasicExecutionRole's every log group of the account
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const timeout = props.timeout ?? Duration.seconds(30);
    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(ROOT, FUNCTIONS[props.name]),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      // X-Ray traces each invocation from Lambda's side: no tracing SDK in the bundle
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        LOG_LEVEL: 'info',
        // the province lease's timings follow from it (functions/store/dynamo/lease.ts)
        FUNCTION_TIMEOUT_SECONDS: String(timeout.toSeconds()),
        ...props.environment,
      },
      bundling: {
        target: BUNDLE.target,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourcemap,
        sourcesContent: BUNDLE.sourcesContent,
        format: OutputFormat.ESM,
        banner: BUNDLE.banner,
        mainFields: [...BUNDLE.mainFields],
        externalModules: [...BUNDLE.external],
        esbuildArgs: {
          '--alias': Object.entries(BUNDLE.alias).map(([module, file]) => `${module}=${file}`),
        },
        bundleAwsSDK: true,
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "X-Ray's PutTraceSegments and PutTelemetryRecords, which active tracing needs, take no resource but *; the role's other rights name their resources",
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The platform targets Node.js 22 (DESIGN.md); its tests and bundles are built for it, and moving runtimes is a tested change of its own',
    });
  }

  /** Lets the function run `actions` on `resources`, and nothing wider. */
  allow(actions: string[], resources: string[]): this {
    this.role.addToPolicy(new iam.PolicyStatement({ actions, resources }));
    return this;
  }
}
