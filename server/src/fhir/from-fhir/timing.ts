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

/** timing.code (HL7 v3 GTSAbbreviation, as UK Core orders carry it) → the ward round times it means. */
const TIMING_CODES: Readonly<Record<string, readonly string[]>> = {
  QD: STANDARD_ROUND_TIMES[1] as readonly string[],
  BID: STANDARD_ROUND_TIMES[2] as readonly string[],
  TID: STANDARD_ROUND_TIMES[3] as readonly string[],
  QID: STANDARD_ROUND_TIMES[4] as readonly string[],
  AM: ['08:00'],
  PM: ['18:00'],
};

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

/** Round times from a timing code or a whole number of doses a day, when the order gives no clock times. */
function roundTimesOf(timing: Timing | undefined): readonly string[] | undefined {
  const code = timing?.code?.coding?.find((c) => c.code && TIMING_CODES[c.code.toUpperCase()])?.code;
  if (code) return TIMING_CODES[code.toUpperCase()];
  const r = timing?.repeat;
  const perDay = r && r.periodUnit === 'd' && (r.period ?? 1) === 1 ? r.frequency : undefined;
  return perDay ? STANDARD_ROUND_TIMES[perDay] : undefined;
}

/** FHIR's time type (hh:mm:ss, optional fraction). */
const FHIR_TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?$/;

/**
 * Regular doses at ward clock times: timing.repeat.timeOfDay ("08:00:00" →
 * "08:00"), or the ward's standard round times for a timing code (BID, TID…)
 * or a number of doses a day. Times the rounds cannot hold are held for
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
