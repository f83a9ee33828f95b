import type { VerdictOutcome } from '@wardscan/shared';
import { FhirError, issue } from './operation-outcome.js';

type Query = Record<string, unknown>;

/** Parameters every search takes (FHIR R4 search result parameters, and `_format` and `_pretty` for all interactions). */
const COMMON = ['_count', '_offset', '_format', '_pretty', '_total', '_summary'] as const;

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 500;

/** `Prefer: handling=strict|lenient` (RFC 7240 preference, FHIR R4 search §Handling Errors); absent means lenient. */
export function handling(prefer: string | undefined): 'strict' | 'lenient' {
  const token = (prefer ?? '')
    .split(/[,;]/)
    .map((p) => p.trim().toLowerCase().replace(/\s*=\s*/, '='))
    .find((p) => p.startsWith('handling='));
  return token === 'handling=strict' ? 'strict' : 'lenient';
}

export interface SearchControls {
  /** Entries per page: `_count`, at most MAX_COUNT (a larger count is served as MAX_COUNT, as the spec allows); 0 asks for the total only. */
  readonly count: number;
  /** Matches skipped: the paging links' `_offset`. */
  readonly offset: number;
  /** Parameters not understood and, with lenient handling, left out: named in the searchset's OperationOutcome and absent from its self link. */
  readonly ignored: readonly string[];
}

const nonNegativeInt = (query: Query, name: string): number | undefined => {
  const v = single(query, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new FhirError(400, [issue('invalid', `${name} must be a whole number, 0 or more.`)]);
  return Number(v);
};

/**
 * The parameters of a search: `allowed` are the resource's own, the common
 * ones are always known. An unknown parameter (or one with a modifier we do
 * not implement, e.g. `patient:missing`) is refused with 400 when the client
 * asked `Prefer: handling=strict`; otherwise it is ignored, as the R4 search
 * page says servers SHOULD, and reported (see `searchset`). A known parameter
 * with a malformed value is refused either way.
 */
export function searchControls(query: Query, allowed: readonly string[], prefer: string | undefined): SearchControls {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k) && !(COMMON as readonly string[]).includes(k));
  if (unknown.length && handling(prefer) === 'strict') {
    throw new FhirError(400, [issue('not-supported', `Search parameter ${unknown.join(', ')} is not supported here; supported: ${allowed.join(', ')}.`)]);
  }
  const summary = single(query, '_summary');
  const count = summary === 'count' ? 0 : Math.min(nonNegativeInt(query, '_count') ?? DEFAULT_COUNT, MAX_COUNT);
  const ignored = [...unknown, ...(summary !== undefined && summary !== 'count' ? ['_summary'] : [])];
  if (ignored.includes('_summary') && handling(prefer) === 'strict') throw new FhirError(400, [issue('not-supported', 'Only _summary=count is supported.')]);
  return { count, offset: nonNegativeInt(query, '_offset') ?? 0, ignored };
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

/** A resource id in a path (FHIR id: 1 to 64 of A-Z a-z 0-9 - .). */
export function idParam(value: string, type: string): string {
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(value)) throw new FhirError(400, [issue('invalid', `"${value}" is not a ${type} id.`)]);
  return value;
}

/** `Patient/<id>` or `<id>`. */
export function patientIdParam(value: string): string {
  const id = value.startsWith('Patient/') ? value.slice(8) : value;
  if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new FhirError(400, [issue('invalid', `"${value}" is not a patient id.`)]);
  return id;
}

// FHIR date precision: YYYY, YYYY-MM, YYYY-MM-DD, or a time to the minute, second or fraction, with its zone.
const DATE = /^(ge|gt|le|lt|eq)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * The [start, end) instants a date value covers at its precision (UTC), or
 * null when it names no real date: 2026-11-24T08:00+00:00 is that whole
 * minute, 08:00:00 that second, 08:00:00.5 that tenth of a second, down to
 * the millisecond we store.
 */
function period(m: RegExpExecArray): { start: number; end: number } | null {
  const [, , y, mo, d, hh, mm, ss, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? undefined : Number(mo);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (hh !== undefined) {
    if (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59)) return null;
    const ms = frac === undefined ? '000' : frac.slice(0, 3).padEnd(3, '0');
    const start = new Date(`${y}-${mo}-${d}T${hh}:${mm}:${ss ?? '00'}.${ms}${zone}`).getTime();
    if (Number.isNaN(start) || new Date(Date.UTC(year, month! - 1, Number(d))).getUTCDate() !== Number(d)) return null;
    const width = ss === undefined ? 60_000 : frac === undefined ? 1000 : Math.max(1, 10 ** (3 - Math.min(frac.length, 3)));
    return { start, end: start + width };
  }
  if (d !== undefined) {
    const start = Date.UTC(year, month! - 1, Number(d));
    return new Date(start).getUTCDate() === Number(d) ? { start, end: Date.UTC(year, month! - 1, Number(d) + 1) } : null;
  }
  if (month !== undefined) return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
  return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
}

/**
 * FHIR date search (ge/gt/le/lt/eq; a value covers the whole period its
 * precision names, a partial date in UTC) as a [from, to) window. `name` is
 * the parameter, for the error.
 */
export function dateWindow(list: readonly string[], name = 'date'): { from?: string; to?: string } {
  let from: number | undefined;
  let to: number | undefined;
  for (const v of list) {
    const m = DATE.exec(v);
    const p = m ? period(m) : null;
    if (!m || !p) throw new FhirError(400, [issue('invalid', `${name} "${v}" must be [ge|gt|le|lt|eq] then YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with zone.`)]);
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
