/*
 * GS1 mod-10 check digit (GS1 General Specifications 7.9.1), used by GTIN-8/12/13/14,
 * GLN, GSRN and SSCC: weights 3,1,3,1… from the rightmost data digit leftwards.
 */

const DIGITS = /^\d+$/;

/**
 * The GS1 check digit for a string of data digits (everything but the check digit).
 * @throws RangeError if `data` is empty or not all digits: a programming error, not a scan error.
 */
export function gs1CheckDigit(data: string): number {
  if (!DIGITS.test(data)) throw new RangeError(`gs1CheckDigit needs digits, got ${JSON.stringify(data)}`);
  let sum = 0;
  for (let i = data.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (data.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True if `code` is all digits, at least 2 long, and its last digit is its GS1 check digit. */
export function isValidGs1CheckDigit(code: string): boolean {
  if (code.length < 2 || !DIGITS.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Appends the GS1 check digit to `data`, e.g. a GTIN-13 from its first 12 digits. */
export function withGs1CheckDigit(data: string): string {
  return data + String(gs1CheckDigit(data));
}
