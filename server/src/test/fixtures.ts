import { readFileSync } from 'node:fs';
import type { DoseUnit, MedicationRoute, ProductInput } from '@wardscan/shared';
import { DEMO_WARD_DIR } from '../fixtures/demo-ward.js';
import type { PatientRecord, PrescriptionRecord } from '../domain/records.js';
import type { NewPrescription } from '../prescriptions/repository.js';
import type { Repositories } from '../repositories.js';

interface BarcodeEntry {
  id: string;
  raw: string;
  patientId?: string | null;
  productId?: string | null;
}
const barcodes = JSON.parse(readFileSync(`${DEMO_WARD_DIR}barcodes.json`, 'utf8')) as BarcodeEntry[];

/** The raw scan string of a named demo barcode, e.g. `barcode('pack-paracetamol')`. */
export function barcode(id: string): string {
  const b = barcodes.find((x) => x.id === id);
  if (!b) throw new Error(`no demo barcode ${id}`);
  return b.raw;
}

/** Named demo patients (see fixtures/demo-ward/patients.json). */
export const AGNES = 'patient-agnes-morrow';
export const BERNARD = 'patient-bernard-quill';
export const CLARA = 'patient-clara-fenwick';
export const EDITH = 'patient-edith-pryce';
export const KATHLEEN = 'patient-kathleen-lowry';

let n = 0;
const seq = (): number => ++n;

/** GS1 check digit, for building synthetic identifiers in tests. */
function gs1(data: string): string {
  let sum = 0;
  [...data].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return data + String((10 - (sum % 10)) % 10);
}
/** A fresh GTIN-14 under a test prefix. */
export const testGtin = (): string => gs1(`0509999600${String(seq()).padStart(3, '0')}`);

/**
 * The test drug: "Testamol 5 mg tablets" is a ward catalogue pack of a real
 * dm+d VMP in fixtures/dmd (Amlodipine 5mg tablets, 39732011000001102), so
 * packs built here are checked by dm+d code like any real one.
 */
export const TESTAMOL_VMP = '39732011000001102';
/** An order for the test drug by its dm+d code. */
export const TESTAMOL_ORDER = { drug: 'Testamol 5 mg tablets', medicationCode: TESTAMOL_VMP } as const;

/** Builds and stores a prescription for a patient; defaults to regular paracetamol 1 g oral at 08:00. */
export function buildPrescription(repos: Repositories, overrides: Partial<NewPrescription> & { patientId: string }): PrescriptionRecord {
  const p: NewPrescription = {
    id: `rx-test-${seq()}`,
    drug: 'paracetamol',
    medicationCode: null,
    productId: null,
    dose: { kind: 'fixed', value: '1', unit: 'g' },
    route: 'oral' as MedicationRoute,
    schedule: { kind: 'regular', times: ['08:00'] },
    startsAt: '2026-01-01T00:00:00.000Z',
    stopsAt: null,
    ...overrides,
  };
  repos.prescriptions.insert(p);
  return repos.prescriptions.byId(p.id) as PrescriptionRecord;
}

/** Builds and stores a drug product with a fresh GTIN; returns it and a GS1 pack barcode for it. */
export function buildProduct(repos: Repositories, overrides: Partial<ProductInput> = {}): { id: string; gtin: string; pack: (opts?: { expiry?: string; batch?: string }) => string } {
  const gtin = testGtin();
  const id = `product-test-${seq()}`;
  repos.products.save(
    id,
    {
      kind: 'drug',
      gtins: [gtin],
      name: 'Testamol 5 mg tablets',
      drug: null,
      dmdCode: TESTAMOL_VMP,
      strength: null,
      form: 'tablet',
      routes: ['oral'],
      highAlert: false,
      scored: false,
      ...overrides,
      ...(overrides.gtins ? {} : { gtins: [gtin] }),
    },
    '2026-01-01T00:00:00.000Z',
  );
  return { id, gtin, pack: (o = {}) => `01${gtin}17${o.expiry ?? '351231'}10${o.batch ?? 'TB0001'}\u001d21S${seq()}` };
}

/** Builds and stores a patient on the demo ward with a valid 999-range NHS Number. */
export function buildPatient(repos: Repositories, overrides: Partial<PatientRecord> = {}): PatientRecord {
  for (;;) {
    const stem = `9995${String(seq() * 7919).padStart(5, '0').slice(-5)}`;
    const sum = [...stem].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
    const c = 11 - (sum % 11);
    if (c === 10) continue;
    const nhsNumber = stem + (c === 11 ? '0' : String(c));
    const p: PatientRecord = {
      id: `patient-test-${seq()}`,
      nhsNumber,
      wristbandGsrn: gs1(`5099999${nhsNumber}`),
      mrn: null,
      familyName: 'Testcase',
      givenName: 'Tess',
      birthDate: '1970-01-01',
      wardId: 'ward-7b',
      allergyStatus: 'nkda',
      bedId: null,
      bedLabel: null,
      allergies: [],
      ...overrides,
    };
    const { bedLabel: _ignored, ...record } = p;
    repos.patients.insert(record);
    return p;
  }
}

/** The wristband barcode (AI 8018) of a built patient. */
export const wristbandOf = (p: PatientRecord): string => `8018${p.wristbandGsrn}`;
