/*
 * The outer forms the same content arrives in (DOMAIN.md, "GS1 element
 * strings"): an AIM symbology identifier, a leading FNC1/GS, the
 * human-readable parentheses form, scanner-specific GS substitutes. Each
 * helper here peels one form off and returns what is underneath.
 */
import { aiDefinition } from './ai-dictionary.js';
import type { Gs1Element } from './element-validation.js';
import { GS, type Step, done, fail } from './scan-result.js';

/** Longest input read at all; no barcode Wardscan reads comes near it, so anything longer is refused unread. */
export const MAX_SCAN_LENGTH = 512;

const AIM_IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;

/** AIM identifiers of symbols whose data is a GS1 element string (FNC1 in first position). */
const GS1_SYMBOLOGIES: ReadonlySet<string> = new Set([']C1', ']d2', ']e0', ']e1', ']e2', ']Q3', ']J1']);

/**
 * AIM identifiers of EAN/UPC symbols and how many digits each carries
 * (ISO/IEC 15420, ISO/IEC 15424): `]E0` the 13 of an EAN-13, UPC-A and UPC-E
 * included (sent expanded, with a leading 0), `]E4` the 8 of an EAN-8. Any
 * other count is a misread or a misconfigured scanner, never a shorter GTIN.
 */
const EAN_DIGITS: Readonly<Record<string, number>> = { ']E0': 13, ']E4': 8 };

/** How many digits an EAN/UPC symbology identifier carries, or null for any other. */
export function eanDigitCount(symbology: string | null): number | null {
  return symbology !== null && Object.hasOwn(EAN_DIGITS, symbology) ? EAN_DIGITS[symbology]! : null;
}

/** How the symbology says the data must be read. */
export type SymbologyFamily = 'gs1' | 'ean' | 'other' | 'unknown';

/** Splits off an AIM symbology identifier such as `]d2`, if the text starts with one. */
export function splitAimIdentifier(text: string): { symbology: string | null; body: string } {
  if (!AIM_IDENTIFIER.test(text)) return { symbology: null, body: text };
  return { symbology: text.slice(0, 3), body: text.slice(3) };
}

/** What an AIM identifier says about the data: GS1 element string, EAN digits, other, or not given. */
export function symbologyFamily(symbology: string | null): SymbologyFamily {
  if (symbology === null) return 'unknown';
  if (GS1_SYMBOLOGIES.has(symbology)) return 'gs1';
  if (eanDigitCount(symbology) !== null) return 'ean';
  return 'other';
}

/** Replaces each configured GS substitute (e.g. '~' or '|') with GS itself. */
export function restoreGroupSeparators(text: string, substitutes: readonly string[] | undefined): string {
  if (!substitutes) return text;
  let out = text;
  for (const substitute of substitutes) {
    if (substitute.length > 0 && substitute !== GS) out = out.split(substitute).join(GS);
  }
  return out;
}

/** True if the text holds a control character other than GS: no barcode Wardscan reads carries one. */
export function hasForbiddenControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x1d) || code === 0x7f) return true;
  }
  return false;
}

const HRI_AI = /\((\d{2,4})\)/g;

/**
 * Reads the human-readable form `(01)09501101020917(17)261231(10)AB1` into
 * elements. Each value is exactly what stands between its (AI) and the next,
 * so a value too long for its AI stays too long (a LENGTH error when
 * validated) and is never re-split into other AIs. Spaces are dropped: no GS1
 * character set contains a space, so they can only be layout.
 */
export function elementsFromHri(text: string): Step<Gs1Element[]> {
  const compact = text.replace(/ /g, '');
  const elements: Gs1Element[] = [];
  let previous: { ai: string; start: number } | null = null;
  for (const match of compact.matchAll(HRI_AI)) {
    const ai = match[1]!;
    const at = match.index;
    if (previous === null && at !== 0) return fail('SYNTAX', 'Text before the first (AI) in the human-readable form.');
    if (previous !== null) elements.push({ ai: previous.ai, value: compact.slice(previous.start, at) });
    if (aiDefinition(ai) === undefined) return fail('SYNTAX', `(${ai}) is not a GS1 Application Identifier.`);
    previous = { ai, start: at + match[0].length };
  }
  if (previous === null) return fail('SYNTAX', 'No (AI) found in the human-readable form.');
  elements.push({ ai: previous.ai, value: compact.slice(previous.start) });
  return done(elements);
}
