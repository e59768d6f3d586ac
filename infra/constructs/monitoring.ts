import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '#functions/commons/metrics.ts';
import { Part } from '#infra/constructs/part.ts';
import type { ServiceFunction } from '#infra/constructs/service-function.ts';

/** The metric every ingestion counts into, per province (from the functions' "ingested" log lines). */
export const INGEST_METRIC = { namespace: 'ServiceIndex', name: 'SubmissionsIngested' } as const;

export interface MonitoringProps {
  /** who gets the alarms by e-mail; empty: the topic is created without a subscription */
  alarmEmail: string;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The alarms and where they go: an SNS topic (mailed to the operator), told
 * when an alarm rings and when it is over. Each other part hands it what to
 * watch: its functions, its dead-letter queues, the provinces it ingests.
 */
export class Monitoring extends Part {
  readonly topic: sns.Topic;
  readonly #action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Service index alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.#action = new actions.SnsAction(this.topic);
  }

  /** Tells the topic when the alarm rings and when it is over. */
  notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(this.#action);
    alarm.addOkAction(this.#action);
    return alarm;
  }

  /** An alarm on the first occurrence in five minutes of what `metric` counts. */
  onAny(id: string, metric: cloudwatch.Metric, alarmDescription: string): cloudwatch.Alarm {
    return this.notify(
      metric.createAlarm(this, id, {
        alarmDescription,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Alarms on a function's errors and throttles. */
  watchFunction(name: string, f: ServiceFunction): void {
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    this.onAny(
      `${capitalize(name)}ErrorsAlarm`,
      f.function.metricErrors(fiveMinutes),
      `The ${name} function failed: see its log group ${f.logGroup.logGroupName} and docs/operations.md`,
    );
    this.onAny(
      `${capitalize(name)}ThrottlesAlarm`,
      f.function.metricThrottles(fiveMinutes),
      `The ${name} function was throttled: the account's concurrency is exhausted (docs/operations.md)`,
    );
  }

  /** An alarm as soon as work lands in a dead-letter queue. */
  watchDeadLetters(name: string, queue: sqs.IQueue): void {
    this.onAny(
      `${capitalize(name)}DeadLettersAlarm`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      `Work of ${name} failed for good and waits in its dead-letter queue (docs/operations.md)`,
    );
  }

  /** Counts a function's "ingested" log lines into INGEST_METRIC, per province. */
  countIngestions(name: string, f: ServiceFunction): void {
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

  /**
   * An alarm when the province's newest data (records or the portal's figures)
   * is three days old or more for six hours, or when nothing reported its age
   * for a day (the functions write DataAgeDays after every ingestion, pull
   * and recompute; functions/commons/metrics.ts).
   */
  watchFreshness(province: string): void {
    this.notify(
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'DataAgeDays',
        dimensionsMap: { Province: province },
        statistic: 'Minimum',
        period: Duration.hours(6),
      }).createAlarm(this, `StaleDataAlarm${province}`, {
        alarmDescription: `The newest data of province ${province} is 3 days old or more, or its age was not reported for a day: the daily pull or the province's jobs are not bringing new days (docs/operations.md)`,
        threshold: 3,
        evaluationPeriods: 4,
        datapointsToAlarm: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );
  }

  /** An alarm when no submission for the province arrived in 36 hours. */
  watchProvince(province: string): void {
    this.notify(
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
}
