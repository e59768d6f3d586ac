import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SUBMISSIONS_PREFIX } from '#functions/archive/s3-archive.ts';
import { DROP_PREFIX, RECEIPTS_PREFIX } from '#functions/handlers/file-drop.ts';
import type { Data } from '#infra/constructs/data.ts';
import { Part } from '#infra/constructs/part.ts';
import { ServiceFunction } from '#infra/constructs/service-function.ts';

export interface IngestionProps {
  data: Data;
  /** the provinces whose daily pull runs */
  provinces: string[];
  /** what the daily pull reads: the national portal's figures, or a source of daily records */
  pullSource: 'portal' | 'records';
  /** the portal's evaluation API */
  portalUrl: string;
  /** where a pull of records reads yesterday's records; empty: that schedule is created disabled */
  sourceUrl: string;
  /** browser origins other than the site itself that may call the API */
  corsOrigins: string[];
}

/**
 * Every way data comes in, and what follows: POST /api/ingest, files dropped
 * in the archive bucket, the daily pull at 06:00 Vietnam time (EventBridge
 * Scheduler), each archiving its body first; and the recompute of the
 * province's rankings through a FIFO queue, one province at a time. Failed
 * work ends in a dead-letter queue for a person to read.
 */
export class Ingestion extends Part {
  readonly ingest: ServiceFunction;
  readonly fileDrop: ServiceFunction;
  readonly pull: ServiceFunction;
  readonly recompute: ServiceFunction;
  readonly recomputeQueue: sqs.Queue;
  readonly deadLetters: { recompute: sqs.Queue; fileDrop: sqs.Queue; pull: sqs.Queue };

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const { data } = props;

    // ---- recompute requests ----
    const recomputeDlq = new sqs.Queue(this, 'RecomputeDeadLetters', {
      fifo: true,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const recomputeTimeout = Duration.minutes(5);
    this.recomputeQueue = new sqs.Queue(this, 'RecomputeRequests', {
      fifo: true,
      // six times the consumer's timeout, as Lambda's event source mapping advises
      visibilityTimeout: Duration.minutes(30),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: recomputeDlq, maxReceiveCount: 5 },
    });
    const queue = this.recomputeQueue;

    const environment = {
      TABLE_NAME: data.table.tableName,
      ARCHIVE_BUCKET: data.archive.bucketName,
      RECOMPUTE_QUEUE_URL: queue.queueUrl,
    };
    /** An ingesting function: the table as an ingestion uses it, its body into submissions/, recompute requests. */
    const ingesting = (f: ServiceFunction) => {
      data.grantTable(f, 'ingest');
      data.grantArchive(f, ['s3:PutObject'], [SUBMISSIONS_PREFIX]);
      return f.allow(['sqs:SendMessage'], [queue.queueArn]);
    };

    this.ingest = ingesting(
      new ServiceFunction(this, 'IngestFunction', {
        name: 'ingest',
        description:
          'POST /api/ingest: archive, validate, write, ask for a recompute, answer with the receipt',
        // API Gateway waits 30 s at most
        timeout: Duration.seconds(29),
        environment: { ...environment, CORS_ORIGINS: props.corsOrigins.join(',') },
      }),
    );

    const fileDropDlq = new sqs.Queue(this, 'FileDropDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.fileDrop = ingesting(
      new ServiceFunction(this, 'FileDropFunction', {
        name: 'file-drop',
        description:
          'Ingests a file put under drop/<province>/ in the archive bucket; writes its receipt under receipts/',
        timeout: Duration.minutes(5),
        environment,
      }),
    );
    data.grantArchive(this.fileDrop, ['s3:GetObject'], [DROP_PREFIX]);
    data.grantArchive(this.fileDrop, ['s3:PutObject'], [RECEIPTS_PREFIX]);
    // a platform fault is retried twice by Lambda, then the event is kept for a person
    this.fileDrop.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(fileDropDlq),
    });
    data.archive.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.LambdaDestination(this.fileDrop.function),
      { prefix: DROP_PREFIX },
    );
    // CDK keeps the handler that sets the bucket's notification once per stack, outside this part
    Validations.of(Stack.of(this)).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's own handler that sets the archive bucket's event notification once per deploy; it writes only its logs",
    });

    this.pull = ingesting(
      new ServiceFunction(this, 'PullFunction', {
        name: 'pull',
        description:
          "The daily pull: the national portal's figures of a province for the year, quarter and month, or yesterday's records from a source",
        // 21 requests to the portal one at a time, a second apart, each retried with backoff: the longest a function may run
        timeout: Duration.minutes(15),
        environment: {
          ...environment,
          PULL_SOURCE: props.pullSource,
          PORTAL_URL: props.portalUrl,
          PORTAL_PAUSE_MS: '1000',
          PORTAL_TIMEOUT_MS: '30000',
          PORTAL_ATTEMPTS: '4',
          SOURCE_URL: props.sourceUrl,
        },
      }),
    );

    this.recompute = data.grantTable(
      new ServiceFunction(this, 'RecomputeFunction', {
        name: 'recompute',
        description: "Rebuilds a province's roll-ups and ranking snapshots after its days changed",
        timeout: recomputeTimeout,
        memorySize: 1769, // one full vCPU: the sweep is CPU-bound
        environment: { TABLE_NAME: data.table.tableName },
      }),
      'recompute',
    );
    this.recompute.function.addEventSource(
      new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }),
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
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler start the daily pull',
    });
    pullRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.pull.function.functionArn],
      }),
    );
    pullRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [pullDlq.queueArn] }),
    );
    for (const province of props.provinces) {
      new scheduler.Schedule(this, `DailyPull${province}`, {
        description: `Pulls province ${province} at 06:00 Asia/Ho_Chi_Minh (${props.pullSource === 'portal' ? "the portal's figures" : "yesterday's records"})`,
        schedule: scheduler.ScheduleExpression.cron({
          minute: '0',
          hour: '6',
          timeZone: TimeZone.ASIA_HO_CHI_MINH,
        }),
        target: new targets.LambdaInvoke(this.pull.function, {
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

    this.deadLetters = { recompute: recomputeDlq, fileDrop: fileDropDlq, pull: pullDlq };
    for (const q of [fileDropDlq, pullDlq]) {
      Validations.of(q).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself a dead-letter queue (of a Lambda destination or a schedule): failed work ends here for a person to read',
      });
    }
  }
}
