import { describe, expect, it } from 'vitest';
import { fullDate, gs1CenturyYear, gs1Date, ordinalDate, todayUtc } from './gs1-dates.js';

// The suite runs under TZ=UTC and again under TZ=Pacific/Chatham (UTC+12:45/+13:45):
// none of these answers may depend on the process's time zone.
describe('GS1 dates from digits', () => {
  it.each([
    ['261231', 2025, true, '2026-12-31'],
    ['250600', 2025, true, '2025-06-30'],
    ['240200', 2025, true, '2024-02-29'],
    ['000200', 2025, true, '2000-02-29'],
    ['250200', 2025, true, '2025-02-28'],
    ['250100', 2025, true, '2025-01-31'],
    ['251200', 2025, true, '2025-12-31'],
    ['250101', 2025, true, '2025-01-01'],
  ])('gs1Date(%s) in %i is %s', (digits, year, day00, iso) => expect(gs1Date(digits, year, day00)).toBe(iso));

  it.each([
    ['251301', 'month 13'],
    ['250001', 'month 00'],
    ['250631', '31 June'],
    ['250229', '29 Feb 2025'],
    ['250132', 'day 32'],
    ['25013', 'five digits'],
    ['25o101', 'a letter'],
  ])('gs1Date(%s) is null: %s', (digits) => expect(gs1Date(digits, 2025, true)).toBeNull());

  it('rejects day 00 where the dictionary says yymmdd, not yymmd0', () => {
    expect(gs1Date('250600', 2025, false)).toBeNull();
  });

  it('applies the −49…+50 century window (GS1 General Specifications 7.12)', () => {
    expect(gs1CenturyYear(75, 2025)).toBe(2075); // +50
    expect(gs1CenturyYear(76, 2025)).toBe(1976); // +51 → previous century
    expect(gs1CenturyYear(76, 2026)).toBe(2076);
    expect(gs1CenturyYear(0, 2099)).toBe(2100); // −99 → next century
    expect(gs1CenturyYear(50, 2099)).toBe(2050); // −49 → this century
  });

  it('reads YYYYMMDD and ordinal dates exactly', () => {
    expect(fullDate('19700101')).toBe('1970-01-01');
    expect(fullDate('19000229')).toBeNull();
    expect(fullDate('20000229')).toBe('2000-02-29');
    expect(ordinalDate(2024, 60)).toBe('2024-02-29');
    expect(ordinalDate(2025, 60)).toBe('2025-03-01');
    expect(ordinalDate(2024, 366)).toBe('2024-12-31');
    expect(ordinalDate(2025, 366)).toBeNull();
    expect(ordinalDate(2025, 0)).toBeNull();
  });

  it('takes today in UTC whatever the process zone', () => {
    // 2025-06-30T12:00Z is already 1 July in Chatham; the answer must still be 30 June.
    expect(todayUtc(new Date(Date.UTC(2025, 5, 30, 12, 0)))).toBe('2025-06-30');
  });
});
