import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { leaseTimings } from '#functions/store/dynamo/lease.ts';
import type { Store } from '#functions/store/store.ts';

/** The region the operator's commands reach on AWS: AWS_REGION, else the stack's default. */
export const awsRegion = () => process.env.AWS_REGION ?? 'ap-southeast-1';

/**
 * The deployed table (the stack's TableName output), through the SDK's usual
 * credentials (AWS_PROFILE, SSO, environment): for the operator's commands
 * that take --aws-table.
 */
export function awsStore(tableName: string): { store: Store; close(): Promise<void> } {
  const client = createDocumentClient({ region: awsRegion() });
  const store = new DynamoStore({ client, tableName, lease: leaseTimings(900) });
  return {
    store,
    close: async () => {
      await store.releaseLeases().catch(() => {});
      client.destroy();
    },
  };
}
