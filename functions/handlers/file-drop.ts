import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { registry } from '#core/registry/registry.ts';
import { readObject } from '#functions/archive/s3-archive.ts';
import { errorFields, lambdaHandler, log } from '#functions/commons/logger.ts';
import { emitFreshness, emitIngestMetrics } from '#functions/commons/metrics.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { asDomainError, InvalidInputError, PASSING_FAULTS } from '#functions/services/errors.ts';
import { submitBody } from '#functions/services/submit-file.ts';

/**
 * The file drop (AWS): a CSV or JSON file of daily records put in the archive
 * bucket under drop/<province>/ is ingested like an HTTP submission with the
 * whole province as its scope (who may put there is decided by IAM). Its
 * receipt, or the problem that stopped it, is written beside it under
 * receipts/<province>/, named after the file. A fault of the platform (the
 * database unreachable) is thrown, so that Lambda retries the event and, after
 * its retries, keeps it in the file drop's dead-letter queue.
 */
export const DROP_PREFIX = 'drop/';
export const RECEIPTS_PREFIX = 'receipts/';

/** S3 event keys arrive URL-encoded, with + for a space. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

export const handler = lambdaHandler(async (event: S3Event): Promise<void> => {
  const platform = ingestPlatform();
  const s3 = platform.s3;
  if (!s3) throw new Error('the file drop needs ARCHIVE_BUCKET: it reads the dropped file from S3');
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    await ingestDroppedFile(s3, platform, bucket, key);
  }
});

async function ingestDroppedFile(
  s3: S3Client,
  platform: ReturnType<typeof ingestPlatform>,
  bucket: string,
  key: string,
): Promise<void> {
  const [top, province = '', ...rest] = key.split('/');
  const name = rest.join('/');
  const wellPlaced = `${top}/` === DROP_PREFIX && /^\d{2}$/.test(province) && name !== '';
  const receiptKey = wellPlaced
    ? `${RECEIPTS_PREFIX}${province}/${name}`
    : `${RECEIPTS_PREFIX}misplaced/${key}`;
  const writeJson = (suffix: string, value: unknown) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${receiptKey}.${suffix}.json`,
        Body: JSON.stringify(value, null, 2),
        ContentType: 'application/json',
      }),
    );
  try {
    if (!wellPlaced) {
      throw new InvalidInputError(
        `a dropped file goes to drop/<province>/<file>, the province as two digits (drop/82/records.csv), not ${key}`,
      );
    }
    if (!registry.province(province)) {
      throw new InvalidInputError(
        `unknown province "${province}": a dropped file goes to drop/<province>/<file>`,
      );
    }
    const body = await readObject(s3, bucket, key);
    if (body === undefined) {
      // deleted before we came to it: nothing to ingest, and nothing was lost that the sender still has
      log.warn('dropped file gone before ingestion', { key });
      return;
    }
    const receipt = await submitBody(platform, province, body, name, `file ${key}`);
    await writeJson('receipt', receipt);
    log.info('ingested', { province, source: 'file', submission: receipt.id, file: key, ...receipt.counts });
    emitIngestMetrics(province, receipt.counts);
    await emitFreshness(platform.store, province);
  } catch (error) {
    const fault = asDomainError(error);
    if (fault && !PASSING_FAULTS.has(fault.kind)) {
      // the file itself is wrong: retrying cannot help, so the sender is told beside the file
      await writeJson('error', { file: key, fault: fault.kind, detail: fault.message, ...fault.details });
      log.warn('dropped file refused', { file: key, fault: fault.kind, detail: fault.message });
      return;
    }
    // a fault on our side: Lambda retries the event, then hands it to the dead-letter queue
    log.error('dropped file not ingested', { file: key, ...errorFields(error) });
    throw error;
  }
}
