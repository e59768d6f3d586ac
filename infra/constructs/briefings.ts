import { Duration, SecretValue, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Data } from '#infra/constructs/data.ts';
import { Part } from '#infra/constructs/part.ts';
import { ServiceFunction } from '#infra/constructs/service-function.ts';

export interface BriefingsProps {
  data: Data;
  /** the functions after whose work a province's briefing is announced: the recompute, and the ingesting ones (the portal's figures) */
  announcers: ServiceFunction[];
}

/**
 * The morning briefings. A province ranked anew is announced on the briefing
 * queue; the briefing function builds the briefing of its latest day once,
 * then queues one send per target: the topic, which mails the province's
 * subscribers (each subscription's filter policy names its provinces), and
 * each webhook of the subscriptions secret (generic, Telegram, Zalo). A send
 * that fails is tried again by the queue and then kept in the dead-letter
 * queue, whose alarm the monitoring part raises. Only the briefing function
 * reads the secret; the secret's value is set by the operator, never in the
 * template (docs/operations.md).
 */
export class Briefings extends Part {
  readonly function: ServiceFunction;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly topic: sns.Topic;
  readonly subscriptions: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: BriefingsProps) {
    super(scope, id);
    const { data } = props;
    this.deadLetters = new sqs.Queue(this, 'BriefingDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const timeout = Duration.minutes(1);
    this.queue = new sqs.Queue(this, 'BriefingQueue', {
      // six times the consumer's timeout, as Lambda's event source mapping advises; a failed send waits as long before its next try
      visibilityTimeout: Duration.minutes(6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.topic = new sns.Topic(this, 'BriefingTopic', {
      displayName: 'Bản tin chỉ số phục vụ',
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    this.subscriptions = new secretsmanager.Secret(this, 'BriefingSubscriptions', {
      description:
        'Where each province\'s morning briefing goes besides email: {"82": [{"kind": "telegram", "botToken": "...", "chatId": "..."}, ...]} (docs/operations.md)',
      // no subscription yet; the operator puts the document (it holds webhook URLs and bot tokens)
      secretObjectValue: {},
    });
    Validations.of(this.subscriptions).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds the bot tokens and webhook URLs of other services; they are rotated in those services and put here by the operator, so there is no rotation function',
    });

    this.function = new ServiceFunction(this, 'BriefingFunction', {
      name: 'briefing',
      description:
        "Builds a province's morning briefing once a day and sends it: email through the topic, each webhook of the subscriptions",
      timeout,
      memorySize: 512,
      environment: {
        TABLE_NAME: data.table.tableName,
        BRIEFING_QUEUE_URL: this.queue.queueUrl,
        BRIEFING_TOPIC_ARN: this.topic.topicArn,
        SUBSCRIPTIONS_SECRET_ARN: this.subscriptions.secretArn,
      },
    });
    // reads the rankings, claims the day (a conditional put), gives it back when the sends cannot be queued
    this.function.allow(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
      ],
      [data.table.tableArn],
    );
    this.function.allow(['sqs:SendMessage'], [this.queue.queueArn]);
    this.function.allow(['sns:Publish'], [this.topic.topicArn]);
    this.function.allow(['secretsmanager:GetSecretValue'], [this.subscriptions.secretArn]);
    this.function.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    for (const f of props.announcers) {
      f.function.addEnvironment('BRIEFING_QUEUE_URL', this.queue.queueUrl);
      f.allow(['sqs:SendMessage'], [this.queue.queueArn]);
    }
  }
}
