import { describe, expect, it } from 'vitest';
import { rankByTotal } from '#core/scoring/rank.ts';

const units = (...pairs: [string, number][]) => pairs.map(([unitCode, total]) => ({ unitCode, total }));

describe('rankByTotal', () => {
  it('ranks by total, highest first', () => {
    const r = rankByTotal(units(['30001', 80], ['30002', 95.5], ['30003', 90]));
    expect(r.map((u) => [u.unitCode, u.rank])).toEqual([
      ['30002', 1],
      ['30003', 2],
      ['30001', 3],
    ]);
  });

  it('gives equal totals one rank and skips the places they take (1, 2, 2, 4)', () => {
    const r = rankByTotal(units(['30004', 70], ['30001', 90], ['30003', 85.25], ['30002', 85.25]));
    expect(r.map((u) => u.rank)).toEqual([1, 2, 2, 4]);
  });

  it('lists tied units by unit code', () => {
    const r = rankByTotal(units(['30009', 88], ['28261', 88], ['30076', 88]));
    expect(r.map((u) => u.unitCode)).toEqual(['28261', '30009', '30076']);
    expect(r.every((u) => u.rank === 1)).toBe(true);
  });

  it('keeps the fields of each unit and leaves its input untouched', () => {
    const input = [{ unitCode: '30001', total: 50, band: 'average' }];
    const r = rankByTotal(input);
    expect(r[0]).toEqual({ unitCode: '30001', total: 50, band: 'average', rank: 1 });
    expect(input[0]).not.toHaveProperty('rank');
  });

  it('ranks nothing as nothing', () => {
    expect(rankByTotal([])).toEqual([]);
  });
});
