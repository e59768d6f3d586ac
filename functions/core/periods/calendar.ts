// one module each: the package root loads all of date-fns, half a second at every start
import { addDays as addDaysToDate } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { formatISO } from 'date-fns/formatISO';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

/**
 * Calendar days as the contract writes them: "YYYY-MM-DD" strings, Vietnam's
 * calendar day. They sort as text, so comparisons need no parsing; arithmetic
 * goes through date-fns.
 */
export type Day = string;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
function toDate(day: Day): Date {
  return parseISO(day);
}

function toDay(date: Date): Day {
  return formatISO(date, { representation: 'date' });
}

/** True when `text` is YYYY-MM-DD and names a day that exists (no 2025-02-30). */
export function isDay(text: string): boolean {
  return DAY_PATTERN.test(text) && isValid(toDate(text));
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: Day, n: number): Day {
  return toDay(addDaysToDate(toDate(day), n));
}

/** Number of days from `from` to `to`, both included. */
export function daysInRange(from: Day, to: Day): number {
  return differenceInCalendarDays(toDate(to), toDate(from)) + 1;
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: Day, to: Day): Day[] {
  const n = daysInRange(from, to);
  const start = toDate(from);
  return Array.from({ length: Math.max(0, n) }, (_, k) => toDay(addDaysToDate(start, k)));
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(day: Day): number {
  return toDate(day).getDay();
}

/** Vietnam's offset from UTC: seven hours, with no daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * Today's date in Vietnam, whatever the machine's time zone. Plain arithmetic
 * on the fixed offset: a time-zone formatter would load the ICU zone data at
 * every cold start for an answer that has not changed in fifty years.
 */
export function todayInVietnam(now: Date = new Date()): Day {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last day of a month given as year and month 1..12. */
export function lastDayOfMonth(year: number, month: number): Day {
  return toDay(new Date(year, month, 0));
}

/** The last day of a month written YYYY-MM. */
export function monthEnd(month: string): Day {
  return lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** Every month from one YYYY-MM to another, both included. */
export function eachMonth(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addDays(monthEnd(month), 1).slice(0, 7)) months.push(month);
  return months;
}

/** The later of two days. */
export function laterDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/** The earlier of two days. */
export function earlierDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}
