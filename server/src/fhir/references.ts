import type { BundleEntry, CodeableConcept, Identifier, Reference, Resource } from '@medplum/fhirtypes';
import { isValidGs1CheckDigit, isValidNhsNumber } from '@wardscan/shared';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from './operation-outcome.js';

/** A mapping step: a value, or the issues that stop it. Failures are data, not exceptions. */
export type Mapped<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: OperationOutcomeIssue[] };
export const ok = <T>(value: T): Mapped<T> => ({ ok: true, value });
export const fail = (text: string, expression: string, code: OperationOutcomeIssue['code'] = 'business-rule'): Mapped<never> => ({
  ok: false,
  issues: [issue(code, text, expression)],
});

/** What a mapper needs to know about the bundle around one entry. */
export interface EntryContext {
  readonly index: number;
  /** FHIRPath of the entry's resource, e.g. `Bundle.entry[3].resource`. */
  readonly at: string;
  readonly entries: readonly BundleEntry[];
}

/** A reference as written: to another entry, by identifier (conditional), or to a resource already on the server. */
export type ParsedReference =
  | { readonly kind: 'entry'; readonly index: number; readonly resource: Resource }
  | { readonly kind: 'conditional'; readonly type: string; readonly system: string; readonly value: string }
  | { readonly kind: 'literal'; readonly type: string; readonly id: string }
  | { readonly kind: 'contained'; readonly id: string };

const RESTFUL = /^(https?:\/\/.+)\/[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * The entry a reference names (bundle.html#references): its fullUrl exactly;
 * or, for a relative `Type/id`, the entry whose absolute fullUrl is that
 * reference against the referring entry's base (`https://x/fhir/Patient/1`
 * from `https://x/fhir/MedicationRequest/9`), else the one entry whose
 * absolute fullUrl ends in `/Type/id`. -1 when none.
 */
export function entryIndexOf(text: string, ctx: EntryContext): number {
  const exact = ctx.entries.findIndex((e) => e.fullUrl === text);
  if (exact >= 0 || !/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(text)) return exact;
  const base = RESTFUL.exec(ctx.entries[ctx.index]?.fullUrl ?? '')?.[1];
  if (base) {
    const resolved = ctx.entries.findIndex((e) => e.fullUrl === `${base}/${text}`);
    if (resolved >= 0) return resolved;
  }
  const ending = ctx.entries.flatMap((e, i) => (e.fullUrl && RESTFUL.test(e.fullUrl) && e.fullUrl.endsWith(`/${text}`) ? [i] : []));
  return ending.length === 1 ? (ending[0] as number) : -1;
}

export function parseReference(ref: Reference | undefined, ctx: EntryContext, where: string, expectedType: string): Mapped<ParsedReference> {
  const text = ref?.reference;
  if (!text) return fail(`A reference to a ${expectedType} is required.`, where, 'required');
  const index = entryIndexOf(text, ctx);
  const target = index >= 0 ? ctx.entries[index]?.resource : undefined;
  if (target) {
    if (target.resourceType !== expectedType) return fail(`${text} is a ${target.resourceType}; a ${expectedType} is needed here.`, where, 'invalid');
    return ok({ kind: 'entry', index, resource: target });
  }
  if (text.startsWith('#')) return ok({ kind: 'contained', id: text.slice(1) });
  const conditional = /^([A-Za-z]+)\?identifier=([^|&]+)\|([^&]+)$/.exec(text);
  if (conditional) {
    const [, type = '', system = '', value = ''] = conditional;
    if (type !== expectedType) return fail(`${text} names a ${type}; a ${expectedType} is needed here.`, where, 'invalid');
    return ok({ kind: 'conditional', type, system: decodeURIComponent(system), value: decodeURIComponent(value) });
  }
  const literal = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(text);
  if (literal) {
    const [, type = '', id = ''] = literal;
    if (type !== expectedType) return fail(`${text} names a ${type}; a ${expectedType} is needed here.`, where, 'invalid');
    return ok({ kind: 'literal', type, id });
  }
  if (text.startsWith('urn:uuid:')) return fail(`${text} is not the fullUrl of any entry in this bundle.`, where, 'not-found');
  return fail(`Wardscan cannot follow the reference "${text}": use an entry's fullUrl, ${expectedType}/<id> or ${expectedType}?identifier=system|value.`, where, 'not-supported');
}

/** The identifiers of a system, with their index for error expressions. */
export function identifiersOf(resource: { identifier?: Identifier[] }, system: string): { value: string; index: number }[] {
  return (resource.identifier ?? []).flatMap((id, index) => (id.system === system && id.value ? [{ value: id.value.trim(), index }] : []));
}

/** Checks an NHS Number: 10 digits and the mod 11 check digit (spaces, as printed 3-3-4, are allowed). */
export function nhsNumberFrom(value: string, where: string): Mapped<string> {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return fail(`NHS Number "${value}" is not 10 digits.`, where, 'invalid');
  if (!isValidNhsNumber(digits)) return fail(`NHS Number ${digits} fails the mod 11 check: it is mistyped or not an NHS Number.`, where, 'invalid');
  return ok(digits);
}

/** Checks a GS1 key (GLN 13, GSRN 18, GTIN 8/12/13/14 → 14) and its check digit. */
export function gs1KeyFrom(value: string, kind: 'GLN' | 'GSRN' | 'GTIN', where: string): Mapped<string> {
  const lengths = { GLN: [13], GSRN: [18], GTIN: [8, 12, 13, 14] }[kind];
  if (!/^\d+$/.test(value) || !lengths.includes(value.length)) return fail(`${kind} "${value}" must be ${lengths.join(', ')} digits.`, where, 'invalid');
  if (!isValidGs1CheckDigit(value)) return fail(`${kind} ${value} has a wrong check digit.`, where, 'invalid');
  return ok(kind === 'GTIN' ? value.padStart(14, '0') : value);
}

/** The human words of a concept: its text, else the first display. */
export const conceptText = (c: CodeableConcept | undefined): string | undefined =>
  c?.text?.trim() || c?.coding?.find((x) => x.display?.trim())?.display?.trim() || undefined;

/** Collects issues from several steps; returns the values only when all succeeded. */
export function all<T extends readonly Mapped<unknown>[]>(...steps: T): Mapped<{ [K in keyof T]: T[K] extends Mapped<infer V> ? V : never }> {
  const issues = steps.flatMap((s) => (s.ok ? [] : s.issues));
  if (issues.length) return { ok: false, issues };
  return ok(steps.map((s) => (s as { value: unknown }).value) as never);
}
