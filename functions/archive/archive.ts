import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How a body is kept: its file extension. Observation files are JSON lines. */
export type ArchiveFormat = 'csv' | 'json' | 'xlsx' | 'jsonl';

/**
 * Raw submissions, kept exactly as received before anything else happens to
 * them: S3 in AWS, a folder on one machine.
 */
export interface Archive {
  /** stores the body; returns its key in the archive, `<yyyymmdd>/<province>/<id>.<format>`, the same here and on S3 */
  put(submissionId: string, province: string, body: Buffer, format: ArchiveFormat): Promise<string>;
  get(submissionId: string): Promise<Buffer | undefined>;
  /** the body with the province and format it was archived under, for a replay */
  find(submissionId: string): Promise<ArchivedSubmission | undefined>;
}

export interface ArchivedSubmission {
  body: Buffer;
  province: string;
  format: ArchiveFormat;
}

/** Submission ids as newSubmissionId makes them. */
export const SUBMISSION_ID = /^\d{8}T\d{6}Z-[0-9a-f]{12}$/;

/** Submission ids start with the time they arrived: 20251127T060001Z-<random>. */
export const dayOf = (submissionId: string) => submissionId.slice(0, 8);

/**
 * Where a submission is kept, relative to the archive (the folder, or the
 * bucket's submissions/ prefix): what a receipt names, never a machine's path
 * or a bucket's name.
 */
export const archiveKey = (submissionId: string, province: string, format: ArchiveFormat) =>
  `${dayOf(submissionId)}/${province}/${submissionId}.${format}`;

/** The archive as a folder: <dir>/<yyyymmdd>/<province>/<id>.<csv|json>. */
export class FolderArchive implements Archive {
  constructor(readonly dir: string) {}

  async put(submissionId: string, province: string, body: Buffer, format: ArchiveFormat) {
    const key = archiveKey(submissionId, province, format);
    await mkdir(join(this.dir, dayOf(submissionId), province), { recursive: true });
    await writeFile(join(this.dir, key), body, { flag: 'wx', flush: true });
    return key;
  }

  async get(submissionId: string) {
    return (await this.find(submissionId))?.body;
  }

  async find(submissionId: string): Promise<ArchivedSubmission | undefined> {
    if (!SUBMISSION_ID.test(submissionId)) return undefined;
    const day = join(this.dir, dayOf(submissionId));
    const provinces = await readdir(day).catch(() => []);
    for (const province of provinces) {
      for (const format of ['csv', 'json', 'xlsx', 'jsonl'] as const) {
        const body = await readFile(join(day, province, `${submissionId}.${format}`)).catch(() => undefined);
        if (body) return { body, province, format };
      }
    }
    return undefined;
  }
}
