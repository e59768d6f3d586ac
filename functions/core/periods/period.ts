import { addDays, type Day, daysInRange, isDay, lastDayOfMonth } from '#core/periods/calendar.ts';
import { FIRST_DAY } from '#core/records/fields.ts';

/**
 * Periods as the national portal publishes them (month, quarter, half-year,
 * year) plus any custom range and the running period since the index began.
 * Keys: 2025-11, 2025-Q4, 2025-H2, 2025, 2025-10-01..2025-11-30, all.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom' | 'all';

/** The standard periods the portal publishes. */
export type StandardKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  /** 2025-11, 2025-Q4, 2025-H2, 2025, from..to for a custom range, or all */
  key: string;
  /** first day, included */
  from: Day;
  /** last day, included */
  to: Day;
}

/** A period key or range that cannot be read; the message says what was expected. */
export class PeriodError extends Error {
  override name = 'PeriodError';
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthRange(year: number, firstMonth: number, months: number): { from: Day; to: Day } {
  const lastMonth = firstMonth + months - 1;
  return { from: `${year}-${pad(firstMonth)}-01`, to: lastDayOfMonth(year, lastMonth) };
}

function checkYear(year: number, key: string): void {
  if (year < 2000 || year > 2100)
    throw new PeriodError(`period "${key}": year ${year} is out of range 2000..2100`);
}

/** A standard period from its kind and position. */
export function standardPeriod(kind: StandardKind, year: number, index = 1): Period {
  switch (kind) {
    case 'month':
      return { kind, key: `${year}-${pad(index)}`, ...monthRange(year, index, 1) };
    case 'quarter':
      return { kind, key: `${year}-Q${index}`, ...monthRange(year, (index - 1) * 3 + 1, 3) };
    case 'half':
      return { kind, key: `${year}-H${index}`, ...monthRange(year, (index - 1) * 6 + 1, 6) };
    case 'year':
      return { kind, key: `${year}`, ...monthRange(year, 1, 12) };
  }
}

/** A custom range; both days included. */
export function customPeriod(from: string, to: string): Period {
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isDay(day)) throw new PeriodError(`${name} "${day}" is not a day written YYYY-MM-DD`);
  }
  if (from > to) throw new PeriodError(`from ${from} is after to ${to}`);
  if (daysInRange(from, to) > 3660)
    throw new PeriodError(`the range ${from}..${to} is longer than ten years`);
  return { kind: 'custom', key: `${from}..${to}`, from, to };
}

const PATTERNS: [RegExp, (m: RegExpMatchArray, key: string) => Period][] = [
  [/^(\d{4})$/, (m, key) => year(m, key, 'year', 1, 1)],
  [/^(\d{4})-(\d{2})$/, (m, key) => year(m, key, 'month', 12, Number(m[2]))],
  [/^(\d{4})-Q(\d)$/i, (m, key) => year(m, key, 'quarter', 4, Number(m[2]))],
  [/^(\d{4})-H(\d)$/i, (m, key) => year(m, key, 'half', 2, Number(m[2]))],
  [/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/, (m) => customPeriod(m[1] ?? '', m[2] ?? '')],
];

function year(m: RegExpMatchArray, key: string, kind: StandardKind, count: number, index: number) {
  const y = Number(m[1]);
  checkYear(y, key);
  if (index < 1 || index > count) {
    throw new PeriodError(`period "${key}": ${kind} ${index} does not exist (1..${count})`);
  }
  return standardPeriod(kind, y, index);
}

/** The last day any period may reach: the running period ends where the data does. */
const OPEN_END = '2099-12-31';

/** The running period: every day since the commune-level index began. */
export const ALL_TIME: Period = { kind: 'all', key: 'all', from: FIRST_DAY, to: OPEN_END };

/** Reads a period key: 2025-11, 2025-Q4, 2025-H2, 2025, FROM..TO or all. */
export function parsePeriod(key: string): Period {
  const trimmed = key.trim();
  if (trimmed === 'all') return ALL_TIME;
  for (const [pattern, build] of PATTERNS) {
    const m = trimmed.match(pattern);
    if (m) return build(m, trimmed);
  }
  throw new PeriodError(
    `period "${key}" is not one of YYYY-MM (month), YYYY-Qn (quarter), YYYY-Hn (half-year), YYYY (year), YYYY-MM-DD..YYYY-MM-DD or all`,
  );
}

/** The month, quarter, half-year and year that contain `day`. */
export function standardPeriodsContaining(day: Day): Period[] {
  const y = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return [
    standardPeriod('month', y, month),
    standardPeriod('quarter', y, Math.ceil(month / 3)),
    standardPeriod('half', y, month <= 6 ? 1 : 2),
    standardPeriod('year', y),
  ];
}

/**
 * The period just before: the previous month, quarter, half-year or year; for a
 * custom range, the range of the same length that ends the day before it starts.
 */
export function previousPeriod(period: Period): Period | undefined {
  if (period.kind === 'all') return undefined;
  if (period.kind === 'custom') {
    const length = daysInRange(period.from, period.to);
    return customPeriod(addDays(period.from, -length), addDays(period.from, -1));
  }
  return periodContaining(period.kind, addDays(period.from, -1));
}

/** The standard period of `kind` that contains `day`. */
export function periodContaining(kind: StandardKind, day: Day): Period {
  const found = standardPeriodsContaining(day).find((p) => p.kind === kind);
  if (!found) throw new PeriodError(`no ${kind} contains ${day}`);
  return found;
}

/** Number of days in the period. */
export function periodLength(period: Period): number {
  return daysInRange(period.from, period.to);
}
