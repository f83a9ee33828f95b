/*
 * NHS Number rules (NHS Data Dictionary, "NHS Number"): 10 digits shown 3-3-4;
 * check digit = 11 - (sum of digits 1..9 weighted 10..2) mod 11; 11 → 0; 10
 * means the number is invalid. Fixtures use 999 000 0000–999 999 9999, which
 * passes the check and is never issued.
 */
import { withGs1CheckDigit } from './gs1-check-digit.js';

const TEN_DIGITS = /^\d{10}$/;

/**
 * The NHS Number check digit for the first nine digits, or null when the
 * check would be 10, which no valid NHS Number can have.
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`nhsCheckDigit needs 9 digits, got ${JSON.stringify(firstNine)}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (firstNine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

/** True if `value` is exactly 10 digits (no spaces) with a valid mod-11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  if (!TEN_DIGITS.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48;
}

/** Formats 10 digits the way the NHS prints them: '9434765919' → '943 476 5919'. Other input is returned unchanged. */
export function formatNhsNumber(nhsNumber: string): string {
  if (!TEN_DIGITS.test(nhsNumber)) return nhsNumber;
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}

/**
 * The NHS Number inside a patient GSRN (DCB1077: GSRN = NHS GS1 company prefix
 * + NHS Number + GSRN check digit), if the GSRN starts with one of `prefixes`.
 * A prefix shorter than 7 digits leaves room that must be zero-filled; a
 * prefix longer than 7 cannot hold a 10-digit NHS Number and never matches.
 * The NHS Number is returned unchecked: callers check it with isValidNhsNumber.
 */
export function nhsNumberFromPatientGsrn(gsrn: string, prefixes: readonly string[]): string | null {
  if (!/^\d{18}$/.test(gsrn)) return null;
  for (const prefix of prefixes) {
    if (prefix.length === 0 || prefix.length > 7 || !gsrn.startsWith(prefix)) continue;
    if (!/^0*$/.test(gsrn.slice(prefix.length, 7))) continue;
    return gsrn.slice(7, 17);
  }
  return null;
}

/**
 * Builds the 18-digit patient GSRN for a wristband (DCB1077) from a GS1
 * company prefix (1–7 digits) and a valid NHS Number, with its check digit.
 * For fixtures and the label printer.
 * @throws RangeError on a prefix or NHS Number that cannot make a valid GSRN.
 */
export function patientGsrn(companyPrefix: string, nhsNumber: string): string {
  if (!/^\d{1,7}$/.test(companyPrefix)) throw new RangeError(`company prefix must be 1–7 digits, got ${JSON.stringify(companyPrefix)}`);
  if (!isValidNhsNumber(nhsNumber)) throw new RangeError(`not a valid NHS Number: ${JSON.stringify(nhsNumber)}`);
  return withGs1CheckDigit(companyPrefix.padEnd(7, '0') + nhsNumber);
}
