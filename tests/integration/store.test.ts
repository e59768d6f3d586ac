import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchWrite, queryAll, UnprocessedItemsError } from '#functions/store/dynamo/batch.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { type EmbeddedDynamo, startDynalite } from '#infra/local/dynalite.ts';

let dynamo: EmbeddedDynamo;
let client: DynamoDBDocumentClient;
const TABLE = 'store-test';

beforeAll(async () => {
  dynamo = await startDynalite();
  client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE);
});
afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

/**
 * Makes the real client hold back part of each BatchWriteItem, as DynamoDB does
 * under load: the first `times` requests send only their first item and answer
 * the rest as UnprocessedItems. Returns the sizes of the requests sent.
 */
function throttleBatches(times: number): { sent: number[]; remove(): void } {
  const sent: number[] = [];
  let left = times;
  client.middlewareStack.add(
    (next) => async (args) => {
      const command = args.input as { RequestItems?: Record<string, unknown[]> };
      if (!command.RequestItems || left <= 0) {
        if (command.RequestItems) sent.push(Object.values(command.RequestItems)[0]?.length ?? 0);
        return next(args);
      }
      left--;
      const [table, items] = Object.entries(command.RequestItems)[0] as [string, unknown[]];
      sent.push(1);
      const result = await next({
        ...args,
        input: { ...command, RequestItems: { [table]: items.slice(0, 1) } },
      });
      (result.output as { UnprocessedItems?: unknown }).UnprocessedItems = { [table]: items.slice(1) };
      return result;
    },
    { step: 'initialize', name: 'throttleBatches' },
  );
  return { sent, remove: () => client.middlewareStack.remove('throttleBatches') };
}

describe('batchWrite', () => {
  it('writes in requests of at most 25 items', async () => {
    const throttle = throttleBatches(0);
    const items = Array.from({ length: 60 }, (_, k) => ({ pk: 'CHUNKS', sk: String(k).padStart(3, '0') }));
    const { requests } = await batchWrite(client, TABLE, items);
    throttle.remove();
    expect(requests).toBe(3);
    expect(throttle.sent.sort()).toEqual([10, 25, 25]);
    expect(
      await queryAll(client, {
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CHUNKS' },
      }),
    ).toHaveLength(60);
  });

  it('retries UnprocessedItems several times in a row, with growing delays, until all are written', async () => {
    const throttle = throttleBatches(4);
    const delays: number[] = [];
    const items = Array.from({ length: 5 }, (_, k) => ({ pk: 'RETRY', sk: String(k) }));
    const result = await batchWrite(client, TABLE, items, {
      attempts: 10,
      baseMs: 10,
      maxMs: 1000,
      random: () => 0.999,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    throttle.remove();
    expect(result.retries).toBe(4);
    expect(delays).toEqual([19, 39, 79, 159]);
    const stored = await queryAll(client, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'RETRY' },
    });
    expect(stored.map((i) => i.sk)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('gives up with an error naming what was not written, never silently', async () => {
    const throttle = throttleBatches(100);
    const items = Array.from({ length: 5 }, (_, k) => ({ pk: 'GIVEUP', sk: String(k) }));
    const attempt = batchWrite(client, TABLE, items, {
      attempts: 3,
      baseMs: 1,
      maxMs: 1,
      sleep: async () => {},
    });
    await expect(attempt).rejects.toThrow(UnprocessedItemsError);
    throttle.remove();
  });
});

describe('queryAll', () => {
  it('pages past the 1 MB a single Query returns', async () => {
    const padding = 'x'.repeat(2000);
    const items = Array.from({ length: 700 }, (_, k) => ({
      pk: 'BIG',
      sk: String(k).padStart(4, '0'),
      padding,
    }));
    await batchWrite(client, TABLE, items);
    const one = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'BIG' } },
      }),
    );
    expect(one.LastEvaluatedKey).toBeDefined();
    expect(one.Items?.length).toBeLessThan(700);
    const all = await queryAll(client, {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'BIG' },
    });
    expect(all).toHaveLength(700);
    expect(new Set(all.map((i) => i.sk)).size).toBe(700);
  });
});
