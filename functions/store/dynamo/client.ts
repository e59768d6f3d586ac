import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface DynamoOptions {
  region: string;
  /** a local endpoint such as dynalite's; real AWS when unset */
  endpoint?: string | undefined;
}

/** A document client; create one per process and share it. */
export function createDocumentClient(options: DynamoOptions): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: options.region,
    ...(local
      ? {
          endpoint: options.endpoint,
          // dynalite accepts any credentials; never reach for a real profile on a developer's machine
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 32 }) }),
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
