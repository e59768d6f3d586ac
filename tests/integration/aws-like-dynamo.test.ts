import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { type AwsLikeDynamo, startAwsLikeDynamo } from '../support/aws-like-dynamo.ts';

/** The test double itself: it must really behave as DynamoDB does where dynalite does not. */

let db: AwsLikeDynamo;
const TABLE = 'double';

beforeAll(async () => {
  db = await startAwsLikeDynamo({ lagMs: 300 });
  await ensureTable(db.client('setup'), TABLE);
});
afterAll(() => db?.close());

const key = (sk: string) => ({ pk: 'P', sk });

describe('the AWS-like DynamoDB', () => {
  it('serves an eventually consistent read from behind, and a consistent one from the latest write', async () => {
    const a = db.client('a');
    await a.send(new PutCommand({ TableName: TABLE, Item: { ...key('one'), v: 1 } }));
    const stale = await a.send(new GetCommand({ TableName: TABLE, Key: key('one') }));
    expect(stale.Item).toBeUndefined();
    const fresh = await a.send(new GetCommand({ TableName: TABLE, Key: key('one'), ConsistentRead: true }));
    expect(fresh.Item?.v).toBe(1);
    const queried = await a.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'P' },
      }),
    );
    expect(queried.Items).toEqual([]);
    expect(db.staleReads()).toBeGreaterThanOrEqual(2);
    await db.settled();
    const later = await a.send(new GetCommand({ TableName: TABLE, Key: key('one') }));
    expect(later.Item?.v).toBe(1);
  });

  it('holds a writer between its read and its write while another writes', async () => {
    const a = db.client('a');
    const b = db.client('b');
    await a.send(new PutCommand({ TableName: TABLE, Item: { ...key('held'), v: 0 } }));
    const held = db.hold((r) => r.writer === 'b' && r.operation === 'PutItem');
    const slow = (async () => {
      await b.send(new GetCommand({ TableName: TABLE, Key: key('held'), ConsistentRead: true }));
      await b.send(new PutCommand({ TableName: TABLE, Item: { ...key('held'), v: 'b' } }));
    })();
    await held.reached;
    await a.send(new PutCommand({ TableName: TABLE, Item: { ...key('held'), v: 'a' } }));
    held.release();
    await slow;
    const now = await a.send(new GetCommand({ TableName: TABLE, Key: key('held'), ConsistentRead: true }));
    expect(now.Item?.v).toBe('b');
    // b read version 1 and overwrote version 2, a's: the planted race is caught
    expect(db.lostUpdates).toContainEqual(
      expect.objectContaining({ writer: 'b', operation: 'PutItem', read: 1, overwritten: 2 }),
    );
  });

  it('reports a create over an item a writer read as absent, and lets a conditional write through', async () => {
    const a = db.client('a2');
    const b = db.client('b2');
    const before = db.lostUpdates.length;
    await b.send(new GetCommand({ TableName: TABLE, Key: key('new'), ConsistentRead: true }));
    await a.send(new PutCommand({ TableName: TABLE, Item: { ...key('new'), v: 'a' } }));
    await b.send(new PutCommand({ TableName: TABLE, Item: { ...key('new'), v: 'b' } }));
    expect(db.lostUpdates.slice(before)).toEqual([
      expect.objectContaining({ writer: 'b2', read: 0, overwritten: 1 }),
    ]);
    const after = db.lostUpdates.length;
    await a.send(new GetCommand({ TableName: TABLE, Key: key('guarded'), ConsistentRead: true }));
    await b.send(new PutCommand({ TableName: TABLE, Item: { ...key('guarded'), v: 'b' } }));
    await expect(
      a.send(
        new PutCommand({
          TableName: TABLE,
          Item: { ...key('guarded'), v: 'a' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toThrow(/conditional request failed/i);
    expect(db.lostUpdates.length).toBe(after);
  });
});
