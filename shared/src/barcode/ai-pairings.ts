/*
 * The GS1 Barcode Syntax Dictionary's pairing rules between AIs in one
 * message: `ex=` (must not appear together) and `req=` (must appear with).
 * A message that breaks one is not a valid GS1 message (GS1 General
 * Specifications, "Invalid pairs" and "Mandatory association of element
 * strings"), however valid each element is alone: an expiry (17) without the
 * GTIN (01) it dates, or a date of birth (7250) on an asset tag (8004).
 *
 * The dictionary says pairings "should be evaluated over the combined data
 * received from all GS1 carriers marking a physical item"; Wardscan reads one
 * symbol at a time, so each scan must be complete on its own.
 */
import { aiDefinition } from './ai-dictionary.js';
import type { AiRequirement } from './ai-types.js';
import { type Step, done, fail } from './scan-result.js';

/** True if `ai` matches a dictionary pattern such as `31nn`, where `n` stands for any digit. */
export function matchesAiPattern(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern[i];
    if (p !== 'n' && p !== ai[i]) return false;
  }
  return true;
}

/** True if an AI other than `self` in `present` matches `pattern`: no AI pairs with itself. */
function presentBesides(present: readonly string[], pattern: string, self: string): string | undefined {
  return present.find((other) => other !== self && matchesAiPattern(other, pattern));
}

function describeRequirement(requirement: AiRequirement): string {
  const groups = requirement.map((group) => group.map((ai) => `(${ai})`).join(' with '));
  return groups.length === 1 ? groups[0]! : `${groups.slice(0, -1).join(', ')} or ${groups.at(-1)}`;
}

function isMet(requirement: AiRequirement, present: readonly string[], self: string): boolean {
  return requirement.some((group) => group.every((pattern) => presentBesides(present, pattern, self) !== undefined));
}

/**
 * Checks the `ex=` and `req=` rules of every AI in `present` (the distinct
 * AIs of one message, each defined in the dictionary).
 */
export function checkPairings(present: readonly string[]): Step<void> {
  for (const ai of present) {
    for (const pattern of aiDefinition(ai)!.ex) {
      const other = presentBesides(present, pattern, ai);
      if (other !== undefined) return fail('SYNTAX', `(${ai}) and (${other}) must not appear in the same barcode.`);
    }
  }
  for (const ai of present) {
    const definition = aiDefinition(ai)!;
    for (const requirement of definition.req) {
      if (!isMet(requirement, present, ai)) {
        return fail(
          'SYNTAX',
          `(${ai}) ${definition.title} needs ${describeRequirement(requirement)} in the same barcode. ` +
            'Scan the barcode that holds the whole item number, usually the 2D code.',
        );
      }
    }
  }
  return done(undefined);
}
