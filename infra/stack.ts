import { type CfnElement, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DROP_PREFIX } from '#functions/handlers/file-drop.ts';
import { Briefings } from '#infra/constructs/briefings.ts';
import { Data } from '#infra/constructs/data.ts';
import { HttpApiPart } from '#infra/constructs/http-api.ts';
import { Ingestion } from '#infra/constructs/ingestion.ts';
import { Monitoring } from '#infra/constructs/monitoring.ts';
import { logicalIdWithoutParts } from '#infra/constructs/part.ts';
import { Site } from '#infra/constructs/site.ts';

export { API_THROTTLE, INGEST_THROTTLE } from '#infra/constructs/http-api.ts';
export { INGEST_METRIC } from '#infra/constructs/monitoring.ts';

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

/**
 * The whole platform on AWS, with the handlers `npm start` runs locally, in
 * five parts (infra/constructs/): the data (DynamoDB, the S3 archive), the
 * ingestion (the ingest, file-drop, pull and recompute functions, the daily
 * schedules, the recompute queue), the HTTP API, the site (the dashboard and
 * the API behind CloudFront) and the monitoring (alarms to an SNS topic).
 */
export class ServiceIndexStack extends Stack {
  readonly table: dynamodb.ITable;
  readonly archive: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ServiceIndexStackProps) {
    super(scope, id, props);
    const { provinces } = props;
    const corsOrigins = props.corsOrigins ?? [];

    const data = new Data(this, 'Data', { restoredTableName: props.restoredTableName });
    this.table = data.table;
    this.archive = data.archive;
    const monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: props.alarmEmail });
    const ingestion = new Ingestion(this, 'Ingestion', {
      data,
      provinces,
      pullSource: props.pullSource,
      portalUrl: props.portalUrl,
      sourceUrl: props.sourceUrl,
      corsOrigins,
    });
    const http = new HttpApiPart(this, 'Api', {
      data,
      ingest: ingestion.ingest,
      corsOrigins,
      defaultProvince: provinces[0] ?? '82',
    });
    const site = new Site(this, 'Site', {
      httpApi: http.httpApi,
      logsBucket: data.logsBucket,
      dashboardDir: props.dashboardDir,
      corsOrigins,
      domain: props.domain,
    });
    this.distribution = site.distribution;

    const { ingest, fileDrop, pull, recompute } = ingestion;
    const briefings = new Briefings(this, 'Briefings', {
      data,
      announcers: [recompute, ingest, fileDrop, pull],
    });
    for (const [name, f] of Object.entries({
      api: http.api,
      ingest,
      fileDrop,
      pull,
      recompute,
      briefing: briefings.function,
    })) {
      monitoring.watchFunction(name, f);
    }
    for (const [name, queue] of Object.entries({ ...ingestion.deadLetters, briefing: briefings.deadLetters }))
      monitoring.watchDeadLetters(name, queue);
    // every way in logs "ingested" with its province: one metric, counted per province
    for (const [name, f] of Object.entries({ ingest, fileDrop, pull })) monitoring.countIngestions(name, f);
    for (const province of provinces) {
      monitoring.watchProvince(province);
      monitoring.watchFreshness(province);
    }

    // ---- what the operator needs ----
    const domain = this.distribution.distributionDomainName;
    new CfnOutput(this, 'DashboardUrl', { value: `https://${domain}/` });
    new CfnOutput(this, 'IngestUrl', { value: `https://${domain}/api/ingest` });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'ArchiveBucket', { value: data.archive.bucketName });
    new CfnOutput(this, 'BriefingTopicArn', { value: briefings.topic.topicArn });
    new CfnOutput(this, 'BriefingSubscriptionsSecret', { value: briefings.subscriptions.secretArn });
    new CfnOutput(this, 'FileDropPrefix', {
      value: `s3://${data.archive.bucketName}/${DROP_PREFIX}<province>/`,
      description: `Put a province's CSV or JSON files under its code, e.g. ${DROP_PREFIX}${provinces[0] ?? '82'}/`,
    });
    new CfnOutput(this, 'AlarmTopic', { value: monitoring.topic.topicArn });
    new CfnOutput(this, 'PullFunctionName', { value: pull.function.functionName });
    new CfnOutput(this, 'RecomputeQueueUrl', { value: ingestion.recomputeQueue.queueUrl });
    new CfnOutput(this, 'RecomputeDeadLetterQueue', { value: ingestion.deadLetters.recompute.queueUrl });
    new CfnOutput(this, 'FileDropDeadLetterQueue', { value: ingestion.deadLetters.fileDrop.queueUrl });
  }

  /** Logical ids as before the stack had parts: a deploy replaces nothing (infra/constructs/part.ts). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdWithoutParts(this, element, (e) => super.allocateLogicalId(e));
  }
}
