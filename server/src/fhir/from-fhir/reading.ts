import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Mapped } from '../references.js';

/*
 * Issue 13: an order the server can store but cannot fully chart is imported
 * and held for review; only what is malformed or unsafe to store is refused.
 * Each part of an order (dose, route, timing, medicine) therefore reads as one
 * of three things, and the order is refused only when some part is invalid.
 */

/** A part of an order: read; or stored but not chartable, with why in plain words (the order waits for review); or malformed (the entry is refused). */
export type Reading<T> =
  | { readonly kind: 'read'; readonly value: T }
  | { readonly kind: 'review'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly issues: readonly OperationOutcomeIssue[] };

export const read = <T>(value: T): Reading<T> => ({ kind: 'read', value });
export const review = (reason: string): Reading<never> => ({ kind: 'review', reason });

/** A strict mapping step as a reading: its failure refuses the entry. */
export const strictly = <T>(m: Mapped<T>): Reading<T> => (m.ok ? read(m.value) : { kind: 'invalid', issues: m.issues });

/** The issues of every invalid part (none: the order can be stored). */
export const invalidIssues = (...parts: readonly Reading<unknown>[]): OperationOutcomeIssue[] => parts.flatMap((p) => (p.kind === 'invalid' ? p.issues : []));

/** Why each part that cannot be charted cannot, in order. */
export const reviewReasons = (...parts: readonly Reading<unknown>[]): string[] => parts.flatMap((p) => (p.kind === 'review' ? [p.reason] : []));

/** The value read, or `fallback` for a part held for review. */
export const valueOr = <T, F>(p: Reading<T>, fallback: F): T | F => (p.kind === 'read' ? p.value : fallback);

/** The words an order held for review is shown with: each reason, then what it means at the bedside. */
export const reviewText = (reasons: readonly string[]): string => {
  const said = [...new Set(reasons)].join('; ');
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}: needs review by pharmacy or the prescriber before a dose is given; the bedside cannot check the dose.`;
};
