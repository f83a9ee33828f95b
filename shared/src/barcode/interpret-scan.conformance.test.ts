import { describe, expect, it } from 'vitest';
import { EMPTY_UNIT, collectBloodLabel } from './blood-unit.js';
import { interpretScan } from './interpret-scan.js';
import type { InterpretOptions, Scan, ScanErrorCode } from './scan-types.js';

/*
 * Conformance defects of issue 14, one block each: every case here was read
 * wrongly (accepted, re-split or rejected) before the fix.
 */
const GS = '\u001d';
const OPTIONS: InterpretOptions = { nhsCompanyPrefixes: ['5055220'], today: '2025-06-01' };

function expectScan(raw: string, scan: Scan): void {
  const result = interpretScan(raw, OPTIONS);
  expect(result, raw).toMatchObject({ ok: true });
  if (result.ok) expect(result.scan).toEqual(scan);
}

function expectError(raw: string, code: ScanErrorCode): string {
  const result = interpretScan(raw, OPTIONS);
  expect(result, raw).toMatchObject({ ok: false, error: { code } });
  // A wristband's GS1 reason is its detail, under the plain headline.
  return result.ok ? '' : [result.error.message, result.error.detail].filter(Boolean).join(' ');
}

describe('ISBT 128 product codes are alphanumeric (ST-001 §2.4.3, data structure 003)', () => {
  it('reads a product description code with a letter after the first, alone and after a DIN', () => {
    expectScan('=G07152312345600=<EA007V00', { kind: 'blood', din: 'G071523123456', productCode: 'EA007V00' });
    expectScan('=<EA007VA0=G07152312345600', { kind: 'blood', din: 'G071523123456', productCode: 'EA007VA0' });
    // A scanner concatenating ISBT 128 symbols marks the read ]C4 (ISO/IEC 15424).
    expectScan(']C4=G07152312345600=<EA007V00', { kind: 'blood', din: 'G071523123456', productCode: 'EA007V00' });
    expectScan(']C4=G12349865432177=<EA007V00', { kind: 'blood', din: 'G123498654321', dinCheck: 'verified', productCode: 'EA007V00' });
    const collected = collectBloodLabel(EMPTY_UNIT, '=<EA007V00');
    expect(collected).toMatchObject({ ok: true, unit: { productCode: 'EA007V00' } });
  });

  it('still refuses a product code that does not start with a letter, or holds lower case where upper belongs', () => {
    expectError('=G07152312345600=<0A007V00', 'LENGTH');
    expectError('=G07152312345600=<Ea007V00', 'LENGTH');
  });

  it('checks the DIN flags against ISO 7064 MOD 37-2 (JPAC Red Book annex 2: G123 498 654 321 → 17, flags 77)', () => {
    expectScan('=G12349865432177', { kind: 'blood', din: 'G123498654321', dinCheck: 'verified' });
    expectError('=G12349865432178', 'CHECK_DIGIT');
    // Flags outside 60–96 are process flags and carry no check.
    expectScan('=G12349865432101', { kind: 'blood', din: 'G123498654321' });
    // A DIN whose check flags are wrong fails the whole concatenated read, product and all.
    expectError('=G12349865432178=<EA007V00', 'CHECK_DIGIT');
    // Flags are two digits; letters there are no DIN.
    expectError('=G123498654321AB', 'SYNTAX');
  });

  it('refuses a facility code starting with O or 0, which ST-001 does not allot', () => {
    expectError('=O07152312345600', 'SYNTAX');
    expectError('=007152312345600', 'SYNTAX');
  });
});

describe('GIAI (8004) starts with a GS1 Company Prefix (dictionary linter gcppos1)', () => {
  it.each([
    ['letters where the company prefix belongs', '8004AAAAA'],
    ['the same behind ]d2', ']d28004AB345PUMP1'],
    ['the same in brackets', '(8004)PUMP0001'],
  ])('refuses %s', (_case, raw) => {
    expectError(raw, 'SYNTAX');
  });

  it('refuses a GIAI too short to hold a company prefix', () => {
    expectError('(8004)123', 'LENGTH');
  });

  it('reads a GIAI whose first four characters are digits', () => {
    expectScan('(8004)5012PUMP', { kind: 'asset', giai: '5012PUMP' });
  });
});

describe('EAN/UPC AIM identifiers carry a fixed number of digits (ISO/IEC 15420)', () => {
  it.each([
    [']E0 with 8 digits (an EAN-8 is ]E4)', ']E002345673'],
    [']E0 with 12 digits (UPC-A is sent as 13)', ']E0036000291452'],
    [']E0 with 14 digits', ']E009501101020917'],
    [']E4 with 13 digits', ']E46291041500213'],
  ])('refuses %s', (_case, raw) => {
    expectError(raw, 'LENGTH');
  });

  it('reads UPC-A sent as 13 digits under ]E0, and EAN-8 under ]E4', () => {
    expectScan(']E00036000291452', { kind: 'product', gtin: '00036000291452' });
    expectScan(']E402345673', { kind: 'product', gtin: '00000002345673' });
  });
});

describe('in the (AI)value form each value belongs to its own AI', () => {
  it('refuses an over-long fixed-length value as LENGTH instead of re-splitting it', () => {
    expect(expectError('(01)12345678901231(17)2612311099', 'LENGTH')).toMatch(/\(17\)/);
    expectError('(01)123456789012312(17)261231', 'LENGTH');
    expectError('(17)261231(01)1234567890123', 'LENGTH');
  });

  it('refuses an over-long variable-length value as LENGTH', () => {
    expectError(`(01)12345678901231(10)${'A'.repeat(21)}`, 'LENGTH');
  });

  it('keeps an AI-like run inside a variable value as data', () => {
    expectScan('(01)12345678901231(10)B1721', { kind: 'product', gtin: '12345678901231', batch: 'B1721' });
  });
});

describe('required AI pairings (dictionary req=) are checked', () => {
  it.each([
    ['a secondary serial (250) without a serial (21)', '(01)09501101020917(250)SEC1'],
    ['a price (3925) without a measure', '(01)09501101020917(3925)12599'],
    ['a secondary serial (250) with no product (01)', '(250)SEC1'],
    ['a service relation number (8019) alone', '(8019)1'],
    ['a service relation number (8019) on a bed label', '(414)5060000001235(8019)1'],
    ['a date of birth (7250) on an asset tag', '(8004)5012345PUMP0001(7250)19700101'],
    ['a birth sequence (7258) without the baby name (7259)', '(8018)505522094347659196(7258)1/2'],
    ['an expiry (17) with no product', '(17)261231'],
    ['a batch (10) with no product', `10AB12${GS}17261231`],
  ])('refuses %s', (_case, raw) => {
    expect(expectError(raw, 'SYNTAX')).toMatch(/needs/);
  });

  it('accepts the same AIs once their pairing is present', () => {
    expectScan('(01)09501101020917(21)S1(250)SEC1', { kind: 'product', gtin: '09501101020917', serial: 'S1' });
    expectScan('(01)09501101020917(3103)000500(3925)12599', { kind: 'product', gtin: '09501101020917' });
    // 8019 needs 8018 or 8017: either one will do.
    expectScan('(8018)505522094347659196(8019)1', { kind: 'patient', nhsNumber: '9434765919', gsrn: '505522094347659196' });
    expectScan('(8017)501234500000123459(8019)22', { kind: 'staff', gsrn: '501234500000123459' });
    expectScan('(8018)505522094347659196(7259)TWIN%20A(7258)1/2', {
      kind: 'patient',
      nhsNumber: '9434765919',
      gsrn: '505522094347659196',
    });
  });
});
