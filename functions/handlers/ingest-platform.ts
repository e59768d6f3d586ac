import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Archive, FolderArchive } from '#functions/archive/archive.ts';
import { S3Archive } from '#functions/archive/s3-archive.ts';
import { config } from '#functions/commons/config.ts';
import { announcer } from '#functions/handlers/announcer.ts';
import { type Platform, platform } from '#functions/handlers/platform.ts';
import { clearReadCache } from '#functions/handlers/read-cache.ts';
import {
  inlineRecompute,
  queuedRecompute,
  type RecomputeRequester,
} from '#functions/services/recompute-requests.ts';

/**
 * What the ingesting handlers (HTTP ingest, file drop, daily pull) run on: the
 * platform, the archive (a folder here, the archive bucket on AWS) and the way
 * to ask for a recompute (at once here, the recompute queue on AWS).
 */
export interface IngestPlatform extends Platform {
  archive: Archive;
  recompute: RecomputeRequester;
  /** after the portal's figures are ranked: this process's read cache forgets the province, its briefing is announced */
  published: (province: string) => Promise<void>;
  /** the S3 client, when the archive is a bucket */
  s3: S3Client | undefined;
}

let built: IngestPlatform | undefined;

export function ingestPlatform(): IngestPlatform {
  if (built) return built;
  const c = config();
  const base = platform();
  const s3 = c.archiveBucket
    ? new S3Client({
        region: c.region,
        ...(c.s3Endpoint
          ? {
              endpoint: c.s3Endpoint,
              forcePathStyle: true,
              // a local S3-compatible server takes any credentials: never reach for a real profile
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            }
          : {}),
      })
    : undefined;
  let archive: Archive;
  if (s3 && c.archiveBucket) archive = new S3Archive(s3, c.archiveBucket);
  else if (c.archiveDir) archive = new FolderArchive(c.archiveDir);
  else throw new Error('set ARCHIVE_DIR (a folder) or ARCHIVE_BUCKET (an S3 bucket)');
  const announce = announcer(base.store);
  // a province ranked anew: this process's read cache forgets it, and its briefing is announced
  const ranked = async (province: string) => {
    clearReadCache(province);
    await announce(province);
  };
  const recompute = c.recomputeQueueUrl
    ? queuedRecompute(new SQSClient({ region: c.region }), c.recomputeQueueUrl)
    : inlineRecompute(base.store, ranked);
  built = { ...base, archive, recompute, published: ranked, s3 };
  return built;
}
