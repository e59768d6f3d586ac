import fc from 'fast-check';
import { addDays } from '#core/periods/calendar.ts';
import { COUNT_FIELD_NAMES, type CountField, type DailyRecord, PART_OF_WHOLE } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';

/** Counts of one day that keep the contract: parts never above their wholes, the flag 0 or 1. */
export const countsArb: fc.Arbitrary<Record<CountField, number>> = fc
  .tuple(...COUNT_FIELD_NAMES.map(() => fc.oneof(fc.constant(0), fc.nat(60), fc.nat(5000))))
  .map((values) => {
    const counts = Object.fromEntries(COUNT_FIELD_NAMES.map((f, k) => [f, values[k] ?? 0])) as Record<
      CountField,
      number
    >;
    for (const { part, whole } of PART_OF_WHOLE) counts[part] = Math.min(counts[part], counts[whole]);
    counts.certifiedCopyOffered = counts.certifiedCopyOffered % 2;
    return counts;
  });

const dongThap = registry.unitsOf('82').map((u) => u.code);

/** Records of a few Đồng Tháp units over the days from `from` to `from + span - 1`, one per unit and day at most. */
export function recordsArb(from: string, span: number): fc.Arbitrary<DailyRecord[]> {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...dongThap.slice(0, 6)), fc.nat(span - 1)), {
      maxLength: 40,
      selector: ([unit, day]) => `${unit}|${day}`,
    })
    .chain((keys) =>
      fc.tuple(...keys.map(() => countsArb)).map((counts) =>
        keys.map(([unitCode, day], k) => ({
          unitCode,
          date: addDays(from, day),
          ...(counts[k] as Record<CountField, number>),
        })),
      ),
    );
}
