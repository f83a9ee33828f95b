import { readFileSync } from 'node:fs';
import { formatNhsNumber, wristbandHri } from '@wardscan/shared';
import type { PatientFixture, WardFile } from '../fixtures/demo-ward.js';

/**
 * What one printed label shows: a symbol (bwip-js encoder + its input) and
 * the human-readable lines beside it. Pure data, so the same sheet can be
 * rendered to PDF and decoded back in tests.
 */
export interface LabelSpec {
  id: string;
  /** Demo-ward barcode kind: patient, staff, location, product… */
  kind: string;
  title: string;
  lines: string[];
  /** bwip-js encoder id. */
  bcid: 'gs1datamatrix' | 'gs1-128' | 'ean13' | 'code128';
  /** bwip-js input: GS1 human-readable form `(AI)value…` for GS1 symbols. */
  text: string;
}

interface BarcodeFixture {
  id: string;
  kind: string;
  label: string;
  purpose: string;
  patientId?: string;
  raw: string;
  hri: string;
}
export interface DemoWardFiles {
  barcodes: BarcodeFixture[];
  patients: PatientFixture[];
  ward: WardFile;
}

/** Reads what the label sheet needs from a demo-ward fixture folder. */
export function readDemoWardFiles(dir: string): DemoWardFiles {
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}.json`, `file://${dir.replace(/\/?$/, '/')}`), 'utf8'));
  return {
    barcodes: read('barcodes') as BarcodeFixture[],
    patients: read('patients') as PatientFixture[],
    ward: read('ward') as WardFile,
  };
}

/** "1941-03-08" → "08/03/1941", the UK order printed on NHS wristbands. */
const ukDate = (iso: string): string => iso.split('-').reverse().join('/');

/** What a wristband prints about its patient. */
export type WristbandPatient = Pick<PatientFixture, 'id' | 'nhsNumber' | 'familyName' | 'givenName' | 'birthDate'> & { mrn: string | null };

// GS1 General Specifications §3.2: company-internal AIs 91–99 carry at most 90 characters.
const COMPANY_INTERNAL_MAX = 90;

/**
 * The band's GS1 element string. AI 93 carries the names, %-encoded, and
 * 100 + 100 characters (what a record allows) cannot fit in its 90: then the
 * given name, then the family name, is left out of the symbol (birth date
 * kept). A name is never cut short: the bedside check compares a name on the
 * band with the record, and a shortened one would be a stop at every scan.
 * The printed text still shows both names in full.
 */
function wristbandElements(patient: WristbandPatient, companyPrefix: string): string {
  const family = patient.familyName.toUpperCase();
  const given = patient.givenName.toUpperCase();
  const base = { companyPrefix, nhsNumber: patient.nhsNumber, ...(patient.mrn ? { mrn: patient.mrn } : {}), birthDate: patient.birthDate };
  const tries = [{ familyName: family, givenName: given }, { familyName: family, givenName: '' }, { familyName: '', givenName: '' }];
  for (const names of tries) {
    const hri = wristbandHri({ ...base, ...names });
    if (hri.length - hri.indexOf('(93)') - 4 <= COMPANY_INTERNAL_MAX) return hri;
  }
  throw new RangeError('A wristband birth date alone overflows AI 93.'); // 2 separators + 8 digits: never
}

/** A DCB1077 wristband for one patient, under the trust's NHS company prefix. */
export function wristbandLabelSpec(patient: WristbandPatient, companyPrefix: string): LabelSpec {
  return {
    id: `wristband-${patient.id}`,
    kind: 'patient',
    title: `${patient.familyName.toUpperCase()}, ${patient.givenName}`,
    lines: [`NHS No: ${formatNhsNumber(patient.nhsNumber)}`, `DOB: ${ukDate(patient.birthDate)}`, ...(patient.mrn ? [`MRN: ${patient.mrn}`] : [])],
    bcid: 'gs1datamatrix',
    // DCB1077: GSRN (8018) plus the hospital and descriptive data the band prints.
    text: wristbandElements(patient, companyPrefix),
  };
}

function wristbandLabel(entry: BarcodeFixture, files: DemoWardFiles): LabelSpec {
  if (!entry.hri.startsWith('(8018)')) return plainLabel(entry);
  const patient = files.patients.find((p) => p.id === entry.patientId);
  const prefix = files.ward.nhsCompanyPrefixes[0];
  if (!patient || !prefix) throw new Error(`wristband ${entry.id}: no patient or NHS company prefix in the fixtures`);
  return { ...wristbandLabelSpec(patient, prefix), id: entry.id };
}

function plainLabel(entry: BarcodeFixture): LabelSpec {
  return { id: entry.id, kind: entry.kind, title: entry.label, lines: [entry.purpose], ...symbolFor(entry) };
}

function symbolFor(entry: BarcodeFixture): Pick<LabelSpec, 'bcid' | 'text'> {
  // ISBT 128 blood labels are Code 128 by definition (their data starts with '=' or '&').
  if (entry.kind === 'blood') return { bcid: 'code128', text: entry.hri };
  // A bare NHS Number is Code 128 on older bands; 13 digits without an AI is an EAN-13 pack.
  if (/^\d{10}$/.test(entry.hri)) return { bcid: 'code128', text: entry.hri };
  if (!entry.hri.startsWith('(')) return { bcid: 'ean13', text: entry.hri };
  // Bed labels are linear GS1-128, as on bed-end boards; packs and badges are DataMatrix.
  return { bcid: entry.kind === 'location' ? 'gs1-128' : 'gs1datamatrix', text: entry.hri };
}

/** Every demo-ward barcode as a printable label, wristbands first. */
export function buildLabelSheet(files: DemoWardFiles): LabelSpec[] {
  const order = ['patient', 'staff', 'location', 'product', 'blood', 'asset'];
  const rank = (kind: string): number => (order.includes(kind) ? order.indexOf(kind) : order.length);
  // A deliberately broken code (wrong check digit) has no printable form.
  return files.barcodes
    .filter((entry) => entry.hri !== '')
    .sort((a, b) => rank(a.kind) - rank(b.kind))
    .map((entry) =>
      entry.kind === 'patient'
        ? wristbandLabel(entry, files)
        : { id: entry.id, kind: entry.kind, title: entry.label, lines: [entry.purpose, entry.hri], ...symbolFor(entry) },
    );
}
