import { createHash } from 'node:crypto';
import { COUNT_FIELD_NAMES, type CountField, type DailyRecord } from '#core/records/fields.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';

/**
 * Counts are stored packed, one comma-separated string in the contract's field
 * order: one attribute instead of thirty keeps items small and writes fast.
 * The contract only ever grows at the end, so old items stay readable.
 */

export function packCounts(counts: Record<CountField, number>): string {
  return COUNT_FIELD_NAMES.map((f) => counts[f]).join(',');
}

export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}

export function unpackCounts(packed: string): Record<CountField, number> {
  const values = packed.split(',');
  if (values.length < COUNT_FIELD_NAMES.length) {
    throw new CorruptItemError(`packed counts hold ${values.length} values, not ${COUNT_FIELD_NAMES.length}`);
  }
  const counts = {} as Record<CountField, number>;
  COUNT_FIELD_NAMES.forEach((f, k) => {
    counts[f] = Number(values[k]);
  });
  return counts;
}

/** A short digest of a record's counts: equal digests mean the same values were sent again. */
export function countsDigest(packed: string): string {
  return createHash('sha256').update(packed).digest('base64url').slice(0, 22);
}

export function recordFromPacked(unitCode: string, date: string, packed: string): DailyRecord {
  return { unitCode, date, ...unpackCounts(packed) };
}

/** A unit's month (or any span) aggregate, packed for a roll-up or a snapshot. */
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
