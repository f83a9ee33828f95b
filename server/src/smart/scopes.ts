/*
 * SMART on FHIR system scopes (Backend Services), in either syntax:
 * v1 `system/Patient.read`, `system/*.write`, `system/MedicationRequest.*`;
 * v2 `system/Patient.rs`, `system/*.cruds`, `system/MedicationRequest.cu`
 * (letters in that order). Each becomes a resource type (or any) and the
 * interactions it allows: c(reate) r(ead) u(pdate) d(elete) s(earch).
 * Only `system/` scopes are granted to a system client; patient/ and user/
 * scopes need a person and are refused.
 */

export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';
const ORDER: readonly Interaction[] = ['c', 'r', 'u', 'd', 's'];

export interface SystemScope {
  /** As written, e.g. `system/Patient.read`. */
  readonly text: string;
  /** A FHIR resource type, or `*` for any. */
  readonly type: string;
  readonly allows: ReadonlySet<Interaction>;
}

const V1: Readonly<Record<string, readonly Interaction[]>> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ORDER };

/** One scope, or null when it is not a system scope Wardscan understands. */
export function parseScope(text: string): SystemScope | null {
  const m = /^system\/(\*|[A-Z][A-Za-z]{1,63})\.(read|write|\*|c?r?u?d?s?)$/.exec(text);
  if (!m || !m[2]) return null;
  const [, type = '', permissions = ''] = m;
  const allows = V1[permissions] ?? (permissions.split('') as Interaction[]);
  return { text, type, allows: new Set(allows) };
}

/** The scopes of a space-separated list that parse, in order and without repeats; the others in `unknown`. */
export function parseScopes(list: string): { scopes: SystemScope[]; unknown: string[] } {
  const words = [...new Set(list.split(/\s+/).filter(Boolean))];
  const scopes: SystemScope[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    const s = parseScope(w);
    if (s) scopes.push(s);
    else unknown.push(w);
  }
  return { scopes, unknown };
}

/** Whether `outer` allows everything `inner` does. */
export const covers = (outer: SystemScope, inner: SystemScope): boolean =>
  (outer.type === '*' || outer.type === inner.type) && [...inner.allows].every((i) => outer.allows.has(i));

/** Whether any of the granted scopes allows `interaction` on `type`. */
export const permits = (granted: readonly SystemScope[], type: string, interaction: Interaction): boolean =>
  granted.some((s) => (s.type === '*' || s.type === type) && s.allows.has(interaction));

/** The requested scopes the client was allowed (each within one allowed scope); the rest are dropped, as SMART lets a server do. */
export function grantable(allowed: readonly SystemScope[], requested: readonly SystemScope[]): SystemScope[] {
  return requested.filter((r) => allowed.some((a) => covers(a, r)));
}
