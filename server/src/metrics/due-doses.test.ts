import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderRecord as order } from '../test/orders.js';
import { chartSlots } from '../domain/chart.js';
import { wardDate, wardInstant } from '../domain/ward-time.js';
import { scheduledSlotsBetween, SlotCalendar } from './due-doses.js';


const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('scheduledSlotsBetween', () => {
  it('gives each scheduled time in the range, from the order’s start and before its stop', () => {
    const o = order({ startsAt: '2026-11-23T12:00:00.000Z', stopsAt: '2026-11-25T08:00:00.000Z' });
    expect(iso(scheduledSlotsBetween(o, new Date('2026-11-20T00:00:00Z'), new Date('2026-12-01T00:00:00Z'), 'Europe/London'))).toEqual([
      '2026-11-23T22:00:00.000Z',
      '2026-11-24T08:00:00.000Z',
      '2026-11-24T22:00:00.000Z',
    ]);
  });

  it('has no slots for an as-needed order', () => {
    expect(scheduledSlotsBetween(order({ schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: null } }), new Date(0), new Date('2030-01-01'), 'Europe/London')).toEqual([]);
  });

  it('follows the ward’s clock across the October change: 08:00 is 07:00 UTC before it and 08:00 after', () => {
    const slots = iso(scheduledSlotsBetween(order({ schedule: { kind: 'regular', times: ['08:00'] } }), new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z'), 'Europe/London'));
    expect(slots).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
  });

  it('keeps one slot where two clock times meet in the March gap (01:00 and 02:00 are both 01:00 UTC)', () => {
    const slots = iso(scheduledSlotsBetween(order({ schedule: { kind: 'regular', times: ['01:00', '02:00'] } }), new Date('2026-03-29T00:00:00Z'), new Date('2026-03-29T12:00:00Z'), 'Europe/London'));
    expect(slots).toEqual(['2026-03-29T01:00:00.000Z']);
  });

  it('agrees with the chart for the slots the chart shows (the last 48 hours to the end of the ward day)', () => {
    const zones = ['Europe/London', 'America/New_York', 'Pacific/Chatham', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)), { minLength: 1, maxLength: 4, selector: ([h, m]) => h * 60 + m }),
        fc.integer({ min: -72, max: 24 }),
        (now, timeZone, hm, startOffsetHours) => {
          const times = hm.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
          const o = order({ schedule: { kind: 'regular', times }, startsAt: new Date(now.getTime() + startOffsetHours * 3600_000).toISOString() });
          const chart = chartSlots({ prescriptions: [o], given: [], notGiven: [], missedFrom: new Date(now.getTime() - 48 * 3600_000), t: { now, timeZone, windowMinutes: 60 }, isHighAlert: () => false, reviewAfterMinutes: () => 60 });
          // The chart lists only missed doses before today; with nothing documented every earlier slot is missed.
          const shown = [...new Set(chart.map((s) => s.slotAt))];
          const from = new Date(now.getTime() - 48 * 3600_000);
          const last = shown.at(-1);
          // …and before today only missed ones: a slot of yesterday still within its window is left off.
          const startOfToday = wardInstant(wardDate(now, timeZone), '00:00', timeZone).getTime();
          const ours = iso(
            scheduledSlotsBetween(o, from, new Date(last ? Date.parse(last) + 1 : now.getTime()), timeZone).filter(
              (s) => s.getTime() >= startOfToday || now.getTime() > s.getTime() + 60 * 60_000,
            ),
          );
          expect(ours).toEqual(shown);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is what the calendar gives for many orders over one range, in any zone and across clock changes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 * 24 * 40 }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        fc.array(
          fc.record({
            times: fc.uniqueArray(fc.constantFrom('00:00', '00:30', '01:00', '01:30', '02:00', '02:15', '02:30', '03:00', '08:00', '12:00', '22:00', '23:59'), { minLength: 1, maxLength: 4 }),
            start: fc.integer({ min: -3 * 1440, max: 45 * 1440 }),
            length: fc.option(fc.integer({ min: 1, max: 50 * 1440 })),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (from, minutes, timeZone, orders) => {
          const to = new Date(from.getTime() + minutes * 60_000);
          const calendar = new SlotCalendar(timeZone, from, to);
          for (const o of orders) {
            const startsAt = new Date(from.getTime() + o.start * 60_000);
            const rx = order({ schedule: { kind: 'regular', times: o.times }, startsAt: startsAt.toISOString(), stopsAt: o.length === null ? null : new Date(startsAt.getTime() + o.length * 60_000).toISOString() });
            expect(calendar.slots(rx, from.getTime(), to.getTime())).toEqual(scheduledSlotsBetween(rx, from, to, timeZone).map((d) => d.getTime()));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('orders held (issue 13)', () => {
  const from = new Date('2026-11-24T00:00:00Z');
  const to = new Date('2026-11-26T00:00:00Z');
  const at = (iso: string) => Date.parse(iso);
  it('has no dose due while on hold or waiting for review, and its doses before and after', () => {
    const calendar = new SlotCalendar('Europe/London', from, to);
    const never = order();
    expect(iso(scheduledSlotsBetween(never, from, to, 'Europe/London'))).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T22:00:00.000Z', '2026-11-25T08:00:00.000Z', '2026-11-25T22:00:00.000Z']);
    // Held from 10:00 on the 24th until 08:00 on the 25th (that slot is due again), then from 20:00 on.
    const held = { ...order(), holds: [{ from: at('2026-11-24T10:00:00Z'), to: at('2026-11-25T08:00:00Z') }, { from: at('2026-11-25T20:00:00Z'), to: null }] };
    const expected = ['2026-11-24T08:00:00.000Z', '2026-11-25T08:00:00.000Z'];
    expect(iso(scheduledSlotsBetween(held, from, to, 'Europe/London'))).toEqual(expected);
    expect(calendar.slots(held, from.getTime(), to.getTime())).toEqual(expected.map(at));
  });
});
