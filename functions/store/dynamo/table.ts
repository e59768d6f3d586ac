import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The single table's key schema: the same here, in the CDK stack and in docs/data-model.md. */
export const TABLE_KEYS = {
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
} as const;

/**
 * Creates the table when it is missing (local platform and tests; on AWS the
 * stack owns it), and returns once it is ACTIVE: a table still being created
 * answers ResourceNotFoundException to writes.
 */
export async function ensureTable(client: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...TABLE_KEYS.AttributeDefinitions],
      KeySchema: [...TABLE_KEYS.KeySchema],
    }),
  );
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the table ${tableName} is not ACTIVE a minute after it was created`);
}
