import { z } from 'zod';
import { LIMITS } from './limits.js';

export const idSchema = z.string().min(1).max(64);
export const eventIdSchema = z.uuid();
export const deviceIdSchema = z.string().trim().min(1).max(LIMITS.deviceIdMaxLength);
/** YYYY-MM-DD, a real calendar date. */
export const isoDateSchema = z.iso.date();
/** ISO 8601 instant with offset, e.g. 2026-11-24T09:00:00.000Z. */
export const instantSchema = z.iso.datetime({ offset: true });
/** Milliseconds an event waited on the handheld before it was sent: at most a week of being offline. */
export const MAX_HELD_FOR_MS = 7 * 24 * 60 * 60 * 1000;
export const heldForMsSchema = z.number().int().min(0).max(MAX_HELD_FOR_MS);
export const nhsNumberSchema = z.string().regex(/^\d{10}$/, 'NHS Number must be 10 digits');
export const gtinSchema = z.string().regex(/^\d{14}$/, 'GTIN must be 14 digits');
export const gsrnSchema = z.string().regex(/^\d{18}$/, 'GSRN must be 18 digits');
export const glnSchema = z.string().regex(/^\d{13}$/, 'GLN must be 13 digits');

/**
 * A decimal written as a string ("500", "2.5", "0.125") so that doses are
 * exact: no binary floating point anywhere a dose is stored or compared.
 */
export const decimalSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,8})(\.\d{1,6})?$/, 'must be a decimal number such as 500 or 2.5');

/*
 * Well-formed text. JSON (and so every request body, socket payload and FHIR
 * resource) can carry a lone UTF-16 surrogate (`"\ud800"`), which is not a
 * Unicode character: SQLite stores it as invalid UTF-8 and reads it back as
 * U+FFFD, so a record (and its audit hash) silently changes once saved. Such
 * text is refused at the edge, naming the field.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` is well-formed Unicode: no lone UTF-16 surrogate. */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** `text` with each lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` does. */
export const toWellFormedText = (text: string): string => text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');

/** A step down into a JSON value, linked to its parent, so that no path is copied per node. */
interface Step {
  readonly value: unknown;
  readonly key: string | number | null;
  readonly parent: Step | null;
}
const pathOf = (step: Step | null): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let s = step; s && s.key !== null; s = s.parent) path.push(s.key);
  return path.reverse();
};

/**
 * The path (`['entry', 0, 'resource', 'name']`) of the first string or object
 * key in a parsed JSON value that is not well-formed Unicode, or null when all
 * are. Walks with its own stack, so any nesting JSON.parse accepts is fine.
 */
export function findIllFormedText(value: unknown): (string | number)[] | null {
  const stack: Step[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return pathOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: step });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (!isWellFormedText(key)) return [...pathOf(step), toWellFormedText(key)];
        stack.push({ value: (v as Record<string, unknown>)[key], key, parent: step });
      }
    }
  }
  return null;
}
