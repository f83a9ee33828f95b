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
import { gs1Date } from './gs1-dates.js';
import { GS } from './scan-result.js';

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
