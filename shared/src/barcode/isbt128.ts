/*
 * ISBT 128 blood labels (ICCBBA ISBT 128 Standard Technical Specification).
 * Read here: Donation Identification Number (data structure 001, `=` + 15),
 * blood groups (002, `=%` + 4), product code (003, `=<` + 8), expiry
 * (004, `=>` cyyjjj) and expiry with time (005, `&>` cyyjjjhhmm), alone or
 * concatenated in one symbol. `interpretScan` refuses a label without a DIN,
 * since it cannot be tied to a unit on its own; the blood-unit collector
 * (blood-unit.ts) reads such labels once a DIN has been scanned.
 */
import type { BloodLabel } from './blood-label.js';
import { ISBT_GROUP_CODES } from './blood-label.js';
import { ordinalDate } from './gs1-dates.js';
import { mod37_2CheckValue } from './iso7064-mod37-2.js';
import { type Step, done, fail } from './scan-result.js';
import type { BloodScan } from './scan-types.js';

// ST-001 data structure 001, `=αppppyynnnnnnff`: facility identification number
// (α is A–N, P–Z or 1–9, never O or 0, which read alike; then 4 digits), year (2),
// sequence (6), and two numeric flag characters, which are not part of the DIN.
const DIN = /^=([A-NP-Z1-9][0-9]{4})([0-9]{2})([0-9]{6})([0-9]{2})/;
// ST-001 §2.4.3, data structure 003, `=<αooootds`: the product description code
// αoooo is a letter then four alphanumerics (ICCBBA ran past E9999 into EA000…),
// then donation type t and the two division characters ds (the second may be a–z).
const PRODUCT = /^=<([A-Z][0-9A-Z]{4}[0-9A-Z][0-9A-Z][0-9a-z])/;

/** True if `text` looks like ISBT 128 data: every structure starts with `=` or `&`. */
export function looksLikeIsbt128(text: string): boolean {
  return text.startsWith('=') || text.startsWith('&>');
}

/**
 * ISBT 128 flags 60–96 carry the DIN's MOD 37-2 check character as a data
 * transmission check (value + 60); other flag values are process flags and
 * carry no check.
 */
function dinLabel(din: string, flags: string): Step<BloodLabel> {
  const flagValue = Number(flags);
  if (flagValue < 60 || flagValue > 96) return done({ label: 'din', din, flags, check: 'not-carried', capture: 'barcode' });
  if (mod37_2CheckValue(din) !== flagValue - 60) {
    return fail('CHECK_DIGIT', `The check on Donation Identification Number ${din} is wrong. Scan the DIN again; if it fails again, return the unit to the lab.`);
  }
  return done({ label: 'din', din, flags, check: 'verified', capture: 'barcode' });
}

/** cyyjjj: century digit c (0 = 2000s), year yy, day of year jjj. */
function julianDate(digits: string): string | null {
  const year = 2000 + 100 * Number(digits[0]) + Number(digits.slice(1, 3));
  return ordinalDate(year, Number(digits.slice(3, 6)));
}

type Read = Step<{ label: BloodLabel; length: number }>;

function readStructure(rest: string): Read {
  const din = DIN.exec(rest);
  if (din) {
    const label = dinLabel(din[1]! + din[2]! + din[3]!, din[4]!);
    return label.ok ? done({ label: label.value, length: 16 }) : label;
  }
  const group = /^=%([0-9A-Za-z]{2})([0-9A-Za-z]{2})/.exec(rest);
  if (group) {
    const bloodGroup = ISBT_GROUP_CODES[group[1]!];
    if (bloodGroup === undefined) {
      return fail('UNRECOGNISED', `Blood group code ${group[1]} is not one Wardscan reads. Check the group on the label by eye.`);
    }
    return done({ label: { label: 'group', bloodGroup, scheme: 'isbt128' }, length: 6 });
  }
  const product = PRODUCT.exec(rest);
  if (product) return done({ label: { label: 'product', code: product[1]!, scheme: 'isbt128' }, length: 10 });
  const expiry = /^=>([0-9]{6})/.exec(rest);
  if (expiry) {
    const date = julianDate(expiry[1]!);
    if (date === null) return fail('DATE', `The blood unit expiry ${expiry[1]} is not a real date.`);
    return done({ label: { label: 'expiry', date, time: null, scheme: 'isbt128' }, length: 8 });
  }
  const expiryTime = /^&>([0-9]{6})([0-9]{2})([0-9]{2})/.exec(rest);
  if (expiryTime) {
    const date = julianDate(expiryTime[1]!);
    const hour = Number(expiryTime[2]);
    const minute = Number(expiryTime[3]);
    if (date === null || hour > 23 || minute > 59) {
      return fail('DATE', `The blood unit expiry ${rest.slice(2, 12)} is not a real date and time.`);
    }
    return done({ label: { label: 'expiry', date, time: `${expiryTime[2]}:${expiryTime[3]}`, scheme: 'isbt128' }, length: 12 });
  }
  if (/^(=%|=<|=>|&>)/.test(rest)) return fail('LENGTH', 'This ISBT 128 field is too short or holds characters it may not.');
  if (/^=[A-Z0-9]/i.test(rest)) {
    return rest.length < 16
      ? fail('LENGTH', 'This Donation Identification Number is too short: it needs 15 characters after "=".')
      : fail('SYNTAX', 'This Donation Identification Number is not in the ISBT 128 form.');
  }
  if (!rest.startsWith('=') && !rest.startsWith('&')) return fail('SYNTAX', `Unexpected characters in the blood label: "${rest.slice(0, 8)}".`);
  return fail('UNRECOGNISED', 'This ISBT 128 label is not one Wardscan reads.');
}

/**
 * Reads every ISBT 128 data structure in `text` (one symbol, or several
 * concatenated by the scanner). A structure kind may appear once: two DINs,
 * groups, product codes or expiries in one read are refused, since they
 * could come from two bags.
 */
export function readIsbt128Labels(text: string): Step<BloodLabel[]> {
  const labels: BloodLabel[] = [];
  let pos = 0;
  while (pos < text.length) {
    const next = readStructure(text.slice(pos));
    if (!next.ok) return next;
    if (labels.some((l) => l.label === next.value.label.label)) {
      return fail('SYNTAX', 'This read holds two labels of the same kind, perhaps from two bags. Scan one barcode at a time.');
    }
    labels.push(next.value.label);
    pos += next.value.length;
  }
  return done(labels);
}

/** Reads ISBT 128 data into a blood Scan; a read without a DIN is refused. */
export function readIsbt128(text: string): Step<BloodScan> {
  const labels = readIsbt128Labels(text);
  if (!labels.ok) return labels;
  const scan: Partial<BloodScan> = {};
  for (const l of labels.value) {
    switch (l.label) {
      case 'din':
        scan.din = l.din;
        if (l.check === 'verified') scan.dinCheck = 'verified';
        break;
      case 'group':
        scan.bloodGroup = l.bloodGroup;
        break;
      case 'product':
        scan.productCode = l.code;
        break;
      case 'expiry':
        scan.expiry = l.date;
        if (l.time !== null) scan.expiryTime = l.time;
        break;
      default: {
        const never: never = l;
        return never;
      }
    }
  }
  const { din, ...rest } = scan;
  if (din === undefined) {
    return fail('UNRECOGNISED', 'This is not the unit number. Scan the Donation Identification Number (DIN) on the blood bag.');
  }
  return done({ kind: 'blood', din, ...rest });
}
