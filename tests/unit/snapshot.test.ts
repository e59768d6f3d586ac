import { describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { addDays } from '#core/periods/calendar.ts';
import { customPeriod, parsePeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { aggregatePeriod } from '#core/scoring/aggregate.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { scoreUnit, unitTotal } from '#core/scoring/score.ts';
import { type SnapshotDocument, sweepSnapshots } from '#core/snapshots/snapshot.ts';

const m = methodology();
const records = [
  ...generateRecords({ registry, province: '82', from: '2025-07-01', to: '2025-11-20', seed: 4 }),
].filter(
  // one unit misses the last days, another has no data at all
  (r) => r.unitCode !== '28249' && !(r.unitCode === '28261' && r.date > '2025-11-15'),
);
const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11'];
const rollups = new Map(
  months.map((mo) => [mo, [...aggregatePeriod(records, `${mo}-01`, `${mo}-31`).values()]]),
);
const allDays = [...new Set(records.map((r) => r.date))];
const sweep = (changedDays: string[], from = '2025-07-01') =>
  sweepSnapshots({
    registry,
    province: '82',
    methodology: m,
    changedDays,
    latestDay: '2025-11-20',
    rollups,
    records: records.filter((r) => r.date >= from),
    rejectedRows: [
      { unitCode: '30208', date: '2025-11-03' },
      { unitCode: '30208', date: '2025-10-03' },
    ],
  });
const full = sweep(allDays);
const find = (docs: SnapshotDocument[], key: string, asOf: string) => {
  const doc = docs.find((d) => d.period.key === key && d.asOf === asOf);
  if (!doc) throw new Error(`no snapshot ${key} as of ${asOf}`);
  return doc;
};
const direct = (from: string, to: string) =>
  rankPeriod({ registry, province: '82', period: customPeriod(from, to), methodology: m }, records);

describe('sweepSnapshots', () => {
  it('writes one snapshot per day and period kind from the first changed day to the latest', () => {
    const days = 143; // 2025-07-01 .. 2025-11-20
    expect(full).toHaveLength(days * 5);
  });

  it.each([
    ['2025-11', '2025-11-10', '2025-11-01'],
    ['2025-Q4', '2025-11-20', '2025-10-01'],
    ['2025-H2', '2025-09-30', '2025-07-01'],
    ['2025', '2025-08-15', '2025-07-01'],
    ['all', '2025-11-20', '2025-07-01'],
  ])('ranks %s as of %s exactly as scoring the records from %s does', (key, asOf, from) => {
    const doc = find(full, key, asOf);
    const expected = direct(from, asOf);
    expect(doc.units.map((u) => [u.aggregate.unitCode, u.rank, u.total, u.band])).toEqual(
      expected.units.map((u) => [u.unitCode, u.rank, u.total, u.band]),
    );
    expect(doc.unranked).toEqual(expected.unranked.map((u) => u.unitCode));
    for (const u of doc.units) expect(scoreUnit(m, u.aggregate).total).toBe(u.total);
  });

  it('gives each unit its rank the day before and in the whole previous period', () => {
    const doc = find(full, '2025-11', '2025-11-10');
    const dayBefore = direct('2025-11-01', '2025-11-09');
    const october = direct('2025-10-01', '2025-10-31');
    for (const u of doc.units) {
      const before = dayBefore.units.find((x) => x.unitCode === u.aggregate.unitCode);
      const previous = october.units.find((x) => x.unitCode === u.aggregate.unitCode);
      expect(u.previousDay).toEqual(before ? { rank: before.rank, total: before.total } : null);
      expect(u.previousPeriod).toEqual(previous ? { rank: previous.rank, total: previous.total } : null);
    }
    expect(find(full, '2025-11', '2025-11-01').units.every((u) => u.previousDay === null)).toBe(true);
  });

  it('recomputes after one changed day exactly what a full sweep gives, and only the days it affects', () => {
    const partial = sweep(['2025-11-20'], '2025-11-01');
    expect(partial.map((d) => `${d.period.key}@${d.asOf}`)).toEqual([
      '2025-11@2025-11-20',
      '2025-Q4@2025-11-20',
      '2025-H2@2025-11-20',
      '2025@2025-11-20',
      'all@2025-11-20',
    ]);
    for (const doc of partial) expect(doc).toEqual(find(full, doc.period.key, doc.asOf));
  });

  it('skips the months a changed day does not belong to', () => {
    const partial = sweep(['2025-10-05'], '2025-10-01');
    expect(partial.some((d) => d.period.key === '2025-11')).toBe(false);
    // 2025-10-05 .. 2025-11-20
    expect(partial.filter((d) => d.period.key === '2025-Q4')).toHaveLength(47);
    for (const doc of partial) expect(doc).toEqual(find(full, doc.period.key, doc.asOf));
  });

  it('summarises the province: quartiles, bands, units without data, missing days, rejected rows', () => {
    const doc = find(full, '2025-11', '2025-11-20');
    const totals = doc.units.map((u) => u.total).sort((a, b) => a - b);
    expect(doc.summary).toMatchObject({ units: 102, ranked: 101, expectedDays: 20, withoutData: ['28249'] });
    expect(doc.summary.median).toBe(totals[50]);
    expect(doc.summary.min).toBe(totals[0]);
    expect(doc.summary.max).toBe(totals.at(-1));
    expect(Object.values(doc.summary.bands).reduce((a, b) => a + b, 0)).toBe(101);
    expect(doc.summary.missingDays).toContainEqual({ unitCode: '28261', missing: 5 });
    expect(doc.summary.rejectedRows).toEqual([{ unitCode: '30208', rows: 1 }]);
    expect(find(full, '2025-Q4', '2025-11-20').summary.rejectedRows).toEqual([
      { unitCode: '30208', rows: 2 },
    ]);
  });

  it('counts expected days from the first day of the index for periods that start before it', () => {
    expect(find(full, '2025', '2025-07-10').summary.expectedDays).toBe(10);
    expect(parsePeriod('2025').from).toBe('2025-01-01');
    expect(addDays('2025-07-01', 9)).toBe('2025-07-10');
  });
});

describe('unitTotal', () => {
  it('gives the total scoreUnit gives', () => {
    for (const a of aggregatePeriod(records, '2025-07-01', '2025-11-20').values()) {
      expect(unitTotal(m, a.counts)).toBe(scoreUnit(m, a).total);
    }
  });
});
