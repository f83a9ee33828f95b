/*
 * What validated GS1 elements identify: a patient, a staff member, a product,
 * an asset or a location. Exactly one identifying AI must be present, so a
 * label can never be read as two things.
 */
import { gs1Date } from './gs1-dates.js';
import { isValidNhsNumber, nhsNumberFromPatientGsrn } from './nhs-number.js';
import { type Step, done, fail } from './scan-result.js';
import type { Scan } from './scan-types.js';
import { readWristbandData } from './wristband.js';

/** The AIs that say what a GS1 barcode identifies, with the kind each gives. */
const IDENTIFYING_AIS = {
  '8018': 'patient',
  '8017': 'staff',
  '01': 'product',
  '8004': 'asset',
  '414': 'location',
} as const satisfies Record<string, Scan['kind']>;

type IdentifyingAi = keyof typeof IDENTIFYING_AIS;

function isIdentifyingAi(ai: string): ai is IdentifyingAi {
  return Object.hasOwn(IDENTIFYING_AIS, ai);
}

/**
 * DCB1077: a patient GSRN under a configured NHS company prefix carries the
 * NHS Number, which must pass mod 11. A GSRN under any other prefix is still a
 * valid patient GSRN (its GS1 check digit passed): it is returned with `gsrn`
 * only, so the server can look the patient up by GSRN, and never guesses an
 * NHS Number from it.
 */
function patientScan(elements: ReadonlyMap<string, string>, nhsCompanyPrefixes: readonly string[]): Step<Scan> {
  const gsrn = elements.get('8018')!;
  const nhsNumber = nhsNumberFromPatientGsrn(gsrn, nhsCompanyPrefixes);
  if (nhsNumber !== null && !isValidNhsNumber(nhsNumber)) {
    return fail('CHECK_DIGIT', `The NHS Number in this wristband (${nhsNumber}) fails its check digit. Do not use this band.`);
  }
  return done({ kind: 'patient', ...(nhsNumber !== null ? { nhsNumber } : {}), gsrn, ...readWristbandData(elements) });
}

function productScan(elements: ReadonlyMap<string, string>, currentYear: number): Scan {
  const scan: Scan = { kind: 'product', gtin: elements.get('01')! };
  const expiry = elements.get('17');
  // Already checked as `yymmd0` by the dictionary, so this cannot be null here.
  if (expiry !== undefined) scan.expiry = gs1Date(expiry, currentYear, true)!;
  const batch = elements.get('10');
  if (batch !== undefined) scan.batch = batch;
  const serial = elements.get('21');
  if (serial !== undefined) scan.serial = serial;
  return scan;
}

/** Turns validated GS1 elements (AI → data) into the Scan they identify. */
export function scanFromElements(
  elements: ReadonlyMap<string, string>,
  options: { nhsCompanyPrefixes: readonly string[]; currentYear: number },
): Step<Scan> {
  const identifying = [...elements.keys()].filter(isIdentifyingAi);
  if (identifying.length === 0) {
    return fail('UNRECOGNISED', 'This GS1 barcode does not identify a patient, staff member, product, asset or location.');
  }
  if (identifying.length > 1) {
    return fail('SYNTAX', `This barcode holds more than one identifier (${identifying.map((ai) => `(${ai})`).join(', ')}).`);
  }
  const ai = identifying[0]!;
  const kind = IDENTIFYING_AIS[ai];
  switch (kind) {
    case 'patient':
      return patientScan(elements, options.nhsCompanyPrefixes);
    case 'staff':
      return done({ kind, gsrn: elements.get(ai)! });
    case 'product':
      return done(productScan(elements, options.currentYear));
    case 'asset':
      return done({ kind, giai: elements.get(ai)! });
    case 'location':
      return done({ kind, gln: elements.get(ai)! });
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}
