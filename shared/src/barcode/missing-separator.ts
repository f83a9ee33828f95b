/*
 * A keyboard-wedge scanner set to send GS "as nothing" (DOMAIN.md, "Scanners")
 * turns `…10PCM2401<GS>21SN1` into `…10PCM240121SN1`: the batch swallows the
 * serial, and the pack reads as valid with the wrong batch (a recall check
 * would miss it) and no serial. GS1 cannot tell the two apart, so when an
 * element string holds no GS at all (a leading GS shows the decoder passes
 * FNC1 on, so separators are trusted then) and its variable-length batch or
 * serial contains what reads as a missing batch (10), serial (21) or expiry
 * (17), the scan is refused as ambiguous rather than guessed.
 *
 * The price: a pack whose only variable field really does contain such a
 * sequence (a batch "B2110" on a pack with no serial) is refused too, with
 * a message that says to scan it with the camera or fix the scanner. EU FMD
 * packs carry both batch and serial, so a correct scan of one always has a GS
 * between them and is never refused here.
 */
import { aiAt, aiDefinition, predefinedDataLength } from './ai-dictionary.js';
import { validateElement } from './element-validation.js';
import { gs1Date } from './gs1-dates.js';
import { GS } from './scan-result.js';

/**
 * How every refusal for dropped separators starts, so whoever shows it (the
 * server's band stop, the handheld) can tell a scanner setting from a bad label.
 */
export const SCANNER_LEFT_OUT_GS = 'The scanner left out the separators (GS)';

/** The variable-length pack fields whose data can swallow a following field. */
const SWALLOWING_AIS = ['10', '21'] as const;

function swallowedAi(value: string, present: ReadonlyMap<string, string>, currentYear: number): string | null {
  for (let i = 1; i < value.length - 2; i++) {
    const ai = value.slice(i, i + 2);
    if (present.has(ai)) continue;
    if ((ai === '10' || ai === '21') && i + 2 < value.length) return ai;
    if (ai === '17' && gs1Date(value.slice(i + 2, i + 8), currentYear, true) !== null) return ai;
  }
  return null;
}

/**
 * If `elementString` (without its AIM identifier) may have lost
 * its separators, the AI that may be hidden inside another field; else null.
 */
export function missingSeparatorSuspect(
  elementString: string,
  elements: ReadonlyMap<string, string>,
  currentYear: number,
): { hiddenAi: string; inAi: string } | null {
  if (elementString.includes(GS)) return null;
  for (const inAi of SWALLOWING_AIS) {
    const value = elements.get(inAi);
    if (value === undefined) continue;
    const hiddenAi = swallowedAi(value, elements, currentYear);
    if (hiddenAi !== null) return { hiddenAi, inAi };
  }
  return null;
}

/** Data length of an AI whose data is always the same length, whether or not GS1 predefines it (8018 is N18 but needs FNC1). */
function fixedDataLength(ai: string): number | null {
  const definition = aiDefinition(ai)!;
  if (definition.components.some((c) => c.optional || c.min !== c.max)) return null;
  return predefinedDataLength(definition);
}

/**
 * A GS1 element string that can only have come from a scanner sending no GS:
 * an AI of fixed length that GS1 still ends with FNC1 (8017, 8018: a GSRN) runs,
 * valid in itself, straight into another AI. No encoder writes that, so unlike
 * a swallowed batch it is certain, and it says the label is not at fault.
 * Returns that AI and the one it runs into, else null.
 */
export function fixedFieldRunOn(elementString: string, currentYear: number): { ai: string; next: string } | null {
  if (elementString.includes(GS)) return null;
  let pos = 0;
  while (pos < elementString.length) {
    const ai = aiAt(elementString, pos);
    if (ai === null) return null;
    const definition = aiDefinition(ai)!;
    const length = fixedDataLength(ai);
    // A variable field runs to the end: nothing after it can be told apart.
    if (length === null) return null;
    const end = pos + ai.length + length;
    if (!definition.predefinedLength && end < elementString.length) {
      const next = aiAt(elementString, end);
      const valid = validateElement({ ai, value: elementString.slice(pos + ai.length, end) }, definition, currentYear).ok;
      return next !== null && valid ? { ai, next } : null;
    }
    pos = end;
  }
  return null;
}
