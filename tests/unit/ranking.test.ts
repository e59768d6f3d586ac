import { describe, expect, it } from 'vitest';
import { methodology } from '#core/methodology/catalog.ts';
import { parsePeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { explainScore } from '#core/scoring/explain.ts';
import { OutsideProvinceError, rankPeriod } from '#core/scoring/ranking.ts';
import { recordOf } from '../support/records.ts';

const input = (province = '82', key = '2025-10') => ({
  registry,
  province,
  period: parsePeriod(key),
  methodology: methodology(),
});

describe('rankPeriod', () => {
  const records = [
    recordOf('30208', '2025-10-01'),
    recordOf('28648', '2025-10-01', { syncedToPortal: 5 }),
    recordOf('28261', '2025-10-02', { syncedToPortal: 5 }),
    recordOf('28249', '2025-11-01'),
  ];

  it('ranks the units with data, ties by code, and names the version and the period', () => {
    const r = rankPeriod(input(), records);
    expect(r.methodology).toBe('qd766-2026');
    expect(r.period).toEqual({
      kind: 'month',
      key: '2025-10',
      from: '2025-10-01',
      to: '2025-10-31',
      days: 31,
    });
    expect(r.units.map((u) => [u.unitCode, u.rank, u.total])).toEqual([
      ['30208', 1, 100],
      ['28261', 2, 97],
      ['28648', 2, 97],
    ]);
    expect(r.units[1]).toMatchObject({
      name: 'Phường Mỹ Tho',
      type: 'ward',
      band: 'excellent',
      daysWithData: 1,
    });
  });

  it('lists every other unit of the province as unranked "no data", never as zero', () => {
    const r = rankPeriod(input(), records);
    expect(r.unranked).toHaveLength(99);
    expect(r.unranked.find((u) => u.unitCode === '28249')).toEqual({
      unitCode: '28249',
      name: 'Phường Đạo Thạnh',
      type: 'ward',
      reason: 'no data',
    });
    expect(r.units.length + r.unranked.length).toBe(102);
  });

  it('serves any province: Hà Nội ranks its own 126 units', () => {
    const r = rankPeriod(input('01'), [recordOf('00004', '2025-10-05')]);
    expect(r.units.map((u) => u.unitCode)).toEqual(['00004']);
    expect(r.unranked).toHaveLength(125);
  });

  it('refuses a record of a unit outside the province', () => {
    expect(() => rankPeriod(input('01'), records)).toThrow(OutsideProvinceError);
  });

  it('explains each unit: every indicator with its rule, most points to gain first', () => {
    const m2025 = methodology('qd766-2025');
    const r = rankPeriod({ ...input(), methodology: m2025 }, records);
    const unit = r.units.find((u) => u.unitCode === '28648');
    if (!unit) throw new Error('fixture');
    const lines = explainScore(m2025, unit);
    expect(lines).toHaveLength(19);
    expect(lines[0]).toMatchObject({
      code: 'DOSSIER_SYNC',
      points: 3,
      max: 6,
      lost: 3,
      ratio: 0.5,
      inputs: { syncedToPortal: 5, received: 10 },
      rule: '6 x ratio; ratio = syncedToPortal / received',
      name: { en: 'Dossiers synced to the national portal' },
    });
    expect(lines.find((l) => l.code === 'ONLINE_SERVICE')).toMatchObject({
      notApplicable: true,
      rule: 'measured per province; not applicable to a commune or ward',
    });
  });

  it('explains a unit under qd766-2026 with every indicator measured, none given points by policy', () => {
    const r = rankPeriod(input(), records);
    const unit = r.units.find((u) => u.unitCode === '28648');
    if (!unit) throw new Error('fixture');
    const lines = explainScore(methodology(), unit);
    expect(lines).toHaveLength(19);
    expect(lines.every((l) => !l.notApplicable)).toBe(true);
    expect(lines.find((l) => l.code === 'ONLINE_SERVICE')).toMatchObject({
      rule: '12 x ratio; ratio = dossiersFullOnline / dossiersFullOnlineEligible',
    });
  });
});
