import type { VerdictOutcome } from '@wardscan/shared';
import { FhirError, issue } from './operation-outcome.js';

type Query = Record<string, unknown>;

/** Refuses search parameters we do not implement: silently ignoring one would return more than was asked for. */
export function onlyParams(query: Query, allowed: readonly string[]): void {
  // _format is a content-type hint; we only speak JSON, so it changes nothing.
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k) && k !== '_format');
  if (unknown.length) throw new FhirError(400, [issue('not-supported', `Search parameter ${unknown.join(', ')} is not supported here; supported: ${allowed.join(', ')}.`)]);
}

/** Every value of a parameter (it may repeat). */
export function values(query: Query, name: string): string[] {
  const v = query[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => {
    if (typeof x !== 'string') throw new FhirError(400, [issue('invalid', `Search parameter ${name} is malformed.`)]);
    return x;
  });
}

export function single(query: Query, name: string): string | undefined {
  const list = values(query, name);
  if (list.length > 1) throw new FhirError(400, [issue('invalid', `Give ${name} once.`)]);
  return list[0];
}

/** `Patient/<id>` or `<id>`. */
export function patientIdParam(value: string): string {
  const id = value.startsWith('Patient/') ? value.slice(8) : value;
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new FhirError(400, [issue('invalid', `"${value}" is not a patient id.`)]);
  return id;
}

const DATE = /^(ge|gt|le|lt|eq)?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY = 86_400_000;

/** FHIR date search (ge/gt/le/lt/eq; a bare date means that whole UTC day) as a [from, to) window. */
export function dateWindow(list: readonly string[]): { from?: string; to?: string } {
  let from: number | undefined;
  let to: number | undefined;
  for (const v of list) {
    const m = DATE.exec(v);
    const start = m ? new Date(m[3] ? `${m[2]}${m[3]}` : `${m[2]}T00:00:00Z`).getTime() : NaN;
    if (!m || Number.isNaN(start)) throw new FhirError(400, [issue('invalid', `date "${v}" must be [ge|gt|le|lt|eq]YYYY-MM-DD or a dateTime with zone.`)]);
    const end = m[3] ? start + 1 : start + DAY;
    const prefix = m[1] ?? 'eq';
    if (prefix === 'ge' || prefix === 'eq') from = Math.max(from ?? -Infinity, start);
    if (prefix === 'gt') from = Math.max(from ?? -Infinity, end);
    if (prefix === 'lt') to = Math.min(to ?? Infinity, start);
    if (prefix === 'le' || prefix === 'eq') to = Math.min(to ?? Infinity, end);
  }
  return { ...(from !== undefined ? { from: new Date(from).toISOString() } : {}), ...(to !== undefined ? { to: new Date(to).toISOString() } : {}) };
}

/** AuditEvent outcome codes → our verdicts (12, major failure, never occurs). */
export function outcomeParam(value: string | undefined): VerdictOutcome | 'none' | undefined {
  if (value === undefined) return undefined;
  const map: Record<string, VerdictOutcome | 'none'> = { '0': 'match', '4': 'warning', '8': 'stop', '12': 'none' };
  const o = map[value];
  if (!o) throw new FhirError(400, [issue('invalid', 'outcome must be 0, 4, 8 or 12.')]);
  return o;
}
