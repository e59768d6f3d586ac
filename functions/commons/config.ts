import { DEFAULT_PROVINCE } from '#core/registry/registry.ts';

/**
 * The deployment's settings, read once from the environment. A missing
 * required setting fails loudly at load, not at the first request.
 */
export interface Config {
  tableName: string;
  region: string;
  /** a local DynamoDB-compatible endpoint (dynalite); unset on AWS */
  dynamoEndpoint: string | undefined;
  /** folder for raw submissions (local) */
  archiveDir: string | undefined;
  /** bucket for raw submissions (AWS) */
  archiveBucket: string | undefined;
  /** an S3-compatible endpoint to use instead of AWS's (path-style; local tests) */
  s3Endpoint: string | undefined;
  /** the recompute queue (AWS); recomputes run in the ingesting process when unset */
  recomputeQueueUrl: string | undefined;
  /** seconds a rendered read answer may be reused inside one process */
  readCacheSeconds: number;
  /** ingest requests each token may send: a burst, then so many a second */
  ingestRate: { perSecond: number; burst: number };
  /** origins allowed to call the API from a browser, comma separated */
  corsOrigins: string[];
  /** the function's timeout (set by the stack); the province lease's timings follow from it */
  functionTimeoutSeconds: number;
  /** the province the dashboard opens on: the deployment's first (DEFAULT_PROVINCE), else Đồng Tháp */
  defaultProvince: string;
  /** the morning briefings: where they are announced and delivered (see functions/handlers/announcer.ts) */
  briefings: {
    /** AWS: the briefing queue the ingesting and recompute functions announce on */
    queueUrl: string | undefined;
    /** AWS: the topic email subscribers of each province hear on */
    topicArn: string | undefined;
    /** AWS: the secret holding the subscriptions (webhooks, Telegram, Zalo) */
    subscriptionsSecret: string | undefined;
    /** one machine: the folder briefings are written to (DATA_DIR/briefings) */
    dir: string | undefined;
    /** one machine: the subscriptions file (DATA_DIR/subscriptions.json) */
    subscriptionsFile: string | undefined;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigError(`the environment variable ${name} is required`);
  return value;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a number above 0`);
  return value;
}

function provinceCode(name: string): string {
  const value = process.env[name] || DEFAULT_PROVINCE;
  if (!/^\d{2}$/.test(value))
    throw new ConfigError(`${name} must be a two-digit province code, not "${value}"`);
  return value;
}

let loaded: Config | undefined;

export function config(): Config {
  if (loaded) return loaded;
  const archiveDir = process.env.ARCHIVE_DIR || undefined;
  // only the ingesting functions keep submissions: they ask for one of the two (ingest-platform.ts)
  const archiveBucket = process.env.ARCHIVE_BUCKET || undefined;
  const cache = Number(process.env.READ_CACHE_SECONDS ?? '5');
  if (!Number.isFinite(cache) || cache < 0)
    throw new ConfigError('READ_CACHE_SECONDS must be a number of seconds >= 0');
  loaded = {
    tableName: required('TABLE_NAME'),
    region: process.env.AWS_REGION ?? 'ap-southeast-1',
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    archiveDir,
    archiveBucket,
    s3Endpoint: process.env.S3_ENDPOINT || undefined,
    recomputeQueueUrl: process.env.RECOMPUTE_QUEUE_URL || undefined,
    readCacheSeconds: cache,
    ingestRate: {
      perSecond: positive('INGEST_RATE_PER_SECOND', 5),
      burst: positive('INGEST_BURST', 30),
    },
    corsOrigins: (process.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    functionTimeoutSeconds: positive('FUNCTION_TIMEOUT_SECONDS', 29),
    defaultProvince: provinceCode('DEFAULT_PROVINCE'),
    briefings: {
      queueUrl: process.env.BRIEFING_QUEUE_URL || undefined,
      topicArn: process.env.BRIEFING_TOPIC_ARN || undefined,
      subscriptionsSecret: process.env.SUBSCRIPTIONS_SECRET_ARN || undefined,
      dir: process.env.BRIEFING_DIR || undefined,
      subscriptionsFile: process.env.SUBSCRIPTIONS_FILE || undefined,
    },
  };
  return loaded;
}
