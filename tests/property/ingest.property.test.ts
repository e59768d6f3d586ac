import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { inlineRecompute } from '#functions/services/recompute-requests.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { startPlatform, type TestPlatform } from '../integration/support/platform.ts';
import { csvOf } from '../support/csv.ts';

/**
 * Ingestion as a function of its input alone, on the embedded database: the
 * same batch twice leaves what it left once, and a batch split into parts
 * sent in any order leaves what the whole leaves. Each case gets fresh tables.
 */

let p: TestPlatform;
let tables = 0;

beforeAll(async () => {
  p = await startPlatform();
});

afterAll(async () => {
  await p?.close();
});

const units = registry
  .unitsOf('82')
  .slice(0, 12)
  .map((u) => u.code);
const pool = [
  ...generateRecords({ registry, province: '82', from: '2025-12-01', to: '2025-12-04', seed: 41 }),
].filter((r) => units.includes(r.unitCode));

async function freshStore(): Promise<DynamoStore> {
  const name = `prop-${++tables}`;
  await ensureTable(p.client, name);
  return new DynamoStore({ client: p.client, tableName: name });
}

async function send(store: DynamoStore, records: readonly DailyRecord[]): Promise<void> {
  await ingestSubmission(
    { store, archive: new FolderArchive(`${p.dir}/archive-prop`), recompute: inlineRecompute(store) },
    {
      body: Buffer.from(csvOf(records as unknown as Record<string, unknown>[])),
      formatHint: 'text/csv',
      scope: { province: '82', label: 'property', createdAt: '2025-12-05T00:00:00Z' },
    },
  );
}

/** What a reader can see: the current records, and the month's ranking as of each day. */
async function state(store: DynamoStore) {
  // a reader after the writes have reached every replica: the state itself, not a replica's lag
  await p.aws?.settled();
  const records = (await store.monthRecords('82', '2025-12')).sort((a, b) =>
    `${a.unitCode}${a.date}`.localeCompare(`${b.unitCode}${b.date}`),
  );
  const rankings: unknown[] = [];
  for (const asOf of [undefined, '2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04']) {
    const item = await store.snapshot('82', 'qd766-2026', '2025-12', asOf);
    if (!item) {
      rankings.push(null);
      continue;
    }
    const { computedAt: _c, ...doc } = item as unknown as Record<string, unknown>;
    rankings.push(doc);
  }
  return { records, rankings };
}

const batches = fc.subarray(pool, { minLength: 1, maxLength: 30 });

describe('ingestion', () => {
  it('leaves the same state when the same batch comes twice', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (batch) => {
        const store = await freshStore();
        await send(store, batch);
        const once = await state(store);
        await send(store, batch);
        expect(await state(store)).toEqual(once);
      }),
      { numRuns: 10, seed: 1 },
    );
  });

  it('leaves the same state for a batch split into parts sent in any order as for the whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        batches.chain((batch) =>
          fc.tuple(
            fc.constant(batch),
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: batch.length, maxLength: batch.length }),
            fc.array(fc.integer(), { minLength: 4, maxLength: 4 }),
          ),
        ),
        async ([batch, partOf, order]) => {
          const whole = await freshStore();
          await send(whole, batch);
          const parts = [0, 1, 2, 3]
            .map((k) => batch.filter((_, i) => partOf[i] === k))
            .filter((part) => part.length)
            .map((part, k) => ({ part, key: order[k] ?? 0 }))
            .sort((a, b) => a.key - b.key);
          const split = await freshStore();
          for (const { part } of parts) await send(split, part);
          expect(await state(split)).toEqual(await state(whole));
        },
      ),
      { numRuns: 30, seed: 2 },
    );
  });
});
