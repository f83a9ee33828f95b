import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isValidGs1CheckDigit, withGs1CheckDigit } from './gs1-check-digit.js';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, nhsNumberFromPatientGsrn, patientGsrn } from './nhs-number.js';

describe('NHS Number mod 11', () => {
  it('follows the NHS Data Dictionary worked example 943 476 5919', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it.each([
    ['9990000018', true], // 9×10+9×9+9×8+1×2 = 245; 245 mod 11 = 3; 11 − 3 = 8
    ['9990000026', true],
    ['9997654323', true],
    ['9434765910', false],
    ['9434765918', false],
    ['943 476 5919', false], // spaces are the caller's job: interpretScan strips them
    ['943476591', false],
    ['94347659190', false],
    ['', false],
  ])('isValidNhsNumber(%s) is %s', (value, valid) => expect(isValidNhsNumber(value)).toBe(valid));

  it('treats a check of 10 as invalid, whatever the last digit', () => {
    // 999123456: 9×10+9×9+9×8+1×7+2×6+3×5+4×4+5×3+6×2 = 320; 320 mod 11 = 1; 11 − 1 = 10.
    expect(nhsCheckDigit('999123456')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`999123456${d}`)).toBe(false);
  });

  it('maps a check of 11 to 0', () => {
    // 000000000 sums to 0; 11 − 0 = 11 → 0.
    expect(nhsCheckDigit('000000000')).toBe(0);
  });

  it('formats 3-3-4 and leaves anything else alone', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943 476 5919')).toBe('943 476 5919');
    expect(formatNhsNumber('12')).toBe('12');
  });
});

describe('GS1 mod 10', () => {
  it.each([
    ['629104150021', 3], // GS1 General Specifications 7.9.1 worked example (GTIN-13 6291041500213)
    ['0950110102091', 7],
    ['10614141123456789', 7], // SSCC example (00)106141411234567897
    ['501234500001', 5],
    ['9638507', 4],
    ['0000000000000', 0],
  ])('gs1CheckDigit(%s) is %i', (data, check) => expect(gs1CheckDigit(data)).toBe(check));

  it('validates and rejects whole codes', () => {
    expect(isValidGs1CheckDigit('6291041500213')).toBe(true);
    expect(isValidGs1CheckDigit('6291041500214')).toBe(false);
    expect(isValidGs1CheckDigit('62910415002a3')).toBe(false);
    expect(isValidGs1CheckDigit('7')).toBe(false);
    expect(withGs1CheckDigit('629104150021')).toBe('6291041500213');
  });

  it('refuses non-digits as a programming error', () => {
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
    expect(() => gs1CheckDigit('')).toThrow(RangeError);
  });
});

describe('DCB1077 patient GSRN', () => {
  it('builds prefix + NHS Number + check digit', () => {
    expect(patientGsrn('5055220', '9990000018')).toBe('505522099900000187');
    expect(patientGsrn('5055220', '9434765919')).toBe('505522094347659196');
    expect(patientGsrn('50552', '9990000026')).toBe('505520099900000264');
  });

  it('refuses an invalid NHS Number or prefix', () => {
    expect(() => patientGsrn('5055220', '9434765918')).toThrow(RangeError);
    expect(() => patientGsrn('50552201', '9434765919')).toThrow(RangeError);
  });

  it('finds the NHS Number only under a configured prefix', () => {
    expect(nhsNumberFromPatientGsrn('505522099900000187', ['5055220'])).toBe('9990000018');
    expect(nhsNumberFromPatientGsrn('505522099900000187', ['5060000'])).toBeNull();
    expect(nhsNumberFromPatientGsrn('505522099900000187', [])).toBeNull();
    expect(nhsNumberFromPatientGsrn('505520099900000264', ['50552'])).toBe('9990000026');
    // Non-zero digits between a short prefix and the NHS Number: not a DCB1077 layout.
    expect(nhsNumberFromPatientGsrn('505522099900000187', ['50552'])).toBeNull();
  });
});
