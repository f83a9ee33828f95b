import { describe, expect, it } from 'vitest';
import { orderRecord as order } from '../test/orders.js';
import { chartSlots, type ChartInput } from './chart.js';
import type { PrescriptionRecord } from './records.js';


const input = (prescriptions: PrescriptionRecord[], now: string): ChartInput => ({
  prescriptions,
  given: [],
  notGiven: [],
  t: { now: new Date(now), timeZone: 'Europe/London', windowMinutes: 60 },
  isHighAlert: () => false,
  reviewAfterMinutes: () => 60,
});

const statuses = (i: ChartInput) => chartSlots(i).map((s) => `${s.slotAt.slice(5, 16)} ${s.status}`);

describe('chartSlots', () => {
  it('shows missed doses of the last 48 hours and today’s doses, nothing older', () => {
    expect(statuses(input([order()], '2026-11-24T07:30:00.000Z'))).toEqual(['11-22T08:00 missed', '11-22T22:00 missed', '11-23T08:00 missed', '11-23T22:00 missed', '11-24T08:00 due', '11-24T22:00 later']);
  });

  it('no dose before the order started or after it stopped', () => {
    const started = order({ startsAt: '2026-11-23T12:00:00.000Z', stopsAt: '2026-11-24T12:00:00.000Z' });
    expect(statuses(input([started], '2026-11-24T07:30:00.000Z'))).toEqual(['11-23T22:00 missed', '11-24T08:00 due']);
  });

  it('reads times in the ward’s zone: 08:00 in London in July is 07:00 UTC', () => {
    expect(statuses(input([order()], '2026-07-01T09:30:00.000Z')).at(-2)).toBe('07-01T07:00 missed');
  });
});
