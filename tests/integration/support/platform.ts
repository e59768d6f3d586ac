import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { startDynalite } from '#infra/local/dynalite.ts';
import { setHandlerEnvironment, TABLE_NAME } from '#infra/local/environment.ts';
import { createLocalServer } from '#infra/local/http-adapter.ts';
import { type AwsLikeDynamo, startAwsLikeDynamo } from '../../support/aws-like-dynamo.ts';

/** How far the AWS-like DynamoDB's eventually consistent reads lag by default: DynamoDB's are usually within a second. */
export const AWS_LIKE_LAG_MS = 150;

/**
 * The local platform for a test file: an in-memory dynalite on a free port,
 * the real Lambda handlers behind the local API Gateway adapter, a temporary
 * archive folder. Everything is gone after close().
 */
export interface TestPlatform {
  base: string;
  /** the AWS-like DynamoDB the platform runs on, when asked for (eventually consistent reads, held requests) */
  aws: AwsLikeDynamo | undefined;
  dir: string;
  client: DynamoDBDocumentClient;
  store: DynamoStore;
  token(province?: string, units?: string[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * `env`: settings for the handlers (INGEST_BURST, CORS_ORIGINS, ...), undone by
 * close(). `awsLike`: run on the AWS-like DynamoDB (tests/support/aws-like-dynamo.ts)
 * with reads that lag `lagMs` behind, instead of one dynalite; the suites that
 * test concurrency and faults ask for it, and TEST_DYNAMO=aws-like asks for it
 * for every suite.
 */
export async function startPlatform(
  options: { env?: Record<string, string>; awsLike?: { lagMs: number } } = {},
): Promise<TestPlatform> {
  const before = Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, options.env);
  const dir = mkdtempSync(join(tmpdir(), 'service-index-it-'));
  const awsLike =
    options.awsLike ?? (process.env.TEST_DYNAMO === 'aws-like' ? { lagMs: AWS_LIKE_LAG_MS } : undefined);
  const aws = awsLike ? await startAwsLikeDynamo(awsLike) : undefined;
  const dynamo = aws ?? (await startDynalite());
  setHandlerEnvironment(dynamo.endpoint, dir);
  process.env.LOG_LEVEL = 'error';
  process.env.READ_CACHE_SECONDS = '0';
  const client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE_NAME);
  const { handler: api } = await import('#functions/handlers/api.ts');
  const { handler: ingest } = await import('#functions/handlers/ingest.ts');
  const { createToken } = await import('#functions/services/tokens.ts');
  const store = new DynamoStore({ client, tableName: TABLE_NAME });
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>test</title>');
  const server = createLocalServer({ handlers: { api, ingest }, staticDir: site });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    aws,
    dir,
    client,
    store,
    token: (province = '82', units) => createToken(store, province, units, 'test'),
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      client.destroy();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
