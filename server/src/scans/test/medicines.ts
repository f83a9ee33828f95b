import type { DoseUnit, Ingredient, MedicinalProduct } from '@wardscan/shared';
import type { PatientRecord, PrescriptionRecord, ProductRecord } from '../../domain/records.js';

/*
 * Builders for the pure medicine checks: products as dm+d describes them and
 * orders at each dm+d level. Codes ending 9999 are made up for tests.
 */

const ratio = (n: string, nu: DoseUnit, d: string, du: DoseUnit) => ({ numerator: { value: n, unit: nu }, denominator: { value: d, unit: du } });
const ing = (code: string, name: string, strength: Ingredient['strength']): Ingredient => ({ substance: { code, name }, substanceName: name.toLowerCase(), strength });

function product(name: string, vtm: [string, string] | null, vmp: [string, string], ingredients: Ingredient[], extra: Partial<MedicinalProduct> = {}, flags: Partial<ProductRecord> = {}): ProductRecord {
  const medicine: MedicinalProduct = {
    source: 'dmd',
    name,
    vtm: vtm ? { code: vtm[0], name: vtm[1] } : null,
    vmp: { code: vmp[0], name: vmp[1] },
    amp: { code: `${vmp[0].slice(0, 6)}19999`, name },
    ampp: null,
    ingredients,
    unitDose: { size: { value: '1', unit: 'tablet' }, container: 'tablet' },
    form: 'Tablet',
    routes: ['oral'],
    ...extra,
  };
  return { productId: null, name, medicine, highAlert: false, scored: false, inCatalogue: true, ...flags };
}

export const amoxicillin500Caps = (): ProductRecord =>
  product('Amoxicillin 500mg capsules (Test)', ['100009999', 'Amoxicillin'], ['39732411000001106', 'Amoxicillin 500mg capsules'], [ing('300009999', 'Amoxicillin trihydrate', ratio('500', 'mg', '1', 'capsule'))], {
    unitDose: { size: { value: '1', unit: 'capsule' }, container: 'capsule' },
    form: 'Capsule',
  });
export const cefalexin500Caps = (): ProductRecord =>
  product('Cefalexin 500mg capsules (Test)', ['110009999', 'Cefalexin'], ['120009999', 'Cefalexin 500mg capsules'], [ing('130009999', 'Cefalexin', ratio('500', 'mg', '1', 'capsule'))], {
    unitDose: { size: { value: '1', unit: 'capsule' }, container: 'capsule' },
  });
export const paracetamol500Tabs = (): ProductRecord =>
  product('Paracetamol 500mg tablets (Test)', ['140009999', 'Paracetamol'], ['150009999', 'Paracetamol 500mg tablets'], [ing('160009999', 'Paracetamol', ratio('500', 'mg', '1', 'tablet'))], {}, { scored: true });
export const cocodamol30500Tabs = (): ProductRecord =>
  product('Co-codamol 30mg/500mg tablets (Test)', ['170009999', 'Co-codamol'], ['180009999', 'Co-codamol 30mg/500mg tablets'], [
    ing('190009999', 'Codeine phosphate', ratio('30', 'mg', '1', 'tablet')),
    ing('160009999', 'Paracetamol', ratio('500', 'mg', '1', 'tablet')),
  ]);
export const gentamicin80In2mL = (): ProductRecord =>
  product('Gentamicin 80mg/2ml solution for injection ampoules (Test)', ['200009999', 'Gentamicin'], ['210009999', 'Gentamicin 80mg/2ml solution for injection ampoules'], [ing('220009999', 'Gentamicin sulfate', ratio('40', 'mg', '1', 'mL'))], {
    unitDose: { size: { value: '2', unit: 'mL' }, container: 'ampoule' },
    routes: ['iv', 'im'],
    form: 'Solution for injection',
  });

export function patient(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return {
    id: 'patient-test',
    nhsNumber: '9990000018',
    wristbandGsrn: null,
    mrn: null,
    familyName: 'Testcase',
    givenName: 'Tess',
    birthDate: '1970-01-01',
    wardId: 'ward-7b',
    bedId: null,
    bedLabel: null,
    allergies: [],
    allergyStatus: 'nkda',
    ...overrides,
  };
}

let n = 0;
/** An order for `product`'s VMP (or VTM, or words only), regular at 08:00 unless said otherwise. */
export function orderFor(p: ProductRecord, level: 'vmp' | 'vtm' | 'free-text', overrides: Partial<PrescriptionRecord> = {}): PrescriptionRecord {
  const m = p.medicine;
  const medication: PrescriptionRecord['medication'] =
    level === 'vmp' && m.vmp ? { level: 'vmp', ...m.vmp } : level === 'vtm' && m.vtm ? { level: 'vtm', ...m.vtm } : { level: 'free-text', name: (m.vmp?.name ?? p.name).toLowerCase() };
  return {
    id: `rx-${++n}`,
    patientId: 'patient-test',
    drug: medication.name,
    medication,
    productId: null,
    dose: { kind: 'fixed', value: '1', unit: 'g' },
    route: 'oral',
    schedule: { kind: 'regular', times: ['08:00'] },
    startsAt: '2026-01-01T00:00:00.000Z',
    stopsAt: null,
    ...overrides,
  };
}
