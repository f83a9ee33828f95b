import { describe, expect, it } from 'vitest';
import { orderRecord as order } from '../test/orders.js';
import { chartSlots, prnLines, type ChartInput, type GivenRow, type NotGivenRow } from './chart.js';
import type { PrescriptionRecord } from './records.js';

const HOUR = 3_600_000;

const input = (prescriptions: PrescriptionRecord[], now: string, more: Partial<ChartInput> = {}): ChartInput => ({
  prescriptions,
  given: [],
  notGiven: [],
  // The ward has recorded on Wardscan since long before these orders, unless a test says otherwise.
  missedFrom: new Date('2025-01-01T00:00:00.000Z'),
  t: { now: new Date(now), timeZone: 'Europe/London', windowMinutes: 60 },
  isHighAlert: () => false,
  reviewAfterMinutes: () => 60,
  ...more,
});

const statuses = (i: ChartInput) => chartSlots(i).map((s) => `${s.slotAt.slice(5, 16)} ${s.status}`);

const givenRow = (slotAt: string | null, givenAt: string, prescriptionId = 'rx'): GivenRow => ({
  administrationId: `a-${givenAt}`,
  prescriptionId,
  givenAt: new Date(givenAt),
  slotAt: slotAt ? new Date(slotAt) : null,
  byName: 'Nurse',
  witnessedByName: null,
  documentedLate: false,
  indication: null,
  reviewed: true,
});
const notGivenRow = (slotAt: string): NotGivenRow => ({ prescriptionId: 'rx', slotAt: new Date(slotAt), reason: 'patient-refused', note: null, byName: 'Nurse', recordedAt: new Date(slotAt) });

describe('chartSlots', () => {
  it('keeps every missed dose since the order started, however old, with today’s doses', () => {
    const started = order({ startsAt: '2026-11-19T12:00:00.000Z' });
    expect(statuses(input([started], '2026-11-24T07:30:00.000Z'))).toEqual([
      '11-19T22:00 missed',
      ...['20', '21', '22', '23'].flatMap((d) => [`11-${d}T08:00 missed`, `11-${d}T22:00 missed`]),
      '11-24T08:00 due',
      '11-24T22:00 later',
    ]);
  });

  it('takes a missed dose off once it is documented, given late or not given', () => {
    const started = order({ startsAt: '2026-11-19T12:00:00.000Z' });
    const documented = input([started], '2026-11-24T07:30:00.000Z', {
      given: [givenRow('2026-11-19T22:00:00.000Z', '2026-11-20T01:00:00.000Z')],
      notGiven: [notGivenRow('2026-11-20T08:00:00.000Z')],
    });
    expect(statuses(documented).slice(0, 2)).toEqual(['11-20T22:00 missed', '11-21T08:00 missed']);
  });

  it('shows no dose before the ward’s first record as missed, and none at all while the ward has recorded nothing', () => {
    const firstRecord = new Date('2026-11-22T09:15:00.000Z');
    expect(statuses(input([order()], '2026-11-24T07:30:00.000Z', { missedFrom: firstRecord }))).toEqual([
      '11-22T22:00 missed',
      '11-23T08:00 missed',
      '11-23T22:00 missed',
      '11-24T08:00 due',
      '11-24T22:00 later',
    ]);
    expect(statuses(input([order()], '2026-11-24T07:30:00.000Z', { missedFrom: null }))).toEqual(['11-24T08:00 due', '11-24T22:00 later']);
  });

  it('still charts today’s doses due, given or later before the ward’s first record (the cut-off is for missed doses only)', () => {
    const firstRecord = new Date('2026-11-24T09:00:00.000Z');
    const chart = input([order({ schedule: { kind: 'regular', times: ['06:00', '07:00', '12:00'] } })], '2026-11-24T07:30:00.000Z', {
      missedFrom: firstRecord,
      given: [givenRow('2026-11-24T06:00:00.000Z', '2026-11-24T06:05:00.000Z')],
    });
    expect(statuses(chart)).toEqual(['11-24T06:00 given', '11-24T07:00 due', '11-24T12:00 later']);
  });

  it('no dose before the order started or after it stopped', () => {
    const started = order({ startsAt: '2026-11-23T12:00:00.000Z', stopsAt: '2026-11-24T12:00:00.000Z' });
    expect(statuses(input([started], '2026-11-24T07:30:00.000Z'))).toEqual(['11-23T22:00 missed', '11-24T08:00 due']);
  });

  it('reads times in the ward’s zone: 08:00 in London in July is 07:00 UTC', () => {
    expect(statuses(input([order()], '2026-07-01T09:30:00.000Z')).at(-2)).toBe('07-01T07:00 missed');
  });
});

describe('prnLines', () => {
  const prn = order({ schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: '4' } });
  const now = '2026-11-24T07:30:00.000Z';
  const ago = (hours: number) => new Date(Date.parse(now) - hours * HOUR).toISOString();

  it('reads its own windows however far back missed doses go: last given in two days, the total in 24 hours', () => {
    const given = [givenRow(null, ago(72)), givenRow(null, ago(30)), givenRow(null, ago(2))];
    const [line] = prnLines(input([prn], now, { given }));
    expect(line).toMatchObject({ lastGivenAt: ago(2), given24h: '1', nextAllowedAt: ago(-2) });
    const [older] = prnLines(input([prn], now, { given: [givenRow(null, ago(72))] }));
    expect(older).toMatchObject({ lastGivenAt: null, given24h: '0', nextAllowedAt: null });
  });
});
