import type { Dosage, Quantity as FhirQuantity, Timing } from '@medplum/fhirtypes';
import { compare, parseDecimal } from '../../domain/decimal.js';
import { sameUnit } from '../../domain/dose-range.js';
import type { Quantity } from '../../domain/dose.js';
import type { Schedule } from '../../domain/records.js';
import { all, fail, ok, type Mapped } from '../references.js';
import { quantityFrom, routeFrom } from './codes.js';
import type { MedicationRoute } from '@wardscan/shared';

const MINUTES: Readonly<Record<string, number>> = { min: 1, h: 60, d: 1440 };

/** PRN: the shortest gap between doses, from timing.repeat (frequency per period, e.g. 1 per 4 h → 240 min). */
function minIntervalOf(timing: Timing | undefined, where: string): Mapped<number> {
  const r = timing?.repeat;
  const per = r?.periodUnit ? MINUTES[r.periodUnit] : undefined;
  if (!r?.period || !per) return fail('An as-needed dose needs a minimum interval: timing.repeat.period with periodUnit min, h or d.', `${where}.timing.repeat`, 'required');
  const minutes = (r.period * per) / (r.frequency ?? 1);
  return Number.isInteger(minutes) && minutes > 0 ? ok(minutes) : fail('The minimum interval must be a whole number of minutes.', `${where}.timing.repeat`, 'invalid');
}

/** PRN: the most in 24 hours, from maxDosePerPeriod (per 1 d or 24 h), in the dose's own unit. */
function maxDailyOf(d: Dosage, dose: Quantity, where: string): Mapped<string | null> {
  const m = d.maxDosePerPeriod;
  if (!m) return ok(null);
  const denominator = m.denominator;
  const perDay = (denominator?.value === 1 && denominator.code === 'd') || (denominator?.value === 24 && denominator.code === 'h');
  if (!perDay) return fail('maxDosePerPeriod must be per 1 d (or 24 h).', `${where}.maxDosePerPeriod.denominator`, 'not-supported');
  const max = quantityFrom(m.numerator, `${where}.maxDosePerPeriod.numerator`);
  if (!max.ok) return max;
  return max.value.unit === dose.unit ? ok(max.value.value) : fail(`maxDosePerPeriod must be in the dose unit (${dose.unit}).`, `${where}.maxDosePerPeriod.numerator.code`, 'invalid');
}

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

/** Round times from a timing code or a whole number of doses a day, when the order gives no clock times. */
function roundTimesOf(timing: Timing | undefined): readonly string[] | undefined {
  const code = timing?.code?.coding?.find((c) => c.code && TIMING_CODES[c.code.toUpperCase()])?.code;
  if (code) return TIMING_CODES[code.toUpperCase()];
  const r = timing?.repeat;
  const perDay = r && r.periodUnit === 'd' && (r.period ?? 1) === 1 && !r.frequencyMax ? r.frequency : undefined;
  return perDay ? STANDARD_ROUND_TIMES[perDay] : undefined;
}

/**
 * Regular doses at ward clock times: timing.repeat.timeOfDay ("08:00:00" →
 * "08:00"), or the ward's standard round times for a timing code (BID, TID…)
 * or for one to four doses a day. Anything else is refused, never guessed.
 */
function timesOf(timing: Timing | undefined, where: string): Mapped<string[]> {
  const times = timing?.repeat?.timeOfDay ?? [];
  if (!times.length) {
    const round = roundTimesOf(timing);
    if (round) return ok([...round]);
    return fail('A regular dose needs its clock times: timing.repeat.timeOfDay (e.g. "08:00:00"), a timing code (QD, BID, TID, QID, AM, PM) or one to four doses a day.', `${where}.timing.repeat.timeOfDay`, 'required');
  }
  const bad = times.findIndex((t) => !/^([01]\d|2[0-3]):[0-5]\d:00$/.test(t));
  if (bad >= 0) return fail(`Time "${times[bad]}" must be on the minute (hh:mm:00).`, `${where}.timing.repeat.timeOfDay[${bad}]`, 'invalid');
  return ok([...new Set(times.map((t) => t.slice(0, 5)))].sort());
}

/** A dose range as sent (doseAndRate.doseRange), in one unit. */
export interface DoseRange {
  readonly low: string;
  readonly high: string;
  readonly unit: string;
}

export interface MappedDosage {
  readonly dose: Quantity;
  readonly route: MedicationRoute;
  readonly schedule: Schedule;
  /**
   * Why the order is imported but needs review by pharmacy or a nurse before
   * any dose is called a match: a range to choose from, or a dose in words
   * only. Null for a dose the bedside checks exactly.
   */
  readonly review: string | null;
  readonly doseRange: DoseRange | null;
}

/** The dose's clock times, or none when the text-only order gives no timing Wardscan can read. */
const timesOrNone = (d: Dosage, where: string): Schedule => {
  const times = timesOf(d.timing, where);
  return { kind: 'regular', times: times.ok ? times.value : [] };
};

/**
 * Both bounds of a doseRange in one known unit, low ≤ high, exactly: a bound
 * in another unit of the same measure (500 mg to 1 g) is said in the finer
 * unit; anything else is a reason in words.
 */
function rangeFrom(lowQ: FhirQuantity | undefined, highQ: FhirQuantity | undefined, where: string): { ok: true; low: Quantity; high: Quantity } | { ok: false; reason: string } {
  const low = quantityFrom(lowQ, `${where}.low`);
  const high = quantityFrom(highQ, `${where}.high`);
  if (!low.ok || !high.ok) return { ok: false, reason: 'a bound is missing or in a unit Wardscan does not know' };
  const same = sameUnit(low.value, high.value);
  if (!same) return { ok: false, reason: 'the bounds are in units that cannot be compared' };
  if (compare(parseDecimal(same[0].value), parseDecimal(same[1].value)) > 0) return { ok: false, reason: 'the low bound is above the high bound' };
  return { ok: true, low: same[0], high: same[1] };
}

/**
 * One dosage instruction as dose, route and schedule. An exact dose
 * (doseQuantity) is checked at the bedside; a dose range in one known unit is
 * charted for the nurse to choose within; a range that cannot be read, or a
 * dose in words only, is imported for review (kept and flagged, never refused
 * and never checked as an exact dose).
 */
export function dosageFromFhir(d: Dosage, where: string): Mapped<MappedDosage> {
  const doseAndRate = d.doseAndRate ?? [];
  const range = doseAndRate[0]?.doseRange;
  if (doseAndRate.length === 0 && d.text?.trim()) {
    const route = d.route ? routeFrom(d.route, `${where}.route`) : undefined;
    if (route && !route.ok) return route;
    return ok({
      dose: { value: '', unit: '' as Quantity['unit'] },
      route: (route?.value ?? 'unstated') as MedicationRoute,
      schedule: timesOrNone(d, where),
      review: `Dose given in words only ("${d.text.trim()}"): needs review by pharmacy or a nurse; the bedside cannot verify a dose against it.`,
      doseRange: null,
    });
  }
  if (doseAndRate.length === 1 && range) {
    const route = routeFrom(d.route, `${where}.route`);
    if (!route.ok) return route;
    const asNeeded = d.asNeededBoolean === true || d.asNeededCodeableConcept !== undefined;
    const prn = asNeeded ? minIntervalOf(d.timing, where) : undefined;
    if (prn && !prn.ok) return prn;
    const bounds = rangeFrom(range.low, range.high, `${where}.doseAndRate[0].doseRange`);
    const max = bounds.ok && prn ? maxDailyOf(d, bounds.low, where) : undefined;
    const times = bounds.ok && !prn ? timesOf(d.timing, where) : undefined;
    const unreadable = !bounds.ok ? bounds.reason : max && !max.ok ? 'its maximum in 24 hours cannot be read' : times && !times.ok ? 'it gives no clock times Wardscan can read' : null;
    if (!bounds.ok || unreadable) {
      // Kept for review, never refused: one unreadable range must not reject the patient's whole chart.
      const words = (q: typeof range.low) => `${q?.value ?? '?'}${q?.code || q?.unit ? ` ${q.code ?? q.unit}` : ''}`;
      return ok({
        dose: { value: '', unit: '' as Quantity['unit'] },
        route: route.value,
        schedule: prn ? { kind: 'prn', minIntervalMinutes: prn.value, maxDailyDose: null } : timesOrNone(d, where),
        review: `Dose range ${words(range.low)} to ${words(range.high)}: ${unreadable}; needs review by pharmacy or the prescriber before a dose can be given.`,
        doseRange: { low: String(range.low?.value ?? ''), high: String(range.high?.value ?? ''), unit: range.low?.code ?? range.low?.unit ?? '' },
      });
    }
    const { low, high } = bounds;
    // Issue 13: a range in one known unit is charted; the nurse chooses the dose within it at the bedside.
    const schedule: Schedule = prn ? { kind: 'prn', minIntervalMinutes: prn.value, maxDailyDose: max?.ok ? max.value : null } : { kind: 'regular', times: times?.ok ? times.value : [] };
    return ok({ dose: low, route: route.value, schedule, review: null, doseRange: { low: low.value, high: high.value, unit: low.unit } });
  }
  if (doseAndRate.length !== 1 || !doseAndRate[0]?.doseQuantity) {
    return fail('Wardscan needs exactly one doseAndRate.doseQuantity (or a doseRange, or the dose in words in dosageInstruction.text).', `${where}.doseAndRate`, 'required');
  }
  const basics = all(quantityFrom(doseAndRate[0].doseQuantity, `${where}.doseAndRate[0].doseQuantity`), routeFrom(d.route, `${where}.route`));
  if (!basics.ok) return basics;
  const [dose, route] = basics.value;
  const asNeeded = d.asNeededBoolean === true || d.asNeededCodeableConcept !== undefined;
  if (asNeeded) {
    const prn = all(minIntervalOf(d.timing, where), maxDailyOf(d, dose, where));
    if (!prn.ok) return prn;
    return ok({ dose, route, schedule: { kind: 'prn', minIntervalMinutes: prn.value[0], maxDailyDose: prn.value[1] }, review: null, doseRange: null });
  }
  const times = timesOf(d.timing, where);
  return times.ok ? ok({ dose, route, schedule: { kind: 'regular', times: times.value }, review: null, doseRange: null }) : times;
}
