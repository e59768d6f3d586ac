import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';

/** A CSV body of the contract's columns from records, joined with `eol`. */
export function csvOf(records: Record<string, unknown>[], eol = '\n'): string {
  const lines = [
    RECORD_FIELD_NAMES.join(','),
    ...records.map((r) => RECORD_FIELD_NAMES.map((f) => r[f] ?? '').join(',')),
  ];
  return lines.join(eol) + eol;
}
