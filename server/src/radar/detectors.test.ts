import { DEFAULT_RADAR_SETTINGS, type RadarSettings } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import {
  detectBandAwayFromBed,
  detectBandSeveralBeds,
  detectCopiedBands,
  detectKeyedProducts,
  detectLateConfirmations,
  detectOverrideOutliers,
  detectPreScannedTrays,
  detectWorkarounds,
  type DoseRow,
  type PatientRef,
  type Person,
  type RadarInput,
  type ScanRow,
} from './detectors.js';

/* Each pattern: rows that raise it, and a near miss just inside the thresholds that does not. */

const T0 = Date.parse('2026-11-24T08:00:00.000Z');
const at = (minutes: number, seconds = 0): Date => new Date(T0 + minutes * 60_000 + seconds * 1000);

const NINA: Person = { id: 'staff-nina', name: 'Nina' };
const OWEN: Person = { id: 'staff-owen', name: 'Owen' };
const patient = (n: number): PatientRef => ({ id: `patient-${n}`, name: `Patient ${n}`, nhsNumber: `99900000${String(n).padStart(2, '0')}`, bedId: `bed-${n}`, bedLabel: `Bed ${n}` });
const [P1, P2, P3, P4] = [patient(1), patient(2), patient(3), patient(4)] as [PatientRef, PatientRef, PatientRef, PatientRef];

let n = 0;
const id = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const base = (over: Partial<ScanRow>): ScanRow => ({
  eventId: id(),
  at: at(0),
  deviceId: 'h1',
  nurse: NINA,
  kind: 'patient',
  source: 'scanner',
  outcome: 'match',
  patient: null,
  product: null,
  fits: [],
  location: null,
  ...over,
});
const band = (p: PatientRef, when: Date, over: Partial<ScanRow> = {}): ScanRow => base({ kind: 'patient', patient: p, at: when, ...over });
/** A pack scanned while `under` was identified, fitting the orders of `fits`. */
const pack = (under: PatientRef | null, fits: PatientRef[], when: Date, over: Partial<ScanRow> = {}): ScanRow =>
  base({ kind: 'product', patient: under, fits, product: { key: 'product-para', name: 'Paracetamol 500mg tablets' }, at: when, outcome: under && fits.includes(under) ? 'match' : 'stop', ...over });
const location = (under: PatientRef, bed: PatientRef | null, when: Date): ScanRow =>
  base({ kind: 'location', patient: under, at: when, location: { gln: '5099998071999', bedId: bed?.bedId ?? null, bedLabel: bed?.bedLabel ?? null } });
const dose = (nurse: Person, over: Partial<DoseRow> = {}): DoseRow => ({
  eventId: id(),
  givenAt: at(10),
  documentedAt: at(10),
  nurse,
  patient: P1,
  deviceId: 'h1',
  drug: 'Paracetamol',
  overrideReason: null,
  packScan: { eventId: id(), at: at(9) },
  ...over,
});

const input = (rows: { scans?: ScanRow[]; doses?: DoseRow[] }, settings: Partial<RadarSettings> = {}): RadarInput => ({
  scans: rows.scans ?? [],
  doses: rows.doses ?? [],
  from: at(-60),
  to: at(24 * 60),
  settings: { ...DEFAULT_RADAR_SETTINGS, ...settings },
});

describe('band-several-beds', () => {
  it("flags one band scanned again and again with packs for several patients' beds", () => {
    const scans = [band(P1, at(0)), pack(P1, [P1], at(1)), band(P1, at(3)), pack(P1, [P2], at(4)), band(P1, at(6)), pack(P1, [P3], at(7))];
    const [flag, ...rest] = detectBandSeveralBeds(input({ scans }));
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ pattern: 'band-several-beds', nurse: NINA, patient: { id: P1.id }, deviceId: 'h1' });
    expect(flag?.title).toBe("Patient 1's wristband scanned 3 times in 6 min on one handheld, with packs for 3 beds (Bed 1, Bed 2, Bed 3)");
    expect(flag?.evidence.map((e) => e.eventId)).toEqual(scans.map((s) => s.eventId));
    expect(flag?.evidence[3]).toMatchObject({ what: 'pack', detail: 'Paracetamol 500mg tablets: for Bed 2', patient: { id: P1.id } });
  });

  it("near miss: the same band scanned again with packs only for that patient, or packs for another bed once the burst's window has passed", () => {
    const ownOnly = [band(P1, at(0)), pack(P1, [P1], at(1)), band(P1, at(3)), pack(P1, [P1, P2], at(4))];
    expect(detectBandSeveralBeds(input({ scans: ownOnly }))).toEqual([]);
    const spread = [band(P1, at(0)), pack(P1, [P1], at(1)), band(P1, at(20)), pack(P1, [P2], at(50))];
    expect(detectBandSeveralBeds(input({ scans: spread }))).toEqual([]);
    // The same rows with a longer window are flagged: the threshold is the ward's.
    expect(detectBandSeveralBeds(input({ scans: spread }, { bandReuseMinutes: 45 }))).toHaveLength(1);
  });
});

describe('band-away-from-bed', () => {
  it("flags a band identified at a bed that is not the patient's, with the band scan that identified them", () => {
    const b = band(P1, at(0));
    const away = location(P1, P4, at(1));
    const flags = detectBandAwayFromBed(input({ scans: [b, away] }));
    expect(flags).toHaveLength(1);
    expect(flags[0]?.evidence.map((e) => [e.eventId, e.what, e.detail])).toEqual([
      [b.eventId, 'wristband', "Patient 1's wristband"],
      [away.eventId, 'location', 'at Bed 4, not Bed 1'],
    ]);
    // A GLN that is no bed is not the patient's bed either.
    expect(detectBandAwayFromBed(input({ scans: [b, location(P1, null, at(2))] }))[0]?.evidence[1]?.detail).toBe('at GLN 5099998071999 (no bed on record), not Bed 1');
  });

  it("near miss: the patient's own bed scanned; and a ward that only flags repeats", () => {
    expect(detectBandAwayFromBed(input({ scans: [band(P1, at(0)), location(P1, P1, at(1))] }))).toEqual([]);
    expect(detectBandAwayFromBed(input({ scans: [band(P1, at(0)), location(P1, P4, at(1))] }, { awayFromBedScans: 2 }))).toEqual([]);
  });
});

describe('copied-bands', () => {
  it("flags three patients' bands on one handheld within a minute", () => {
    const scans = [band(P1, at(0, 0)), band(P2, at(0, 20)), band(P3, at(0, 45))];
    const flags = detectCopiedBands(input({ scans }));
    expect(flags).toHaveLength(1);
    expect(flags[0]?.title).toBe("3 patients' wristbands scanned on one handheld in 45 s (Patient 1, Patient 2, Patient 3)");
    expect(flags[0]?.evidence).toHaveLength(3);
  });

  it('near miss: three bands at a walking pace, two within seconds, or three on three handhelds', () => {
    expect(detectCopiedBands(input({ scans: [band(P1, at(0)), band(P2, at(1, 30)), band(P3, at(3))] }))).toEqual([]);
    expect(detectCopiedBands(input({ scans: [band(P1, at(0, 0)), band(P2, at(0, 10)), band(P1, at(0, 20))] }))).toEqual([]);
    expect(detectCopiedBands(input({ scans: [band(P1, at(0, 0)), band(P2, at(0, 10), { deviceId: 'h2' }), band(P3, at(0, 20), { deviceId: 'h3' })] }))).toEqual([]);
  });
});

describe('pre-scanned-tray', () => {
  it("flags packs scanned long before the band of the patient they are for, with nobody (or someone else) identified", () => {
    const early = [pack(null, [P2], at(0)), pack(P1, [P2], at(1))];
    const later = band(P2, at(25));
    const flags = detectPreScannedTrays(input({ scans: [band(P1, at(-1)), ...early, later] }));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ pattern: 'pre-scanned-tray', patient: { id: P2.id }, title: '2 packs for Patient 2 scanned up to 25 min before their wristband' });
    expect(flags[0]?.evidence.map((e) => e.eventId)).toEqual([...early, later].map((s) => s.eventId));
    expect(flags[0]?.evidence[1]?.detail).toBe("Paracetamol 500mg tablets, 24 min before Patient 2's band (scanned while Patient 1 was identified)");
  });

  it('near miss: packs just before the band, packs for the patient identified then, another band between, or a single pack', () => {
    const quick = [pack(null, [P2], at(20)), pack(null, [P2], at(21)), band(P2, at(25))];
    expect(detectPreScannedTrays(input({ scans: quick }))).toEqual([]);
    const forP1 = [band(P1, at(0)), pack(P1, [P1, P2], at(1)), pack(P1, [P1, P2], at(2)), band(P2, at(30))];
    expect(detectPreScannedTrays(input({ scans: forP1 }))).toEqual([]);
    const between = [pack(null, [P2], at(0)), pack(null, [P2], at(1)), band(P3, at(5)), band(P2, at(30))];
    expect(detectPreScannedTrays(input({ scans: between }))).toEqual([]);
    expect(detectPreScannedTrays(input({ scans: [pack(null, [P2], at(0)), band(P2, at(30))] }))).toEqual([]);
    // Yesterday's stray pack is not today's tray.
    expect(detectPreScannedTrays(input({ scans: [pack(null, [P2], at(0)), pack(null, [P2], at(1)), band(P2, at(300))] }))).toEqual([]);
  });
});

describe('keyed-product', () => {
  const keyed = (when: Date, nurse = NINA) => pack(P1, [P1], when, { source: 'keyboard', nurse });

  it('flags a product typed in three times', () => {
    const flags = detectKeyedProducts(input({ scans: [keyed(at(0)), keyed(at(60)), keyed(at(120), OWEN), pack(P1, [P1], at(130))] }));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ pattern: 'keyed-product', nurse: null, title: 'Paracetamol 500mg tablets typed in instead of scanned 3 times by 2 nurses' });
    expect(flags[0]?.evidence).toHaveLength(3);
  });

  it('near miss: typed twice, the rest scanned; or three times across different products', () => {
    expect(detectKeyedProducts(input({ scans: [keyed(at(0)), keyed(at(60)), pack(P1, [P1], at(120)), pack(P1, [P1], at(130))] }))).toEqual([]);
    const other = keyed(at(120));
    expect(detectKeyedProducts(input({ scans: [keyed(at(0)), keyed(at(60)), { ...other, product: { key: 'product-amlo', name: 'Amlodipine' } }] }))).toEqual([]);
  });
});

describe('late-confirmation', () => {
  it('flags a dose confirmed 45 min after its pack scan, and one documented an hour after it was given', () => {
    const scan = pack(P1, [P1], at(0));
    const late = dose(NINA, { givenAt: at(45), documentedAt: at(45), packScan: { eventId: scan.eventId, at: scan.at } });
    const offline = dose(NINA, { givenAt: at(100), documentedAt: at(160), packScan: { eventId: id(), at: at(99) } });
    const flags = detectLateConfirmations(input({ scans: [scan], doses: [late, offline, dose(OWEN)] }));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ nurse: NINA, title: 'Nina: 2 doses confirmed or documented 30 min or more after the scan' });
    expect(flags[0]?.evidence.map((e) => [e.what, e.detail])).toEqual([
      ['pack', 'Paracetamol 500mg tablets: the scan the dose was confirmed on'],
      ['dose', 'Paracetamol for Patient 1: confirmed 45 min after its pack was scanned'],
      ['dose', 'Paracetamol for Patient 1: documented 60 min after it was given'],
    ]);
  });

  it('near miss: confirmed 29 min after the scan, documented 29 min after giving', () => {
    const d = dose(NINA, { givenAt: at(29), documentedAt: at(58), packScan: { eventId: id(), at: at(0) } });
    expect(detectLateConfirmations(input({ doses: [d] }))).toEqual([]);
  });
});

describe('override-outlier', () => {
  const doses = (nurse: Person, count: number, overrides: number) =>
    Array.from({ length: count }, (_, i) => dose(nurse, { givenAt: at(i), overrideReason: i < overrides ? 'time-agreed-clinically' : null }));

  it("flags a nurse overriding 4 of 10 doses when the rest of the ward overrides 1 in 20", () => {
    const flags = detectOverrideOutliers(input({ doses: [...doses(NINA, 10, 4), ...doses(OWEN, 20, 1)] }));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ pattern: 'override-outlier', nurse: NINA, title: 'Nina overrode warnings on 4 of 10 doses (40%); the rest of the ward 1 of 20 (5%)' });
    expect(flags[0]?.evidence).toHaveLength(4);
    expect(flags[0]?.evidence.every((e) => e.what === 'override')).toBe(true);
  });

  it('near miss: under twice the ward rate, under 10 points above it, or too few doses to say', () => {
    expect(detectOverrideOutliers(input({ doses: [...doses(NINA, 10, 3), ...doses(OWEN, 20, 4)] }))).toEqual([]); // 30% vs 20%
    expect(detectOverrideOutliers(input({ doses: [...doses(NINA, 12, 1), ...doses(OWEN, 100, 0)] }))).toEqual([]); // 8% vs 0%: under 10 points
    expect(detectOverrideOutliers(input({ doses: [...doses(NINA, 9, 5), ...doses(OWEN, 20, 0)] }))).toEqual([]); // 9 doses
  });
});

describe('detectWorkarounds', () => {
  it('runs every detector over the period, in pattern order, and ignores events before it', () => {
    const scans = [band(P1, at(0, 0)), band(P2, at(0, 20)), band(P3, at(0, 45)), pack(P1, [P1], at(1), { source: 'keyboard' }), pack(P1, [P1], at(2), { source: 'keyboard' }), pack(P1, [P1], at(3), { source: 'keyboard' })];
    expect(detectWorkarounds(input({ scans })).map((f) => f.pattern)).toEqual(['copied-bands', 'keyed-product']);
    expect(detectWorkarounds({ ...input({ scans }), from: at(10) })).toEqual([]);
  });
});
