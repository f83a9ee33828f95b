/*
 * Splits a GS1 element string (AIs and their data, FNC1 sent as GS) into
 * elements with their exact characters, then validates them against the GS1
 * Barcode Syntax Dictionary.
 *
 * gs1-barcode-parser does the splitting, as the design asks. Its output is
 * not trusted: it turns dates into local-time Date objects and measures into
 * floats, so each element's exact characters are read back from the input at
 * the position the parser's split implies, and the split must agree with the
 * dictionary's FNC1 rule. The parser has no entry for AIs defined after 2015,
 * among them 414 (location GLN) and the 72xx patient AIs; when it reports an
 * unknown AI, the dictionary splitter below takes over. Both yield the same
 * elements wherever the parser knows the AIs (element-string.test.ts).
 */
import { aiAt, aiDefinition, predefinedDataLength } from './ai-dictionary.js';
import { checkPairings } from './ai-pairings.js';
import { type Gs1Element, validateElement } from './element-validation.js';
import { parseBarcode } from './generated/gs1-barcode-parser.js';
import type { ParsedBarcode } from './parser-types.js';
import { GS, type Step, done, fail } from './scan-result.js';

export type { Gs1Element } from './element-validation.js';

function skipSeparators(text: string, pos: number): number {
  while (text[pos] === GS) pos++;
  return pos;
}

/** End of a predefined-length field, or null if a GS cuts it short (LENGTH, not a character error). */
function endOfPredefinedField(text: string, start: number, length: number): number | null {
  const end = Math.min(start + length, text.length);
  const gs = text.indexOf(GS, start);
  return gs >= 0 && gs < end ? null : end;
}

function tooShort(ai: string): ReturnType<typeof fail> {
  return fail('LENGTH', `(${ai}) ${aiDefinition(ai)?.title ?? ''} is too short.`);
}

function endOfVariableField(text: string, pos: number): number {
  const gs = text.indexOf(GS, pos);
  return gs < 0 ? text.length : gs;
}

/** Splits by the dictionary alone: predefined-length AIs take their length, others run to GS or the end. */
export function splitByDictionary(text: string): Step<Gs1Element[]> {
  const elements: Gs1Element[] = [];
  let pos = skipSeparators(text, 0);
  while (pos < text.length) {
    const ai = aiAt(text, pos);
    if (ai === null) return fail('SYNTAX', `No GS1 Application Identifier at "${text.slice(pos, pos + 4)}".`);
    const definition = aiDefinition(ai)!;
    const start = pos + ai.length;
    const end = definition.predefinedLength
      ? endOfPredefinedField(text, start, predefinedDataLength(definition))
      : endOfVariableField(text, start);
    if (end === null) return tooShort(ai);
    elements.push({ ai, value: text.slice(start, end) });
    pos = skipSeparators(text, end);
  }
  return done(elements);
}

type ParserSplit = Step<Gs1Element[]> | { ok: 'unknown-ai' };

function runParser(text: string): ParsedBarcode | 'unknown-ai' | 'failed' {
  try {
    return parseBarcode(text);
  } catch (thrown) {
    // It throws plain strings such as "invalid AI after '41'" or "no valid AI".
    return typeof thrown === 'string' && /invalid AI|no valid AI/.test(thrown) ? 'unknown-ai' : 'failed';
  }
}

/** Splits with gs1-barcode-parser, recovering each element's exact characters from `text`. */
export function splitWithParser(elementString: string): ParserSplit {
  // The parser reads a leading GS (FNC1 in first position, as camera decoders send it) as an unknown AI.
  const text = elementString.slice(skipSeparators(elementString, 0));
  const parsed = runParser(text);
  if (parsed === 'unknown-ai') return { ok: 'unknown-ai' };
  if (parsed === 'failed') return fail('SYNTAX', 'The barcode data is not a well-formed GS1 element string.');
  const elements: Gs1Element[] = [];
  let pos = 0;
  for (const item of parsed.parsedCodeItems) {
    pos = skipSeparators(text, pos);
    const definition = aiDefinition(item.ai);
    if (!text.startsWith(item.ai, pos) || definition === undefined) {
      return fail('SYNTAX', `(${item.ai}) is not a GS1 Application Identifier in the syntax dictionary.`);
    }
    const start = pos + item.ai.length;
    let end: number | null;
    if (typeof item.data === 'string') {
      const value = (item.unit ?? '') + item.data;
      if (!text.startsWith(value, start)) return fail('SYNTAX', `The data of (${item.ai}) could not be read back.`);
      end = start + value.length;
    } else {
      // A Date or a float: take the characters themselves, as the dictionary lays them out.
      end = definition.predefinedLength
        ? endOfPredefinedField(text, start, predefinedDataLength(definition))
        : endOfVariableField(text, start);
    }
    if (end === null || (definition.predefinedLength && text.slice(start, end).includes(GS))) return tooShort(item.ai);
    // FNC1 rule: data of an AI without a predefined length ends at GS or the end.
    if (!definition.predefinedLength && end < text.length && text[end] !== GS) {
      return fail('LENGTH', `(${item.ai}) ${definition.title} is too long or lacks its separator.`);
    }
    elements.push({ ai: item.ai, value: text.slice(start, end) });
    pos = end;
  }
  if (skipSeparators(text, pos) !== text.length) return fail('SYNTAX', 'Part of the barcode data was not read.');
  return done(elements);
}

/** Splits with the parser, falling back to the dictionary splitter for AIs the parser does not know. */
export function splitElementString(text: string): Step<Gs1Element[]> {
  const split = splitWithParser(text);
  return split.ok === 'unknown-ai' ? splitByDictionary(text) : split;
}

/**
 * Validates split elements: each against its dictionary definition, no AI
 * twice with different data, and the dictionary's pairing rules (`ex=`,
 * `req=`) over the whole message.
 */
export function validateElements(elements: readonly Gs1Element[], currentYear: number): Step<Map<string, string>> {
  const byAi = new Map<string, string>();
  for (const element of elements) {
    const definition = aiDefinition(element.ai);
    if (definition === undefined) return fail('SYNTAX', `(${element.ai}) is not a GS1 Application Identifier.`);
    const checked = validateElement(element, definition, currentYear);
    if (!checked.ok) return checked;
    const earlier = byAi.get(element.ai);
    if (earlier !== undefined && earlier !== element.value) {
      return fail('SYNTAX', `(${element.ai}) appears twice with different data.`);
    }
    byAi.set(element.ai, element.value);
  }
  const pairings = checkPairings([...byAi.keys()]);
  return pairings.ok ? done(byAi) : pairings;
}

/** Splits and validates a GS1 element string into AI → exact data. */
export function readElementString(text: string, currentYear: number): Step<Map<string, string>> {
  if (text.length === 0) return fail('EMPTY', 'The barcode holds no data.');
  const split = splitElementString(text);
  return split.ok ? validateElements(split.value, currentYear) : split;
}
