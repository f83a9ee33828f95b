/*
 * ISBT 128 blood labels (ICCBBA ISBT 128 Standard Technical Specification).
 * Read here: Donation Identification Number (data structure 001, `=` + 15),
 * blood groups (002, `=%` + 4), product code (003, `=<` + 8) and expiry
 * (004, `=>` cyyjjj), alone or concatenated in one symbol. A label without a
 * DIN cannot be tied to a unit, so it is refused with a message asking for
 * the DIN. Codabar-labelled UK components are not read here.
 */
import { ordinalDate } from './gs1-dates.js';
import { type Step, done, fail } from './scan-result.js';
import type { BloodScan } from './scan-types.js';

// DIN: facility (first character A–N, P–Z or 1–9, then 4 digits), year (2), sequence (6), flags (2).
const DIN = /^=([A-NP-Z1-9][0-9]{4})([0-9]{2})([0-9]{6})([0-9]{2})/;

/** ISBT 128 ABO/RhD codes (first two characters of data structure 002) for the eight common groups. */
const BLOOD_GROUPS: Readonly<Record<string, string>> = {
  '51': 'O+',
  '95': 'O-',
  '62': 'A+',
  '06': 'A-',
  '73': 'B+',
  '17': 'B-',
  '84': 'AB+',
  '28': 'AB-',
};

/** True if `text` looks like ISBT 128 data: every structure starts with `=`. */
export function looksLikeIsbt128(text: string): boolean {
  return text.startsWith('=');
}

type Isbt = Omit<BloodScan, 'kind' | 'din'> & { din?: string };

function readStructure(text: string, pos: number, into: Isbt): Step<number> {
  const rest = text.slice(pos);
  const din = DIN.exec(rest);
  if (din) {
    if (into.din !== undefined) return fail('SYNTAX', 'This blood label holds two Donation Identification Numbers.');
    into.din = din[1]! + din[2]! + din[3]!;
    return done(pos + 16);
  }
  const group = /^=%([0-9A-Za-z]{2})([0-9A-Za-z]{2})/.exec(rest);
  if (group) {
    const bloodGroup = BLOOD_GROUPS[group[1]!];
    if (bloodGroup === undefined) {
      return fail('UNRECOGNISED', `Blood group code ${group[1]} is not one Wardscan reads. Check the group on the label by eye.`);
    }
    into.bloodGroup = bloodGroup;
    return done(pos + 6);
  }
  const product = /^=<([A-Z0-9]{8})/.exec(rest);
  if (product) {
    into.productCode = product[1]!;
    return done(pos + 10);
  }
  const expiry = /^=>([0-9])([0-9]{2})([0-9]{3})/.exec(rest);
  if (expiry) {
    // cyyjjj: century digit c (0 = 2000s), year yy, day of year jjj.
    const year = 2000 + 100 * Number(expiry[1]) + Number(expiry[2]);
    const date = ordinalDate(year, Number(expiry[3]));
    if (date === null) return fail('DATE', `The blood unit expiry ${rest.slice(2, 8)} is not a real date.`);
    into.expiry = date;
    return done(pos + 8);
  }
  if (rest.startsWith('=%') || rest.startsWith('=<') || rest.startsWith('=>')) {
    return fail('LENGTH', 'This ISBT 128 field is too short.');
  }
  if (/^=[A-Z0-9]/i.test(rest)) {
    return rest.length < 16
      ? fail('LENGTH', 'This Donation Identification Number is too short: it needs 15 characters after "=".')
      : fail('SYNTAX', 'This Donation Identification Number is not in the ISBT 128 form.');
  }
  if (!rest.startsWith('=')) return fail('SYNTAX', `Unexpected characters in the blood label: "${rest.slice(0, 8)}".`);
  return fail('UNRECOGNISED', 'This ISBT 128 label is not one Wardscan reads.');
}

/** Reads ISBT 128 data into a blood Scan; a label without a DIN is refused. */
export function readIsbt128(text: string): Step<BloodScan> {
  const read: Isbt = {};
  let pos = 0;
  while (pos < text.length) {
    const next = readStructure(text, pos, read);
    if (!next.ok) return next;
    pos = next.value;
  }
  if (read.din === undefined) {
    return fail('UNRECOGNISED', 'This is not the unit number. Scan the Donation Identification Number (DIN) on the blood bag.');
  }
  const { din, ...rest } = read;
  return done({ kind: 'blood', din, ...rest });
}
