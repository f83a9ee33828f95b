import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import type { InterpretOptions, ScanErrorCode } from './scan-types.js';
import { NHS_PREFIX, gs1Case } from './test/gs1-arbitraries.js';

/*
 * A GS1 Digital Link must mean exactly what the equivalent element string
 * means: the same Scan, or the same error code. Every case is a pair, and the
 * element string side goes through the older, separately tested path.
 */
const GS = '\u001d';
const OPTIONS: InterpretOptions = { nhsCompanyPrefixes: [NHS_PREFIX], today: '2025-06-01' };
const GTIN = '09501101020917';
const WRISTBAND = '505522094347659196';

function expectSameScan(uri: string, elementString: string, options: InterpretOptions = OPTIONS): void {
  const viaElements = interpretScan(elementString, options);
  expect(viaElements, elementString).toMatchObject({ ok: true });
  const viaUri = interpretScan(uri, options);
  expect(viaUri, uri).toMatchObject({ ok: true, raw: uri });
  if (viaUri.ok && viaElements.ok) expect(viaUri.scan).toEqual(viaElements.scan);
}

describe('GS1 Digital Link gives the Scan of the equivalent element string', () => {
  it.each([
    ['GTIN alone, GS1 resolver', `https://id.gs1.org/01/${GTIN}`, `01${GTIN}`],
    ['the issue example (GTIN, batch, expiry)', 'https://id.gs1.org/01/09506000134352/10/ABC?17=261231', '(01)09506000134352(10)ABC(17)261231'],
    ['EU FMD pack: batch and serial in the path, expiry in the query', `https://id.gs1.org/01/${GTIN}/10/AB-12/21/SN0001?17=261231`, `01${GTIN}17261231` + `10AB-12${GS}21SN0001`],
    ['a brand domain with a path prefix', `https://pharma.example.co.uk/products/dl/01/${GTIN}/21/SN0001`, `(01)${GTIN}(21)SN0001`],
    ['a prefix that itself looks like a key', `https://example.com/01/x/01/${GTIN}/10/B1`, `(01)${GTIN}(10)B1`],
    ['plain http', `http://example.com/01/${GTIN}`, `01${GTIN}`],
    ['scheme and domain in upper case', `HTTPS://EXAMPLE.COM/01/${GTIN}`, `01${GTIN}`],
    ['a port and an IP address', `https://192.0.2.1:8443/01/${GTIN}`, `01${GTIN}`],
    ['expiry day 00 (last day of the month)', `https://id.gs1.org/01/${GTIN}?17=250600`, `01${GTIN}17250600`],
    ['a percent-encoded batch', `https://id.gs1.org/01/${GTIN}/10/AB%2F12%2B3`, `(01)${GTIN}(10)AB/12+3`],
    ['"+" kept as "+" in the path', `https://id.gs1.org/01/${GTIN}/10/AB+12`, `(01)${GTIN}(10)AB+12`],
    ['CPV, batch and serial, all qualifiers', `https://id.gs1.org/01/${GTIN}/22/2A/10/B1/21/S1`, `(01)${GTIN}(22)2A(10)B1(21)S1`],
    ['resolver parameters ignored', `https://id.gs1.org/01/${GTIN}?utm_source=leaflet&17=261231&linkType=gs1:pip`, `(01)${GTIN}(17)261231`],
    ['a fragment ignored', `https://id.gs1.org/01/${GTIN}/10/B1#leaflet`, `(01)${GTIN}(10)B1`],
    ['extra data attributes in any order', `https://id.gs1.org/01/${GTIN}?3103=000500&11=240115&17=261231`, `(01)${GTIN}(17)261231(11)240115(3103)000500`],
    ['empty query parameters', `https://id.gs1.org/01/${GTIN}?&&17=261231&&`, `(01)${GTIN}(17)261231`],
    ['a medical device UDI (GTIN + serial)', `https://udi.example.org/01/${GTIN}/21/PUMP-7`, `]d201${GTIN}21PUMP-7`],
    ['a patient GSRN (wristband)', `https://id.gs1.org/8018/${WRISTBAND}`, `8018${WRISTBAND}`],
    ['a patient GSRN with its service relation number', `https://id.gs1.org/8018/${WRISTBAND}/8019/1`, `(8018)${WRISTBAND}(8019)1`],
    ['NHS wristband data in 91 and 93', `https://id.gs1.org/8018/${WRISTBAND}?91=RXX%2FMRN0012345&93=BLOGGS%2FJOE%2F19700101`, `8018${WRISTBAND}${GS}91RXX/MRN0012345${GS}93BLOGGS/JOE/19700101`],
    ['GS1 patient AIs, a %-escape kept inside a pcenc name', `https://id.gs1.org/8018/${WRISTBAND}?7253=O%2527NEIL&7254=MARY&7250=19851231`, `8018${WRISTBAND}${GS}7253O%27NEIL${GS}7254MARY${GS}725019851231`],
    ['a staff badge GSRN', 'https://id.gs1.org/8017/501234500000123459', '8017501234500000123459'],
    ['a bed GLN with its extension', 'https://id.gs1.org/414/5060000001235/254/BED-4', `4145060000001235${GS}254BED-4`],
    ['an infusion pump GIAI', 'https://assets.example.nhs.uk/8004/5012345PUMP0001', '80045012345PUMP0001'],
  ])('%s', (_case, uri, elementString) => expectSameScan(uri, elementString));

  it.each([
    ['QR ]Q1', ']Q1'],
    ['DataMatrix ]d1', ']d1'],
    ['no AIM identifier', ''],
  ])('reads a Digital Link from %s and reports the symbology', (_form, aim) => {
    const result = interpretScan(`${aim}https://id.gs1.org/01/${GTIN}/10/B1`, OPTIONS);
    expect(result).toMatchObject({ ok: true, scan: { kind: 'product', gtin: GTIN, batch: 'B1' }, symbology: aim || null });
  });

  it("keeps '~' in a web address even where '~' stands in for GS", () => {
    expectSameScan(`https://example.com/~ward/01/${GTIN}/10/B1`, `(01)${GTIN}(10)B1`, { ...OPTIONS, gsSubstitutes: ['~'] });
  });
});

describe('an invalid GS1 Digital Link gets the error code of the equivalent element string', () => {
  it.each<[string, string, string, ScanErrorCode]>([
    ['a GTIN check digit', `https://id.gs1.org/01/09501101020918`, '0109501101020918', 'CHECK_DIGIT'],
    ['a GTIN one digit short (no zero-suppressed GTINs)', 'https://id.gs1.org/01/9501101020917', '(01)9501101020917', 'LENGTH'],
    ['month 13', `https://id.gs1.org/01/${GTIN}?17=251301`, `01${GTIN}17251301`, 'DATE'],
    ['a batch of 21 characters', `https://id.gs1.org/01/${GTIN}/10/${'A'.repeat(21)}`, `01${GTIN}10${'A'.repeat(21)}`, 'LENGTH'],
    ['an empty data attribute', `https://id.gs1.org/01/${GTIN}?17=`, `(01)${GTIN}(17)`, 'LENGTH'],
    ['an NHS Number failing mod 11', 'https://id.gs1.org/8018/505522099912345603', '8018505522099912345603', 'CHECK_DIGIT'],
    ['a staff GSRN check digit', 'https://id.gs1.org/8017/501234500000123458', '8017501234500000123458', 'CHECK_DIGIT'],
    ['a GLN check digit', 'https://id.gs1.org/414/5012345000016', '4145012345000016', 'CHECK_DIGIT'],
    ['a GIAI without a company prefix', 'https://id.gs1.org/8004/PUMP0001', '8004PUMP0001', 'SYNTAX'],
    ['a secondary serial without a serial (req=)', `https://id.gs1.org/01/${GTIN}?250=SEC1`, `(01)${GTIN}(250)SEC1`, 'SYNTAX'],
    ['a space in a batch', `https://id.gs1.org/01/${GTIN}/10/AB%2012`, `01${GTIN}10AB 12`, 'SYNTAX'],
    ['two identifiers', `https://id.gs1.org/8004/5012345PUMP0001?01=${GTIN}`, `80045012345PUMP0001${GS}01${GTIN}`, 'SYNTAX'],
    ['an SSCC, nothing met at the bedside', 'https://id.gs1.org/00/106141412345678908', '00106141412345678908', 'UNRECOGNISED'],
  ])('%s', (_case, uri, elementString, code) => {
    expect(interpretScan(elementString, OPTIONS), elementString).toMatchObject({ ok: false, error: { code } });
    expect(interpretScan(uri, OPTIONS), uri).toMatchObject({ ok: false, error: { code } });
  });

  it.each<[string, string, ScanErrorCode]>([
    ['qualifiers out of order', `https://id.gs1.org/01/${GTIN}/21/S1/10/B1`, 'SYNTAX'],
    ['a qualifier of another key', `https://id.gs1.org/01/${GTIN}/8019/1`, 'SYNTAX'],
    ['a batch in the query that belongs in the path', `https://id.gs1.org/01/${GTIN}?10=B1`, 'SYNTAX'],
    ['a serial as a query parameter (not a data attribute)', `https://id.gs1.org/01/${GTIN}/10/B1?21=S1`, 'SYNTAX'],
    ['a numeric query parameter that is no AI', `https://id.gs1.org/01/${GTIN}?999=x`, 'SYNTAX'],
    ['the same AI twice, even with the same data', `https://id.gs1.org/01/${GTIN}?17=261231&17=261231`, 'SYNTAX'],
    ['a broken %-escape', `https://id.gs1.org/01/${GTIN}/10/AB%2`, 'SYNTAX'],
    ['an encoded NUL', `https://id.gs1.org/01/${GTIN}/10/AB%00`, 'SYNTAX'],
    ['a user name before the domain', `https://nurse@id.gs1.org/01/${GTIN}`, 'SYNTAX'],
    ['a character no URI may hold', `https://id.gs1.org/01/${GTIN}/10/AB"1`, 'SYNTAX'],
    ['a Digital Link sent as GS1 element string data (]d2)', `]d2https://id.gs1.org/01/${GTIN}`, 'SYNTAX'],
    ['a scheme in mixed case', `Https://id.gs1.org/01/${GTIN}`, 'UNRECOGNISED'],
    ['another scheme', `ftp://id.gs1.org/01/${GTIN}`, 'UNRECOGNISED'],
    ['a web page', 'https://www.nhs.uk/medicines/paracetamol-for-adults/', 'UNRECOGNISED'],
    ['the deprecated name /gtin/', `https://id.gs1.org/gtin/${GTIN}`, 'UNRECOGNISED'],
    ['a trailing slash', `https://id.gs1.org/01/${GTIN}/`, 'UNRECOGNISED'],
  ])('refuses %s', (_case, uri, code) => {
    expect(interpretScan(uri, OPTIONS), uri).toMatchObject({ ok: false, error: { code } });
  });
});

// GS1 Digital Link URI Syntax: /01/{gtin}/22/{cpv}/10/{lot}/21/{ser}; the generated cases use 10 and 21.
const PATH_QUALIFIERS: Readonly<Record<string, readonly string[]>> = { '01': ['10', '21'] };

/** Writes a Digital Link for elements whose first is the primary key, independently of the reader. */
function digitalLink(stem: string, elements: ReadonlyArray<[string, string]>): string {
  const [first, ...rest] = elements;
  const [key, keyValue] = first!;
  const qualifiers = PATH_QUALIFIERS[key] ?? [];
  let path = `/${key}/${encodeURIComponent(keyValue)}`;
  for (const ai of qualifiers) {
    const value = rest.find(([other]) => other === ai)?.[1];
    if (value !== undefined) path += `/${ai}/${encodeURIComponent(value)}`;
  }
  const query = rest.filter(([ai]) => !qualifiers.includes(ai)).map(([ai, value]) => `${ai}=${encodeURIComponent(value)}`);
  return stem + path + (query.length > 0 ? `?${query.join('&')}` : '');
}

describe('Digital Link properties', () => {
  it('gives the Scan of the element string for any GS1 message Wardscan reads, under any stem', () => {
    fc.assert(
      fc.property(gs1Case, fc.constantFrom('https://id.gs1.org', 'https://example.com/dl/v1', 'HTTP://A.EXAMPLE'), (c, stem) => {
        const uri = digitalLink(stem, c.elements);
        expect(interpretScan(uri, OPTIONS), uri).toMatchObject({ ok: true, scan: c.expected });
        expect(interpretScan(`]Q1${uri}`, OPTIONS), uri).toMatchObject({ ok: true, scan: c.expected });
      }),
      { numRuns: 500 },
    );
  });
});
