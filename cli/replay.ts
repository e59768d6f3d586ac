import { S3Client } from '@aws-sdk/client-s3';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { awsRegion, awsStore } from '#cli/aws.ts';
import { printReceipt } from '#cli/receipt.ts';
import { type Archive, SUBMISSION_ID } from '#functions/archive/archive.ts';
import { S3Archive } from '#functions/archive/s3-archive.ts';
import { submitBody } from '#functions/services/submit-file.ts';
import type { Store } from '#functions/store/store.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run replay -- SUBMISSION_ID [--json] [--aws-table NAME --aws-bucket NAME]
 * Sends an archived submission through the ingestion again, exactly as it was
 * received: after a fault cut it short (the sender got 503), or to rebuild
 * from the archive. Rows already stored come back "unchanged", so nothing is
 * written twice; what the fault left out is written now. With --aws-table and
 * --aws-bucket (the stack's TableName and ArchiveBucket outputs) it replays
 * on AWS, with the AWS CLI's usual credentials and region.
 */

const USAGE = 'usage: npm run replay -- SUBMISSION_ID [--json] [--aws-table NAME --aws-bucket NAME]';

async function main(argv: string[]): Promise<void> {
  const id = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--aws-'));
  const values = parseOptions(
    argv.filter((a) => a !== id),
    {
      json: { type: 'boolean', default: false },
      'aws-table': { type: 'string' },
      'aws-bucket': { type: 'string' },
    },
  );
  if (!id) throw new UsageError('name the submission to replay: its id is on its receipt');
  if (!SUBMISSION_ID.test(id)) {
    throw new UsageError(`"${id}" is not a submission id; ids look like 20251127T060001Z-0123456789ab`);
  }
  const table = values['aws-table'];
  const bucket = values['aws-bucket'];
  if (Boolean(table) !== Boolean(bucket)) throw new UsageError('give --aws-table and --aws-bucket together');

  let store: Store;
  let archive: Archive;
  let close: () => Promise<void>;
  let where: string;
  if (table && bucket) {
    const db = awsStore(table);
    const s3 = new S3Client({ region: awsRegion() });
    store = db.store;
    archive = new S3Archive(s3, bucket);
    where = `s3://${bucket}`;
    close = async () => {
      await db.close();
      s3.destroy();
    };
  } else {
    const db = await openDatabase();
    store = db.store;
    archive = db.archive;
    where = db.archive.dir;
    close = db.close;
  }
  try {
    const found = await archive.find(id);
    if (!found) throw new UsageError(`no archived submission ${id} in ${where}`);
    const receipt = await submitBody(
      { store, archive },
      found.province,
      found.body,
      `${id}.${found.format}`,
      `replay of ${id}`,
    );
    printReceipt(receipt, values.json);
  } finally {
    await close();
  }
}

await runCommand('replay', USAGE, () => main(process.argv.slice(2)));
