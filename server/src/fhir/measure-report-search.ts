import { addDays } from '../domain/ward-time.js';
import { FhirError, issue } from './operation-outcome.js';
import { dateWindow } from './search-params.js';
import { MEASURE_URL } from './to-fhir/measure-report.js';

/*
 * MeasureReport search (compliance, issue 15): the reports are computed when
 * asked, one per ward for one period of whole ward days, so `period` names the
 * period to compute rather than filtering stored reports: ge/gt its first
 * day, le/lt its last, eq (or no prefix) a day, month or year.
 */

/** The trust view's default (GET /api/metrics/trust/measure-report without days): the last 14 ward days. */
export const REPORT_DEFAULT_DAYS = 14;
/** As the compliance routes: at most a year and a day at a time. */
export const REPORT_MAX_DAYS = 366;

/** Ward days from..to inclusive, as the compliance service counts them. */
export const daysIn = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The period `period` (and `date`, taken as the same) values name, in ward
 * days: dates only (a report covers whole days in the ward's zone, so an
 * instant names no report); an open end is today, an open start 14 days
 * before the end; none at all is the last 14 days, as the trust view.
 */
export function reportPeriod(list: readonly string[], today: string): { from: string; to: string } {
  const timed = list.find((v) => v.includes('T'));
  if (timed) throw new FhirError(400, [issue('invalid', `period "${timed}": a MeasureReport covers whole ward days; give dates (YYYY, YYYY-MM or YYYY-MM-DD) with ge, gt, le, lt or eq.`)]);
  const window = dateWindow(list, 'period');
  const last = window.to ? addDays(window.to.slice(0, 10), -1) : undefined;
  const to = last ?? today;
  const from = window.from?.slice(0, 10) ?? addDays(to, -(REPORT_DEFAULT_DAYS - 1));
  if (from > to) throw new FhirError(400, [issue('invalid', `period: ${from} is after ${to}; no report covers an empty period.`)]);
  if (daysIn(from, to) > REPORT_MAX_DAYS) throw new FhirError(400, [issue('too-costly', `period: at most ${REPORT_MAX_DAYS} days per report; ${from} to ${to} is ${daysIn(from, to)}.`)]);
  return { from, to };
}

/** `subject` values (each may list several, comma-separated) as ward ids: `Location/<id>` or `<id>`. Undefined: every ward. */
export function subjectWards(list: readonly string[]): Set<string> | undefined {
  if (list.length === 0) return undefined;
  const ids = list.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const v of ids) {
    const id = v.startsWith('Location/') ? v.slice('Location/'.length) : v;
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id) || (v.includes('/') && !v.startsWith('Location/'))) {
      throw new FhirError(400, [issue('invalid', `subject "${v}": compliance is reported per ward; give Location/<ward id> or the ward id.`)]);
    }
  }
  // Each value is ANDed in FHIR search: a ward must be named by every one (commas OR within one).
  return list
    .map((v) => new Set(v.split(',').map((s) => s.trim().replace(/^Location\//, ''))))
    .reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
}

/** `measure`: our Measure's canonical URL (optionally |version 1) matches every report; any other measure none. */
export function measureMatches(list: readonly string[]): boolean {
  return list.every((v) => v.split(',').some((m) => m === MEASURE_URL || m === `${MEASURE_URL}|1` || m === 'Measure/bcma-scan-compliance'));
}

/** A MeasureReport id, `<ward id>-<from>-<to>` (to-fhir/measure-report.ts), as its parts; null when it is not one. */
export function reportIdParts(id: string): { wardId: string; from: string; to: string } | null {
  const m = /^([A-Za-z0-9\-.]+)-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (!m) return null;
  const [, wardId = '', from = '', to = ''] = m;
  const real = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!real(from) || !real(to) || from > to || daysIn(from, to) > REPORT_MAX_DAYS) return null;
  return { wardId, from, to };
}
