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

// FHIR date precision: YYYY, YYYY-MM, YYYY-MM-DD, or a dateTime with its zone.
const DATE = /^(ge|gt|le|lt|eq)?(\d{4})(?:-(\d{2})(?:-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The [start, end) instants a date value covers at its precision (UTC), or null when it names no real date. */
function period(m: RegExpExecArray): { start: number; end: number } | null {
  const [, , y, mo, d, time] = m;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (time !== undefined) {
    const start = new Date(`${y}-${mo}-${d}${time}`).getTime();
    return Number.isNaN(start) ? null : { start, end: start + 1 };
  }
  if (d !== undefined) {
    const start = Date.UTC(year, month! - 1, Number(d));
    return new Date(start).getUTCDate() === Number(d) ? { start, end: Date.UTC(year, month! - 1, Number(d) + 1) } : null;
  }
  if (month !== undefined) return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
  return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
}

/** FHIR date search (ge/gt/le/lt/eq; a partial date means its whole UTC year, month or day) as a [from, to) window. */
export function dateWindow(list: readonly string[]): { from?: string; to?: string } {
  let from: number | undefined;
  let to: number | undefined;
  for (const v of list) {
    const m = DATE.exec(v);
    const p = m ? period(m) : null;
    if (!m || !p) throw new FhirError(400, [issue('invalid', `date "${v}" must be [ge|gt|le|lt|eq] then YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with zone.`)]);
    const prefix = m[1] ?? 'eq';
    if (prefix === 'ge' || prefix === 'eq') from = Math.max(from ?? -Infinity, p.start);
    if (prefix === 'gt') from = Math.max(from ?? -Infinity, p.end);
    if (prefix === 'lt') to = Math.min(to ?? Infinity, p.start);
    if (prefix === 'le' || prefix === 'eq') to = Math.min(to ?? Infinity, p.end);
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
