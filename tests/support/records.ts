import { COUNT_FIELD_NAMES, type CountField, type DailyRecord } from '#core/records/fields.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';

/** Counts under which every ratio of qd766-2025 and qd766-2026 is 1: a perfect center. */
export function perfectCounts(): Record<CountField, number> {
  const counts = Object.fromEntries(COUNT_FIELD_NAMES.map((f) => [f, 10])) as Record<CountField, number>;
  return {
    ...counts,
    resolvedLate: 0,
    pendingOverdue: 0,
    dossiersComplainedOrDisliked: 0,
    certifiedCopyOffered: 1,
  };
}

/** A one-day aggregate of the given counts. */
export function aggregateOf(counts: Partial<Record<CountField, number>>, unitCode = '30208'): UnitAggregate {
  return {
    unitCode,
    counts: { ...perfectCounts(), ...counts },
    daysWithData: 1,
    firstDay: '2025-10-01',
    lastDay: '2025-10-01',
  };
}

/** A valid daily record of a perfect center. */
export function recordOf(
  unitCode: string,
  date: string,
  counts: Partial<Record<CountField, number>> = {},
): DailyRecord {
  return { unitCode, date, ...perfectCounts(), ...counts };
}
