import {
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '#functions/api/routes.ts';
import { SUBMISSIONS_PREFIX } from '#functions/archive/s3-archive.ts';
import { DASHBOARD_CSP, SECURITY_HEADERS } from '#functions/commons/http.ts';
import { DROP_PREFIX, RECEIPTS_PREFIX } from '#functions/handlers/file-drop.ts';
import { ServiceFunction } from '#infra/constructs/service-function.ts';

export interface ServiceIndexStackProps extends StackProps {
  /** the provinces whose daily pull runs and whose silence raises an alarm; the API serves every province */
  provinces: string[];
  /** what the daily pull reads: the national portal's figures, or a source of daily records */
  pullSource: 'portal' | 'records';
  /** the portal's evaluation API */
  portalUrl: string;
  /** where a pull of records reads yesterday's records ({date} and {province} are filled in); empty: that schedule is created disabled */
  sourceUrl: string;
  /** who gets the alarms by e-mail; empty: the topic is created without a subscription */
  alarmEmail: string;
  /** the built dashboard (dashboard/dist) */
  dashboardDir: string;
  /** browser origins other than the site itself that may call the API */
  corsOrigins?: string[];
  /** a table restored from point-in-time recovery for the functions to use instead of the stack's own */
  restoredTableName?: string;
  /** a domain of your own for the site, with the ARN of its ACM certificate in us-east-1; both or neither */
  domain?: { name: string; certificateArn: string };
}

/** The metric every ingestion counts into, per province (from the functions' "ingested" log lines). */
export const INGEST_METRIC = { namespace: 'ServiceIndex', name: 'SubmissionsIngested' } as const;

/** Requests per second the HTTP API takes, in all and for ingestion. */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;
export const INGEST_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

/**
 * The whole platform on AWS, with the handlers `npm start` runs locally:
 * DynamoDB for records and snapshots; S3 for the raw archive (with file drops)
 * and for the dashboard behind CloudFront; an HTTP API; the daily pull on
 * EventBridge Scheduler; recomputes through a FIFO queue; alarms to an SNS topic.
 */
export class ServiceIndexStack extends Stack {
  readonly table: dynamodb.ITable;
  readonly archive: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ServiceIndexStackProps) {
    super(scope, id, props);
    const { provinces } = props;

    // ---- data ----
    // the stack's own table, kept even when the stack goes; after a point-in-time
    // restore the functions can be pointed at the restored table (docs/operations.md)
    const ownTable = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = props.restoredTableName
      ? dynamodb.Table.fromTableName(this, 'RestoredTable', props.restoredTableName)
      : ownTable;
    const table = this.table;

    const logsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logs are written with ACLs
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(180) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.archive = new s3.Bucket(this, 'Archive', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'submissions-to-cheaper-storage',
          prefix: SUBMISSIONS_PREFIX,
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(180) },
          ],
        },
        // a dropped file is copied into submissions/ when it is ingested
        { id: 'expire-dropped-files', prefix: DROP_PREFIX, expiration: Duration.days(30) },
        { id: 'expire-receipts', prefix: RECEIPTS_PREFIX, expiration: Duration.days(400) },
        {
          id: 'old-versions',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    const archive = this.archive;

    // ---- alarms go here ----
    const alarmTopic = new sns.Topic(this, 'Alarms', {
      displayName: 'Service index alarms',
      enforceSSL: true,
    });
    if (props.alarmEmail) alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const alarmAction = new actions.SnsAction(alarmTopic);
    /** Tells the topic when the alarm rings and when it is over. */
    const notify = (a: cloudwatch.Alarm) => {
      a.addAlarmAction(alarmAction);
      a.addOkAction(alarmAction);
    };
    /** An alarm on the first occurrence in five minutes of what `metric` counts. */
    const onAny = (id: string, metric: cloudwatch.Metric, alarmDescription: string) =>
      notify(
        metric.createAlarm(this, id, {
          alarmDescription,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );

    // ---- recompute requests ----
    const recomputeDlq = new sqs.Queue(this, 'RecomputeDeadLetters', {
      fifo: true,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const recomputeTimeout = Duration.minutes(5);
    const recomputeQueue = new sqs.Queue(this, 'RecomputeRequests', {
      fifo: true,
      // six times the consumer's timeout, as Lambda's event source mapping advises
      visibilityTimeout: Duration.minutes(30),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: recomputeDlq, maxReceiveCount: 5 },
    });

    // ---- functions ----
    const tableArn = table.tableArn;
    const READ = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
    // UpdateItem: the portal's facts of a province grow attribute by attribute (periods observed, latest day)
    const WRITE = [
      'dynamodb:PutItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
    ];
    const submissions = archive.arnForObjects(`${SUBMISSIONS_PREFIX}*`);
    const ingestEnvironment = {
      TABLE_NAME: table.tableName,
      ARCHIVE_BUCKET: archive.bucketName,
      RECOMPUTE_QUEUE_URL: recomputeQueue.queueUrl,
    };

    const api = new ServiceFunction(this, 'ApiFunction', {
      name: 'api',
      description: 'The read API: rankings, histories, comparisons, methodology',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: table.tableName,
        READ_CACHE_SECONDS: '5',
        CORS_ORIGINS: (props.corsOrigins ?? []).join(','),
      },
    }).allow(READ, [tableArn]);

    const ingest = new ServiceFunction(this, 'IngestFunction', {
      name: 'ingest',
      description: 'POST /api/ingest: archive, validate, write, ask for a recompute, answer with the receipt',
      // API Gateway waits 30 s at most
      timeout: Duration.seconds(29),
      environment: { ...ingestEnvironment, CORS_ORIGINS: (props.corsOrigins ?? []).join(',') },
    })
      .allow([...READ, ...WRITE], [tableArn])
      .allow(['s3:PutObject'], [submissions])
      .allow(['sqs:SendMessage'], [recomputeQueue.queueArn]);

    const fileDropDlq = new sqs.Queue(this, 'FileDropDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const fileDrop = new ServiceFunction(this, 'FileDropFunction', {
      name: 'file-drop',
      description:
        'Ingests a file put under drop/<province>/ in the archive bucket; writes its receipt under receipts/',
      timeout: Duration.minutes(5),
      environment: ingestEnvironment,
    })
      .allow([...READ, ...WRITE], [tableArn])
      .allow(['s3:GetObject'], [archive.arnForObjects(`${DROP_PREFIX}*`)])
      .allow(['s3:PutObject'], [submissions, archive.arnForObjects(`${RECEIPTS_PREFIX}*`)])
      .allow(['sqs:SendMessage'], [recomputeQueue.queueArn]);
    // a platform fault is retried twice by Lambda, then the event is kept for a person
    fileDrop.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(fileDropDlq),
    });
    archive.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fileDrop.function), {
      prefix: DROP_PREFIX,
    });

    const pull = new ServiceFunction(this, 'PullFunction', {
      name: 'pull',
      description:
        "The daily pull: the national portal's figures of a province for the year, quarter and month, or yesterday's records from a source",
      // 21 requests to the portal one at a time, a second apart, each retried with backoff: the longest a function may run
      timeout: Duration.minutes(15),
      environment: {
        ...ingestEnvironment,
        PULL_SOURCE: props.pullSource,
        PORTAL_URL: props.portalUrl,
        PORTAL_PAUSE_MS: '1000',
        PORTAL_TIMEOUT_MS: '30000',
        PORTAL_ATTEMPTS: '4',
        SOURCE_URL: props.sourceUrl,
      },
    })
      .allow([...READ, ...WRITE], [tableArn])
      .allow(['s3:PutObject'], [submissions])
      .allow(['sqs:SendMessage'], [recomputeQueue.queueArn]);

    const recompute = new ServiceFunction(this, 'RecomputeFunction', {
      name: 'recompute',
      description: "Rebuilds a province's roll-ups and ranking snapshots after its days changed",
      timeout: recomputeTimeout,
      memorySize: 1769, // one full vCPU: the sweep is CPU-bound
      environment: { TABLE_NAME: table.tableName },
      // UpdateItem: the province's state, attribute by attribute (when it was recomputed, the ready days it cleared)
    }).allow([...READ, 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'], [tableArn]);
    recompute.function.addEventSource(
      new SqsEventSource(recomputeQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    // ---- the daily pull at 06:00 Vietnam time ----
    const pullDlq = new sqs.Queue(this, 'PullDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    // the scheduler may invoke this one function and write to its dead-letter queue, and nothing else
    const pullRole = new iam.Role(this, 'DailyPullRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets EventBridge Scheduler start the daily pull',
    });
    pullRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [pull.function.functionArn] }),
    );
    pullRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [pullDlq.queueArn] }),
    );
    for (const province of provinces) {
      new scheduler.Schedule(this, `DailyPull${province}`, {
        description: `Pulls province ${province} at 06:00 Asia/Ho_Chi_Minh (${props.pullSource === 'portal' ? "the portal's figures" : "yesterday's records"})`,
        schedule: scheduler.ScheduleExpression.cron({
          minute: '0',
          hour: '6',
          timeZone: TimeZone.ASIA_HO_CHI_MINH,
        }),
        target: new targets.LambdaInvoke(pull.function, {
          role: pullRole.withoutPolicyUpdates(),
          deadLetterQueue: pullDlq,
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
          input: scheduler.ScheduleTargetInput.fromObject({ province }),
        }),
        // a pull of records without a source has nothing to pull: it waits, disabled, until one is given
        enabled: props.pullSource === 'portal' || props.sourceUrl !== '',
      });
    }

    // ---- HTTP API ----
    const httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Service index API (reads and ingestion)',
      createDefaultStage: false,
    });
    const apiLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(apiLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    const integrations = {
      api: new HttpLambdaIntegration('ApiIntegration', api.function),
      ingest: new HttpLambdaIntegration('IngestIntegration', ingest.function),
    };
    // the same route table the local platform serves
    for (const route of ROUTES) {
      httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrations[route.function],
      });
    }
    // any other path under /api gets the API's own problem+json 404; a browser's preflight (OPTIONS) is
    // answered by the read API for every path, with the methods of the route table
    httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.OPTIONS],
      integration: integrations.api,
    });
    (stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', {
      'POST /api/ingest': {
        ThrottlingRateLimit: INGEST_THROTTLE.rateLimit,
        ThrottlingBurstLimit: INGEST_THROTTLE.burstLimit,
      },
    });

    // ---- the dashboard and the API behind CloudFront ----
    const site = new s3.Bucket(this, 'Dashboard', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'dashboard/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const securityHeaders = (policyId: string, csp: string) =>
      new cloudfront.ResponseHeadersPolicy(this, policyId, {
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(365),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
      });
    const siteHeaders = securityHeaders('DashboardHeaders', DASHBOARD_CSP);
    const apiHeaders = securityHeaders('ApiHeaders', SECURITY_HEADERS['content-security-policy'] ?? '');
    const readCache = new cloudfront.CachePolicy(this, 'ReadCache', {
      comment:
        'API reads: kept as long as the answer says (30 s), at most 5 minutes; nothing without a max-age',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // answers carry Access-Control-Allow-Origin for the allowed origins: one kept copy per origin
      headerBehavior: props.corsOrigins?.length
        ? cloudfront.CacheHeaderBehavior.allowList('Origin')
        : cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiOrigin = new origins.HttpOrigin(
      `${httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      },
    );
    const uncached: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };
    this.distribution = new cloudfront.Distribution(this, 'Site', {
      comment: 'Service index dashboard and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America, Europe, Asia (Vietnam's edge locations included)
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // ingestion and receipts: never cached, the Authorization header passed on
        '/api/ingest': uncached,
        '/api/submissions/*': uncached,
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: readCache,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
          compress: true,
        },
      },
    });
    this.deployDashboard(site, props.dashboardDir);

    // ---- alarms ----
    const functions = { api, ingest, fileDrop, pull, recompute };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const [name, f] of Object.entries(functions)) {
      onAny(
        `${capitalize(name)}ErrorsAlarm`,
        f.function.metricErrors(fiveMinutes),
        `The ${name} function failed: see its log group ${f.logGroup.logGroupName} and docs/operations.md`,
      );
      onAny(
        `${capitalize(name)}ThrottlesAlarm`,
        f.function.metricThrottles(fiveMinutes),
        `The ${name} function was throttled: the account's concurrency is exhausted (docs/operations.md)`,
      );
    }
    const deadLetters = { recompute: recomputeDlq, fileDrop: fileDropDlq, pull: pullDlq };
    for (const [name, queue] of Object.entries(deadLetters)) {
      onAny(
        `${capitalize(name)}DeadLettersAlarm`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `Work of ${name} failed for good and waits in its dead-letter queue (docs/operations.md)`,
      );
    }
    // every way in logs "ingested" with its province: one metric, counted per province
    for (const [name, f] of Object.entries({ ingest, fileDrop, pull })) {
      new logs.MetricFilter(this, `${capitalize(name)}IngestedMetric`, {
        logGroup: f.logGroup,
        filterPattern: logs.FilterPattern.stringValue('$.message', '=', 'ingested'),
        metricNamespace: INGEST_METRIC.namespace,
        metricName: INGEST_METRIC.name,
        metricValue: '1',
        dimensions: { Province: '$.province' },
        unit: cloudwatch.Unit.COUNT,
      });
    }
    for (const province of provinces) {
      notify(
        new cloudwatch.Metric({
          namespace: INGEST_METRIC.namespace,
          metricName: INGEST_METRIC.name,
          dimensionsMap: { Province: province },
          statistic: 'Sum',
          period: Duration.hours(1),
        }).createAlarm(this, `NoIngestAlarm${province}`, {
          alarmDescription: `No submission for province ${province} in 36 hours: the daily jobs or the pull have stopped (docs/operations.md)`,
          threshold: 1,
          // 36 hourly periods, every one of them empty
          evaluationPeriods: 36,
          datapointsToAlarm: 36,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        }),
      );
    }

    // ---- what the operator needs ----
    new CfnOutput(this, 'DashboardUrl', { value: `https://${this.distribution.distributionDomainName}/` });
    new CfnOutput(this, 'IngestUrl', {
      value: `https://${this.distribution.distributionDomainName}/api/ingest`,
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'ArchiveBucket', { value: archive.bucketName });
    new CfnOutput(this, 'FileDropPrefix', {
      value: `s3://${archive.bucketName}/${DROP_PREFIX}<province>/`,
      description: `Put a province's CSV or JSON files under its code, e.g. ${DROP_PREFIX}${provinces[0] ?? '82'}/`,
    });
    new CfnOutput(this, 'AlarmTopic', { value: alarmTopic.topicArn });
    new CfnOutput(this, 'PullFunctionName', { value: pull.function.functionName });
    new CfnOutput(this, 'RecomputeQueueUrl', { value: recomputeQueue.queueUrl });
    new CfnOutput(this, 'RecomputeDeadLetterQueue', { value: recomputeDlq.queueUrl });
    new CfnOutput(this, 'FileDropDeadLetterQueue', { value: fileDropDlq.queueUrl });

    this.acknowledgeFindings({
      httpApi,
      functions: Object.values(functions),
      deadLetters: [fileDropDlq, pullDlq],
      site: this.distribution,
      customDomain: props.domain !== undefined,
      objectGrants: [
        [ingest, [SUBMISSIONS_PREFIX]],
        [pull, [SUBMISSIONS_PREFIX]],
        [fileDrop, [SUBMISSIONS_PREFIX, DROP_PREFIX, RECEIPTS_PREFIX]],
      ],
    });
  }

  /**
   * The built dashboard into its bucket: the hashed assets first, kept by
   * browsers and CloudFront for a year, then index.html, always revalidated,
   * and CloudFront told to drop its copy. The copying function runs with a
   * role of ours that names each action it may take, instead of the wildcard
   * grants CDK would give it.
   */
  private deployDashboard(site: s3.Bucket, dir: string): void {
    const logGroup = new logs.LogGroup(this, 'DashboardDeployLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'DashboardDeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built dashboard into its bucket and invalidates CloudFront',
    });
    const assets = Fn.sub(
      DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CDK's own placeholder in the bucket name, not JavaScript's
        '${Qualifier}',
        DefaultStackSynthesizer.DEFAULT_QUALIFIER,
      ),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${this.partition}:s3:::${assets}/*`],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [site.bucketArn] }));
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [site.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [
          `arn:${this.partition}:cloudfront::${this.account}:distribution/${this.distribution.distributionId}`,
        ],
      }),
    );
    const common = {
      destinationBucket: site,
      // CDK's own grants would add wildcard actions: this role is used as it is
      role: role.withoutPolicyUpdates(),
      logGroup,
      memoryLimit: 512,
    };
    const assetsDeployment = new s3deploy.BucketDeployment(this, 'DashboardAssets', {
      ...common,
      sources: [s3deploy.Source.asset(dir, { exclude: ['index.html'] })],
      exclude: ['index.html'],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    const page = new s3deploy.BucketDeployment(this, 'DashboardPage', {
      ...common,
      sources: [s3deploy.Source.asset(dir, { exclude: ['*', '!index.html'] })],
      exclude: ['*'],
      include: ['index.html'],
      cacheControl: [s3deploy.CacheControl.fromString('no-cache')],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html'],
    });
    page.node.addDependency(assetsDeployment);
  }

  /** The AwsSolutions findings this stack accepts, each with the reason; cdk-nag fails the synth on any other. */
  private acknowledgeFindings(parts: {
    httpApi: apigw.HttpApi;
    functions: ServiceFunction[];
    deadLetters: sqs.Queue[];
    site: cloudfront.Distribution;
    customDomain: boolean;
    objectGrants: [ServiceFunction, string[]][];
  }): void {
    const arnOf = (bucket: s3.Bucket) =>
      `<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    // a literal ("aws") where the region is known, as cdk-nag prints it
    const partition = Token.isUnresolved(this.partition) ? '<AWS::Partition>' : this.partition;
    for (const [f, prefixes] of parts.objectGrants) {
      for (const prefix of prefixes) {
        Validations.of(f.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${arnOf(this.archive)}/${prefix}*]`,
          reason: `Objects are named per submission or per dropped file, so the right covers the objects under ${prefix} of the archive bucket, and only those`,
        });
      }
    }
    const deployRole = this.node.findChild('DashboardDeployRole');
    Validations.of(deployRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      reason:
        "Reads the dashboard's zip from CDK's asset bucket, whose object key is a content hash known only at deploy time",
    });
    Validations.of(deployRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnOf(this.node.findChild('Dashboard') as s3.Bucket)}/*]`,
      reason:
        "Writes and prunes the dashboard's own files, whose names carry content hashes, in the dashboard bucket only",
    });
    for (const child of this.node.children) {
      // CDK's singleton functions: the S3 event wiring and the dashboard copier
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "CDK's own handler that sets the archive bucket's event notification once per deploy; it writes only its logs",
        });
      }
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-L1',
          reason:
            "CDK's own dashboard copier, whose runtime CDK chooses with its version; it runs only during a deploy",
        });
      }
    }
    Validations.of(parts.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Reads are public by design (the national portal publishes the same rankings); POST /api/ingest checks a bearer token in the function itself: hashed at rest, scoped to a province and optionally to units',
    });
    Validations.of(parts.site).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The rankings are public information; officials and citizens read them from abroad too, so no country is refused',
    });
    Validations.of(parts.site).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF by default: a web ACL for CloudFront must live in us-east-1 and costs more than the rest of the stack at this scale; the HTTP API throttles per stage and per route and the ingest function limits body size and rows (docs/deploy.md shows how to attach one)',
    });
    if (!parts.customDomain) {
      Validations.of(parts.site).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a domain of its own the site has only the *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with the domainName and certificateArn context the stack requires TLS 1.2 (TLSv1.2_2021)',
      });
    }
    for (const f of parts.functions) {
      Validations.of(f.function).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The platform targets Node.js 22 (DESIGN.md); its tests and bundles are built for it, and moving runtimes is a tested change of its own',
      });
    }
    for (const q of parts.deadLetters) {
      Validations.of(q).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself a dead-letter queue (of a Lambda destination or a schedule): failed work ends here for a person to read',
      });
    }
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
