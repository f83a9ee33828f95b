import type { Timing, TimingRepeat } from '@medplum/fhirtypes';
import { conceptText, fail } from '../references.js';
import { WHEN_CODES, type WhenCode } from '@wardscan/shared';
import type { WardTimesAsk } from '../../wards/round-times.js';
import { read, review, strictly, type Reading } from './reading.js';

/** Said by code, as UK Core orders and UK drug charts carry it: what the ward's setting places it by. */
const STANDARD = (perDay: 1 | 2 | 3 | 4): WardTimesAsk => ({ kind: 'standard', perDay });
const INTERVAL = (hours: 6 | 8 | 12): WardTimesAsk => ({ kind: 'interval', hours });
const WHEN = (code: WhenCode): WardTimesAsk => ({ kind: 'when', codes: [code] });

/**
 * timing.code → what it asks of the ward's times: HL7 v3 GTSAbbreviation (QD,
 * BID, TID, QID, AM, PM, Q6H…, BED, as UK Core orders carry it) and the
 * abbreviations UK drug charts use (OD, BD, TDS, QDS, OM/mane, ON/nocte). A
 * count a day is the ward's round for that count; every 6, 8 or 12 hours is
 * evenly spaced, which a four-times-a-day round (08, 12, 18, 22) is not.
 */
const TIMING_CODES: Readonly<Record<string, WardTimesAsk>> = {
  QD: STANDARD(1),
  OD: STANDARD(1),
  Q24H: STANDARD(1),
  BID: STANDARD(2),
  BD: STANDARD(2),
  TID: STANDARD(3),
  TDS: STANDARD(3),
  QID: STANDARD(4),
  QDS: STANDARD(4),
  Q12H: INTERVAL(12),
  Q8H: INTERVAL(8),
  Q6H: INTERVAL(6),
  AM: WHEN('MORN'),
  OM: WHEN('MORN'),
  MANE: WHEN('MORN'),
  PM: WHEN('EVE'),
  ON: WHEN('NIGHT'),
  NOCTE: WHEN('NIGHT'),
  BED: WHEN('HS'),
};

/** timing.when codes for "at / before / after a meal" with no meal named: each meal of the day. */
const MEALS: Readonly<Record<string, readonly WhenCode[]>> = { C: ['CM', 'CD', 'CV'], AC: ['ACM', 'ACD', 'ACV'], PC: ['PCM', 'PCD', 'PCV'] };

/** periodUnit → hours, for a frequency given per hours or per day. */
const HOURS: Readonly<Record<string, number>> = { min: 1 / 60, h: 1, d: 24 };

const UNIT_WORDS: Readonly<Record<string, string>> = { s: 'second', min: 'minute', h: 'hour', d: 'day', wk: 'week', mo: 'month', a: 'year' };

/** timing.repeat in words, as the review reason says it: "5 times a day", "every 72 hours", "on mon, thu". */
export function timingWords(timing: Timing | undefined): string {
  const code = timing?.code ? (conceptText(timing.code) ?? timing.code.coding?.find((c) => c.code)?.code) : undefined;
  const r = timing?.repeat;
  const parts: string[] = [];
  if (code) parts.push(`"${code}"`);
  if (r?.frequency !== undefined || r?.period !== undefined) {
    const f = `${r.frequency ?? 1}${r.frequencyMax ? `–${r.frequencyMax}` : ''}`;
    const unit = UNIT_WORDS[r.periodUnit ?? ''] ?? r.periodUnit ?? 'period';
    const p = r.period ?? 1;
    const every = p === 1 && !r.periodMax ? unit : `${p}${r.periodMax ? `–${r.periodMax}` : ''} ${unit}s`;
    parts.push(f === '1' ? `every ${every}` : p === 1 && !r.periodMax ? `${f} times a ${unit}` : `${f} times every ${every}`);
  }
  if (r?.when?.length) parts.push(`at ${r.when.join(', ')}`);
  if (r?.dayOfWeek?.length) parts.push(`on ${r.dayOfWeek.join(', ')}`);
  if (r?.count !== undefined) parts.push(r.count === 1 && !r.countMax ? 'once only' : `${r.count}${r.countMax ? `–${r.countMax}` : ''} doses in all`);
  return parts.join(', ');
}

/** A pattern the ward's daily rounds cannot hold (some days only, a set number of doses, a range of frequencies), or null. */
function notDaily(r: TimingRepeat | undefined): boolean {
  if (!r) return false;
  if (r.dayOfWeek?.length || r.count !== undefined || r.frequencyMax !== undefined || r.periodMax !== undefined) return true;
  return r.periodUnit === 'wk' || r.periodUnit === 'mo' || r.periodUnit === 'a' || (r.periodUnit === 'd' && (r.period ?? 1) !== 1);
}

/**
 * What the order asks of the ward's times when it gives no clock times: from
 * timing.when (MORN, HS, ACM…), a timing code, or how many doses the
 * frequency and period make (once to four times a day; every 6, 8 or 12
 * hours). Undefined: the ward has no standard times for it. A when the ward
 * does not place, or that disagrees with the frequency, is a review reason.
 */
function wardTimesOf(timing: Timing | undefined): WardTimesAsk | string | undefined {
  const r = timing?.repeat;
  if (r?.when?.length) {
    const codes = r.when.flatMap((w): readonly string[] => MEALS[w.toUpperCase()] ?? [w.toUpperCase()]);
    const unknown = codes.find((c) => !(WHEN_CODES as readonly string[]).includes(c));
    if (unknown) return `the ward has no standard time for "${unknown}"`;
    if (r.offset) return `${r.offset} minutes from the event: the ward's times are set for the event itself`;
    const placed = [...new Set(codes)] as WhenCode[];
    const perDay = r.frequency !== undefined && r.periodUnit === 'd' && (r.period ?? 1) === 1 ? r.frequency : undefined;
    if (perDay !== undefined && perDay !== placed.length) return `${perDay} times a day at ${placed.length} time${placed.length === 1 ? '' : 's'} of day: which applies is not clear`;
    return { kind: 'when', codes: placed };
  }
  const code = timing?.code?.coding?.find((c) => c.code && TIMING_CODES[c.code.toUpperCase()])?.code;
  if (code) return TIMING_CODES[code.toUpperCase()];
  const hours = r?.period !== undefined && r.periodUnit ? r.period * (HOURS[r.periodUnit] ?? 0) : 0;
  if (!hours) return undefined;
  const frequency = r?.frequency ?? 1;
  // A count a day is the ward's round for that count; "every n hours" is evenly spaced.
  if (hours === 24 && [1, 2, 3, 4].includes(frequency)) return STANDARD(frequency as 1 | 2 | 3 | 4);
  const every = hours / frequency;
  if (every === 24) return STANDARD(1);
  return every === 6 || every === 8 || every === 12 ? INTERVAL(every) : undefined;
}

/** FHIR's time type (hh:mm:ss, optional fraction). */
const FHIR_TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?$/;

/** Times an order charts at: its own clock times, or what it asks of the ward's standard times (placed when it is written). */
export type OrderTimes = { readonly kind: 'regular'; readonly times: readonly string[] } | WardTimesAsk;

/**
 * Regular doses at ward clock times: timing.repeat.timeOfDay ("08:00:00" →
 * "08:00") when the order gives them, else what the order asks of the ward's
 * standard times (a code such as BID or TDS, one to four doses a day, every
 * 6, 8 or 12 hours, or timing.when). Times the rounds cannot hold are held for
 * review, never guessed; a time that is not a time is refused.
 */
export function timesOf(timing: Timing | undefined, where: string): Reading<OrderTimes> {
  const times = timing?.repeat?.timeOfDay ?? [];
  const bad = times.findIndex((t) => !FHIR_TIME.test(t));
  if (bad >= 0) return strictly(fail(`Time "${times[bad]}" is not a FHIR time (hh:mm:ss).`, `${where}.repeat.timeOfDay[${bad}]`, 'invalid'));
  const said = timingWords(timing);
  if (notDaily(timing?.repeat)) return review(`given ${said}: the ward's daily drug rounds cannot hold that pattern`);
  if (times.length) {
    const odd = times.find((t) => !t.endsWith(':00'));
    if (odd) return review(`time ${odd} is not on the minute`);
    return read({ kind: 'regular', times: [...new Set(times.map((t) => t.slice(0, 5)))].sort() });
  }
  const ask = wardTimesOf(timing);
  if (typeof ask === 'string') return review(`given ${said}: ${ask}`);
  if (ask) return read(ask);
  return review(said ? `given ${said}: the ward's drug rounds have no standard times for that` : 'no times to give it are stated');
}
