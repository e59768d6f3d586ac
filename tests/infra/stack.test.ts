import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#functions/api/routes.ts';
import { deploySettings } from '#infra/settings.ts';
import { API_THROTTLE, INGEST_METRIC, INGEST_THROTTLE, ServiceIndexStack } from '#infra/stack.ts';
import { removeTestApps, testApp } from './support/app.ts';

/**
 * The AWS stack, synthesized without credentials, network or bundling (the
 * bundles have tests of their own), each app in a temporary folder removed
 * afterwards, with cdk-nag's AwsSolutions checks as CDK validation plugins:
 * any finding not acknowledged with a reason fails the synth.
 */

interface SynthOptions {
  provinces?: string[];
  restoredTableName?: string;
  pullSource?: 'portal' | 'records';
  sourceUrl?: string;
  alarmEmail?: string;
  domain?: { name: string; certificateArn: string };
  corsOrigins?: string[];
  extra?: (stack: ServiceIndexStack) => void;
}

function synth(options: SynthOptions = {}) {
  const { app, dashboardDir } = testApp();
  const stack = new ServiceIndexStack(app, 'ServiceIndex', {
    provinces: options.provinces ?? ['82'],
    pullSource: options.pullSource ?? 'portal',
    portalUrl: 'https://dichvucong.gov.vn/api/v1/reporting/evaluation',
    sourceUrl: options.sourceUrl ?? '',
    alarmEmail: options.alarmEmail ?? '',
    dashboardDir,
    domain: options.domain,
    corsOrigins: options.corsOrigins,
    restoredTableName: options.restoredTableName,
    env: { account: '123456789012', region: 'ap-southeast-1' },
  });
  options.extra?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return { stack, template: Template.fromJSON(assembly.getStackByName(stack.stackName).template) };
}

afterAll(removeTestApps);

let stack: ServiceIndexStack;
let template: Template;
beforeAll(() => {
  ({ stack, template } = synth({ alarmEmail: 'ops@example.org' }));
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const ourFunctions = () =>
  template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } }) as Resources;
const logicalIdOf = (type: string, props: object) => {
  const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(props) }));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};
const functionId = (description: RegExp) => {
  const ids = Object.entries(ourFunctions())
    .filter(([, r]) => description.test(String(r.Properties.Description)))
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack (the synth above would have thrown)', () => {
    expect(Object.keys(ourFunctions())).toHaveLength(6);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    expect(() =>
      synth({
        extra: (s) => {
          // no TLS enforcement, no access logs: AwsSolutions-S10 and S1
          new s3.Bucket(s, 'Careless');
        },
      }),
    ).toThrow(/AwsSolutions-S10/);
  });

  it('gives every acknowledgement a rule of its own and a specific reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-'))
      .map(([id, reason]) => ({ id, reason }));
    expect(acknowledged.length).toBeGreaterThan(5);
    for (const a of acknowledged) {
      // one rule, or one finding of a rule, at a time: never a whole pack
      expect(a.id).toMatch(/AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(a.reason.length, a.id).toBeGreaterThan(60);
    }
    const reasons = acknowledged.map((a) => a.reason);
    expect(new Set(reasons).size, 'one reason copied for different rules').toBeGreaterThan(
      reasons.length / 2,
    );
  });
});

describe('the table', () => {
  it('is on demand, keyed pk/sk, with point-in-time recovery and deletion protection, kept when the stack goes', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });

  it('can hand the functions a table restored by point-in-time recovery, keeping its own', () => {
    const restored = synth({ restoredTableName: 'service-index-restored' }).template;
    restored.resourceCountIs('AWS::DynamoDB::Table', 1);
    const tables = JSON.stringify(
      restored.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } }),
    );
    expect(tables.match(/service-index-restored/g)).toHaveLength(6);
    const grants = JSON.stringify(restored.findResources('AWS::IAM::Policy'));
    expect(grants).toContain(':table/service-index-restored');
  });
});

describe('the archive bucket', () => {
  const archiveId = () => logicalIdOf('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });

  it('is versioned, encrypted, closed to the public, logged and kept', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'archive/' }),
      },
    });
  });

  it('moves submissions to cheaper storage as they age and expires dropped files once copied', () => {
    const bucket = template.toJSON().Resources[archiveId()];
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toContainEqual(
      expect.objectContaining({
        Prefix: 'submissions/',
        Status: 'Enabled',
        Transitions: [
          { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
          { StorageClass: 'GLACIER_IR', TransitionInDays: 180 },
        ],
      }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'drop/', ExpirationInDays: 30 }));
    expect(rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
    );
  });

  it('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: archiveId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('sends files created under drop/ to the file-drop function', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: archiveId() },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'drop/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [functionId(/drop/), 'Arn'] },
          },
        ],
      },
    });
  });
});

describe('the dashboard behind CloudFront', () => {
  const distribution = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
  const behavior = (path: string) =>
    (distribution().CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === path);
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

  it('reads the dashboard bucket through origin access control, the bucket closed to everyone else', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = (distribution().Origins as Record<string, unknown>[]).find((o) => o.S3OriginConfig);
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Effect: 'Allow',
          }),
        ]),
      },
    });
  });

  it('answers with a strict Content-Security-Policy, HSTS and no framing', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self';.*frame-ancestors 'none'"),
            Override: true,
          },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 31536000,
            IncludeSubdomains: true,
            Override: true,
          },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        },
      },
    });
    const csp = JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(distribution().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('passes ingestion to the API uncached, with every method and the Authorization header', () => {
    for (const path of ['/api/ingest', '/api/submissions/*']) {
      expect(behavior(path)).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        AllowedMethods: expect.arrayContaining(['POST']),
        // AllViewerExceptHostHeader
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        ViewerProtocolPolicy: 'https-only',
      });
    }
  });

  it('keeps reads briefly: as long as the answer says, at most five minutes, nothing without a max-age', () => {
    const reads = behavior('/api/*');
    expect(reads?.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    const policyId = (reads?.CachePolicyId as { Ref: string } | undefined)?.Ref ?? '';
    const policy = template.toJSON().Resources[policyId].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 300 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior).toBe(
      'all',
    );
    // without browser origins to allow, answers do not vary by Origin: it stays out of the cache key
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.HeaderBehavior).toBe('none');
    // the more specific paths come first, or /api/* would catch ingestion
    const order = (distribution().CacheBehaviors as { PathPattern: string }[]).map((b) => b.PathPattern);
    expect(order.indexOf('/api/ingest')).toBeLessThan(order.indexOf('/api/*'));
  });

  it('keeps one copy of a read per Origin when browsers of other origins may read', () => {
    const { template: withCors } = synth({ corsOrigins: ['https://bao-cao.example.vn'] });
    const policies = Object.values(withCors.findResources('AWS::CloudFront::CachePolicy')) as {
      Properties: {
        CachePolicyConfig: { ParametersInCacheKeyAndForwardedToOrigin: Record<string, unknown> };
      };
    }[];
    expect(policies).toHaveLength(1);
    expect(
      policies[0]?.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig,
    ).toEqual({
      HeaderBehavior: 'whitelist',
      Headers: ['Origin'],
    });
    withCors.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CORS_ORIGINS: 'https://bao-cao.example.vn' }) },
    });
  });

  it('logs requests and deploys the dashboard with long-lived assets and a revalidated page', () => {
    expect(distribution().Logging).toMatchObject({ Prefix: 'cloudfront/' });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Exclude: ['index.html'],
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/', '/index.html'],
    });
  });
});

describe('the HTTP API', () => {
  it('throttles the stage, and ingestion harder, and logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      RouteSettings: {
        'POST /api/ingest': {
          ThrottlingRateLimit: INGEST_THROTTLE.rateLimit,
          ThrottlingBurstLimit: INGEST_THROTTLE.burstLimit,
        },
      },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('serves every route of the route table with the function the local platform uses', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    for (const route of ROUTES) expect(routes).toContain(`${route.method} ${route.path}`);
    expect(routes).toContain('GET /api/{proxy+}');
    // a browser's preflight, for every path
    expect(routes).toContain('OPTIONS /api/{proxy+}');
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [functionId(/^POST \/api\/ingest/), 'Arn'] },
    });
  });
});

describe('the functions', () => {
  it('all run Node.js 22 on arm64 with JSON logs into a log group of their own, kept three months', () => {
    const functions = Object.values(ourFunctions());
    expect(functions).toHaveLength(6);
    for (const f of functions) {
      expect(f.Properties).toMatchObject({
        Architectures: ['arm64'],
        Handler: 'index.handler',
        // traced by X-Ray from Lambda's side, with no tracing SDK in the bundle
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: {
          LogFormat: 'JSON',
          ApplicationLogLevel: 'INFO',
          LogGroup: { Ref: expect.any(String) },
        },
      });
      // stacks are mapped through the source map when an error is logged, not at every cold start
      expect(
        (f.Properties.Environment as { Variables: Record<string, string> }).Variables.NODE_OPTIONS,
      ).toBeUndefined();
      expect(f.Properties.Timeout).toBeGreaterThan(0);
      const logGroup = (f.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.toJSON().Resources[logGroup].Properties.RetentionInDays).toBe(90);
    }
    // API Gateway waits 30 s: the ingest function must answer within it
    expect(template.toJSON().Resources[functionId(/^POST/)].Properties.Timeout).toBe(29);
  });

  it('grants each function named actions on named resources: no wildcard action, and the read API only reads', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    for (const p of policies) {
      for (const statement of p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
    const api = template.toJSON().Resources[functionId(/read API/)];
    const role = api.Properties.Role['Fn::GetAtt'][0];
    const apiPolicy = policies.find((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role));
    const actions = (
      (apiPolicy?.Properties.PolicyDocument.Statement ?? []) as { Action: string | string[] }[]
    ).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(actions.some((a) => a.startsWith('s3:') || a.startsWith('sqs:'))).toBe(false);
    // no role of ours carries AWSLambdaBasicExecutionRole, which may write to every log group
    for (const f of Object.values(ourFunctions())) {
      const roleId = (f.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] as string;
      expect(template.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('sends recompute requests through a FIFO queue with a dead-letter queue, answered batch item by item', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      VisibilityTimeout: 1800,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(/roll-ups/) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const ingest = template.toJSON().Resources[functionId(/^POST/)];
    expect(ingest.Properties.Environment.Variables.RECOMPUTE_QUEUE_URL).toBeDefined();
  });

  it('keeps a file drop that failed twice in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId(/drop/) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('the morning briefings', () => {
  const resources = () => template.toJSON().Resources as Resources;
  const policyOf = (functionLogicalId: string) => {
    const fn = resources()[functionLogicalId];
    if (!fn) throw new Error(`no function ${functionLogicalId}`);
    const role = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
      p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
    );
    return (policy?.Properties.PolicyDocument.Statement ?? []) as {
      Action: string | string[];
      Resource: unknown;
    }[];
  };
  const actionsOf = (id: string) => policyOf(id).flatMap((s) => [s.Action].flat());
  const briefing = () => functionId(/morning briefing/);
  const queue = () => logicalIdOf('AWS::SQS::Queue', { VisibilityTimeout: 360 });
  const secret = () => logicalIdOf('AWS::SecretsManager::Secret', {});
  const topic = () => logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Bản tin chỉ số phục vụ' });

  it('go through a queue whose failed sends are tried five times, then kept in a dead-letter queue with an alarm', () => {
    const q = resources()[queue()]?.Properties as {
      RedrivePolicy: { maxReceiveCount: number; deadLetterTargetArn: { 'Fn::GetAtt': string[] } };
    };
    expect(q.RedrivePolicy.maxReceiveCount).toBe(5);
    const dlq = q.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(String(dlq)),
    );
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: briefing() },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('mail through a topic encrypted at rest that takes TLS only', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Bản tin chỉ số phục vụ',
      KmsMasterKeyId: Match.anyValue(),
    });
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    const own = policies.find((p) => JSON.stringify(p.Properties.Topics).includes(topic()));
    expect(JSON.stringify(own?.Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it('keep the subscriptions in a secret with no value in the template but an empty document', () => {
    const s = resources()[secret()]?.Properties as { SecretString: unknown; GenerateSecretString?: unknown };
    expect(s.SecretString).toBe('{}');
    expect(s.GenerateSecretString).toBeUndefined();
  });

  it('give the secret, the topic and the fan-out to the briefing function alone; the others may only announce', () => {
    const own = policyOf(briefing());
    const on = (action: string) =>
      own.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource);
    expect(on('secretsmanager:GetSecretValue')).toEqual([{ Ref: secret() }]);
    expect(on('sns:Publish')).toEqual([{ Ref: topic() }]);
    expect(
      actionsOf(briefing())
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
    ).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    for (const id of Object.keys(ourFunctions()).filter((f) => f !== briefing())) {
      const actions = actionsOf(id);
      expect(actions).not.toContain('secretsmanager:GetSecretValue');
      expect(actions).not.toContain('sns:Publish');
    }
    for (const announcer of [/roll-ups/, /^POST/, /drop/, /daily pull/]) {
      const id = functionId(announcer);
      expect(resources()[id]?.Properties.Environment).toMatchObject({
        Variables: { BRIEFING_QUEUE_URL: { Ref: queue() } },
      });
      const sends = policyOf(id).filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
      expect(sends.flatMap((s) => [s.Resource].flat())).toContainEqual({ 'Fn::GetAtt': [queue(), 'Arn'] });
    }
    // the read API announces nothing and reads no secret
    expect(resources()[functionId(/read API/)]?.Properties.Environment).not.toMatchObject({
      Variables: { BRIEFING_QUEUE_URL: Match.anyValue() },
    });
  });
});

describe('the daily pull', () => {
  it('runs at 06:00 Vietnam time, retried, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [functionId(/The daily pull/), 'Arn'] },
        Input: JSON.stringify({ province: '82' }),
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: { MaximumRetryAttempts: 3 },
      },
    });
  });

  it('runs for each province the deployment names, each schedule naming its province', () => {
    const two = synth({ provinces: ['82', '01'] }).template;
    const inputs = Object.values(two.findResources('AWS::Scheduler::Schedule')).map(
      (s) => s.Properties.Target.Input,
    );
    expect(inputs.sort()).toEqual([JSON.stringify({ province: '01' }), JSON.stringify({ province: '82' })]);
    const silent = Object.values(two.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => a.Properties.MetricName === INGEST_METRIC.name)
      .map((a) => a.Properties.Dimensions[0].Value);
    expect(silent.sort()).toEqual(['01', '82']);
  });

  it("pulls the national portal by default: enabled, with the portal's address, a polite pace and fifteen minutes", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'ENABLED' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          PULL_SOURCE: 'portal',
          PORTAL_URL: 'https://dichvucong.gov.vn/api/v1/reporting/evaluation',
          PORTAL_PAUSE_MS: '1000',
        }),
      },
    });
  });

  it('is enabled and pointed at the source given in context', () => {
    const withSource = synth({
      pullSource: 'records',
      sourceUrl: 'https://example.org/records/{province}/{date}.csv',
    }).template;
    withSource.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'ENABLED' });
    withSource.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          PULL_SOURCE: 'records',
          SOURCE_URL: 'https://example.org/records/{province}/{date}.csv',
        }),
      },
    });
    synth({ pullSource: 'records' }).template.hasResourceProperties('AWS::Scheduler::Schedule', {
      State: 'DISABLED',
    });
  });
});

describe('the alarms', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  const topicRef = () => ({
    Ref: logicalIdOf('AWS::SNS::Topic', { DisplayName: 'Service index alarms' }),
  });

  it('watch every function for errors and throttles, and every dead-letter queue', () => {
    const metrics = alarms().map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(6);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Throttles')).toHaveLength(6);
    expect(metrics.filter((m) => m === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(4);
    for (const a of alarms()) {
      expect(a.Properties.AlarmActions).toEqual([topicRef()]);
      expect(JSON.stringify(a.Properties.AlarmDescription)).toContain('docs/operations.md');
    }
  });

  it("ring when the province's newest data is three days old, or its age went unreported for a day", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ServiceIndex',
      MetricName: 'DataAgeDays',
      Dimensions: [{ Name: 'Province', Value: '82' }],
      Statistic: 'Minimum',
      Period: 21600,
      EvaluationPeriods: 4,
      DatapointsToAlarm: 1,
      Threshold: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: Match.anyValue() }],
    });
  });

  it('ring when no submission arrived for the province in 36 hours', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: INGEST_METRIC.namespace,
      MetricName: INGEST_METRIC.name,
      Dimensions: [{ Name: 'Province', Value: '82' }],
      Period: 3600,
      EvaluationPeriods: 36,
      DatapointsToAlarm: 36,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    // every way in counts into that metric
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(3);
    for (const f of filters) {
      expect(f.Properties.FilterPattern).toBe('{ $.message = "ingested" }');
      expect(f.Properties.MetricTransformations[0].Dimensions).toEqual([
        { Key: 'Province', Value: '$.province' },
      ]);
    }
  });

  it('go to an SNS topic that takes TLS only, mailed to the address in context', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    synth().template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('the deployment settings', () => {
  const from = (context: Record<string, string>) => deploySettings((name) => context[name]);

  it('default to Đồng Tháp in Singapore with no source, no subscriber and no domain', () => {
    expect(from({})).toEqual({
      stackName: 'ServiceIndex',
      region: 'ap-southeast-1',
      provinces: ['82'],
      pullSource: 'portal',
      portalUrl: 'https://dichvucong.gov.vn/api/v1/reporting/evaluation',
      sourceUrl: '',
      alarmEmail: '',
      corsOrigins: [],
      restoredTableName: undefined,
      domain: undefined,
    });
    expect(from({ provinces: '01, 82', corsOrigins: 'https://a.example, https://b.example' })).toMatchObject({
      provinces: ['01', '82'],
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(from({ provinces: 'all' }).provinces).toHaveLength(34);
    expect(from({ province: '01' }).provinces).toEqual(['01']);
    expect(from({ region: 'ap-southeast-7' }).region).toBe('ap-southeast-7');
  });

  it('name what is wrong in a setting before anything is built', () => {
    expect(() => from({ provinces: '82,99' })).toThrow(/provinces: "99" is not a province code/);
    expect(() => from({ sourceUrl: 'ftp://x' })).toThrow(/sourceUrl must be an https/);
    expect(() => from({ pullSource: 'ftp' })).toThrow(/pullSource must be portal or records/);
    expect(() => from({ portalUrl: 'http://x' })).toThrow(/portalUrl must be an https/);
    expect(from({ sourceUrl: 'https://x.example/{date}' }).pullSource).toBe('records');
    expect(() => from({ alarmEmail: 'ops' })).toThrow(/"ops" is not an e-mail address/);
    expect(() => from({ region: 'Singapore' })).toThrow(/region "Singapore" is not an AWS region name/);
    expect(() => from({ domainName: 'xephang.example.vn' })).toThrow(
      /domainName and certificateArn together/,
    );
    expect(() =>
      from({
        domainName: 'x.example.vn',
        certificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abc',
      }),
    ).toThrow(/us-east-1/);
  });

  it('serve the site on a domain of its own with TLS 1.2 at least when one is given', () => {
    const { template: withDomain } = synth({
      domain: {
        name: 'xephang.example.vn',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      },
    });
    withDomain.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['xephang.example.vn'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
  });
});
