import { packCounts, unpackCounts } from '#core/records/pack.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';

/** A unit's month (or any span) aggregate as a roll-up or snapshot item keeps it: its counts packed. */
export interface PackedAggregate {
  unitCode: string;
  counts: string;
  days: number;
  first: string;
  last: string;
}

export function packAggregate(a: UnitAggregate): PackedAggregate {
  return {
    unitCode: a.unitCode,
    counts: packCounts(a.counts),
    days: a.daysWithData,
    first: a.firstDay,
    last: a.lastDay,
  };
}

export function unpackAggregate(p: PackedAggregate): UnitAggregate {
  return {
    unitCode: p.unitCode,
    counts: unpackCounts(p.counts),
    daysWithData: p.days,
    firstDay: p.first,
    lastDay: p.last,
  };
}
