import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Archive, FolderArchive } from '#functions/archive/archive.ts';
import { config } from '#functions/commons/config.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * What the handlers run on, built once per process from the configuration:
 * one DynamoDB client, the store over it, and the archive.
 */
export interface Platform {
  store: Store;
  archive: Archive;
  /** the process's one DynamoDB client */
  client: DynamoDBDocumentClient;
}

let built: Platform | undefined;

export function platform(): Platform {
  if (built) return built;
  const c = config();
  const client = createDocumentClient({ region: c.region, endpoint: c.dynamoEndpoint });
  const store = new DynamoStore({ client, tableName: c.tableName });
  if (!c.archiveDir) throw new Error('the S3 archive lands with the AWS stack; set ARCHIVE_DIR');
  built = { store, archive: new FolderArchive(c.archiveDir), client };
  return built;
}
