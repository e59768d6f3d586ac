import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInRange,
  eachDay,
  eachMonth,
  isDay,
  monthEnd,
  todayInVietnam,
  weekday,
} from '#core/periods/calendar.ts';
import {
  customPeriod,
  PeriodError,
  parsePeriod,
  periodLength,
  previousPeriod,
  standardPeriodsContaining,
} from '#core/periods/period.ts';

describe('parsePeriod', () => {
  it.each([
    ['2025-11', 'month', '2025-11-01', '2025-11-30'],
    ['2025-02', 'month', '2025-02-01', '2025-02-28'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2025-Q4', 'quarter', '2025-10-01', '2025-12-31'],
    ['2025-Q1', 'quarter', '2025-01-01', '2025-03-31'],
    ['2025-H2', 'half', '2025-07-01', '2025-12-31'],
    ['2026-H1', 'half', '2026-01-01', '2026-06-30'],
    ['2025', 'year', '2025-01-01', '2025-12-31'],
    ['2025-10-01..2025-11-30', 'custom', '2025-10-01', '2025-11-30'],
  ])('reads %s as a %s from %s to %s', (key, kind, from, to) => {
    expect(parsePeriod(key)).toEqual({ kind, key, from, to });
  });

  it('accepts a lower-case q or h', () => {
    expect(parsePeriod('2025-q4').key).toBe('2025-Q4');
    expect(parsePeriod('2025-h2').key).toBe('2025-H2');
  });

  it.each([
    ['2025-13', /month 13 does not exist/],
    ['2025-00', /month 0 does not exist/],
    ['2025-Q5', /quarter 5 does not exist/],
    ['2025-H3', /half 3 does not exist/],
    ['1999', /year 1999 is out of range/],
    ['November', /is not one of YYYY-MM/],
    ['2025-11-30..2025-10-01', /from 2025-11-30 is after to 2025-10-01/],
    ['2025-02-30..2025-03-01', /from "2025-02-30" is not a day/],
    ['', /is not one of/],
  ])('rejects %j with a message that says what is wrong', (key, message) => {
    expect(() => parsePeriod(key)).toThrow(PeriodError);
    expect(() => parsePeriod(key)).toThrow(message);
  });
});

describe('customPeriod', () => {
  it('takes a single day as a range', () => {
    expect(periodLength(customPeriod('2025-10-05', '2025-10-05'))).toBe(1);
  });
  it('refuses ranges longer than ten years', () => {
    expect(() => customPeriod('2025-07-01', '2040-01-01')).toThrow(/longer than ten years/);
  });
});

describe('previousPeriod', () => {
  it.each([
    ['2025-11', '2025-10'],
    ['2026-01', '2025-12'],
    ['2026-Q1', '2025-Q4'],
    ['2026-H1', '2025-H2'],
    ['2025-H2', '2025-H1'],
    ['2026', '2025'],
    ['2025-10-11..2025-10-20', '2025-10-01..2025-10-10'],
  ])('before %s comes %s', (key, previous) => {
    expect(previousPeriod(parsePeriod(key))?.key).toBe(previous);
  });
});

describe('standardPeriodsContaining', () => {
  it('names the month, quarter, half-year and year of a day', () => {
    expect(standardPeriodsContaining('2025-08-15').map((p) => p.key)).toEqual([
      '2025-08',
      '2025-Q3',
      '2025-H2',
      '2025',
    ]);
    expect(standardPeriodsContaining('2026-03-31').map((p) => p.key)).toEqual([
      '2026-03',
      '2026-Q1',
      '2026-H1',
      '2026',
    ]);
  });
});

describe('calendar days', () => {
  it('knows which days exist', () => {
    expect(isDay('2025-02-28')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
    expect(isDay('25-01-01')).toBe(false);
  });
  it('counts and steps over month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysInRange('2025-07-01', '2025-12-31')).toBe(184);
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    expect(weekday('2025-11-30')).toBe(0);
  });
  it('lists the months of a span and the last day of each', () => {
    expect(eachMonth('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(eachMonth('2025-07', '2025-07')).toEqual(['2025-07']);
    expect(eachMonth('2025-08', '2025-07')).toEqual([]);
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
  });

  it("tells today's date in Vietnam, seven hours ahead of UTC", () => {
    expect(todayInVietnam(new Date('2025-11-30T16:59:59Z'))).toBe('2025-11-30');
    expect(todayInVietnam(new Date('2025-11-30T17:00:00Z'))).toBe('2025-12-01');
  });

  it('agrees with the time-zone database for Asia/Ho_Chi_Minh, hour by hour, 2025 to 2030', () => {
    const zone = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const differ: string[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2031, 0, 1); t += 60 * 60 * 1000 + 59 * 1000) {
      const now = new Date(t);
      if (todayInVietnam(now) !== zone.format(now)) differ.push(now.toISOString());
    }
    expect(differ).toEqual([]);
  });
});
