import { describe, expect, it } from 'vitest';
import { computeCompliance, type ComplianceInput, type GivenFact } from './compliance.js';

const at = (iso: string) => Date.parse(iso);
const ward = { id: 'w', name: 'Ward', timeZone: 'Europe/London', recordsFrom: at('2026-11-24T00:00:00Z') };
const order = { id: 'rx', patientId: 'p', schedule: { kind: 'regular' as const, times: ['08:00', '12:00', '18:00'] }, startsAt: '2026-01-01T00:00:00Z', stopsAt: null };
const given = (slot: string | null, givenAt: string, extra: Partial<GivenFact> = {}): GivenFact => ({
  prescriptionId: 'rx', patientId: 'p', wardId: 'w', slotAt: slot === null ? null : at(slot), givenAt: at(givenAt),
  patientIdMethod: 'wristband', productKeyed: false, documentedLate: false, overriddenRules: null, ...extra,
});
const input = (overrides: Partial<ComplianceInput>): ComplianceInput => ({
  wards: [ward], zoneOf: () => 'Europe/London', orders: [order], given: [], omissions: [], stops: [],
  patientWard: () => 'w', from: '2026-11-24', to: '2026-11-24', now: new Date('2026-11-24T12:30:00Z'), windowMinutes: 60, ...overrides,
});
const total = (i: ComplianceInput) => computeCompliance(i)[0]?.total.counts;

describe('computeCompliance', () => {
  it('counts a slot due now as due now, not missed, and a slot still to come not at all', () => {
    expect(total(input({}))).toMatchObject({ due: 2, missed: 1, open: 1, given: 0, scheduledClosed: 1 });
  });

  it('counts a dose given over a not-given record of the same time once, as given (as the chart shows it)', () => {
    const i = input({ given: [given('2026-11-24T08:00:00Z', '2026-11-24T08:05:00Z')], omissions: [{ prescriptionId: 'rx', patientId: 'p', wardId: 'w', slotAt: at('2026-11-24T08:00:00Z'), reason: 'patient-away' }] });
    expect(total(i)).toMatchObject({ due: 2, given: 1, notGiven: 0, missed: 0, open: 1 });
  });

  it('counts both administrations of a slot that two handhelds gave (a late confirmation crossed another): both were given', () => {
    const i = input({ given: [given('2026-11-24T08:00:00Z', '2026-11-24T08:05:00Z'), given('2026-11-24T08:00:00Z', '2026-11-24T08:10:00Z', { documentedLate: true })] });
    expect(total(i)).toMatchObject({ given: 2, documentedLate: 1, missed: 0, minutesFromDue: { count: 2, median: 5, p90: 10 } });
  });

  it('counts a dose given early for its time by its time, and an as-needed dose when given', () => {
    const i = input({ now: new Date('2026-11-25T12:00:00Z'), given: [given('2026-11-24T18:00:00Z', '2026-11-24T17:40:00Z'), given(null, '2026-11-24T23:59:00Z', { prescriptionId: 'prn' })] });
    const [report] = computeCompliance(i);
    expect(report?.total.counts).toMatchObject({ given: 2, prnGiven: 1, missed: 2, minutesFromDue: { count: 1, median: -20 } });
    expect(report?.shifts.find((s) => s.date === '2026-11-24' && s.shift === 'night')?.counts.prnGiven).toBe(1);
  });

  it('places an undocumented dose on the ward of the patient’s latest documented dose before it, not their ward now', () => {
    const other = { ...ward, id: 'x', name: 'Other' };
    const i = input({ wards: [ward, other], patientWard: () => 'x', now: new Date('2026-11-24T23:00:00Z'), given: [given('2026-11-24T08:00:00Z', '2026-11-24T08:01:00Z'), given('2026-11-24T18:00:00Z', '2026-11-24T18:01:00Z', { wardId: 'x' })] });
    const [w, x] = computeCompliance(i);
    expect(w?.total.counts).toMatchObject({ given: 1, missed: 1 }); // 12:00 missed on w
    expect(x?.total.counts).toMatchObject({ given: 1, missed: 0 });
  });

  it('counts nothing before the ward’s first record, and says so', () => {
    const [report] = computeCompliance(input({ wards: [{ ...ward, recordsFrom: at('2026-11-24T11:00:00Z') }] }));
    expect(report?.total.counts).toMatchObject({ due: 1, open: 1, missed: 0 });
    expect(report?.days[0]?.notes).toEqual(['first-day-on-record', 'not-over']);
    const [none] = computeCompliance(input({ wards: [{ ...ward, recordsFrom: null }] }));
    expect(none?.total).toMatchObject({ coverage: 'none', days: 0, counts: { due: 0 } });
  });

  it('reads an order’s times on the ward’s clock: 08:00 in July is 07:00 UTC', () => {
    const i = input({ from: '2026-07-01', to: '2026-07-01', now: new Date('2026-07-01T07:30:00Z'), wards: [{ ...ward, recordsFrom: at('2026-06-01T00:00:00Z') }] });
    expect(total(i)).toMatchObject({ due: 1, open: 1 });
  });
});
