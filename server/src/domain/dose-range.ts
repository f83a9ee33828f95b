import { DOSE_UNITS, isCountUnit, type DoseChoice, type DoseUnit, type OrderDose } from '@wardscan/shared';
import { compare, parseDecimal, toDecimalString } from './decimal.js';
import { calculateDose, fromBase, quantityText, toBase, type DoseCalculation, type PackStrength, type Quantity } from './dose.js';

/*
 * An order given as a dose range (issue 13, FHIR doseAndRate.doseRange): the
 * nurse chooses the dose at the bedside. Pure, exact: bounds and choices are
 * compared as rationals, never as floating point.
 */

export type DoseRange = Extract<OrderDose, { kind: 'range' }>;

/**
 * Two quantities in one unit: as they are when the units are the same, or
 * both in the finer of two units of one measure (500 mg and 1 g → 500 mg and
 * 1000 mg) when that is exact. Null for units that cannot be compared
 * (tablets and mg) or a conversion with no exact decimal.
 */
export function sameUnit(a: Quantity, b: Quantity): [Quantity, Quantity] | null {
  if (a.unit === b.unit) return [a, b];
  if (isCountUnit(a.unit) || DOSE_UNITS[a.unit].dimension !== DOSE_UNITS[b.unit].dimension) return null;
  const finer: DoseUnit = compare(parseDecimal(DOSE_UNITS[a.unit].factor), parseDecimal(DOSE_UNITS[b.unit].factor)) <= 0 ? a.unit : b.unit;
  const inFiner = (q: Quantity): Quantity | null => {
    const value = toDecimalString(fromBase(toBase(q), finer), 6);
    return value === null ? null : { value, unit: finer };
  };
  const x = inFiner(a);
  const y = inFiner(b);
  return x && y ? [x, y] : null;
}

/** The bounds as the nurse reads them: "5 to 10 mg". */
export const rangeText = (r: DoseRange): string => `${r.low} to ${quantityText({ value: r.high, unit: r.unit })}`;

/** Why a chosen dose cannot be given for a range order, or null when it is within the range, in its unit. */
export type ChoiceProblem = { readonly kind: 'unit'; readonly message: string } | { readonly kind: 'outside'; readonly message: string };

export function choiceProblem(chosen: Quantity, range: DoseRange): ChoiceProblem | null {
  if (chosen.unit !== range.unit) {
    return { kind: 'unit', message: `The dose chosen must be in ${range.unit}, the unit of the order's range (${rangeText(range)}), not ${chosen.unit}.` };
  }
  const value = parseDecimal(chosen.value);
  if (value.num === 0n) return { kind: 'outside', message: `A dose of 0 ${range.unit} is not a dose: choose one from ${rangeText(range)}, or document the dose as not given.` };
  if (compare(value, parseDecimal(range.low)) < 0) return { kind: 'outside', message: `${quantityText(chosen)} is below the prescribed range (${rangeText(range)}). Do not give it; choose a dose within the range.` };
  if (compare(value, parseDecimal(range.high)) > 0) return { kind: 'outside', message: `${quantityText(chosen)} is above the prescribed range (${rangeText(range)}). Do not give it; choose a dose within the range.` };
  return null;
}

/** How this pack makes one bound, as the nurse draws it up, or null when it cannot exactly. */
const boundLine = (calculation: DoseCalculation): string | null => (calculation.kind === 'impossible' ? null : calculation.line);

/**
 * What a scanned pack offers for a range order: the range, and how the pack
 * makes up each bound. The right-dose check that goes with it never calls
 * one dose a match: it says the nurse chooses, and stops only when the pack
 * can make neither bound (the wrong form or strength for this order).
 */
export function rangeChoice(range: DoseRange, pack: PackStrength): { choice: DoseChoice; check: { outcome: 'pass' | 'warning' | 'stop'; message: string } } {
  const low = calculateDose({ value: range.low, unit: range.unit }, pack);
  const high = calculateDose({ value: range.high, unit: range.unit }, pack);
  const choice: DoseChoice = { low: range.low, high: range.high, unit: range.unit, fromPack: { low: boundLine(low), high: boundLine(high) } };
  const prescribed = `Prescribed as a range, ${rangeText(range)}: choose the dose to give within it before confirming (no single dose is checked as a match).`;
  if (low.kind === 'impossible' && high.kind === 'impossible') {
    return { choice, check: { outcome: 'stop', message: `${prescribed} This pack cannot make up either end: ${low.message}` } };
  }
  const made = (what: string, c: DoseCalculation): string =>
    c.kind === 'impossible' ? `${what} cannot be made exactly from this pack` : `${what} is ${c.doseToGive.text}${c.kind === 'caution' ? ` (${c.message})` : ''}`;
  const bounds = `${made(quantityText({ value: range.low, unit: range.unit }), low)}; ${made(quantityText({ value: range.high, unit: range.unit }), high)}.`;
  // A bound the pack cannot make, or makes only by splitting an unscored tablet, is said before the nurse chooses.
  const outcome = low.kind === 'exact' && high.kind === 'exact' ? 'pass' : 'warning';
  return { choice, check: { outcome, message: `${prescribed} From this pack: ${bounds}` } };
}
