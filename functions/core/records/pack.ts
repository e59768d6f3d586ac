import {
  COUNT_FIELD_NAMES,
  type CountField,
  type DailyRecord,
  OPTIONAL_FIELD_NAMES,
} from '#core/records/fields.ts';

/**
 * A record's counts as one line of text, comma-separated in the contract's
 * field order: the canonical form that tells whether the same values came
 * again, and the form the store keeps (one attribute instead of 35). The
 * contract only ever grows at the end, so old text stays readable: a field it
 * does not hold reads as 0. The fields of a later contract version are written
 * only when one of them is not 0, so a version-1 row sent again packs as it did
 * before, and comes back unchanged.
 */

const FIRST_VERSION_FIELDS = COUNT_FIELD_NAMES.length - OPTIONAL_FIELD_NAMES.length;

export function packCounts(counts: Record<CountField, number>): string {
  const values = COUNT_FIELD_NAMES.map((f) => counts[f]);
  const later = values.slice(FIRST_VERSION_FIELDS);
  return (later.some((v) => v !== 0) ? values : values.slice(0, FIRST_VERSION_FIELDS)).join(',');
}

/** Packed counts that cannot be read back: fewer values than the contract's first version had. */
export class CorruptCountsError extends Error {
  override name = 'CorruptCountsError';
}

export function unpackCounts(packed: string): Record<CountField, number> {
  const values = packed.split(',');
  if (values.length < FIRST_VERSION_FIELDS) {
    throw new CorruptCountsError(
      `packed counts hold ${values.length} values, not at least ${FIRST_VERSION_FIELDS}`,
    );
  }
  const counts = {} as Record<CountField, number>;
  COUNT_FIELD_NAMES.forEach((f, k) => {
    counts[f] = Number(values[k] ?? 0);
  });
  return counts;
}

export function recordFromPacked(unitCode: string, date: string, packed: string): DailyRecord {
  return { unitCode, date, ...unpackCounts(packed) };
}
