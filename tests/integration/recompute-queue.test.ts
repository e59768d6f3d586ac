import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { csvOf } from '../support/csv.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';
import { type SentMessage, type SqsStandIn, startSqsStandIn } from './support/sqs-standin.ts';

/**
 * Ingestion as it runs on AWS: the recompute is asked of the queue, not run
 * in the request. The real ingest handler and SQS client send to a stand-in
 * for SQS (SQS cannot run here) that keeps what it is sent; the real
 * recompute handler then consumes exactly those messages.
 */

let p: TestPlatform;
let sqs: SqsStandIn;

beforeAll(async () => {
  p = await startPlatform();
  sqs = await startSqsStandIn();
  process.env.RECOMPUTE_QUEUE_URL = sqs.queueUrl;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});

afterAll(async () => {
  await sqs?.close();
  await p?.close();
});

describe('recompute through the queue', () => {
  it('answers the sender before the recompute, and the queue message brings the snapshots up to date', async () => {
    const token = await p.token('82');
    const body = csvOf([
      ...generateRecords({ registry, province: '82', from: '2025-09-01', to: '2025-09-03', seed: 8 }),
    ]);
    const answer = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });
    expect(answer.status).toBe(201);
    const receipt = (await answer.json()) as { id: string };

    // one message, grouped by province, deduplicated by submission
    expect(sqs.sent).toHaveLength(1);
    const message = sqs.sent[0] as SentMessage;
    expect(message.QueueUrl).toBe(process.env.RECOMPUTE_QUEUE_URL);
    expect(message.MessageGroupId).toBe('82');
    expect(message.MessageDeduplicationId).toBe(createHash('sha256').update(receipt.id).digest('hex'));
    expect(JSON.parse(message.MessageBody)).toEqual({
      province: '82',
      days: ['2025-09-01', '2025-09-02', '2025-09-03'],
      submission: receipt.id,
    });
    // nothing was recomputed in the request
    expect(await p.store.snapshot('82', 'qd766-2026', '2025-09')).toBeUndefined();

    const { handler } = await import('#functions/handlers/recompute.ts');
    const result = await handler({
      Records: [{ messageId: 'm1', body: message.MessageBody }],
    } as Parameters<typeof handler>[0]);
    expect(result).toEqual({ batchItemFailures: [] });
    const snapshot = await p.store.snapshot('82', 'qd766-2026', '2025-09');
    expect(snapshot).toBeDefined();
    const ranking = await (await fetch(`${p.base}/api/provinces/82/rankings?period=2025-09`)).json();
    expect((ranking as { units: unknown[] }).units).toHaveLength(102);
  });

  it('sends one message per submission, even for the same days, so that no change goes unheard', async () => {
    const token = await p.token('82');
    const records = [
      ...generateRecords({ registry, province: '82', from: '2025-09-04', to: '2025-09-04', seed: 8 }),
    ];
    const first = csvOf(records);
    const second = csvOf(records.map((r) => ({ ...r, received: r.received + 1 })));
    const before = sqs.sent.length;
    for (const body of [first, second]) {
      const answer = await fetch(`${p.base}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body,
      });
      expect(answer.status).toBe(201);
    }
    const mine = sqs.sent.slice(before);
    expect(mine).toHaveLength(2);
    expect(mine[0]?.MessageBody).not.toBe(mine[1]?.MessageBody);
    expect(new Set(mine.map((m) => m.MessageDeduplicationId)).size).toBe(2);
  });

  it('returns the messages of a province whose recompute failed, and only those', async () => {
    const { handler } = await import('#functions/handlers/recompute.ts');
    const result = await handler({
      Records: [
        { messageId: 'ok', body: JSON.stringify({ province: '82', days: ['2025-09-04'], submission: 's1' }) },
        {
          messageId: 'bad-day',
          body: JSON.stringify({ province: '82', days: ['2025-13-40'], submission: 's2' }),
        },
        { messageId: 'no-json', body: '{' },
      ],
    } as Parameters<typeof handler>[0]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-day', 'no-json']);
  });
});
