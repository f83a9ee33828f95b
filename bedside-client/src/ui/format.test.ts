import { describe, expect, it } from 'vitest';
import { deviceTimeZone, formatDateTime, formatDayTime, formatTime, otherZone } from './format.js';

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

/*
 * Issue 12: clinical times are the ward's, whatever zone the handheld is set
 * to. `npm test` runs this suite with TZ=UTC: the wards here are in zones
 * that differ from UTC at these instants (New York; London in summer), so a
 * time read on the handheld's clock fails. The tests hold in any zone the
 * handheld is in but the ward's own (TZ=Pacific/Chatham too).
 */
describe('times on the ward’s clock', () => {
  it('reads an instant on the ward’s clock, not the handheld’s, and says the zone when they differ', () => {
    // 13:00 UTC on 2 Dec is 08:00 in New York (EST, UTC−5).
    expect(formatTime('2026-12-02T13:00:00.000Z', 'America/New_York')).toBe('08:00 GMT-5');
    // 07:00 UTC on 1 July is 08:00 in London (BST).
    expect(formatTime('2026-07-01T07:00:00.000Z', 'Europe/London')).toBe('08:00 BST');
    expect(formatDateTime('2026-07-01T07:00:00.000Z', 'Europe/London')).toBe('1 Jul, 08:00 BST');
  });

  it('says no zone when the handheld is set to the ward’s', () => {
    expect(formatTime('2026-12-02T13:00:00.000Z', deviceTimeZone())).toBe(formatTime('2026-12-02T13:00:00.000Z'));
    expect(formatTime('2026-12-02T13:00:00.000Z', deviceTimeZone())).not.toMatch(/GMT|UTC/);
    expect(otherZone(deviceTimeZone())).toBeNull();
    expect(otherZone('America/New_York')).toBe('America/New_York');
  });

  it('counts today and yesterday by the ward’s calendar', () => {
    // 02:30 UTC on 3 Dec is still 2 Dec, 21:30 in New York: today there, whatever the handheld’s date.
    const now = new Date('2026-12-03T02:30:00.000Z');
    expect(formatDayTime('2026-12-02T13:00:00.000Z', now, 'America/New_York')).toBe('08:00 GMT-5');
    expect(formatDayTime('2026-12-02T03:00:00.000Z', now, 'America/New_York')).toBe('yesterday 22:00 GMT-5');
    expect(formatDayTime('2026-12-03T13:00:00.000Z', now, 'America/New_York')).toBe('tomorrow 08:00 GMT-5');
    expect(formatDayTime('2026-11-29T13:00:00.000Z', now, 'America/New_York')).toBe('29 Nov, 08:00 GMT-5');
  });

  it('falls back to the handheld’s clock for a zone it does not know', () => {
    expect(formatTime('2026-12-02T13:00:00.000Z', 'Not/AZone')).toBe(formatTime('2026-12-02T13:00:00.000Z'));
  });
});
