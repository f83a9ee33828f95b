import { describe, expect, it } from 'vitest';
import type { PrescriptionRecord } from './records.js';
import { checkTiming } from './right-time.js';
import { wardDate, wardInstant } from './ward-time.js';

const regular = (times: string[]): PrescriptionRecord => ({
  id: 'rx', patientId: 'p', drug: 'd', medication: { level: 'free-text', name: 'd' }, productId: null, dose: { kind: 'fixed', value: '1', unit: 'mg' }, route: 'oral',
  schedule: { kind: 'regular', times }, startsAt: '2026-01-01T00:00:00Z', stopsAt: null,
});
const at = (iso: string) => ({ now: new Date(iso), timeZone: 'Europe/London', windowMinutes: 60 });
const outcome = (r: ReturnType<typeof checkTiming>, rule: string) => r.checks.find((c) => c.rule === rule)?.outcome;

describe('ward time', () => {
  it('reads the ward date and clock in Europe/London across summer time', () => {
    expect(wardDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(wardInstant('2026-07-01', '08:00', 'Europe/London').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(wardInstant('2026-12-01', '08:00', 'Europe/London').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    // The morning the clocks go forward (29 March 2026, 01:00 → 02:00 UTC+1).
    expect(wardInstant('2026-03-29', '08:00', 'Europe/London').toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
});

describe('right time and duplicate', () => {
  it('passes a dose within the window of its ward-clock time, in summer time too', () => {
    expect(outcome(checkTiming(regular(['08:00']), [], at('2026-07-01T07:20:00Z')), 'right-time')).toBe('pass');
  });

  it('skips the times that fell while the order was on hold: no dose was due then', () => {
    const qds = regular(['08:00', '12:00', '18:00', '22:00']);
    const given = [{ givenAt: new Date('2026-11-24T08:05:00Z'), slotAt: new Date('2026-11-24T08:00:00Z') }];
    // Without a hold, at 19:05 the 18:00 dose is the one, and late.
    expect(checkTiming(qds, given, at('2026-11-24T19:05:00Z')).slotAt?.toISOString()).toBe('2026-11-24T18:00:00.000Z');
    // Held 10:00 to 19:00: the 22:00 dose is the next one due.
    const held = { ...qds, holds: [{ from: Date.parse('2026-11-24T10:00:00Z'), to: Date.parse('2026-11-24T19:00:00Z') }] };
    const after = checkTiming(held, given, at('2026-11-24T19:05:00Z'));
    expect(after.slotAt?.toISOString()).toBe('2026-11-24T22:00:00.000Z');
    expect(after.checks.find((c) => c.rule === 'right-time')?.message).toMatch(/^Early: due at 22:00/);
  });

  it('chooses the slot a scan is for: the missed one when nearer, the next one otherwise', () => {
    const qds = regular(['08:00', '12:00', '18:00', '22:00']);
    const late = checkTiming(qds, [], at('2026-11-24T09:30:00Z'));
    expect(late.slotAt?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(outcome(late, 'right-time')).toBe('warning');
    const next = checkTiming(qds, [], at('2026-11-24T10:30:00Z'));
    expect(next.slotAt?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(outcome(next, 'right-time')).toBe('warning');
  });

  it('stops a second dose for a slot already given, then lets the next slot through', () => {
    const given = [{ givenAt: new Date('2026-11-24T08:05:00Z'), slotAt: new Date('2026-11-24T08:00:00Z') }];
    const twice = checkTiming(regular(['08:00', '18:00']), given, at('2026-11-24T08:30:00Z'));
    expect(outcome(twice, 'duplicate')).toBe('stop');
    const evening = checkTiming(regular(['08:00', '18:00']), given, at('2026-11-24T17:45:00Z'));
    expect(outcome(evening, 'duplicate')).toBe('pass');
    expect(outcome(evening, 'right-time')).toBe('pass');
  });

  it('on the days the clocks change, a dose time the clocks skip is due after the gap, a repeated one the first time round', () => {
    // 29 March 2026: 01:30 does not happen in London (01:00 GMT → 02:00 BST); the 01:30 dose is due at 02:30 BST.
    const spring = checkTiming(regular(['01:30']), [], at('2026-03-29T01:40:00Z'));
    expect(spring.slotAt?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(spring.checks.find((c) => c.rule === 'right-time')?.message).toBe('Due at 02:30.');
    // 25 October 2026: 01:30 happens twice (BST, then GMT); the dose is due at the first, 00:30 UTC.
    const autumn = checkTiming(regular(['01:30']), [], at('2026-10-25T00:40:00Z'));
    expect(autumn.slotAt?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(outcome(autumn, 'right-time')).toBe('pass');
  });
});
