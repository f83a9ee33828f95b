import type { z } from 'zod';
import { ApiError } from './api-error.js';

/** Parses untrusted input with a shared zod schema; the first issue becomes a VALIDATION error naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : `Invalid ${what}.`;
  throw new ApiError('VALIDATION', message, field);
}
