import { addDays, type Day } from '#core/periods/calendar.ts';

/**
 * Vietnam's public holidays, for the synthetic data generator (centers are
 * closed, so few dossiers arrive). Solar-calendar holidays are fixed; Tết and
 * the Hùng Kings' day follow the lunar calendar and are listed per year.
 */

/** Lunar New Year's Day (Tết Nguyên Đán), solar date. */
const TET: Record<number, Day> = {
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/** Hùng Kings' Commemoration Day (10th day of the 3rd lunar month), solar date. */
const HUNG_KINGS: Record<number, Day> = {
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
};

/** Fixed holidays: New Year, Reunification Day, Labour Day, National Day (two days). */
const FIXED = ['01-01', '04-30', '05-01', '09-01', '09-02'];

const cache = new Map<number, Set<Day>>();

/** The public holidays of a year, including the Tết break (two days before to four days after). */
export function holidaysOf(year: number): ReadonlySet<Day> {
  let days = cache.get(year);
  if (days) return days;
  days = new Set(FIXED.map((md) => `${year}-${md}`));
  const tet = TET[year];
  if (tet) for (let k = -2; k <= 4; k++) days.add(addDays(tet, k));
  const hung = HUNG_KINGS[year];
  if (hung) days.add(hung);
  cache.set(year, days);
  return days;
}

/** True on a public holiday in Vietnam. */
export function isHoliday(day: Day): boolean {
  return holidaysOf(Number(day.slice(0, 4))).has(day);
}
