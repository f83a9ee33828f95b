import { describe, expect, it } from 'vitest';
import { formatDayTime } from './format.js';

// Instants built on the handheld's own clock, so the test holds in any time zone it runs in.
const local = (month: number, day: number, hour: number, minute = 0) => new Date(2026, month - 1, day, hour, minute).toISOString();

describe('formatDayTime', () => {
  const now = new Date(2026, 11, 2, 9, 30); // 2 Dec 09:30
  it('gives the time alone today, and names the day otherwise', () => {
    expect(formatDayTime(local(12, 2, 8), now)).toBe('08:00');
    expect(formatDayTime(local(12, 2, 23, 59), now)).toBe('23:59');
    expect(formatDayTime(local(12, 1, 22), now)).toBe('yesterday 22:00');
    expect(formatDayTime(local(12, 3, 0, 15), now)).toBe('tomorrow 00:15');
    expect(formatDayTime(local(11, 30, 22), now)).toBe('30 Nov, 22:00');
  });
  it('counts yesterday by the calendar across a month end', () => {
    expect(formatDayTime(local(11, 30, 14), new Date(2026, 11, 1, 7))).toBe('yesterday 14:00');
  });
});
