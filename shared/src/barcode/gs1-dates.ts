/*
 * Dates from barcode digits, computed as calendar arithmetic on integers:
 * never through Date objects in the local time zone, so the answer is the
 * same on a server in UTC and a ward in Pacific/Chatham.
 */

/** A calendar date `YYYY-MM-DD`; `today` for the GS1 century window. */
export type IsoDate = string;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return isoDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

/** The year of a `YYYY-MM-DD` string, or null if it does not look like one. */
export function yearOf(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Number(m[1]) : null;
}

/**
 * GS1 General Specifications 7.12: a two-digit year YY lies in the window
 * −49…+50 years around the current year: if YY − (current year mod 100) ≥ 51
 * it is in the previous century; if ≤ −50, in the next; otherwise this one.
 */
export function gs1CenturyYear(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const diff = yy - (currentYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * A GS1 `YYMMDD` date as YYYY-MM-DD, or null if impossible (month 13, 31 June…).
 * With `allowDay00` (the dictionary's `yymmd0`), day 00 means the month's last day.
 */
export function gs1Date(digits: string, currentYear: number, allowDay00: boolean): IsoDate | null {
  if (!/^\d{6}$/.test(digits)) return null;
  const year = gs1CenturyYear(Number(digits.slice(0, 2)), currentYear);
  const month = Number(digits.slice(2, 4));
  let day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12) return null;
  if (day === 0 && allowDay00) day = daysInMonth(year, month);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return isoDate(year, month, day);
}

/** A `YYYYMMDD` date as YYYY-MM-DD, or null if impossible. */
export function fullDate(digits: string): IsoDate | null {
  if (!/^\d{8}$/.test(digits)) return null;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return isoDate(year, month, day);
}

/** Year and day-of-year (1–366) as YYYY-MM-DD, or null if the day is beyond that year's end. */
export function ordinalDate(year: number, dayOfYear: number): IsoDate | null {
  const yearLength = isLeapYear(year) ? 366 : 365;
  if (!Number.isInteger(dayOfYear) || dayOfYear < 1 || dayOfYear > yearLength) return null;
  let month = 1;
  let remaining = dayOfYear;
  while (remaining > daysInMonth(year, month)) {
    remaining -= daysInMonth(year, month);
    month += 1;
  }
  return isoDate(year, month, remaining);
}
