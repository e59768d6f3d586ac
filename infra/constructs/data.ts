import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { SUBMISSIONS_PREFIX } from '#functions/archive/s3-archive.ts';
import { DROP_PREFIX, RECEIPTS_PREFIX } from '#functions/handlers/file-drop.ts';
import { Part } from '#infra/constructs/part.ts';
import type { ServiceFunction } from '#infra/constructs/service-function.ts';

/** What a function does with the table: each access a list of named actions, no wildcard. */
const TABLE_ACCESS = {
  /** reads: items, queries, batches */
  read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
  /**
   * an ingestion: reads, conditional creates and revisions, batches, the lease
   * (UpdateItem, DeleteItem), the province's state attribute by attribute (UpdateItem)
   */
  ingest: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
    'dynamodb:UpdateItem',
  ],
  /** a recompute: reads, roll-ups and snapshots, and the province's state (when it ran, the ready days it cleared) */
  recompute: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:UpdateItem',
  ],
} as const;

export interface DataProps {
  /** a table restored from point-in-time recovery for the functions to use instead of the stack's own */
  restoredTableName?: string | undefined;
}

/**
 * What the platform keeps: the table (records, snapshots, receipts, tokens),
 * the archive bucket (every raw submission, file drops and their receipts)
 * and the bucket of access logs. Both are kept when the stack goes; the
 * functions get their rights to them from here.
 */
export class Data extends Part {
  readonly table: dynamodb.ITable;
  readonly archive: s3.Bucket;
  /** where the archive, the dashboard bucket and CloudFront write their access logs */
  readonly logsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
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

    this.logsBucket = new s3.Bucket(this, 'AccessLogs', {
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
      serverAccessLogsBucket: this.logsBucket,
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
  }

  /** Lets `f` use the table as `access` says, and nothing more. */
  grantTable(f: ServiceFunction, access: keyof typeof TABLE_ACCESS): ServiceFunction {
    return f.allow([...TABLE_ACCESS[access]], [this.table.tableArn]);
  }

  /**
   * Lets `f` run `actions` on the archive's objects under each prefix, and
   * nowhere else in the bucket. Objects are named per submission or per dropped
   * file, so the right is on the prefix: acknowledged here, where it is given.
   */
  grantArchive(f: ServiceFunction, actions: string[], prefixes: string[]): ServiceFunction {
    const bucket = `<${Stack.of(this).getLogicalId(this.archive.node.defaultChild as s3.CfnBucket)}.Arn>`;
    for (const prefix of prefixes) {
      Validations.of(f.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucket}/${prefix}*]`,
        reason: `Objects are named per submission or per dropped file, so the right covers the objects under ${prefix} of the archive bucket, and only those`,
      });
    }
    return f.allow(
      actions,
      prefixes.map((p) => this.archive.arnForObjects(`${p}*`)),
    );
  }
}
