import { findIllFormedText } from '@wardscan/shared';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

/**
 * Refuses input holding a lone UTF-16 surrogate anywhere (a string or a key):
 * stored, it would come back as U+FFFD, changing the record and breaking its
 * audit hash. A 400 naming the field, before any schema runs.
 */
export function requireWellFormedText(input: unknown): void {
  const path = findIllFormedText(input);
  if (!path) return;
  const field = path.length > 0 ? path.join('.') : undefined;
  throw new ApiError('VALIDATION', `${field ? `${field}: ` : ''}holds a broken character (a lone UTF-16 surrogate); send well-formed text.`, field);
}

/**
 * Parses untrusted input with a shared zod schema; the first issue becomes a
 * VALIDATION error naming its field. Every route and socket event parses its
 * input here, so this is where ill-formed text is refused for all of them.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  requireWellFormedText(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : `Invalid ${what}.`;
  throw new ApiError('VALIDATION', message, field);
}
