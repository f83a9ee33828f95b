import { complianceFigures, type ComplianceBucket, type ComplianceCounts, type ComplianceShiftTotal, type TrustCompliance, type TrustWard, type WardCompliance } from '@wardscan/shared';

/** A period's day shifts and night shifts summed: `day` and `night` replace parts of each one's counts. */
export function buildByShift(day: Partial<ComplianceCounts> = {}, night: Partial<ComplianceCounts> = {}, shifts = 3): ComplianceShiftTotal[] {
  return (['day', 'night'] as const).map((shift) => {
    const counts = buildCounts(shift === 'day' ? day : night);
    return { shift, shifts, partialShifts: shift === 'day' && shifts > 0 ? 1 : 0, counts, figures: complianceFigures(counts) };
  });
}

/** A ward day's counts: 100 doses due, 90 given (80 with both scanned), 4 not given, 6 missed; `overrides` replace parts. */
export function buildCounts(overrides: Partial<ComplianceCounts> = {}): ComplianceCounts {
  return {
    due: 100, given: 90, prnGiven: 10, givenBothScanned: 80, patientScanned: 85, medicationScanned: 85,
    manualIdentification: 5, manualIdentificationByMethod: { keyed: 3, 'nhs-number-barcode': 2 }, keyedProduct: 5, documentedLate: 2,
    notGiven: 4, notGivenByReason: { 'patient-refused': 3, 'nil-by-mouth': 1 }, missed: 6, open: 0, scheduledClosed: 90,
    overrides: 7, overridesByRule: { 'keyed-patient-id': 3, 'right-time': 4 }, stops: 2, stopsByRule: { allergy: 2 },
    minutesFromDue: { count: 80, median: 12, p90: 48 },
    ...overrides,
  };
}

export function buildBucket(date: string, overrides: Partial<ComplianceBucket> = {}, counts: Partial<ComplianceCounts> = {}): ComplianceBucket {
  const c = buildCounts(counts);
  return { date, shift: null, start: `${date}T00:00:00.000Z`, end: `${date}T23:59:59.000Z`, coverage: 'full', notes: [], counts: c, figures: complianceFigures(c), ...overrides };
}

/** Three ward days: the first on record (partial), a whole one, and today (not over). */
export function buildWardCompliance(): WardCompliance {
  const days = [
    buildBucket('2026-11-22', { coverage: 'partial', notes: ['first-day-on-record'] }),
    buildBucket('2026-11-23'),
    buildBucket('2026-11-24', { coverage: 'partial', notes: ['not-over'] }, { due: 40, given: 30, givenBothScanned: 30, patientScanned: 30, medicationScanned: 30, missed: 2, open: 3 }),
  ];
  const total = buildCounts({ due: 1234, given: 1100, givenBothScanned: 1036, patientScanned: 1080, medicationScanned: 1056, missed: 60, scheduledClosed: 1000 });
  return {
    wardId: 'ward-1',
    wardName: 'Ward 1',
    timeZone: 'Europe/London',
    generatedAt: '2026-11-24T12:00:00.000Z',
    recordsFrom: '2026-11-22T07:50:00.000Z',
    total: { from: '2026-11-22', to: '2026-11-24', start: '2026-11-22T00:00:00.000Z', end: '2026-11-25T00:00:00.000Z', coverage: 'partial', notes: ['first-day-on-record', 'not-over'], days: 3, partialDays: 2, counts: total, figures: complianceFigures(total) },
    byShift: buildByShift(),
    days,
    shifts: [
      buildBucket('2026-11-22', { shift: 'day', start: '2026-11-22T07:00:00.000Z', coverage: 'partial', notes: ['first-day-on-record'] }),
      buildBucket('2026-11-22', { shift: 'night', start: '2026-11-22T19:00:00.000Z' }),
    ],
  };
}

export function buildTrustWard(wardId: string, wardName: string, rank: number | null, counts: Partial<ComplianceCounts>): TrustWard {
  const c = buildCounts(counts);
  const figures = complianceFigures(c);
  return {
    wardId,
    wardName,
    rank,
    total: { from: '2026-11-11', to: '2026-11-24', start: '2026-11-11T00:00:00.000Z', end: '2026-11-25T00:00:00.000Z', coverage: rank === null ? 'none' : 'partial', notes: rank === null ? ['no-records'] : ['not-over'], days: rank === null ? 0 : 14, partialDays: rank === null ? 0 : 1, counts: c, figures },
    trend: ['2026-11-23', '2026-11-24'].map((date) => ({ date, coverage: rank === null ? ('none' as const) : ('full' as const), notes: rank === null ? (['no-records'] as const).slice() : [], figures: figures.filter((f) => ['patient-scan', 'medication-scan', 'both-scanned', 'missed-dose'].includes(f.id)) })),
    byShift: buildByShift(counts, counts, rank === null ? 0 : 14),
    shiftTrend: [],
  };
}

export function buildTrust(days = 14): TrustCompliance {
  return {
    days,
    generatedAt: '2026-11-24T12:00:00.000Z',
    wards: [
      buildTrustWard('ward-7b', 'Ward 7B Acute Medicine', 1, { given: 1000, givenBothScanned: 960, patientScanned: 980, medicationScanned: 975, missed: 20, scheduledClosed: 900 }),
      buildTrustWard('ward-8a', 'Ward 8A Surgery', 2, { given: 800, givenBothScanned: 640, patientScanned: 700, medicationScanned: 720, missed: 90, scheduledClosed: 780 }),
      buildTrustWard('ward-9c', 'Ward 9C', null, { due: 0, given: 0, givenBothScanned: 0, patientScanned: 0, medicationScanned: 0, missed: 0, scheduledClosed: 0, notGiven: 0, overrides: 0, stops: 0, keyedProduct: 0, manualIdentification: 0, documentedLate: 0, prnGiven: 0 }),
    ],
  };
}
