/*
 * fast-check generators for valid GS1 content, written apart from the code
 * under test: check digits, dates and expected Scans are computed here from
 * first principles, so a property failing means the interpreter and this
 * independent reading disagree.
 */
import fc from 'fast-check';
import type { Scan } from '../scan-types.js';

export const GS = '\u001d';
export const NHS_PREFIX = '5055220';

// GS1 character set 82 without '(' and ')' (which would make the human-readable form ambiguous).
const CSET82_NO_PARENS = [..."!\"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"];
const DIGIT = fc.constantFrom(...'0123456789');

function mod10(data: string): string {
  let sum = 0;
  [...data].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return String((10 - (sum % 10)) % 10);
}

function mod11(nine: string): number {
  let sum = 0;
  [...nine].forEach((d, i) => (sum += Number(d) * (10 - i)));
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

const digits = (length: number) => fc.string({ unit: DIGIT, minLength: length, maxLength: length });
const text = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...CSET82_NO_PARENS), minLength: min, maxLength: max });
// A batch or serial holding "10", "21" or "17" is refused when no GS is sent (missing-separator.ts);
// that rule has its own table tests, so generated packs avoid it.
const packText = (min: number, max: number) => text(min, max).filter((t) => !/10|21|17/.test(t));
const withCheck = (dataLength: number) => digits(dataLength).map((d) => d + mod10(d));

/** A valid NHS Number: 9 random digits whose mod-11 check is not 10. */
export const nhsNumber = digits(9)
  .filter((nine) => mod11(nine) !== 10)
  .map((nine) => nine + String(mod11(nine)));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A YYMMDD expiry (day 00 allowed) with its expected ISO date, for `today` in 2025. */
const expiry = fc
  .record({ yy: fc.integer({ min: 0, max: 99 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 0, max: 28 }) })
  .map(({ yy, month, day }) => {
    const year = yy - 25 >= 51 ? 1900 + yy : 2000 + yy; // window −49…+50 around 2025
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const isoDay = day === 0 ? lastDay : day;
    return { digits: pad2(yy) + pad2(month) + pad2(day), iso: `${year}-${pad2(month)}-${pad2(isoDay)}` };
  });

/** A GS1 message: elements in a canonical order and the Scan they mean. */
export interface Gs1Case {
  elements: Array<[ai: string, value: string]>;
  expected: Scan;
}

/** Extra AIs a drug pack may carry that do not change the Scan (dates, measures, national codes). */
const productExtras = fc.subarray([
  fc.constant<[string, string]>(['11', '240115']),
  digits(6).map((d): [string, string] => ['3103', d]),
  digits(2).map((d): [string, string] => ['20', d]),
  text(1, 30).map((t): [string, string] => ['240', t]),
  fc.constant<[string, string]>(['422', '826']),
  fc.constant<[string, string]>(['7003', '2512311430']),
  text(1, 20).map((t): [string, string] => ['712', t]),
]);

const product = fc
  .record({
    gtin: withCheck(13),
    expiry: fc.option(expiry, { nil: undefined }),
    batch: fc.option(packText(1, 20), { nil: undefined }),
    serial: fc.option(packText(1, 20), { nil: undefined }),
    extras: productExtras.chain((arbs) => (arbs.length ? fc.tuple(...arbs) : fc.constant<Array<[string, string]>>([]))),
  })
  .map(({ gtin, expiry: exp, batch, serial, extras }): Gs1Case => {
    const elements: Array<[string, string]> = [['01', gtin]];
    const expected: Scan = { kind: 'product', gtin };
    if (exp) (elements.push(['17', exp.digits]), (expected.expiry = exp.iso));
    if (batch) (elements.push(['10', batch]), (expected.batch = batch));
    if (serial) (elements.push(['21', serial]), (expected.serial = serial));
    elements.push(...(extras as Array<[string, string]>));
    return { elements, expected };
  });

const patient = fc
  .record({ nhs: nhsNumber, mrn: fc.option(text(1, 20).filter((t) => !/[/%]/.test(t)), { nil: undefined }) })
  .map(({ nhs, mrn }): Gs1Case => {
    const gsrnData = NHS_PREFIX + nhs;
    const gsrn = gsrnData + mod10(gsrnData);
    const elements: Array<[string, string]> = [['8018', gsrn]];
    const expected: Scan = { kind: 'patient', nhsNumber: nhs, gsrn };
    if (mrn) (elements.push(['91', `RXX/${mrn}`]), (expected.mrn = mrn));
    return { elements, expected };
  });

const staff = withCheck(17).map((gsrn): Gs1Case => ({ elements: [['8017', gsrn]], expected: { kind: 'staff', gsrn } }));
const location = withCheck(12).map((gln): Gs1Case => ({ elements: [['414', gln]], expected: { kind: 'location', gln } }));
// A GIAI starts with a GS1 Company Prefix, at least 4 digits (dictionary linter gcppos1).
// Bare all-digit GIAIs of 6 or 8–10 digits read like NHS Numbers or GTINs and are refused (interpret-scan.ts).
const asset = fc
  .tuple(digits(4), text(0, 26))
  .map(([prefix, rest]) => prefix + rest)
  .filter((giai) => !/^(?:\d{6}|\d{8,10})$/.test(giai))
  .map((giai): Gs1Case => ({ elements: [['8004', giai]], expected: { kind: 'asset', giai } }));

/** Any of the GS1 messages Wardscan reads, with the Scan each must give. */
export const gs1Case: fc.Arbitrary<Gs1Case> = fc.oneof(product, patient, staff, location, asset);

/** AIs whose data has a predefined length (dictionary flag `*`) among those generated above. */
const PREDEFINED = new Set(['01', '11', '17', '20', '3103', '414']);

/** Element string in the given order; GS after every variable field, and after fixed ones if asked. */
export function elementString(elements: ReadonlyArray<[string, string]>, gsAfterFixed: boolean): string {
  return elements
    .map(([ai, value], i) => {
      const last = i === elements.length - 1;
      const separator = last || (PREDEFINED.has(ai) && !gsAfterFixed) ? '' : GS;
      return ai + value + separator;
    })
    .join('');
}

/** The human-readable form `(01)…(17)…`. */
export function humanReadable(elements: ReadonlyArray<[string, string]>): string {
  return elements.map(([ai, value]) => `(${ai})${value}`).join('');
}
