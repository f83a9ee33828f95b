import type { Dosage, Quantity as FhirQuantity, Range, Timing } from '@medplum/fhirtypes';
import { compare, parseDecimal } from '../../domain/decimal.js';
import { sameUnit } from '../../domain/dose-range.js';
import type { Quantity } from '../../domain/dose.js';
import type { OrderSchedule } from '../commands.js';
import { conceptText, ok, type Mapped } from '../references.js';
import { SNOMED_SYSTEM } from '../systems.js';
import { decimalFrom, quantityFrom, routeFrom } from './codes.js';
import { invalidIssues, read, review, reviewReasons, strictly, valueOr, type Reading } from './reading.js';
import { timesOf } from './timing.js';
import type { MedicationRoute } from '@wardscan/shared';

/*
 * One dosage instruction as dose, route and schedule. Whatever the bedside
 * cannot check exactly (a unit it does not know, a dose per kg, no route,
 * times the ward's rounds do not have, a dose in words) is kept and the order
 * held for review, with why in plain words (issue 13); only a malformed value
 * (no amount, a negative dose, a time that is not a time) refuses the entry.
 */

const MINUTES: Readonly<Record<string, number>> = { min: 1, h: 60, d: 1440 };

/** A quantity as sent, in words: "75 mcg". */
const words = (q: FhirQuantity | undefined): string => `${q?.value ?? '?'}${q?.unit || q?.code ? ` ${q.unit ?? q.code}` : ''}`;

/**
 * Why a well-formed quantity cannot be checked, said after its amount: a dose
 * per kg or per m² depends on the patient (someone must work it out), other
 * units are not known. Null when Wardscan reads it.
 */
function unitProblem(q: FhirQuantity): string | null {
  if (quantityFrom(q, '').ok) return null;
  const code = q.code ?? q.unit ?? '';
  if (/\/kg/i.test(code)) return " depends on the patient's weight: a nurse or pharmacist must work out the dose";
  if (/\/(m2|m\^2|\[m2\])/i.test(code)) return " depends on the patient's body surface area: a nurse or pharmacist must work out the dose";
  if (!q.code) return `: its unit "${q.unit ?? ''}" is not coded`;
  return `: "${code}" is not a unit Wardscan knows`;
}

/** An amount: exact; held for review when its unit cannot be checked; refused when it has no positive value. */
function amountOf(q: FhirQuantity, where: string, said: string): Reading<Quantity> {
  const value = decimalFrom(q.value, `${where}.value`);
  if (!value.ok) return strictly(value);
  const problem = unitProblem(q);
  if (problem) return review(`${said} ${words(q)}${problem}`);
  return strictly(quantityFrom(q, where));
}

/** A dose the bedside checks: one exact amount, or a range the nurse chooses within. */
type OrderedDose = { readonly kind: 'fixed'; readonly dose: Quantity } | { readonly kind: 'range'; readonly low: Quantity; readonly high: Quantity };

/**
 * Both bounds of a doseRange in one known unit, low ≤ high, exactly: a bound
 * in another unit of the same measure (500 mg to 1 g) is said in the finer
 * unit. A range Wardscan cannot read is held for review.
 */
function rangeOf(range: Range, where: string): Reading<OrderedDose> {
  const said = `dose range ${words(range.low)} to ${words(range.high)}`;
  if (!range.low || !range.high) return review(`${said}: it has no ${range.low ? 'high' : 'low'} bound`);
  for (const [q, at] of [[range.low, `${where}.low`], [range.high, `${where}.high`]] as const) {
    const value = decimalFrom(q.value, `${at}.value`);
    if (!value.ok) return strictly(value);
  }
  const problem = unitProblem(range.low) ?? unitProblem(range.high);
  if (problem) return review(`${said}${problem}`);
  const low = quantityFrom(range.low, `${where}.low`);
  const high = quantityFrom(range.high, `${where}.high`);
  if (!low.ok || !high.ok) return { kind: 'invalid', issues: [...(low.ok ? [] : low.issues), ...(high.ok ? [] : high.issues)] };
  const same = sameUnit(low.value, high.value);
  if (!same) return review(`${said}: the bounds are in units that cannot be compared`);
  if (compare(parseDecimal(same[0].value), parseDecimal(same[1].value)) > 0) return review(`${said}: the low bound is above the high bound`);
  return read({ kind: 'range', low: same[0], high: same[1] });
}

/** The dose: doseAndRate's one doseQuantity or doseRange; anything else (words, a rate, several) is held for review. */
function doseOf(d: Dosage, where: string): Reading<OrderedDose> {
  const doseAndRate = d.doseAndRate ?? [];
  const text = d.text?.trim();
  const first = doseAndRate[0];
  if (!first || (!first.doseQuantity && !first.doseRange && !first.rateQuantity && !first.rateRatio && !first.rateRange)) {
    return review(text ? `dose given in words only ("${text}")` : 'no dose is stated');
  }
  if (doseAndRate.length > 1) return review(`${doseAndRate.length} doses or rates are given in one instruction${text ? ` ("${text}")` : ''}`);
  if (first.doseQuantity) {
    const amount = amountOf(first.doseQuantity, `${where}.doseAndRate[0].doseQuantity`, 'dose');
    return amount.kind === 'read' ? read({ kind: 'fixed', dose: amount.value }) : amount;
  }
  if (first.doseRange) return rangeOf(first.doseRange, `${where}.doseAndRate[0].doseRange`);
  // An infusion rate with no dose: the bedside checks doses, a pump checks rates.
  const rate = first.rateQuantity ? words(first.rateQuantity) : first.rateRatio ? `${words(first.rateRatio.numerator)} per ${words(first.rateRatio.denominator)}` : 'a rate range';
  return review(`given as a rate (${rate}), with no dose${text ? ` ("${text}")` : ''}`);
}

/** The route, coded in SNOMED CT; none, or one the bedside does not check, is held for review. */
function routeOf(route: Dosage['route'], where: string): Reading<MedicationRoute> {
  if (!route) return review('no route is stated');
  const known = routeFrom(route, where);
  if (known.ok) return read(known.value);
  const coding = route.coding?.find((c) => c.system === SNOMED_SYSTEM && c.code);
  const name = conceptText(route);
  if (!coding?.code) return review(`the route${name ? ` "${name}"` : ''} is not coded in SNOMED CT`);
  return review(`route ${coding.code}${name ? ` (${name})` : ''} is not one Wardscan checks at the bedside`);
}

/** PRN: the shortest gap between doses, from timing.repeat (frequency per period, e.g. 1 per 4 h → 240 min). */
function minIntervalOf(timing: Timing | undefined): Reading<number> {
  const r = timing?.repeat;
  const per = r?.periodUnit ? MINUTES[r.periodUnit] : undefined;
  if (!r?.period || !per) return review('as needed, with no shortest time between doses stated');
  const minutes = (r.period * per) / (r.frequency ?? 1);
  return Number.isInteger(minutes) && minutes > 0 ? read(minutes) : review(`as needed, ${r.frequency ?? 1} per ${r.period} ${r.periodUnit}: not a whole number of minutes apart`);
}

/** PRN: the most in 24 hours, from maxDosePerPeriod (per 1 d or 24 h), in the dose's own unit. */
function maxDailyOf(d: Dosage, dose: Reading<OrderedDose>, where: string): Reading<string | null> {
  const m = d.maxDosePerPeriod;
  if (!m) return read(null);
  const max = m.numerator ? amountOf(m.numerator, `${where}.maxDosePerPeriod.numerator`, 'its maximum,') : review('its maximum states no amount');
  if (max.kind !== 'read') return max;
  const denominator = m.denominator;
  const perDay = (denominator?.value === 1 && denominator.code === 'd') || (denominator?.value === 24 && denominator.code === 'h');
  if (!perDay) return review(`its maximum is per ${words(denominator)}, not per 24 hours`);
  if (dose.kind !== 'read') return read(max.value.value);
  const unit = dose.value.kind === 'fixed' ? dose.value.dose.unit : dose.value.low.unit;
  return max.value.unit === unit ? read(max.value.value) : review(`its maximum (${words(m.numerator)}) is not in the dose's unit (${unit})`);
}

/** A dose range as stored (doseAndRate.doseRange), in one unit. */
export interface DoseRange {
  readonly low: string;
  readonly high: string;
  readonly unit: string;
}

export interface MappedDosage {
  readonly dose: Quantity;
  readonly route: MedicationRoute;
  readonly schedule: OrderSchedule;
  /**
   * Why the bedside cannot check it, each in plain words (the order is kept
   * and held for review by pharmacy or the prescriber before any dose is
   * called a match). Empty for a dose the bedside checks.
   */
  readonly reasons: readonly string[];
  readonly doseRange: DoseRange | null;
}

/** Regular, at no time: an order whose times cannot be read (held for review) or given in words only. */
const NO_TIMES: OrderSchedule = { kind: 'regular', times: [] };

/** No dose is stored for an order held for review: nothing of it can be checked as a match. */
export const NO_DOSE: Quantity = { value: '', unit: '' as Quantity['unit'] };
/** Stored for an order held for review that states no route Wardscan reads; never checked, shown as none. */
export const UNSTATED_ROUTE = 'unstated' as MedicationRoute;

/** One dosage instruction as dose, route and schedule, or held for review with why; refused only when malformed. */
export function dosageFromFhir(d: Dosage, where: string): Mapped<MappedDosage> {
  const dose = doseOf(d, where);
  const route = routeOf(d.route, `${where}.route`);
  const asNeeded = d.asNeededBoolean === true || d.asNeededCodeableConcept !== undefined;
  const interval = asNeeded ? minIntervalOf(d.timing) : undefined;
  const max = asNeeded ? maxDailyOf(d, dose, where) : undefined;
  // A dose in words only with no timing says its times in those words: no second reason.
  const wordsOnly = !d.doseAndRate?.length && !!d.text?.trim() && !d.timing;
  const times = asNeeded || wordsOnly ? undefined : timesOf(d.timing, `${where}.timing`);
  const parts = [dose, route, ...(interval ? [interval] : []), ...(max ? [max] : []), ...(times ? [times] : [])];
  const issues = invalidIssues(...parts);
  if (issues.length) return { ok: false, issues };
  const schedule: OrderSchedule =
    interval?.kind === 'read' ? { kind: 'prn', minIntervalMinutes: interval.value, maxDailyDose: max ? valueOr(max, null) : null } : times ? valueOr(times, NO_TIMES) : NO_TIMES;
  const reasons = reviewReasons(...parts);
  const routeRead = valueOr(route, UNSTATED_ROUTE);
  if (dose.kind !== 'read') {
    // Kept for review, never refused: one order the bedside cannot check must not reject the patient's whole chart.
    const range = d.doseAndRate?.[0]?.doseRange;
    const sent = range ? { low: String(range.low?.value ?? ''), high: String(range.high?.value ?? ''), unit: range.low?.code ?? range.low?.unit ?? '' } : null;
    return ok({ dose: NO_DOSE, route: routeRead, schedule, reasons, doseRange: sent });
  }
  const ordered = dose.value;
  // Issue 13: a range in one known unit is charted; the nurse chooses the dose within it at the bedside.
  const doseRange = ordered.kind === 'range' ? { low: ordered.low.value, high: ordered.high.value, unit: ordered.low.unit } : null;
  // An order held for review keeps no dose: none of it may be checked as a match.
  const stored = reasons.length ? NO_DOSE : ordered.kind === 'range' ? ordered.low : ordered.dose;
  return ok({ dose: stored, route: routeRead, schedule, reasons, doseRange });
}
