import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { customPeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { loadThroughApi } from '../support/load.ts';
import { rankingShape } from '../support/ranking.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * A year of Đồng Tháp's records through the ingest API, a week per
 * submission, while four clients read rankings without pause: no request
 * fails, and afterwards the database holds every record and answers the
 * scores a direct scoring of the same records gives.
 */

let p: TestPlatform;
const FROM = '2025-07-01';
const TO = '2026-06-30';
const records = [...generateRecords({ registry, province: '82', from: FROM, to: TO, seed: 66 })];

beforeAll(async () => {
  p = await startPlatform({ env: { INGEST_BURST: '1000' } });
});

afterAll(async () => {
  await p?.close();
});

describe('a year of records under read load', () => {
  it('goes in without an error, and the stored records and scores are those of the file', async () => {
    const result = await loadThroughApi(p.base, await p.token('82'), records, { readers: 4 });
    expect(result.writeErrors).toEqual([]);
    expect(result.readErrors).toEqual([]);
    expect(result.submissions).toBeGreaterThanOrEqual(52);
    expect(result.reads).toBeGreaterThan(100);

    let stored = 0;
    for (let m = 0; m < 12; m++) {
      const month = new Date(Date.UTC(2025, 6 + m, 1)).toISOString().slice(0, 7);
      stored += (await p.store.monthRecords('82', month)).length;
    }
    expect(stored).toBe(records.length);

    const m = methodology();
    const direct = (from: string, to: string) =>
      rankPeriod(
        { registry, province: '82', period: customPeriod(from, to), methodology: m },
        records.filter((r) => r.date >= from && r.date <= to),
      );
    for (const [query, from, to] of [
      ['period=2025-H2', '2025-07-01', '2025-12-31'],
      ['period=2026-Q2', '2026-04-01', '2026-06-30'],
      ['period=2026-02', '2026-02-01', '2026-02-28'],
      [`from=${FROM}&to=${TO}`, FROM, TO],
    ] as const) {
      const answer = (await (await fetch(`${p.base}/api/provinces/82/rankings?${query}`)).json()) as {
        units: Parameters<typeof rankingShape>[0][];
      };
      expect(answer.units.map(rankingShape), query).toEqual(direct(from, to).units.map(rankingShape));
    }
  }, 300_000);
});
