import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { batchWrite } from '#functions/store/dynamo/batch.ts';
import { TABLE_NAME } from '#infra/local/environment.ts';
import { startPlatform } from '../tests/integration/support/platform.ts';
import { loadThroughApi, percentile } from '../tests/support/load.ts';
import { rawRecordItems } from './harness.ts';

/**
 * A year of one province through the ingest API, a week per submission,
 * with four clients reading rankings all along (the load test's scenario):
 * sustained rows per second against writing the same items raw with
 * BatchWriteItem, and the reads' p99 under the writes against the same
 * reads with nothing being written. Both baselines come from this run.
 */

const fmt = (n: number) => Math.round(n).toLocaleString('en');

export async function benchLoad(): Promise<boolean> {
  const p = await startPlatform({ env: { INGEST_BURST: '1000' } });
  let ok = true;
  try {
    const records = [
      ...generateRecords({ registry, province: '82', from: '2025-07-01', to: '2026-06-30', seed: 66 }),
    ];
    console.log(
      `load: a year of 102 units (${fmt(records.length)} rows) through the API, 4 readers throughout`,
    );

    let t = performance.now();
    await batchWrite(p.client, TABLE_NAME, rawRecordItems(records));
    const rawRate = records.length / ((performance.now() - t) / 1000);
    console.log(
      `  ${'baseline: raw BatchWriteItem of the same items'.padEnd(58)} ${`${fmt(rawRate)} items/s`.padStart(20)}`,
    );

    const result = await loadThroughApi(p.base, await p.token('82'), records, { readers: 4 });
    console.log(
      `  ${'ingest API under read load, sustained'.padEnd(58)} ${`${fmt(result.rowsPerSecond)} rows/s`.padStart(20)}  ${(result.rowsPerSecond / rawRate).toFixed(2)}x baseline`,
    );

    // the same readers with nothing being written
    const idle: number[] = [];
    const until = performance.now() + 5000;
    const paths = [
      '/api/provinces/82/rankings?period=all',
      '/api/provinces/82/summary?period=all',
      '/api/provinces/82/trend',
    ];
    await Promise.all(
      Array.from({ length: 4 }, async (_, k) => {
        for (let n = k; performance.now() < until; n++) {
          t = performance.now();
          await (await fetch(`${p.base}${paths[n % paths.length]}`)).arrayBuffer();
          idle.push(performance.now() - t);
        }
      }),
    );
    idle.sort((a, b) => a - b);
    const idleP99 = percentile(idle, 99);
    console.log(
      `  ${'baseline: the same reads, nothing written, p99'.padEnd(58)} ${`${idleP99.toFixed(0)} ms`.padStart(20)}`,
    );
    console.log(
      `  ${`reads under write load (${fmt(result.reads)}), p99`.padEnd(58)} ${`${result.readP99.toFixed(0)} ms`.padStart(20)}  ${(result.readP99 / idleP99).toFixed(2)}x baseline (p50 ${result.readP50.toFixed(0)} ms)`,
    );
    const errors = result.writeErrors.length + result.readErrors.length;
    let stored = 0;
    for (let m = 0; m < 12; m++) {
      stored += (
        await p.store.monthRecords('82', new Date(Date.UTC(2025, 6 + m, 1)).toISOString().slice(0, 7))
      ).length;
    }
    const complete = stored === records.length;
    console.log(
      `  ${'failed requests; records stored of those sent'.padEnd(58)} ${`${errors}; ${fmt(stored)} of ${fmt(records.length)}`.padStart(20)}  (aim: none failed, all stored: ${errors === 0 && complete ? 'met' : 'MISSED'})`,
    );
    ok = errors === 0 && complete;
  } finally {
    await p.close();
  }
  return ok;
}
