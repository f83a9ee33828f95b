/*
 * Patient wristband data beside the GSRN (DCB1077, AIDC for Patient
 * Identification). The NHS Data Dictionary ("GS1 Application Identifier
 * (Internal)") assigns the company-internal AIs:
 *   91 Hospital Identifiers: organisation (ODS) code, local patient identifier (MRN), optional GLN
 *   92 Baby Details: number of babies, mother's family and given names
 *   93 Patient Descriptive Data: family name, given name, date of birth, time of birth
 * The layout of the fields inside each AI is set by the DCB1077 specification,
 * which is not at hand; Wardscan reads and writes them as '/'-separated
 * fields in the order above (dates YYYYMMDD, times HHMM), e.g.
 * `91RXX/MRN0012345`, `93BLOGGS/JOE/19700101`. A character outside GS1's
 * character set 82, or a '/', '%' or parenthesis, is written %-encoded
 * (UTF-8), as GS1 does for its own name AIs: `93VAN%20DER%20BERG/ZOË…`.
 * A field that does not fit is left out, never an error: these fields are for
 * display and cross-checking only. A patient is matched on the validated
 * GSRN / NHS Number alone. The GS1 patient AIs (7250 birth date, 7251 birth
 * date and time, 7253 family name, 7254 given name) are read as GS1 defines them
 * and win over 93.
 */
import { fullDate } from './gs1-dates.js';
import { patientGsrn } from './nhs-number.js';
import type { PatientScan } from './scan-types.js';

/** The descriptive part of a patient scan: everything but the identifiers. */
export type WristbandData = Omit<PatientScan, 'kind' | 'gsrn' | 'nhsNumber'>;

/** Percent-decodes a `pcenc` field (7253, 7254) or a 91/93 field; leaves it as sent if the bytes are not UTF-8. */
function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A 91/93 field as text: %-decoded and trimmed; undefined if empty. */
function fieldText(value: string | undefined): string | undefined {
  const trimmed = value === undefined ? undefined : decodePercent(value).trim();
  return trimmed ? trimmed : undefined;
}

// GS1 character set 82 less '/' (our separator), '%' (the escape) and '()' (the HRI AI markers).
const PLAIN_FIELD_CHARACTER = /[A-Za-z0-9!"&'*+,\-.:;<=>?_]/;

/** One character as %-escaped UTF-8 bytes; a lone surrogate becomes U+FFFD. */
function percentEncode(char: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(char);
  } catch {
    return '%EF%BF%BD';
  }
  // encodeURIComponent leaves ~ ( ) and a few others as they are; escape them too.
  return encoded === char ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encoded;
}

/** %-encodes what may not stand as itself in a wristband field; the inverse of decodePercent. */
function encodeField(value: string): string {
  let out = '';
  for (const char of value) {
    if (PLAIN_FIELD_CHARACTER.test(char)) out += char;
    else out += percentEncode(char);
  }
  return out;
}

/** Reads MRN, names and birth date from a wristband's validated elements (AI → data). */
export function readWristbandData(elements: ReadonlyMap<string, string>): WristbandData {
  const data: WristbandData = {};
  const hospital = elements.get('91')?.split('/');
  const mrn = hospital && hospital.length >= 2 ? fieldText(hospital[1]) : undefined;
  if (mrn) data.mrn = mrn;

  const descriptive = elements.get('93')?.split('/');
  if (descriptive && descriptive.length >= 3) {
    const familyName = fieldText(descriptive[0]);
    const givenName = fieldText(descriptive[1]);
    const birthDate = fullDate(descriptive[2] ?? '');
    if (familyName) data.familyName = familyName;
    if (givenName) data.givenName = givenName;
    if (birthDate) data.birthDate = birthDate;
  }

  const family = elements.get('7253');
  if (family !== undefined) data.familyName = decodePercent(family);
  const given = elements.get('7254');
  if (given !== undefined) data.givenName = decodePercent(given);
  // Both were date-checked against the dictionary; 7251 is YYYYMMDDHHMM.
  const birth = fullDate(elements.get('7250') ?? elements.get('7251')?.slice(0, 8) ?? '');
  if (birth) data.birthDate = birth;
  return data;
}

/** What a wristband label carries, for {@link wristbandHri}. */
export interface WristbandLabel {
  /** The NHS GS1 company prefix this trust is configured with. */
  companyPrefix: string;
  /** 10 digits, mod-11 valid. */
  nhsNumber: string;
  odsCode?: string;
  mrn?: string;
  familyName?: string;
  givenName?: string;
  /** YYYY-MM-DD. */
  birthDate?: string;
}

/**
 * The human-readable GS1 form of a DCB1077 wristband in Wardscan's layout,
 * e.g. `(8018)505522099900000187(91)RXX/MRN1(93)BLOGGS/JOE/19700101`,
 * ready for a GS1 DataMatrix encoder such as bwip-js. For the label printer
 * and fixtures.
 * @throws RangeError if the prefix or NHS Number cannot make a valid GSRN.
 */
export function wristbandHri(label: WristbandLabel): string {
  let hri = `(8018)${patientGsrn(label.companyPrefix, label.nhsNumber)}`;
  if (label.odsCode !== undefined || label.mrn !== undefined) {
    hri += `(91)${encodeField(label.odsCode ?? '')}/${encodeField(label.mrn ?? '')}`;
  }
  if (label.familyName !== undefined || label.givenName !== undefined || label.birthDate !== undefined) {
    const birth = (label.birthDate ?? '').replace(/-/g, '');
    hri += `(93)${encodeField(label.familyName ?? '')}/${encodeField(label.givenName ?? '')}/${birth}`;
  }
  return hri;
}
