/*
 * Lookup over the generated GS1 Barcode Syntax Dictionary table: which AI
 * starts at a position, and its definition. Ranges (3100-3105, 91-99) are
 * expanded once at load.
 */
import type { AiDefinition } from './ai-types.js';
import { AI_DEFINITIONS } from './generated/ai-table.js';

const byAi = new Map<string, AiDefinition>();
for (const definition of AI_DEFINITIONS) {
  const width = definition.first.length;
  for (let n = Number(definition.first); n <= Number(definition.last); n++) {
    byAi.set(String(n).padStart(width, '0'), definition);
  }
}

/** The dictionary definition of `ai` (e.g. '01', '8018', '3103'), if GS1 defines it. */
export function aiDefinition(ai: string): AiDefinition | undefined {
  return byAi.get(ai);
}

/** Every AI the dictionary defines, ranges expanded. */
export function allAis(): string[] {
  return [...byAi.keys()];
}

/**
 * The AI at `pos` in an element string: AIs are 2–4 digits and, by GS1's
 * design, no AI is a prefix of another, so the first length that matches is it.
 */
export function aiAt(text: string, pos: number): string | null {
  for (let length = 2; length <= 4; length++) {
    const candidate = text.slice(pos, pos + length);
    if (candidate.length < length) return null;
    if (byAi.has(candidate)) return candidate;
  }
  return null;
}

/** Total data length of a predefined-length AI (flag `*`): the sum of its fixed components. */
export function predefinedDataLength(definition: AiDefinition): number {
  let total = 0;
  for (const component of definition.components) total += component.max;
  return total;
}
