import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#functions/commons/config.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { leaseTimings } from '#functions/store/dynamo/lease.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * What every handler runs on, built once per process from the configuration:
 * one DynamoDB client and the store over it, its province leases timed from
 * the function's timeout. The ingesting handlers add the
 * archive and the recompute requests (ingest-platform.ts), so that the read
 * and recompute bundles carry no S3 or SQS client.
 */
export interface Platform {
  store: Store;
  /** the process's one DynamoDB client */
  client: DynamoDBDocumentClient;
}

let built: Platform | undefined;

export function platform(): Platform {
  if (built) return built;
  const c = config();
  const client = createDocumentClient({ region: c.region, endpoint: c.dynamoEndpoint });
  const store = new DynamoStore({
    client,
    tableName: c.tableName,
    lease: leaseTimings(c.functionTimeoutSeconds),
  });
  built = { store, client };
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    // Lambda shuts an environment down with SIGTERM: a lease held then is given back, not left to expire
    process.once('SIGTERM', () => {
      void store.releaseLeases().finally(() => process.exit(0));
    });
  }
  return built;
}
