import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import type { InterpretOptions, Scan } from './scan-types.js';

/*
 * Vectors computed by hand / independently of the code under test:
 * - NHS Number 943 476 5919 (NHS Data Dictionary worked example);
 *   999 000 0018 and 999 000 0026 from the never-issued 999 range.
 * - GTIN 09501101020917 (GS1 General Specifications example), EAN-13
 *   6291041500213 (GS1 check digit worked example).
 * - GSRNs and GLNs: GS1 mod 10 with weights 3,1,3,1… from the right.
 */
const GS = '\u001d';
const NHS_PREFIX = '5055220';
const OPTIONS: InterpretOptions = { nhsCompanyPrefixes: [NHS_PREFIX], today: '2025-06-01' };

const PACK: Scan = { kind: 'product', gtin: '09501101020917', expiry: '2026-12-31', batch: 'AB-12', serial: 'SN0001' };
const PACK_ELEMENTS = `010950110102091717261231` + `10AB-12${GS}21SN0001`;

function expectScan(raw: string, scan: Scan, options: InterpretOptions = OPTIONS): void {
  const result = interpretScan(raw, options);
  expect(result).toMatchObject({ ok: true, raw });
  if (result.ok) expect(result.scan).toEqual(scan);
}

describe('interpretScan: one drug pack in every accepted form gives the same Scan', () => {
  it.each([
    ['GS1 DataMatrix AIM ]d2', `]d2${PACK_ELEMENTS}`],
    ['GS1-128 AIM ]C1', `]C1${PACK_ELEMENTS}`],
    ['GS1 DataBar AIM ]e0', `]e0${PACK_ELEMENTS}`],
    ['GS1 QR AIM ]Q3', `]Q3${PACK_ELEMENTS}`],
    ['leading FNC1 as GS (camera decoders)', `${GS}${PACK_ELEMENTS}`],
    ['bare element string (wedge scanner, AIM off)', PACK_ELEMENTS],
    ['human-readable parentheses', '(01)09501101020917(17)261231(10)AB-12(21)SN0001'],
    ['human-readable with spaces', '(01) 09501101020917 (17) 261231 (10) AB-12 (21) SN0001'],
    ['AIs in another order', `10AB-12${GS}17261231${GS}21SN0001${GS}0109501101020917`],
    ['redundant GS after fixed-length fields', `0109501101020917${GS}17261231${GS}10AB-12${GS}21SN0001`],
    ['trailing Enter from a scanner', `]d2${PACK_ELEMENTS}\r\n`],
    ['trailing GS (zxing reports a Code 128 checksum of 102 so)', `]C1${PACK_ELEMENTS}${GS}`],
    ['GS1 Digital Link in a QR code', ']Q1https://id.gs1.org/01/09501101020917/10/AB-12/21/SN0001?17=261231'],
    ['GS1 Digital Link, bare, brand domain', 'https://pharma.example.com/dl/01/09501101020917/10/AB-12/21/SN0001?17=261231'],
  ])('%s', (_form, raw) => expectScan(raw, PACK));

  it('turns configured GS substitutes back into GS', () => {
    expectScan(`]d2010950110102091717261231` + `10AB-12~21SN0001`, PACK, { ...OPTIONS, gsSubstitutes: ['~'] });
  });

  it('reports the AIM symbology identifier, or null when none was sent', () => {
    expect(interpretScan(`]d2${PACK_ELEMENTS}`, OPTIONS)).toMatchObject({ symbology: ']d2' });
    expect(interpretScan(PACK_ELEMENTS, OPTIONS)).toMatchObject({ symbology: null });
    expect(interpretScan(']C09990000018', OPTIONS)).toMatchObject({ symbology: ']C0' });
  });
});

describe('interpretScan: products', () => {
  it.each([
    ['EAN-13 as printed on older packs', '6291041500213', '06291041500213'],
    ['EAN-13 with AIM ]E0', ']E06291041500213', '06291041500213'],
    ['GTIN-14 without AI', '15012345678907', '15012345678907'],
    ['UPC-A (GTIN-12)', '036000291452', '00036000291452'],
    ['EAN-8 with AIM ]E4', ']E496385074', '00000096385074'],
    ['GTIN alone under (01)', '(01)09501101020917', '09501101020917'],
  ])('%s', (_form, raw, gtin) => expectScan(raw, { kind: 'product', gtin }));

  it('resolves expiry day 00 to the last day of the month', () => {
    expectScan('01095011010209171725060' + '0', { kind: 'product', gtin: '09501101020917', expiry: '2025-06-30' });
    expectScan('010950110102091717240200', { kind: 'product', gtin: '09501101020917', expiry: '2024-02-29' });
    expectScan('010950110102091717250200', { kind: 'product', gtin: '09501101020917', expiry: '2025-02-28' });
  });

  it('places two-digit years in the GS1 window of −49…+50 years around today', () => {
    const gtin = '09501101020917';
    expectScan(`0109501101020917` + '17751231', { kind: 'product', gtin, expiry: '2075-12-31' });
    expectScan(`0109501101020917` + '17761231', { kind: 'product', gtin, expiry: '1976-12-31' });
    expectScan(`0109501101020917` + '17000101', { kind: 'product', gtin, expiry: '2100-01-01' }, { today: '2099-06-01' });
    expectScan(`0109501101020917` + '17490101', { kind: 'product', gtin, expiry: '2049-01-01' }, { today: '2000-01-01' });
    expectScan(`0109501101020917` + '17500101', { kind: 'product', gtin, expiry: '2050-01-01' }, { today: '2000-01-01' });
    expectScan(`0109501101020917` + '17510101', { kind: 'product', gtin, expiry: '1951-01-01' }, { today: '2000-01-01' });
  });

  it('reads a medical device UDI (GTIN + serial) as a product', () => {
    expectScan(`]d20109501101020917` + '21PUMP-7', { kind: 'product', gtin: '09501101020917', serial: 'PUMP-7' });
  });
});

describe('interpretScan: patients', () => {
  it.each([
    ['printed 3-3-4', '943 476 5919', '9434765919'],
    ['bare digits', '9434765919', '9434765919'],
    ['Code 128 with AIM ]C0', ']C09990000018', '9990000018'],
    ['QR with AIM ]Q1', ']Q19990000026', '9990000026'],
  ])('reads a plain NHS Number, %s', (_form, raw, nhsNumber) => expectScan(raw, { kind: 'patient', nhsNumber }));

  it('refuses plain NHS Numbers when the ward switched them off', () => {
    const result = interpretScan('9434765919', { ...OPTIONS, acceptPlainNhsNumber: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED' } });
  });

  it('reads the NHS Number from a DCB1077 GSRN under a configured NHS prefix', () => {
    expectScan(']d28018505522099900000187', { kind: 'patient', nhsNumber: '9990000018', gsrn: '505522099900000187' });
    expectScan('(8018)505522094347659196(8019)1', { kind: 'patient', nhsNumber: '9434765919', gsrn: '505522094347659196' });
  });

  it('reads a prefix shorter than 7 digits with zero fill before the NHS Number', () => {
    expectScan('8018505520099900000264', { kind: 'patient', nhsNumber: '9990000026', gsrn: '505520099900000264' }, {
      nhsCompanyPrefixes: ['50552'],
      today: '2025-06-01',
    });
  });

  it('keeps a GSRN under another prefix as a patient GSRN without guessing an NHS Number', () => {
    expectScan('8018506000000000000427', { kind: 'patient', gsrn: '506000000000000427' });
    expectScan('8018505522099900000187', { kind: 'patient', gsrn: '505522099900000187' }, { today: '2025-06-01' });
  });

  it('reads wristband data in 91 and 93 beside the GSRN', () => {
    const raw = `]d28018505522094347659196${GS}91RXX/MRN0012345${GS}93BLOGGS/JOE/19700101`;
    expectScan(raw, {
      kind: 'patient',
      nhsNumber: '9434765919',
      gsrn: '505522094347659196',
      mrn: 'MRN0012345',
      familyName: 'BLOGGS',
      givenName: 'JOE',
      birthDate: '1970-01-01',
    });
  });

  it('leaves out wristband fields it cannot read rather than failing the scan', () => {
    const raw = `8018505522094347659196${GS}91MRNONLY${GS}92BABY${GS}93SMITH/JOHN/19701332`;
    expectScan(raw, { kind: 'patient', nhsNumber: '9434765919', gsrn: '505522094347659196', familyName: 'SMITH', givenName: 'JOHN' });
  });

  it('reads the GS1 patient AIs 7250, 7253 and 7254 (not known to gs1-barcode-parser)', () => {
    const raw = `8018505522094347659196${GS}7253O%27NEIL${GS}7254MARY${GS}725019851231`;
    expectScan(raw, {
      kind: 'patient',
      nhsNumber: '9434765919',
      gsrn: '505522094347659196',
      familyName: "O'NEIL",
      givenName: 'MARY',
      birthDate: '1985-12-31',
    });
  });
});

describe('interpretScan: staff, locations, assets, blood', () => {
  it('reads a staff badge GSRN (8017)', () => {
    expectScan(']d28017501234500000123459', { kind: 'staff', gsrn: '501234500000123459' });
  });

  it('reads a bed label GLN (414), which gs1-barcode-parser does not know', () => {
    expectScan(']C14145012345000015', { kind: 'location', gln: '5012345000015' });
    expectScan('(414)5060000001235', { kind: 'location', gln: '5060000001235' });
    expectScan(`4145060000001235${GS}254BED-4`, { kind: 'location', gln: '5060000001235' });
  });

  it('reads an infusion pump GIAI (8004)', () => {
    expectScan(']d280045012345PUMP0001', { kind: 'asset', giai: '5012345PUMP0001' });
    expectScan(`${GS}8004123456784`, { kind: 'asset', giai: '123456784' });
    expectScan(']E08004123456784', { kind: 'product', gtin: '08004123456784' });
  });

  it.each([
    ['DIN alone', '=G07152312345600', { kind: 'blood', din: 'G071523123456' }],
    ['DIN with blood group O RhD negative', '=G07152312345600=%9500', { kind: 'blood', din: 'G071523123456', bloodGroup: 'O-' }],
    ['group before DIN, AB RhD positive', '=%8400=G07152312345600', { kind: 'blood', din: 'G071523123456', bloodGroup: 'AB+' }],
    [
      'DIN, group, product code and expiry (cyyjjj, day 060 of leap 2024)',
      '=G07152312345600=%0600=<E0001V00=>024060',
      { kind: 'blood', din: 'G071523123456', bloodGroup: 'A-', productCode: 'E0001V00', expiry: '2024-02-29' },
    ],
    ['Code 128 AIM ]C0', ']C0=G07152312345600', { kind: 'blood', din: 'G071523123456' }],
  ] as const)('reads an ISBT 128 label: %s', (_form, raw, scan) => expectScan(raw, scan as Scan));

  it.each([
    ['51', 'O+'], ['95', 'O-'], ['62', 'A+'], ['06', 'A-'],
    ['73', 'B+'], ['17', 'B-'], ['84', 'AB+'], ['28', 'AB-'],
  ])('maps ISBT 128 group code %s to %s', (code, group) => {
    expectScan(`=G07152312345600=%${code}00`, { kind: 'blood', din: 'G071523123456', bloodGroup: group });
  });
});
