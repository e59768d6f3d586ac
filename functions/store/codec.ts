import { createHash } from 'node:crypto';
import {
  COUNT_FIELD_NAMES,
  type CountField,
  type DailyRecord,
  OPTIONAL_FIELD_NAMES,
} from '#core/records/fields.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';

/**
 * Counts are stored packed, one comma-separated string in the contract's field
 * order: one attribute instead of thirty keeps items small and writes fast.
 * The contract only ever grows at the end, so old items stay readable: a
 * field an item does not hold reads as 0. The fields of a later contract
 * version are packed only when one of them is not 0, so a version-1 row sent
 * again packs (and digests) as it did before, and comes back unchanged.
 */

const FIRST_VERSION_FIELDS = COUNT_FIELD_NAMES.length - OPTIONAL_FIELD_NAMES.length;

export function packCounts(counts: Record<CountField, number>): string {
  const values = COUNT_FIELD_NAMES.map((f) => counts[f]);
  const later = values.slice(FIRST_VERSION_FIELDS);
  return (later.some((v) => v !== 0) ? values : values.slice(0, FIRST_VERSION_FIELDS)).join(',');
}

export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}

export function unpackCounts(packed: string): Record<CountField, number> {
  const values = packed.split(',');
  if (values.length < FIRST_VERSION_FIELDS) {
    throw new CorruptItemError(
      `packed counts hold ${values.length} values, not at least ${FIRST_VERSION_FIELDS}`,
    );
  }
  const counts = {} as Record<CountField, number>;
  COUNT_FIELD_NAMES.forEach((f, k) => {
    counts[f] = Number(values[k] ?? 0);
  });
  return counts;
}

/** A short digest of a record's counts: equal digests mean the same values were sent again. */
export function countsDigest(packed: string): string {
  return createHash('sha256').update(packed).digest('base64url').slice(0, 22);
}

/** JSON with every object's keys in order: the same values give the same text, whatever order they came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short digest of what the portal published for a unit: equal digests mean the same figures again. */
export const observationDigest = (unit: unknown): string => countsDigest(canonicalJson(unit));

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
