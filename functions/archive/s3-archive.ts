import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  type Archive,
  type ArchivedSubmission,
  type ArchiveFormat,
  archiveKey,
  dayOf,
  SUBMISSION_ID,
} from '#functions/archive/archive.ts';

const CONTENT_TYPES: Record<ArchiveFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/jsonl',
};

/** Where raw submissions live in the archive bucket; file drops and receipts have prefixes of their own. */
export const SUBMISSIONS_PREFIX = 'submissions/';

/**
 * The archive as an S3 bucket: submissions/<yyyymmdd>/<province>/<id>.<csv|json|xlsx|jsonl>,
 * the same layout as the folder archive. A key is written once: a second
 * write of the same id is refused by S3 rather than replacing the first.
 */
export class S3Archive implements Archive {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(submissionId: string, province: string, body: Buffer, format: ArchiveFormat) {
    const key = archiveKey(submissionId, province, format);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${SUBMISSIONS_PREFIX}${key}`,
        Body: body,
        ContentType: CONTENT_TYPES[format],
        IfNoneMatch: '*',
      }),
    );
    return key;
  }

  async get(submissionId: string) {
    return (await this.find(submissionId))?.body;
  }

  async find(submissionId: string): Promise<ArchivedSubmission | undefined> {
    if (!SUBMISSION_ID.test(submissionId)) return undefined;
    // a busy day of a big province holds thousands of submissions: read every page of the day
    const pages = paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.bucket, Prefix: `${SUBMISSIONS_PREFIX}${dayOf(submissionId)}/` },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        const name = key.slice(key.lastIndexOf('/') + 1);
        const format = (Object.keys(CONTENT_TYPES) as ArchiveFormat[]).find(
          (f) => name === `${submissionId}.${f}`,
        );
        if (format) {
          const body = await readObject(this.s3, this.bucket, key);
          if (!body) return undefined;
          // submissions/<day>/<province>/<id>.<format>
          const province = key.split('/')[2] ?? '';
          return { body, province, format };
        }
      }
    }
    return undefined;
  }
}

/** An object's bytes, or undefined when there is no such key. */
export async function readObject(s3: S3Client, bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) return Buffer.alloc(0);
    return Buffer.from(await answer.Body.transformToByteArray());
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}
