/*
 * Collecting the several barcodes of one blood bag into one unit: a pure
 * reducer the handheld runs as the nurse scans, and the server runs again
 * over the same raw strings (it trusts nothing the handheld concluded).
 * A label that contradicts what was already collected (another DIN, another
 * group, another expiry) is refused and changes nothing: it may be from a
 * second bag, which is exactly the error a bedside check exists to catch.
 */
import type { BloodGroup, BloodLabel } from './blood-label.js';
import { looksLikeCodabar, readCodabarBloodLabel } from './codabar-blood.js';
import { mod37_2CheckCharacter } from './iso7064-mod37-2.js';
import { looksLikeIsbt128, readIsbt128Labels } from './isbt128.js';
import { type Step, done, fail } from './scan-result.js';
import { splitAimIdentifier } from './scan-forms.js';
import { MAX_SCAN_LENGTH } from './scan-forms.js';

type DinLabel = Extract<BloodLabel, { label: 'din' }>;

/** What has been read from one bag so far. */
export interface CollectedUnit {
  readonly din: DinLabel | null;
  readonly bloodGroup: BloodGroup | null;
  /** ISBT 128 product code (8 characters). */
  readonly productCode: string | null;
  /** UK Codabar component code (5 digits). */
  readonly componentCode: string | null;
  readonly expiry: { readonly date: string; readonly time: string | null } | null;
  /** Every raw string accepted, in order: what the handheld sends to the server. */
  readonly raws: readonly string[];
}

/** A unit with nothing scanned yet. */
export const EMPTY_UNIT: CollectedUnit = { din: null, bloodGroup: null, productCode: null, componentCode: null, expiry: null, raws: [] };

/** The result of adding one scan to a unit; on failure the unit is unchanged. */
export type CollectResult =
  | { readonly ok: true; readonly unit: CollectedUnit; readonly added: readonly BloodLabel[] }
  | { readonly ok: false; readonly unit: CollectedUnit; readonly problem: 'unreadable' | 'conflict'; readonly message: string };

// The eye-readable DIN as keyed: facility (5), year (2), sequence (6), then the boxed check character.
const KEYED_DIN = /^([A-NP-Z1-9]\d{4}) ?(\d{2}) ?(\d{6}) ?([0-9A-Z*])?$/;

function keyedDin(text: string): Step<BloodLabel> {
  const m = KEYED_DIN.exec(text.toUpperCase());
  if (!m) return fail('UNRECOGNISED', 'This is not a blood bag label Wardscan reads.');
  const din = m[1]! + m[2]! + m[3]!;
  // A typed DIN is only trusted with its printed check character (ISBT 128: keyboard entry check).
  if (m[4] === undefined) return fail('CHECK_DIGIT', `Type the boxed check character after DIN ${din}, or scan the barcode.`);
  if (mod37_2CheckCharacter(din) !== m[4]) return fail('CHECK_DIGIT', `DIN ${din} with check character ${m[4]} does not check: it was mistyped. Type it again.`);
  return done({ label: 'din', din, flags: null, check: 'verified', capture: 'keyed' });
}

/**
 * Reads one scan or typed entry from a blood bag into the labels it carries:
 * ISBT 128 (any structures, concatenated or not), UK Codabar (component code,
 * group, expiry), or a typed DIN with its check character. Never throws.
 */
export function readBloodLabels(raw: string): Step<BloodLabel[]> {
  if (typeof raw !== 'string' || raw.length > MAX_SCAN_LENGTH) return fail('LENGTH', 'This is not a blood bag label Wardscan reads.');
  const trimmed = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (trimmed.length === 0) return fail('EMPTY', 'The scan was empty. Scan the label again.');
  const { symbology, body } = splitAimIdentifier(trimmed);
  if (looksLikeIsbt128(body)) return readIsbt128Labels(body);
  if (symbology?.startsWith(']F') || looksLikeCodabar(body.toUpperCase())) {
    const label = readCodabarBloodLabel(body);
    return label.ok ? done([label.value]) : label;
  }
  if (symbology === null) {
    const label = keyedDin(body);
    return label.ok ? done([label.value]) : label;
  }
  return fail('UNRECOGNISED', 'This is not a blood bag label Wardscan reads.');
}

function conflict(unit: CollectedUnit, message: string): CollectResult {
  return { ok: false, unit, problem: 'conflict', message };
}

/** Adds one label; a contradiction is returned as its message. */
function withLabel(unit: CollectedUnit, l: BloodLabel): CollectedUnit | string {
  switch (l.label) {
    case 'din':
      if (unit.din && unit.din.din !== l.din) return `This label is from another bag (DIN ${l.din}, not ${unit.din.din}). Keep the bags apart and start this unit again.`;
      // Keep the stronger record: a verified check beats one not carried.
      return { ...unit, din: unit.din && unit.din.check === 'verified' ? unit.din : l };
    case 'group':
      if (unit.bloodGroup && unit.bloodGroup !== l.bloodGroup) return `This bag shows two blood groups (${unit.bloodGroup} and ${l.bloodGroup}). Do not use it: return it to the lab.`;
      return { ...unit, bloodGroup: l.bloodGroup };
    case 'product':
      if (l.scheme === 'isbt128') {
        if (unit.productCode && unit.productCode !== l.code) return `This bag shows two product codes (${unit.productCode} and ${l.code}). Do not use it: return it to the lab.`;
        return { ...unit, productCode: l.code };
      }
      if (unit.componentCode && unit.componentCode !== l.code) return `This bag shows two component codes (${unit.componentCode} and ${l.code}). Do not use it: return it to the lab.`;
      return { ...unit, componentCode: l.code };
    case 'expiry':
      if (unit.expiry && unit.expiry.date !== l.date) return `This bag shows two expiry dates (${unit.expiry.date} and ${l.date}). Do not use it: return it to the lab.`;
      if (unit.expiry && unit.expiry.time !== null && l.time !== null && unit.expiry.time !== l.time) {
        return `This bag shows two expiry times (${unit.expiry.time} and ${l.time}). Do not use it: return it to the lab.`;
      }
      return { ...unit, expiry: { date: l.date, time: unit.expiry?.time ?? l.time } };
    default: {
      const never: never = l;
      return never;
    }
  }
}

/**
 * Adds one scan (raw, as received) to the unit being collected. Pure: the
 * returned unit is new; on failure the given unit comes back unchanged.
 */
export function collectBloodLabel(unit: CollectedUnit, raw: string): CollectResult {
  const read = readBloodLabels(raw);
  if (!read.ok) return { ok: false, unit, problem: 'unreadable', message: read.error.message };
  let next = unit;
  for (const label of read.value) {
    const after = withLabel(next, label);
    if (typeof after === 'string') return conflict(unit, after);
    next = after;
  }
  return { ok: true, unit: { ...next, raws: [...unit.raws, raw] }, added: read.value };
}

/** Folds every raw scan of one bag into a unit; the first failure ends it. */
export function collectBloodUnit(raws: readonly string[]): CollectResult {
  let result: CollectResult = { ok: true, unit: EMPTY_UNIT, added: [] };
  for (const raw of raws) {
    result = collectBloodLabel(result.unit, raw);
    if (!result.ok) return result;
  }
  return result;
}

/** What must still be scanned before the bedside check: the DIN and the group on the bag (BSH). */
export function missingForCheck(unit: CollectedUnit): ('din' | 'bloodGroup')[] {
  const missing: ('din' | 'bloodGroup')[] = [];
  if (!unit.din) missing.push('din');
  if (!unit.bloodGroup) missing.push('bloodGroup');
  return missing;
}
