import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FolderArchive } from '#functions/archive/archive.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { leaseTimings } from '#functions/store/dynamo/lease.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { startDynalite } from '#infra/local/dynalite.ts';

/**
 * The local platform's settings and its database. dynalite cannot open one
 * data folder twice, so `npm start` writes DATA_DIR/platform.json with its
 * database endpoint, and every other command (token, ingest, pull) uses that
 * endpoint while the platform runs, or opens the folder itself when it does not.
 */

export const TABLE_NAME = 'service-index';

export function dataDir(): string {
  return resolve(process.env.DATA_DIR || '.data');
}

interface PlatformFile {
  pid: number;
  endpoint: string;
  url: string;
}

const platformFile = (dir: string) => join(dir, 'platform.json');

export async function writePlatformFile(dir: string, content: PlatformFile): Promise<void> {
  await writeFile(platformFile(dir), JSON.stringify(content));
}

export async function removePlatformFile(dir: string): Promise<void> {
  await rm(platformFile(dir), { force: true });
}

/** The running platform of a data folder, if any: its process is alive and its database answers. */
export async function runningPlatform(dir: string): Promise<PlatformFile | undefined> {
  const text = await readFile(platformFile(dir), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const file = JSON.parse(text) as PlatformFile;
  try {
    process.kill(file.pid, 0);
  } catch {
    return undefined;
  }
  const answer = await fetch(file.endpoint, { method: 'POST' }).catch(() => undefined);
  return answer ? file : undefined;
}

/** Sets the variables the Lambda handlers read, for a database at `endpoint`. */
export function setHandlerEnvironment(endpoint: string, dir: string): void {
  process.env.TABLE_NAME = TABLE_NAME;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.ARCHIVE_DIR = join(dir, 'archive');
  process.env.AWS_REGION ??= 'ap-southeast-1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

export interface OpenDatabase {
  endpoint: string;
  store: DynamoStore;
  /** the folder archive of the data folder: DATA_DIR/archive */
  archive: FolderArchive;
  /** true when this command opened the folder itself (no platform running) */
  own: boolean;
  /** the data folder's briefings: written to DATA_DIR/briefings, sent to DATA_DIR/subscriptions.json */
  briefings: { dir: string; subscriptionsFile: string };
  close(): Promise<void>;
}

/** Where one machine keeps its morning briefings and their subscriptions. */
export const briefingsOf = (dir: string) => ({
  dir: join(dir, 'briefings'),
  subscriptionsFile: join(dir, 'subscriptions.json'),
});

/**
 * The data folder's database and archive, for a command: the running
 * platform's database, or one opened for this command. Handed to the command
 * as objects; nothing goes through the environment.
 */
export async function openDatabase(dir = dataDir()): Promise<OpenDatabase> {
  await mkdir(dir, { recursive: true });
  const running = await runningPlatform(dir);
  const server = running ? undefined : await startDynalite({ path: join(dir, 'db') });
  const endpoint = running?.endpoint ?? (server?.endpoint as string);
  const client = createDocumentClient({ region: 'local', endpoint });
  await ensureTable(client, TABLE_NAME);
  // a command may work as long as it needs: the lease it holds is renewed, its wait for a busy province is the longest
  const store = new DynamoStore({ client, tableName: TABLE_NAME, lease: leaseTimings(900) });
  return {
    endpoint,
    store,
    archive: new FolderArchive(join(dir, 'archive')),
    own: !running,
    briefings: briefingsOf(dir),
    close: async () => {
      // a command stopped part-way gives its province back at once
      await store.releaseLeases().catch(() => {});
      client.destroy();
      await server?.close();
    },
  };
}
