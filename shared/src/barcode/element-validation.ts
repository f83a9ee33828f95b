/*
 * Checks one GS1 element's value against its Syntax Dictionary definition:
 * character set, component lengths, and the reference "linter" checks that
 * matter at the bedside (check digits, dates, times, percent-encoding).
 * gs1-barcode-parser checks none of these (DOMAIN.md), so every element goes
 * through here before anything reads it.
 */
import type { AiComponent, AiDefinition } from './ai-types.js';
import { isValidGs1CheckDigit } from './gs1-check-digit.js';
import { fullDate, gs1Date } from './gs1-dates.js';
import { type Step, done, fail } from './scan-result.js';
import type { ScanErrorCode } from './scan-types.js';

/** A GS1 element: its AI and its exact data characters. */
export interface Gs1Element {
  ai: string;
  value: string;
}

// GS1 General Specifications figure 7.11-1 (CSET 82), 7.11-2 (CSET 39), and base64url.
const CHARACTER_SETS: Record<AiComponent['cset'], RegExp> = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[A-Za-z0-9_\-=]*$/,
};

// AIs 90–99 are company-internal: the issuer, not GS1, defines their content,
// and NHS wristbands put names there (DCB1077), so any printable ASCII is let
// through. Their length limit still applies.
const COMPANY_INTERNAL_CHARACTERS = /^[\x20-\x7e]*$/;
const COMPANY_INTERNAL_AI = /^9\d$/;

const CHARACTER_SET_NAMES: Record<AiComponent['cset'], string> = {
  N: 'digits only',
  X: 'GS1 characters',
  Y: 'upper-case letters, digits and #-/',
  Z: 'base64url characters',
};

function describe(ai: string, definition: AiDefinition): string {
  return definition.title ? `(${ai}) ${definition.title}` : `(${ai})`;
}

function inRange(digits: string, max: number): boolean {
  return /^\d{2}$/.test(digits) && Number(digits) <= max;
}

/** What a failed check says, before the field's name is put in front. */
interface Problem {
  code: ScanErrorCode;
  says: string;
}

// A GS1 Company Prefix is all digits, at least 4 of them (GCP_MIN_LENGTH in
// GS1's reference linter lint_gcppos1). Which prefixes exist only GS1's
// register knows, so the digits are what can be checked here.
const COMPANY_PREFIX_MIN_LENGTH = 4;

/** `gcppos1`/`gcppos2`: the data (from position 1 or 2) must start with a GS1 Company Prefix. */
function companyPrefixProblem(text: string): Problem | null {
  if (text.length < COMPANY_PREFIX_MIN_LENGTH) return { code: 'LENGTH', says: 'is too short to start with a GS1 Company Prefix.' };
  return /^\d{4}/.test(text) ? null : { code: 'SYNTAX', says: 'must start with a GS1 Company Prefix (digits).' };
}

/**
 * Runs one reference linter on a component's characters; null if it passes.
 * Linters not listed (ISO country/currency codes, coupon fields, GMN check)
 * are not checked: none guards an identifier the bedside check uses.
 */
function lint(linter: string, part: string, currentYear: number): Problem | null {
  switch (linter) {
    case 'csum':
      return isValidGs1CheckDigit(part) ? null : { code: 'CHECK_DIGIT', says: `has a wrong check digit: ${part}.` };
    case 'yymmd0':
    case 'yymmdd':
      return gs1Date(part, currentYear, linter === 'yymmd0') ? null : { code: 'DATE', says: `holds ${part}, which is not a real date (YYMMDD).` };
    case 'yyyymmdd':
      return fullDate(part) ? null : { code: 'DATE', says: `holds ${part}, which is not a real date (YYYYMMDD).` };
    case 'hhmi':
      return inRange(part.slice(0, 2), 23) && inRange(part.slice(2, 4), 59)
        ? null
        : { code: 'DATE', says: `holds ${part}, which is not a real time (HHMM).` };
    case 'hh':
      return inRange(part, 23) ? null : { code: 'DATE', says: `holds an hour of ${part}.` };
    case 'mi':
    case 'ss':
      return inRange(part, 59) ? null : { code: 'DATE', says: `holds ${part}, not 00–59.` };
    case 'gcppos1':
      return companyPrefixProblem(part);
    case 'gcppos2':
      // The first digit is the SSCC extension or GTIN indicator digit.
      return companyPrefixProblem(part.slice(1));
    case 'pcenc':
      return /%(?![0-9A-Fa-f]{2})/.test(part) ? { code: 'SYNTAX', says: 'has a broken %-escape.' } : null;
    case 'nonzero':
      return /^0+$/.test(part) ? { code: 'SYNTAX', says: 'must not be zero.' } : null;
    case 'zero':
      return /^0+$/.test(part) ? null : { code: 'SYNTAX', says: 'must be zero.' };
    case 'yesno':
      return part === '0' || part === '1' ? null : { code: 'SYNTAX', says: 'must be 0 or 1.' };
    default:
      return null;
  }
}

/**
 * Checks `element.value` against `definition`, component by component, as
 * the dictionary prescribes: each component consumes its length from the
 * front; optional components may be left out once the data is used up.
 * Wrong lengths are LENGTH, wrong characters SYNTAX, failed check digits
 * CHECK_DIGIT and impossible dates DATE.
 */
export function validateElement(element: Gs1Element, definition: AiDefinition, currentYear: number): Step<void> {
  const { ai, value } = element;
  const problem = (code: ScanErrorCode, says: string) => fail(code, `${describe(ai, definition)} ${says}`);
  const internal = COMPANY_INTERNAL_AI.test(ai);
  let pos = 0;
  for (const component of definition.components) {
    const left = value.length - pos;
    if (left === 0 && component.optional) break;
    const fixed = component.min === component.max;
    if (fixed ? left < component.max : left < component.min) {
      return problem('LENGTH', `is too short: ${value.length} characters.`);
    }
    const take = fixed ? component.max : Math.min(left, component.max);
    const part = value.slice(pos, pos + take);
    if (!(internal ? COMPANY_INTERNAL_CHARACTERS : CHARACTER_SETS[component.cset]).test(part)) {
      return problem('SYNTAX', `may hold ${CHARACTER_SET_NAMES[component.cset]} only.`);
    }
    for (const linter of component.linters) {
      const failed = lint(linter, part, currentYear);
      if (failed) return problem(failed.code, failed.says);
    }
    pos += take;
  }
  if (pos < value.length) {
    return problem('LENGTH', `is too long: ${value.length} characters.`);
  }
  return done(undefined);
}
