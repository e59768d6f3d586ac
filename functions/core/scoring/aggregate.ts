import type { Day } from '#core/periods/calendar.ts';
import { COUNT_FIELDS, type CountField, type DailyRecord } from '#core/records/fields.ts';

/**
 * A unit's daily records carried over a period: "sum" fields summed, "last"
 * fields taken from the latest day that has a record (METHODOLOGY.md).
 */
export interface UnitAggregate {
  unitCode: string;
  counts: Record<CountField, number>;
  /** days of the period with a record */
  daysWithData: number;
  firstDay: Day;
  lastDay: Day;
}

const SUM = COUNT_FIELDS.filter((f) => f.agg === 'sum').map((f) => f.name);
const LAST = COUNT_FIELDS.filter((f) => f.agg === 'last').map((f) => f.name);

interface Accumulator {
  unitCode: string;
  sums: Float64Array;
  last: Float64Array;
  days: number;
  firstDay: Day;
  lastDay: Day;
}

function finish(a: Accumulator): UnitAggregate {
  const counts = {} as Record<CountField, number>;
  SUM.forEach((f, k) => {
    counts[f] = a.sums[k] ?? 0;
  });
  LAST.forEach((f, k) => {
    counts[f] = a.last[k] ?? 0;
  });
  return { unitCode: a.unitCode, counts, daysWithData: a.days, firstDay: a.firstDay, lastDay: a.lastDay };
}

/**
 * Aggregates the records whose day lies in [from, to] by unit. Records may come
 * in any order; each unit and day is expected once (validation removes duplicates).
 */
export function aggregatePeriod(
  records: Iterable<DailyRecord>,
  from: Day,
  to: Day,
): Map<string, UnitAggregate> {
  const byUnit = new Map<string, Accumulator>();
  for (const r of records) {
    const day = r.date;
    if (day < from || day > to) continue;
    let a = byUnit.get(r.unitCode);
    if (!a) {
      a = {
        unitCode: r.unitCode,
        sums: new Float64Array(SUM.length),
        last: new Float64Array(LAST.length),
        days: 0,
        firstDay: day,
        lastDay: '',
      };
      byUnit.set(r.unitCode, a);
    }
    const sums = a.sums;
    for (let k = 0; k < SUM.length; k++) sums[k] = (sums[k] as number) + r[SUM[k] as CountField];
    if (day >= a.lastDay) {
      const last = a.last;
      for (let k = 0; k < LAST.length; k++) last[k] = r[LAST[k] as CountField];
      a.lastDay = day;
    }
    if (day < a.firstDay) a.firstDay = day;
    a.days++;
  }
  const result = new Map<string, UnitAggregate>();
  for (const [code, a] of byUnit) result.set(code, finish(a));
  return result;
}

/**
 * Combines the aggregates of two disjoint spans of days of one unit, as if
 * both had been aggregated together: sums add, "last" fields come from the
 * span with the later last day. Lets a year be built from its months.
 */
export function mergeAggregates(a: UnitAggregate, b: UnitAggregate): UnitAggregate {
  const later = b.lastDay >= a.lastDay ? b : a;
  const earlier = b.firstDay < a.firstDay ? b : a;
  const counts = {} as Record<CountField, number>;
  for (const f of SUM) counts[f] = a.counts[f] + b.counts[f];
  for (const f of LAST) counts[f] = later.counts[f];
  return {
    unitCode: a.unitCode,
    counts,
    daysWithData: a.daysWithData + b.daysWithData,
    firstDay: earlier.firstDay,
    lastDay: later.lastDay,
  };
}
