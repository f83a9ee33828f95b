/*
 * interpretScan: whatever a scanner or camera produced → a typed, validated
 * identifier, or a clear error. The order of the checks is the order of
 * cost: length and control characters first, so junk is refused at once.
 */
import { looksLikeWebAddress, readDigitalLink } from './digital-link.js';
import { aiDefinition } from './ai-dictionary.js';
import { readElementString, validateElements } from './element-string.js';
import type { Gs1Element } from './element-validation.js';
import { isValidGs1CheckDigit } from './gs1-check-digit.js';
import { yearOf } from './gs1-dates.js';
import { scanFromElements } from './gs1-scan.js';
import { readIsbt128 } from './isbt128.js';
import { SCANNER_LEFT_OUT_GS, fixedFieldRunOn, missingSeparatorSuspect } from './missing-separator.js';
import { isValidNhsNumber } from './nhs-number.js';
import { GS, type Step, done, fail } from './scan-result.js';
import {
  MAX_SCAN_LENGTH,
  eanDigitCount,
  elementsFromHri,
  hasForbiddenControlCharacter,
  restoreGroupSeparators,
  splitAimIdentifier,
  symbologyFamily,
} from './scan-forms.js';
import type { InterpretOptions, Interpretation, Scan, ScanError, ScanErrorCode } from './scan-types.js';
import { carriesPatientAi, UNREADABLE_WRISTBAND } from './wristband-attempt.js';

interface Context {
  nhsCompanyPrefixes: readonly string[];
  acceptPlainNhsNumber: boolean;
  currentYear: number;
}

// An NHS Number as printed (3-3-4, single spaces) or as 10 bare digits.
const PLAIN_NHS_NUMBER = /^\d{3} ?\d{3} ?\d{4}$/;

function gtinScan(digits: string): Step<Scan> {
  if (!isValidGs1CheckDigit(digits)) {
    return fail('CHECK_DIGIT', `The check digit of product code ${digits} is wrong. Scan again or check the pack.`);
  }
  // A GTIN-8/12/13 is the same GTIN-14 with leading zeros (GS1 General Specifications 4.3).
  return done({ kind: 'product', gtin: digits.padStart(14, '0') });
}

/** An EAN/UPC symbol's data: exactly the digits its symbology carries (scan-forms.ts), else an error, never a guess. */
function eanScan(body: string, digits: number): Step<Scan> {
  if (!/^\d+$/.test(body)) return fail('SYNTAX', 'This EAN/UPC barcode holds characters other than digits.');
  if (body.length !== digits) {
    return fail('LENGTH', `This EAN/UPC barcode should hold ${digits} digits but holds ${body.length}. Check the scanner settings, then scan again.`);
  }
  return gtinScan(body);
}

function plainNhsNumberScan(text: string, context: Context): Step<Scan> {
  if (!context.acceptPlainNhsNumber) {
    return fail('UNRECOGNISED', 'Plain NHS Number barcodes are switched off on this ward. Scan the 2D barcode on the wristband.');
  }
  const nhsNumber = text.replace(/ /g, '');
  if (!isValidNhsNumber(nhsNumber)) {
    return fail('CHECK_DIGIT', `${text} is not a valid NHS Number: its check digit is wrong.`);
  }
  return done({ kind: 'patient', nhsNumber });
}

/** The pack fields a dropped separator can hide, named as the pack prints them. */
const FIELD_NAMES: Readonly<Record<string, string>> = { '10': 'batch', '21': 'serial', '17': 'expiry' };

/** What a GSRN names, in the words of whoever holds it. */
const HOLDER: Readonly<Record<string, string>> = { '8018': 'wristband', '8017': 'badge' };

/** A read the scanner spoiled by sending no GS: said as such, with the cause for the bedside to act on, not the text. */
function scannerLeftOutGs(code: ScanErrorCode, message: string, detail: string): { ok: false; error: ScanError } {
  return { ok: false, error: { code, cause: 'scanner-left-out-gs', message, detail } };
}

function gs1Scan(elementString: string, context: Context): Step<Scan> {
  const elements = readElementString(elementString, context.currentYear);
  if (!elements.ok) {
    const runOn = fixedFieldRunOn(elementString, context.currentYear);
    if (runOn === null) return elements;
    const what = HOLDER[runOn.ai] ?? 'barcode';
    return scannerLeftOutGs(
      'SYNTAX',
      `${SCANNER_LEFT_OUT_GS} in this ${what}, so ${runOn.ai === '8018' ? 'nobody is identified' : 'it cannot be read safely'}. The ${what} itself is probably fine: ` +
        `scan it with the camera, or set up this scanner (Set up scanner). If the camera cannot read it either, replace the ${what}.`,
      `(${runOn.ai}) ${aiDefinition(runOn.ai)?.title ?? ''} runs straight into (${runOn.next}): no group separator (GS) was sent.`,
    );
  }
  const suspect = missingSeparatorSuspect(elementString, elements.value, context.currentYear);
  if (suspect) {
    // Only a pack has a batch (10) or serial (21) to swallow another field; said of what was scanned.
    const what = elements.value.has('01') ? 'pack' : 'barcode';
    return scannerLeftOutGs(
      'SYNTAX',
      `This ${what} did not read reliably: the scanner seems to leave out the separators between its numbers, so the batch, serial or expiry may be wrong. ` +
        `Scan the ${what} with the camera, or ask for the scanner to be set to send GS.`,
      `(${suspect.inAi}) ${FIELD_NAMES[suspect.inAi] ?? ''} may hide a (${suspect.hiddenAi}) ${FIELD_NAMES[suspect.hiddenAi] ?? ''}: no group separator (GS) was sent.`.replace(/ +/g, ' '),
    );
  }
  return scanFromElements(elements.value, context);
}

/** GS1 elements read from another form (brackets, Digital Link): validated as an element string's are. */
function elementsScan(elements: Step<Gs1Element[]>, context: Context): Step<Scan> {
  if (!elements.ok) return elements;
  const validated = validateElements(elements.value, context.currentYear);
  return validated.ok ? scanFromElements(validated.value, context) : validated;
}

/** Data with no GS1 or EAN symbology identifier: decide its form from its shape. */
function plainScan(body: string, symbologyGiven: boolean, context: Context): Step<Scan> {
  if (body.startsWith(GS)) return gs1Scan(body, context);
  if (body.startsWith('=')) return readIsbt128(body);
  if (body.startsWith('(')) return elementsScan(elementsFromHri(body), context);
  if (looksLikeWebAddress(body)) return elementsScan(readDigitalLink(body), context);
  // Bare digits are read by length: 10 an NHS Number, 12–14 a GTIN. Of the GS1
  // messages Wardscan reads, only a GIAI (8004 + 6 or 8–10 characters) has
  // such a length, so bare digits starting 8004 are refused as ambiguous
  // (no NHS Number is issued from 800; GTINs from Italy's 800–839 can start so).
  if (!symbologyGiven && /^8004(?:\d{6}|\d{8,10})$/.test(body)) {
    return fail('SYNTAX', 'This could be an asset tag or a product or patient number. Scan the 2D barcode, or turn on AIM identifiers.');
  }
  if (PLAIN_NHS_NUMBER.test(body)) return plainNhsNumberScan(body, context);
  if (/^\d{12,14}$/.test(body)) return gtinScan(body);
  // A keyboard-wedge scanner with AIM identifiers off sends GS1 data bare.
  if (!symbologyGiven && /^\d{2}/.test(body)) return gs1Scan(body, context);
  return fail('UNRECOGNISED', 'Wardscan does not recognise this barcode. Scan the wristband, badge, pack, blood unit or bed label.');
}

type Read = Step<{ scan: Scan; symbology: string | null }>;

function withSymbology(scan: Step<Scan>, symbology: string | null): Read {
  return scan.ok ? done({ scan: scan.value, symbology }) : scan;
}

function interpretBody(text: string, context: Context): Read {
  const { symbology, body } = splitAimIdentifier(text);
  if (body.length === 0) return fail('EMPTY', 'The barcode holds no data.');
  switch (symbologyFamily(symbology)) {
    case 'gs1':
      return withSymbology(gs1Scan(body, context), symbology);
    case 'ean':
      return withSymbology(eanScan(body, eanDigitCount(symbology)!), symbology);
    case 'other':
      return withSymbology(plainScan(body, true, context), symbology);
    case 'unknown':
      return withSymbology(plainScan(body, false, context), null);
  }
}

function contextFrom(options: InterpretOptions): Context {
  return {
    nhsCompanyPrefixes: options.nhsCompanyPrefixes ?? [],
    acceptPlainNhsNumber: options.acceptPlainNhsNumber !== false,
    // An unreadable `today` falls back to the real date rather than failing every scan.
    currentYear: (options.today !== undefined ? yearOf(options.today) : null) ?? new Date().getUTCFullYear(),
  };
}

function interpret(raw: string, options: InterpretOptions): Read {
  if (typeof raw !== 'string') return fail('EMPTY', 'No barcode data was received.');
  if (raw.length > MAX_SCAN_LENGTH) return fail('LENGTH', 'This is far too long to be a barcode Wardscan reads.');
  // Scanners add CR, LF or Tab as a suffix, and typed numbers carry stray spaces.
  // A trailing GS separates nothing; @zxing/library 0.21 with ASSUME_GS1 even
  // appends one when a Code 128 checksum happens to be 102 (the FNC1 value).
  const trimmed = raw.replace(/^[ \t\r\n]+|[ \t\r\n\u001d]+$/g, '');
  if (trimmed.length === 0) return fail('EMPTY', 'The scan was empty. Scan the barcode again.');
  // A web address keeps its characters: '~', a common GS substitute, is legal in one.
  const isWebAddress = looksLikeWebAddress(splitAimIdentifier(trimmed).body);
  const text = isWebAddress ? trimmed : restoreGroupSeparators(trimmed, options.gsSubstitutes);
  if (hasForbiddenControlCharacter(text)) {
    return fail('SYNTAX', 'The scan holds control characters: check the scanner settings, then scan again.');
  }
  return interpretBody(text, contextFrom(options));
}

/**
 * Turns what a scanner or camera produced into a typed, validated
 * identifier, or a typed error. Never throws.
 *
 * Accepts AIM identifiers (`]d2`, `]C1`, `]E0`…), a leading FNC1/GS, the
 * human-readable `(01)…(17)…` form, GS1 Digital Link URIs (bare, or in QR
 * `]Q1` / DataMatrix `]d1`), GS substitutes from `options`, GS1 AIs in
 * any order, EAN-13/GTIN-14 digits, plain NHS Numbers, DCB1077 patient GSRNs
 * (8018) with wristband data, staff GSRNs (8017), GLNs (414), GIAIs (8004) and
 * ISBT 128 Donation Identification Numbers. Every identifier has passed its
 * check digit and every date is a real calendar date.
 *
 * @param raw - the characters exactly as received, AIM identifier and all
 * @param options - ward configuration; see {@link InterpretOptions}
 */
export function interpretScan(raw: string, options: InterpretOptions = {}): Interpretation {
  let step: Read;
  try {
    step = interpret(raw, options);
  } catch {
    // Defence in depth: a bug here must block the scan, never crash the bedside.
    step = fail('SYNTAX', 'This barcode could not be read. Scan again or check the label.');
  }
  return step.ok
    ? { ok: true, scan: step.value.scan, symbology: step.value.symbology, raw }
    : { ok: false, error: typeof raw === 'string' && carriesPatientAi(raw) && step.error.cause !== 'scanner-left-out-gs' ? asWristbandError(step.error) : step.error, raw };
}

/**
 * A GS1 wristband (8018) that did not read: the nurse is told that in plain
 * words, and what to do; what exactly failed, in GS1 terms, is kept as the
 * detail for whoever prints the bands or sets up the scanner.
 */
function asWristbandError(error: ScanError): ScanError {
  return {
    code: error.code,
    message: `${UNREADABLE_WRISTBAND}: scan it again, and if it still fails, replace it.`,
    detail: error.detail ? `${error.message} ${error.detail}` : error.message,
  };
}
