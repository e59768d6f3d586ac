import { type Day, isDay } from '#core/periods/calendar.ts';
import {
  COUNT_FIELD_NAMES,
  type CountField,
  type DailyRecord,
  FIRST_DAY,
  FLAG_FIELDS,
  OPTIONAL_FIELD_NAMES,
  PART_OF_WHOLE,
} from '#core/records/fields.ts';
import type { SourceRow } from '#core/records/parse.ts';
import type { Rejection, RejectionRule, RowReason } from '#core/records/rejection.ts';
import type { UnitRegistry } from '#core/registry/registry.ts';
import * as z from '#core/zod.ts';

/** The most any count can be on one day for one unit; larger values are typing or export faults. */
export const MAX_DAILY_COUNT = 1_000_000;

export interface ValidationContext {
  registry: UnitRegistry;
  /** the province the submission is for; units of other provinces are rejected */
  province: string;
  /** today in Vietnam; later days are rejected */
  today: Day;
  /** when set, only these units may be written (a commune's token); others are rejected as forbidden */
  allowedUnits?: ReadonlySet<string> | undefined;
}

export interface AcceptedRow {
  row: number;
  record: DailyRecord;
}

export interface ValidationResult {
  accepted: AcceptedRow[];
  rejected: Rejection[];
  /** accepted rows that left out fields the contract added after its first version, by field */
  leftOut: Partial<Record<CountField, number>>;
}

const count = z.int().check(z.minimum(0), z.maximum(MAX_DAILY_COUNT));
const optional = new Set<string>(OPTIONAL_FIELD_NAMES);
const shape = z.object({
  unitCode: z.string(),
  date: z.string(),
  ...(Object.fromEntries(
    COUNT_FIELD_NAMES.map((f) => [f, optional.has(f) ? z.optional(count) : count]),
  ) as Record<CountField, typeof count>),
});

/** A field of a later contract version that the row does not carry (absent, empty or null). */
const leftOut = (values: Record<string, unknown>, f: string) =>
  optional.has(f) && (values[f] === undefined || values[f] === null || values[f] === '');

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** Translates a zod issue on one field into the rule and words a clerk reads. */
function reasonFor(issue: z.core.$ZodIssue, values: Record<string, unknown>): RowReason {
  const field = String(issue.path[0] ?? '(row)');
  const value = values[field];
  const say = (rule: RejectionRule, message: string): RowReason => ({ field, rule, message });
  if (value === undefined || value === null) return say('required', `${field} is missing`);
  switch (issue.code) {
    case 'invalid_type':
      if (field === 'unitCode' || field === 'date')
        return say('type', `${field} must be text, not ${show(value)}`);
      if (typeof value === 'number' && Number.isFinite(value)) {
        return say('whole-number', `${field} must be a whole number; ${value} is not`);
      }
      return say('type', `${field} must be a whole number, not ${show(value)}`);
    case 'too_small':
      return say('non-negative', `${field} cannot be negative (${show(value)})`);
    case 'too_big':
      return say(
        'too-large',
        `${field} is ${show(value)}, more than the ${MAX_DAILY_COUNT.toLocaleString('en')} a unit can record in a day`,
      );
    default:
      return say('type', `${field}: ${issue.message}`);
  }
}

function keyReasons(values: Record<string, unknown>, ctx: ValidationContext): RowReason[] {
  const reasons: RowReason[] = [];
  const { unitCode, date } = values;
  if (typeof unitCode === 'string') {
    const unit = ctx.registry.unit(unitCode);
    if (!/^\d{5}$/.test(unitCode)) {
      reasons.push({
        field: 'unitCode',
        rule: 'unit-code-format',
        message: `unitCode ${show(unitCode)} is not an official 5-digit unit code`,
      });
    } else if (!unit) {
      reasons.push({
        field: 'unitCode',
        rule: 'unknown-unit',
        message: `unit ${unitCode} is not in the official list of communes and wards`,
      });
    } else if (unit.provinceCode !== ctx.province) {
      const theirs = ctx.registry.province(unit.provinceCode);
      const ours = ctx.registry.province(ctx.province);
      reasons.push({
        field: 'unitCode',
        rule: 'other-province',
        message: `unit ${unitCode} (${unit.fullName}) belongs to province ${unit.provinceCode} (${theirs?.name}), not ${ctx.province} (${ours?.name})`,
      });
    } else if (ctx.allowedUnits && !ctx.allowedUnits.has(unitCode)) {
      reasons.push({
        field: 'unitCode',
        rule: 'forbidden',
        message: `this token may not write unit ${unitCode} (${unit.fullName})`,
      });
    }
  }
  if (typeof date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      reasons.push({
        field: 'date',
        rule: 'date-format',
        message: `date ${show(date)} must be written YYYY-MM-DD`,
      });
    } else if (!isDay(date)) {
      reasons.push({ field: 'date', rule: 'not-a-day', message: `date ${date} does not exist` });
    } else if (date < FIRST_DAY) {
      reasons.push({
        field: 'date',
        rule: 'before-first-day',
        message: `date ${date} is before ${FIRST_DAY}, when the commune-level index began`,
      });
    } else if (date > ctx.today) {
      reasons.push({
        field: 'date',
        rule: 'in-future',
        message: `date ${date} is after today (${ctx.today}, Vietnam time)`,
      });
    }
  }
  return reasons;
}

function countReasons(values: Record<string, unknown>, valid: (f: CountField) => boolean): RowReason[] {
  const reasons: RowReason[] = [];
  for (const f of FLAG_FIELDS) {
    const v = values[f];
    if (valid(f) && v !== 0 && v !== 1) {
      reasons.push({ field: f, rule: 'flag', message: `${f} must be 1 (yes) or 0 (no), not ${show(v)}` });
    }
  }
  for (const { part, whole } of PART_OF_WHOLE) {
    if (!valid(part) || !valid(whole)) continue;
    const p = values[part] as number;
    const w = values[whole] as number;
    if (p > w) {
      reasons.push({
        field: part,
        rule: 'part-exceeds-whole',
        message: `${part} (${p}) cannot be more than ${whole} (${w})`,
      });
    }
  }
  return reasons;
}

/**
 * Checks one source row against the daily-record contract. Returns the record,
 * or every reason it fails at once, so a clerk can fix a row in one pass.
 */
export function validateRow(source: SourceRow, ctx: ValidationContext): DailyRecord | Rejection {
  const values = source.values ?? {};
  const keyOf = (v: unknown) =>
    typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
  const reject = (reasons: RowReason[]): Rejection => ({
    row: source.row,
    unitCode: keyOf(values.unitCode),
    date: keyOf(values.date),
    reasons,
  });
  if (source.fault) return reject([source.fault]);
  const given = { ...values };
  // a field added by a later contract version may be left out; it then counts as 0
  for (const f of OPTIONAL_FIELD_NAMES) if (leftOut(values, f)) given[f] = 0;
  const parsed = shape.safeParse(given);
  const faulty = new Set<string>();
  const reasons: RowReason[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const reason = reasonFor(issue, given);
      if (faulty.has(reason.field)) continue;
      faulty.add(reason.field);
      reasons.push(reason);
    }
  }
  reasons.push(...keyReasons(values, ctx), ...countReasons(given, (f) => !faulty.has(f)));
  if (reasons.length || !parsed.success) return reject(reasons);
  return parsed.data as DailyRecord;
}

/**
 * Validates every row of a submission. Rows that fail are rejected with their
 * reasons; the others are accepted. When one unit and day appear more than
 * once, the last row wins and each earlier one is rejected as a duplicate.
 */
export function validateRows(rows: readonly SourceRow[], ctx: ValidationContext): ValidationResult {
  /** per source row: its accepted record, or its rejection */
  const outcomes: (AcceptedRow | Rejection)[] = [];
  const lastIndexByKey = new Map<string, number>();
  rows.forEach((source, index) => {
    const result = validateRow(source, ctx);
    outcomes.push('reasons' in result ? result : { row: source.row, record: result });
    const values = source.values;
    if (!values || typeof values.unitCode !== 'string' || typeof values.date !== 'string') return;
    const key = `${values.unitCode}|${values.date}`;
    const earlier = lastIndexByKey.get(key);
    lastIndexByKey.set(key, index);
    const superseded = earlier === undefined ? undefined : outcomes[earlier];
    if (!superseded) return;
    const reason: RowReason = {
      field: 'date',
      rule: 'duplicate',
      message: `unit ${values.unitCode} on ${values.date} appears again at row ${source.row}; the later row is used`,
    };
    if ('reasons' in superseded) superseded.reasons.push(reason);
    else
      outcomes[earlier as number] = {
        row: superseded.row,
        unitCode: values.unitCode,
        date: values.date,
        reasons: [reason],
      };
  });
  const accepted: AcceptedRow[] = [];
  const rejected: Rejection[] = [];
  const left: Partial<Record<CountField, number>> = {};
  outcomes.forEach((o, k) => {
    if ('reasons' in o) {
      rejected.push(o);
      return;
    }
    accepted.push(o);
    const values = rows[k]?.values ?? {};
    for (const f of OPTIONAL_FIELD_NAMES) if (leftOut(values, f)) left[f] = (left[f] ?? 0) + 1;
  });
  return { accepted, rejected, leftOut: left };
}
