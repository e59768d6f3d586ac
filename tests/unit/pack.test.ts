import { describe, expect, it } from 'vitest';
import { COUNT_FIELD_NAMES, OPTIONAL_FIELD_NAMES } from '#core/records/fields.ts';
import { packCounts, unpackCounts } from '#core/records/pack.ts';
import { canonicalJson, recordDigest } from '#functions/store/digest.ts';
import { recordOf } from '../support/records.ts';

describe('packed counts', () => {
  const later = Object.fromEntries(OPTIONAL_FIELD_NAMES.map((f) => [f, 0]));

  it('adds the fields of a later contract version at the end only', () => {
    expect(COUNT_FIELD_NAMES.slice(-OPTIONAL_FIELD_NAMES.length)).toEqual(OPTIONAL_FIELD_NAMES);
  });

  it('packs a row without the fields of version 2 as version 1 did, so that sending it again changes nothing', () => {
    const record = recordOf('30208', '2025-10-01', later);
    const packed = packCounts(record);
    expect(packed.split(',')).toHaveLength(COUNT_FIELD_NAMES.length - OPTIONAL_FIELD_NAMES.length);
    // an item written before version 2 reads back with those fields at 0, and digests the same
    expect(unpackCounts(packed)).toEqual(Object.fromEntries(COUNT_FIELD_NAMES.map((f) => [f, record[f]])));
    expect(recordDigest({ ...record, ...unpackCounts(packed) })).toBe(recordDigest(record));
  });

  it('packs every field once one of version 2 is not 0', () => {
    const record = recordOf('30208', '2025-10-01', { ...later, procedures: 385 });
    const packed = packCounts(record);
    expect(packed.split(',')).toHaveLength(COUNT_FIELD_NAMES.length);
    expect(unpackCounts(packed).procedures).toBe(385);
  });

  it('writes JSON with its keys in order, whatever order they came in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });
});
