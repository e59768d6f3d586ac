import { describe, expect, it } from 'vitest';
import { aggregatePeriod, mergeAggregates } from '#core/scoring/aggregate.ts';
import { recordOf } from '../support/records.ts';

describe('aggregatePeriod', () => {
  const records = [
    recordOf('30208', '2025-10-03', { received: 7, pendingOverdue: 3, feeProcedures: 12 }),
    recordOf('30208', '2025-10-01', { received: 5, pendingOverdue: 1, feeProcedures: 10 }),
    recordOf('30208', '2025-10-02', { received: 6, pendingOverdue: 2, feeProcedures: 11 }),
    recordOf('30208', '2025-09-30', { received: 100, pendingOverdue: 50, feeProcedures: 99 }),
    recordOf('30211', '2025-10-02', { received: 1 }),
  ];

  it('sums the "sum" fields over the days of the period', () => {
    expect(aggregatePeriod(records, '2025-10-01', '2025-10-31').get('30208')?.counts.received).toBe(18);
  });

  it('takes the "last" fields from the latest day with a record, whatever the order of the records', () => {
    const a = aggregatePeriod(records, '2025-10-01', '2025-10-31').get('30208');
    expect(a?.counts.pendingOverdue).toBe(3);
    expect(a?.counts.feeProcedures).toBe(12);
    const upToSecond = aggregatePeriod(records, '2025-10-01', '2025-10-02').get('30208');
    expect(upToSecond?.counts.pendingOverdue).toBe(2);
  });

  it('counts the days with data and their span', () => {
    const a = aggregatePeriod(records, '2025-10-01', '2025-10-31').get('30208');
    expect(a).toMatchObject({ daysWithData: 3, firstDay: '2025-10-01', lastDay: '2025-10-03' });
  });

  it('leaves out days outside the period and units without a record in it', () => {
    const a = aggregatePeriod(records, '2025-10-03', '2025-10-31');
    expect([...a.keys()]).toEqual(['30208']);
    expect(a.get('30208')?.counts.received).toBe(7);
  });
});

describe('mergeAggregates', () => {
  it('gives the same aggregate as the two spans aggregated together', () => {
    const records = [
      recordOf('30208', '2025-10-01', { received: 5, pendingOverdue: 1 }),
      recordOf('30208', '2025-10-20', { received: 6, pendingOverdue: 2 }),
      recordOf('30208', '2025-11-02', { received: 7, pendingOverdue: 3 }),
    ];
    const october = aggregatePeriod(records, '2025-10-01', '2025-10-31').get('30208');
    const november = aggregatePeriod(records, '2025-11-01', '2025-11-30').get('30208');
    const both = aggregatePeriod(records, '2025-10-01', '2025-11-30').get('30208');
    if (!october || !november) throw new Error('fixture');
    expect(mergeAggregates(october, november)).toEqual(both);
    expect(mergeAggregates(november, october)).toEqual(both);
  });
});
