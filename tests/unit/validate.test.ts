import { describe, expect, it } from 'vitest';
import { OPTIONAL_FIELD_NAMES, PART_OF_WHOLE, REQUIRED_FIELD_NAMES } from '#core/records/fields.ts';
import { parseSubmission, type SourceRow } from '#core/records/parse.ts';
import {
  MAX_DAILY_COUNT,
  type ValidationContext,
  validateRow,
  validateRows,
} from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import { csvOf } from '../support/csv.ts';
import { recordOf } from '../support/records.ts';

const ctx: ValidationContext = { registry, province: '82', today: '2025-12-15' };
const good = recordOf('30208', '2025-10-01');
const source = (values: Record<string, unknown>, row = 2): SourceRow => ({ row, values });
const reasonsOf = (values: Record<string, unknown>, context = ctx) => {
  const result = validateRow(source(values), context);
  return 'reasons' in result ? result.reasons : [];
};

describe('validateRow', () => {
  it('accepts a record that keeps every rule, as the typed record', () => {
    expect(validateRow(source({ ...good, extra: 'ignored' }), ctx)).toEqual(good);
  });

  it('accepts a row of contract version 1: the fields version 2 added count as 0, and are counted as left out', () => {
    const v1 = Object.fromEntries(
      Object.entries(good).filter(([k]) => !(OPTIONAL_FIELD_NAMES as string[]).includes(k)),
    );
    expect(Object.keys(v1)).toEqual([...REQUIRED_FIELD_NAMES]);
    const record = validateRow(source(v1), ctx);
    expect(record).toEqual({ ...good, ...Object.fromEntries(OPTIONAL_FIELD_NAMES.map((f) => [f, 0])) });
    const { accepted, leftOut } = validateRows(
      [source(v1, 2), source({ ...good, date: '2025-10-02' }, 3)],
      ctx,
    );
    expect(accepted).toHaveLength(2);
    expect(leftOut).toEqual(Object.fromEntries(OPTIONAL_FIELD_NAMES.map((f) => [f, 1])));
  });

  it('holds the fields of version 2 to the rules of every count: whole, not negative, part within whole', () => {
    expect(reasonsOf({ ...good, dossiersFullOnline: 11, dossiersFullOnlineEligible: 10 })).toEqual([
      {
        field: 'dossiersFullOnline',
        rule: 'part-exceeds-whole',
        message: 'dossiersFullOnline (11) cannot be more than dossiersFullOnlineEligible (10)',
      },
    ]);
    expect(reasonsOf({ ...good, procedures: -1 }).map((r) => r.rule)).toEqual(['non-negative']);
    expect(reasonsOf({ ...good, dossiersUsingPopulationData: 'many' }).map((r) => r.rule)).toEqual(['type']);
  });

  it('rejects a row naming its row, unit, day, and every field at fault', () => {
    const result = validateRow(source({ ...good, received: -1, petitionsDue: 1.5 }, 7), ctx);
    expect(result).toEqual({
      row: 7,
      unitCode: '30208',
      date: '2025-10-01',
      reasons: [
        { field: 'received', rule: 'non-negative', message: 'received cannot be negative (-1)' },
        {
          field: 'petitionsDue',
          rule: 'whole-number',
          message: 'petitionsDue must be a whole number; 1.5 is not',
        },
      ],
    });
  });

  it.each([
    ['a missing count', { received: undefined }, 'received', 'required', 'received is missing'],
    ['a null count', { received: null }, 'received', 'required', 'received is missing'],
    ['a missing unit', { unitCode: undefined }, 'unitCode', 'required', 'unitCode is missing'],
    ['a missing day', { date: undefined }, 'date', 'required', 'date is missing'],
    [
      'text for a count',
      { received: 'abc' },
      'received',
      'type',
      'received must be a whole number, not "abc"',
    ],
    [
      'a number as text in JSON',
      { received: '12' },
      'received',
      'type',
      'received must be a whole number, not "12"',
    ],
    [
      'a boolean for a count',
      { received: true },
      'received',
      'type',
      'received must be a whole number, not true',
    ],
    [
      'a fraction',
      { resolvedEarly: 2.5 },
      'resolvedEarly',
      'whole-number',
      'resolvedEarly must be a whole number; 2.5 is not',
    ],
    [
      'a negative count',
      { pendingOverdue: -3 },
      'pendingOverdue',
      'non-negative',
      'pendingOverdue cannot be negative (-3)',
    ],
    [
      'an impossible count',
      { received: MAX_DAILY_COUNT + 1, receivedOnline: 0 },
      'received',
      'too-large',
      'received is 1000001, more than the 1,000,000 a unit can record in a day',
    ],
    ['a number for the unit', { unitCode: 30208 }, 'unitCode', 'type', 'unitCode must be text, not 30208'],
    [
      'a flag other than 0 or 1',
      { certifiedCopyOffered: 2 },
      'certifiedCopyOffered',
      'flag',
      'certifiedCopyOffered must be 1 (yes) or 0 (no), not 2',
    ],
    [
      'a unit code of the wrong form',
      { unitCode: '3020' },
      'unitCode',
      'unit-code-format',
      'unitCode "3020" is not an official 5-digit unit code',
    ],
    [
      'an unknown unit',
      { unitCode: '99999' },
      'unitCode',
      'unknown-unit',
      'unit 99999 is not in the official list of communes and wards',
    ],
    [
      'a unit of another province',
      { unitCode: '00004' },
      'unitCode',
      'other-province',
      'unit 00004 (Phường Ba Đình) belongs to province 01 (Hà Nội), not 82 (Đồng Tháp)',
    ],
    [
      'a day written another way',
      { date: '01/10/2025' },
      'date',
      'date-format',
      'date "01/10/2025" must be written YYYY-MM-DD',
    ],
    [
      'a day that does not exist',
      { date: '2025-09-31' },
      'date',
      'not-a-day',
      'date 2025-09-31 does not exist',
    ],
    [
      'a day before the index began',
      { date: '2025-06-30' },
      'date',
      'before-first-day',
      'date 2025-06-30 is before 2025-07-01, when the commune-level index began',
    ],
    [
      'a day in the future',
      { date: '2025-12-16' },
      'date',
      'in-future',
      'date 2025-12-16 is after today (2025-12-15, Vietnam time)',
    ],
  ])('rejects %s', (_what, change, field, rule, message) => {
    expect(reasonsOf({ ...good, ...change })).toEqual([{ field, rule, message }]);
  });

  it('accepts the first day of the index and today', () => {
    expect(reasonsOf({ ...good, date: '2025-07-01' })).toEqual([]);
    expect(reasonsOf({ ...good, date: '2025-12-15' })).toEqual([]);
  });

  it.each(PART_OF_WHOLE.map((p) => [p.part, p.whole]))('rejects %s above %s', (part, whole) => {
    const reasons = reasonsOf({ ...good, [part]: 11, [whole]: 10 });
    expect(reasons).toContainEqual({
      field: part,
      rule: 'part-exceeds-whole',
      message: `${part} (11) cannot be more than ${whole} (10)`,
    });
  });

  it('accepts a part equal to its whole', () => {
    expect(reasonsOf({ ...good, receivedOnline: 10, received: 10 })).toEqual([]);
  });

  it('does not compare a part with a whole that is itself at fault', () => {
    expect(reasonsOf({ ...good, received: 'ten' }).map((r) => r.rule)).toEqual(['type']);
  });

  it('rejects, as forbidden, a unit outside the units a token may write', () => {
    const scoped = { ...ctx, allowedUnits: new Set(['28648']) };
    expect(reasonsOf(good, scoped)).toEqual([
      { field: 'unitCode', rule: 'forbidden', message: 'this token may not write unit 30208 (Xã Hoà Long)' },
    ]);
    expect(reasonsOf({ ...good, unitCode: '28648' }, scoped)).toEqual([]);
  });

  it('passes on a row-level fault found while parsing', () => {
    const result = validateRow({ row: 4, fault: { field: '(row)', rule: 'columns', message: 'x' } }, ctx);
    expect(result).toEqual({
      row: 4,
      unitCode: null,
      date: null,
      reasons: [{ field: '(row)', rule: 'columns', message: 'x' }],
    });
  });
});

describe('validateRows', () => {
  it('keeps the good rows of a submission when others are rejected', () => {
    const rows = parseSubmission(
      csvOf([good, { ...good, unitCode: '99999' }, recordOf('28648', '2025-10-01')]),
    ).rows;
    const { accepted, rejected } = validateRows(rows, ctx);
    expect(accepted.map((a) => [a.row, a.record.unitCode])).toEqual([
      [2, '30208'],
      [4, '28648'],
    ]);
    expect(rejected.map((r) => [r.row, r.unitCode, r.reasons[0]?.rule])).toEqual([
      [3, '99999', 'unknown-unit'],
    ]);
  });

  it('uses the last row of a unit and day and reports the earlier one as a duplicate', () => {
    const first = { ...good, received: 15 };
    const second = { ...good, received: 16 };
    const rows = parseSubmission(csvOf([first, recordOf('28648', '2025-10-01'), second])).rows;
    const { accepted, rejected } = validateRows(rows, ctx);
    expect(accepted.map((a) => [a.row, a.record.received])).toEqual([
      [3, 10],
      [4, 16],
    ]);
    expect(rejected).toEqual([
      {
        row: 2,
        unitCode: '30208',
        date: '2025-10-01',
        reasons: [
          {
            field: 'date',
            rule: 'duplicate',
            message: 'unit 30208 on 2025-10-01 appears again at row 4; the later row is used',
          },
        ],
      },
    ]);
  });

  it('adds the duplicate reason to an earlier row that was already rejected', () => {
    const rows = [source({ ...good, received: -1 }, 1), source(good, 2)];
    const { accepted, rejected } = validateRows(rows, ctx);
    expect(accepted).toHaveLength(1);
    expect(rejected[0]?.reasons.map((r) => r.rule)).toEqual(['non-negative', 'duplicate']);
  });

  it('lets the last row win even when it is the one rejected', () => {
    const rows = [source(good, 1), source({ ...good, received: -1 }, 2)];
    const { accepted, rejected } = validateRows(rows, ctx);
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => [r.row, r.reasons[0]?.rule])).toEqual([
      [1, 'duplicate'],
      [2, 'non-negative'],
    ]);
  });

  it('reads the same records from CSV and from JSON', () => {
    const records = [good, recordOf('28261', '2025-11-30', { received: 30, receivedOnline: 1 })];
    const fromCsv = validateRows(parseSubmission(csvOf(records, '\r\n')).rows, ctx);
    const fromJson = validateRows(parseSubmission(JSON.stringify({ records })).rows, ctx);
    expect(fromCsv.accepted.map((a) => a.record)).toEqual(records);
    expect(fromJson.accepted.map((a) => a.record)).toEqual(records);
  });

  it('serves any province: Hà Nội accepts its own unit and rejects a Đồng Tháp one', () => {
    const hanoi = { ...ctx, province: '01' };
    const rows = [source(recordOf('00004', '2025-10-01'), 1), source(good, 2)];
    const { accepted, rejected } = validateRows(rows, hanoi);
    expect(accepted.map((a) => a.record.unitCode)).toEqual(['00004']);
    expect(rejected[0]?.reasons[0]?.rule).toBe('other-province');
  });
});
