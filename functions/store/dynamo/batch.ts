import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

import { StoreBusyError } from '#functions/store/store.ts';
/**
 * The batch operations DynamoDB leaves half-done on purpose: BatchWriteItem
 * and BatchGetItem may return UnprocessedItems/Keys under load, and a Query
 * stops at 1 MB. These helpers finish the job, backing off between tries.
 */

export type Item = Record<string, unknown>;

/** Retries exhausted: the items named were not written. Nothing was dropped silently. */
export class UnprocessedItemsError extends StoreBusyError {
  override name = 'UnprocessedItemsError';
  constructor(
    readonly remaining: number,
    readonly attempts: number,
  ) {
    super(`${remaining} items were still unprocessed after ${attempts} attempts`);
  }
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** injectable for tests */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseMs: 25, maxMs: 2_000 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: a random delay up to base x 2^attempt, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/** Writes every item, 25 to a request, retrying what comes back unprocessed. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  policy: RetryPolicy = DEFAULT_RETRY,
  parallel = 4,
): Promise<{ requests: number; retries: number }> {
  const chunks: Item[][] = [];
  for (let k = 0; k < items.length; k += 25) chunks.push(items.slice(k, k + 25) as Item[]);
  let requests = 0;
  let retries = 0;
  const sleep = policy.sleep ?? wait;
  const writeChunk = async (chunk: Item[]) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= policy.attempts) throw new UnprocessedItemsError(pending.length, attempt);
      if (attempt > 0) {
        retries++;
        await sleep(backoffDelay(attempt, policy));
      }
      requests++;
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  };
  // on a failure the other workers finish the request in hand and take no more, and the
  // call returns only then: nothing of it is still being written once the caller hears of it
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(parallel, chunks.length) }, async () => {
      while (!failure && next < chunks.length) {
        try {
          await writeChunk(chunks[next++] as Item[]);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return { requests, retries };
}

/**
 * Reads items by key, 100 to a request, retrying unprocessed keys. Missing
 * items are simply absent. `consistent` reads what was written a moment ago:
 * what a write decision must rest on.
 */
export async function batchGet(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Item[],
  options: { consistent?: boolean } = {},
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Item[]> {
  const found: Item[] = [];
  const sleep = policy.sleep ?? wait;
  for (let k = 0; k < keys.length; k += 100) {
    let pending = keys.slice(k, k + 100) as Item[];
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= policy.attempts) throw new UnprocessedItemsError(pending.length, attempt);
      if (attempt > 0) await sleep(backoffDelay(attempt, policy));
      const out = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      found.push(...((out.Responses?.[table] ?? []) as Item[]));
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
    }
  }
  return found;
}

/** Every item a Query matches, following LastEvaluatedKey page by page. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Writes each item with its own PutItem under `condition`, `parallel` at a
 * time (BatchWriteItem takes no condition). Answers the items the condition
 * refused. As with batchWrite, on a failure the other workers stop taking
 * items and the call returns only once none is being written.
 */
export async function putEach(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  condition: string,
  options: { parallel?: number; before?: () => void } = {},
): Promise<Item[]> {
  const refused: Item[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(options.parallel ?? 32, items.length) }, async () => {
      while (!failure && next < items.length) {
        const item = items[next++] as Item;
        try {
          options.before?.();
          await client.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: condition }));
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) refused.push(item);
          else failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return refused;
}
