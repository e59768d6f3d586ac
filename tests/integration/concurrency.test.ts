import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import { csvOf } from '../support/csv.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * Many writers at once, through the real handlers on the embedded database:
 * no update is lost, none is doubled, and recomputes agree.
 */

let p: TestPlatform;

beforeAll(async () => {
  p = await startPlatform({ env: { INGEST_BURST: '1000' } });
});

afterAll(async () => {
  await p?.close();
});

const records = [
  ...generateRecords({ registry, province: '82', from: '2025-11-03', to: '2025-11-04', seed: 31 }),
];

describe('parallel submissions', () => {
  it('for the same unit and day leave one current revision and keep every other as history', async () => {
    const token = await p.token('82');
    const target = records[0] as (typeof records)[number];
    // eight senders at once, each with its own value for the same unit and day
    const values = Array.from({ length: 8 }, (_, k) => target.received + k + 1);
    const answers = await Promise.all(
      values.map((received) =>
        fetch(`${p.base}/api/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          body: csvOf([{ ...target, receivedOnline: 0, received }]),
        }),
      ),
    );
    const receipts = await Promise.all(
      answers.map(async (a) => ({
        status: a.status,
        body: (await a.json()) as { rows?: { revision: number }[] },
      })),
    );
    expect(receipts.map((r) => r.status)).toEqual(values.map(() => 201));

    const history = await p.store.recordHistory('82', target.unitCode, target.date);
    // every accepted value is there once, with a revision of its own: nothing lost, nothing doubled
    expect(history.map((h) => h.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.map((h) => h.record.received).sort((a, b) => a - b)).toEqual(values);
    // each sender's receipt names the revision its value got
    for (const [k, r] of receipts.entries()) {
      const revision = r.body.rows?.[0]?.revision;
      expect(history.find((h) => h.revision === revision)?.record.received).toBe(values[k]);
    }
    // and the current record is the last revision
    const current = (await p.store.monthRecords('82', '2025-11')).find(
      (r) => r.unitCode === target.unitCode && r.date === target.date,
    );
    expect(current?.received).toBe(history.find((h) => h.revision === 8)?.record.received);
  });

  it('for different units of a province all go in, one after another', async () => {
    const tokens = await Promise.all(records.slice(0, 6).map((r) => p.token('82', [r.unitCode])));
    const answers = await Promise.all(
      records.slice(0, 6).map((r, k) =>
        fetch(`${p.base}/api/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[k]}`, 'content-type': 'text/csv' },
          body: csvOf(records.filter((x) => x.unitCode === r.unitCode)),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const stored = await p.store.monthRecords('82', '2025-11');
    for (const r of records.slice(0, 6)) {
      expect(stored.filter((x) => x.unitCode === r.unitCode)).toHaveLength(2);
    }
  });
});

describe('parallel recomputes', () => {
  it('of one province converge to the snapshot a single recompute gives', async () => {
    const token = await p.token('82');
    const answer = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf(records),
    });
    expect(answer.status).toBe(201);
    const days = ['2025-11-03', '2025-11-04'];
    const read = async () => {
      // a reader after the writes have reached every replica (snapshots are read eventually consistently)
      await p.aws?.settled();
      const item = await p.store.snapshot('82', 'qd766-2026', '2025-11');
      if (!item) throw new Error('no snapshot');
      const doc = item as unknown as Record<string, unknown>;
      // when it was computed is the one thing allowed to differ
      const { computedAt: _c, ...rest } = doc;
      return rest;
    };
    await recomputeProvince(p.store, '82', days);
    const single = await read();
    await Promise.all(Array.from({ length: 4 }, () => recomputeProvince(p.store, '82', days)));
    expect(await read()).toEqual(single);
  });
});
