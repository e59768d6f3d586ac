import { describe, expect, it } from 'vitest';
import type { Methodology } from '../../dashboard/src/lib/api.ts';
import { groupStanding, nextBand, unitAbove } from '../../dashboard/src/lib/standing.ts';
import type { RankingUnit } from '../../dashboard/src/lib/types.ts';

/** Where a unit stands, as the unit page says it: the next band, the unit above, a group against its maximum. */

const unit = (code: string, rank: number, total: number) => ({ unitCode: code, rank, total }) as RankingUnit;

describe('unitAbove', () => {
  const units = [unit('a', 1, 80), unit('b', 2, 75), unit('c', 2, 75), unit('d', 4, 70), unit('e', 5, 60)];

  it('is the unit ranked just before', () => {
    expect(unitAbove(units, units[4] as RankingUnit)?.unitCode).toBe('d');
  });

  it('is one of the tied units before it when ties leave no unit at the rank before (1, 2, 2, 4)', () => {
    expect(unitAbove(units, units[3] as RankingUnit)?.rank).toBe(2);
  });

  it('is never a unit that shares its rank, and none for the first', () => {
    expect(unitAbove(units, units[2] as RankingUnit)?.unitCode).toBe('a');
    expect(unitAbove(units, units[0] as RankingUnit)).toBeUndefined();
  });
});

describe('nextBand', () => {
  const m = {
    bands: [
      { id: 'excellent', min: 90, label: { vi: 'Tốt', en: 'Good' } },
      { id: 'good', min: 70, label: { vi: 'Khá', en: 'Fair' } },
      { id: 'weak', min: 0, label: { vi: 'Yếu', en: 'Weak' } },
    ],
  } as unknown as Methodology;

  it('is the lowest band above the score, with the points to it', () => {
    expect(nextBand(m, 69.29)).toEqual({ id: 'good', min: 70, gap: 0.71 });
    expect(nextBand(m, 70)).toEqual({ id: 'excellent', min: 90, gap: 20 });
  });

  it('is none in the top band', () => {
    expect(nextBand(m, 90)).toBeUndefined();
  });
});

describe('groupStanding', () => {
  it('meets at the maximum, is near from 80% of it, below under that', () => {
    expect(groupStanding(18, 18)).toBe('meets');
    expect(groupStanding(14.4, 18)).toBe('near');
    expect(groupStanding(14.39, 18)).toBe('below');
  });
});
