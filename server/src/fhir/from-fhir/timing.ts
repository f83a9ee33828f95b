import type { Timing, TimingRepeat } from '@medplum/fhirtypes';
import { conceptText, fail } from '../references.js';
import { read, review, strictly, type Reading } from './reading.js';

/**
 * The standard drug-round times a frequency is given at on the ward, as UK
 * inpatient charts print them (once daily 08:00; twice 08:00 and 18:00; three
 * times 08:00, 14:00 and 22:00; four times 08:00, 12:00, 18:00 and 22:00).
 */
export const STANDARD_ROUND_TIMES: Readonly<Record<number, readonly string[]>> = {
  1: ['08:00'],
  2: ['08:00', '18:00'],
  3: ['08:00', '14:00', '22:00'],
  4: ['08:00', '12:00', '18:00', '22:00'],
};

const [ONCE, TWICE, THREE, FOUR] = [1, 2, 3, 4].map((n) => STANDARD_ROUND_TIMES[n] as readonly string[]) as [readonly string[], readonly string[], readonly string[], readonly string[]];
/** The night round (the last of four), for "at night" and "at bedtime". */
const NIGHT = ['22:00'] as const;

/**
 * timing.code → the ward round times it means: HL7 v3 GTSAbbreviation (QD,
 * BID, TID, QID, AM, PM, Q6H…, BED, as UK Core orders carry it) and the
 * abbreviations UK drug charts use (OD, BD, TDS, QDS, OM/mane, ON/nocte).
 */
const TIMING_CODES: Readonly<Record<string, readonly string[]>> = {
  QD: ONCE,
  OD: ONCE,
  Q24H: ONCE,
  BID: TWICE,
  BD: TWICE,
  Q12H: TWICE,
  TID: THREE,
  TDS: THREE,
  Q8H: THREE,
  QID: FOUR,
  QDS: FOUR,
  Q6H: FOUR,
  AM: ['08:00'],
  OM: ['08:00'],
  MANE: ['08:00'],
  PM: ['18:00'],
  ON: NIGHT,
  NOCTE: NIGHT,
  BED: NIGHT,
};

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
 * Round times from a timing code, or from how many doses a day the
 * frequency and period make ("every 12 hours" = 2, "every 8 hours" = 3,
 * "every 6 hours" = 4, once a day or every 24 hours = 1), when the order
 * gives no clock times. Any other count has no standard times.
 */
function roundTimesOf(timing: Timing | undefined): readonly string[] | undefined {
  const code = timing?.code?.coding?.find((c) => c.code && TIMING_CODES[c.code.toUpperCase()])?.code;
  if (code) return TIMING_CODES[code.toUpperCase()];
  const r = timing?.repeat;
  const hours = r?.period !== undefined && r.periodUnit ? r.period * (HOURS[r.periodUnit] ?? 0) : 0;
  if (!hours) return undefined;
  const perDay = ((r?.frequency ?? 1) * 24) / hours;
  return Number.isInteger(perDay) ? STANDARD_ROUND_TIMES[perDay] : undefined;
}

/** FHIR's time type (hh:mm:ss, optional fraction). */
const FHIR_TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?$/;

/**
 * Regular doses at ward clock times: timing.repeat.timeOfDay ("08:00:00" →
 * "08:00") when the order gives them, else the ward's standard round times
 * for a timing code (BID, TDS…) or for one to four doses a day. Times the rounds cannot hold are held for
 * review, never guessed; a time that is not a time is refused.
 */
export function timesOf(timing: Timing | undefined, where: string): Reading<string[]> {
  const times = timing?.repeat?.timeOfDay ?? [];
  const bad = times.findIndex((t) => !FHIR_TIME.test(t));
  if (bad >= 0) return strictly(fail(`Time "${times[bad]}" is not a FHIR time (hh:mm:ss).`, `${where}.repeat.timeOfDay[${bad}]`, 'invalid'));
  const said = timingWords(timing);
  if (notDaily(timing?.repeat)) return review(`given ${said}: the ward's daily drug rounds cannot hold that pattern`);
  if (times.length) {
    const odd = times.find((t) => !t.endsWith(':00'));
    if (odd) return review(`time ${odd} is not on the minute`);
    return read([...new Set(times.map((t) => t.slice(0, 5)))].sort());
  }
  const round = roundTimesOf(timing);
  if (round) return read([...round]);
  return review(said ? `given ${said}: the ward's drug rounds have no standard times for that` : 'no times to give it are stated');
}
