import type {
  PatientChart,
  WardRound,
  AdministrationResponse,
  ClientConfig,
  MedicinalProduct,
  PatientSummary,
  Product,
  ScanResponse,
  SessionResponse,
  Verdict,
  WardMetrics,
} from '@wardscan/shared';

/*
 * Synthetic people and packs for component tests. NHS Numbers are from the
 * never-issued 999 range, mod-11 valid.
 */
export const ADA_NHS = '9990000018';
export const BEN_NHS = '9990000026';

export function buildConfig(overrides: Partial<ClientConfig> = {}): ClientConfig {
  return {
    nhsCompanyPrefixes: ['5099999'],
    acceptPlainNhsNumber: true,
    gsSubstitutes: [],
    allowKeyedPatientId: false,
    patientContextTimeoutSeconds: 300,
    scannerMaxKeyGapMs: 50,
    ...overrides,
  };
}

export function buildSession(overrides: Partial<SessionResponse['user']> = {}): SessionResponse {
  return {
    token: 'test-token',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { id: 'u-nurse', name: 'Nia Nurse', role: 'nurse', wardId: 'ward-1', ...overrides },
  };
}

export function buildPatient(overrides: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id: 'p-ada',
    nhsNumber: ADA_NHS,
    mrn: 'MRN001',
    familyName: 'Lovelace',
    givenName: 'Ada',
    birthDate: '1948-03-07',
    wardId: 'ward-1',
    bedId: 'bed-3',
    bedLabel: 'Bay 1 Bed 3',
    allergies: [{ substance: 'penicillin', code: null, reaction: 'rash' }],
    allergyStatus: 'recorded',
    doses: [
      {
        prescriptionId: 'rx-para',
        drugName: 'Paracetamol',
        dose: { kind: 'fixed', value: '1', unit: 'g' },
        doseText: '1 g oral',
        route: 'oral',
        dueAt: '2026-11-24T10:00:00.000Z',
        status: 'overdue',
        highAlert: false,
      },
    ],
    ...overrides,
  };
}

export function buildVerdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    outcome: 'match',
    title: 'Paracetamol 500 mg tablets for Ada Lovelace',
    checks: [
      { rule: 'right-patient', outcome: 'pass', message: 'Wristband scanned' },
      { rule: 'right-drug', outcome: 'pass', message: 'Paracetamol is prescribed' },
    ],
    prescriptionId: 'rx-para',
    doseToGive: { quantity: '2', unit: 'tablet', text: '2 tablets' },
    ...overrides,
  };
}

export function patientScanResponse(eventId: string, patient: PatientSummary | null = buildPatient()): ScanResponse {
  return {
    eventId,
    interpretation: { ok: true, scan: { kind: 'patient', nhsNumber: patient?.nhsNumber ?? ADA_NHS }, symbology: ']d2', raw: 'raw' },
    patient,
    verdict: { outcome: 'info', title: patient ? `Patient identified` : 'Unknown patient', checks: [] },
    replayed: false,
  };
}

export function productScanResponse(eventId: string, verdict: Verdict = buildVerdict(), patient: PatientSummary = buildPatient()): ScanResponse {
  return {
    eventId,
    interpretation: { ok: true, scan: { kind: 'product', gtin: '05000000000017', batch: 'B1', expiry: '2027-12-31' }, symbology: ']d2', raw: 'raw' },
    patient,
    verdict,
    replayed: false,
  };
}

export function administrationResponse(eventId: string, productScanEventId: string): AdministrationResponse {
  return {
    eventId,
    replayed: false,
    administration: {
      id: 'adm-1',
      eventId,
      prescriptionId: 'rx-para',
      patientId: 'p-ada',
      productScanEventId,
      givenAt: new Date().toISOString(),
      documentedAt: new Date().toISOString(),
      documentedLate: false,
      indication: null,
      givenBy: 'u-nurse',
      witnessedBy: null,
      overrideReason: null,
      doseText: '2 tablets (1 g) paracetamol',
      doseGiven: { value: '1', unit: 'g' },
    },
  };
}

export function buildProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 'prod-para',
    kind: 'drug',
    gtins: ['05000000000017'],
    name: 'Paracetamol 500 mg tablets',
    drug: 'paracetamol',
    dmdCode: null,
    strength: { numerator: { value: '500', unit: 'mg' }, denominator: { value: '1', unit: 'tablet' } },
    form: 'tablet',
    routes: ['oral'],
    highAlert: false,
    scored: true,
    updatedAt: '2026-11-20T09:00:00.000Z',
    dmd: null,
    ...overrides,
  };
}

/** A product as dm+d describes it (`GET /api/dmd/products`); Paracetamol 500mg tablets (real VMP code) unless overridden. */
export function buildMedicinalProduct(overrides: Partial<MedicinalProduct> = {}): MedicinalProduct {
  return {
    source: 'dmd',
    name: 'Paracetamol 500mg tablets',
    vtm: { code: '777067000', name: 'Paracetamol' },
    vmp: { code: '42109611000001109', name: 'Paracetamol 500mg tablets' },
    amp: null,
    ampp: null,
    ingredients: [{ substance: null, substanceName: 'paracetamol', strength: { numerator: { value: '500', unit: 'mg' }, denominator: { value: '1', unit: 'tablet' } } }],
    unitDose: { size: { value: '1', unit: 'tablet' }, container: 'tablet' },
    form: 'Tablet',
    routes: ['oral'],
    ...overrides,
  };
}

/** Morphine sulfate 10 mg/1 mL ampoules as the server answers from fixtures/dmd (VMP 36128211000001109, real). */
export const morphineAmpoulesProduct = (): MedicinalProduct =>
  buildMedicinalProduct({
    name: 'Morphine sulfate 10mg/1ml solution for injection ampoules',
    vtm: { code: '773372004', name: 'Morphine' },
    vmp: { code: '36128211000001109', name: 'Morphine sulfate 10mg/1ml solution for injection ampoules' },
    ingredients: [{ substance: null, substanceName: 'morphine sulfate', strength: { numerator: { value: '10', unit: 'mg' }, denominator: { value: '1', unit: 'mL' } } }],
    unitDose: { size: { value: '1', unit: 'mL' }, container: 'ampoule' },
    form: 'Solution for injection',
    routes: ['iv', 'im', 'sc'],
  });

export function buildMetrics(): WardMetrics {
  return {
    wardId: 'ward-1',
    days: [
      { date: '2026-11-22', dosesGiven: 10, dosesFullyScanned: 9, scanCompliance: 0.9, overrides: 1, overrideRate: 0.1, stopsByRule: { allergy: 1 } },
      { date: '2026-11-23', dosesGiven: 0, dosesFullyScanned: 0, scanCompliance: null, overrides: 0, overrideRate: null, stopsByRule: {} },
      { date: '2026-11-24', dosesGiven: 20, dosesFullyScanned: 20, scanCompliance: 1, overrides: 0, overrideRate: 0, stopsByRule: { 'right-patient': 2, allergy: 1 } },
    ],
  };
}

/** A chart with one missed dose (08:00 paracetamol) and one later; `overrides` replace parts. */
export function buildChart(overrides: Partial<PatientChart> = {}): PatientChart {
  const drug = { prescriptionId: 'rx-para', drugName: 'Paracetamol 500mg tablets', dose: { kind: 'fixed' as const, value: '1', unit: 'g' as const }, doseText: '1 g oral', route: 'oral' as const, highAlert: false };
  return {
    patientId: 'p-ada',
    date: '2026-11-24',
    timeZone: 'UTC', // the client suite runs with TZ=UTC: times read as the tests wrote them, with no zone said
    slots: [
      { ...drug, slotAt: '2026-11-24T08:00:00.000Z', status: 'missed', given: null, notGiven: null },
      { ...drug, slotAt: '2026-11-24T18:00:00.000Z', status: 'later', given: null, notGiven: null },
    ],
    prn: [],
    held: [],
    ...overrides,
  };
}

/** A ward round of two beds, one empty. */
export function buildRound(overrides: Partial<WardRound> = {}): WardRound {
  return {
    wardId: 'ward-1',
    wardName: 'Ward 1',
    timeZone: 'UTC', // the client suite runs with TZ=UTC: times read as the tests wrote them, with no zone said
    at: '2026-11-24T08:30:00.000Z',
    beds: [
      {
        bedId: 'bed-3',
        bedLabel: 'Bay 1 Bed 3',
        patient: { id: 'p-ada', nhsNumber: ADA_NHS, familyName: 'Lovelace', givenName: 'Ada', birthDate: '1948-03-07', missed: 1, dueNow: 0, nextDueAt: '2026-11-24T18:00:00.000Z', prn: 0, reviewsDue: 0, onHold: 0, needsReview: 0, runningTransfusions: 0, devices: 0 },
      },
      { bedId: 'bed-4', bedLabel: 'Bay 1 Bed 4', patient: null },
    ],
    ...overrides,
  };
}
