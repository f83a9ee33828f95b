import { z } from 'zod';
import { decimalSchema } from './common.js';
import { doseUnitSchema, UNIT_WORDS, type DoseUnit } from './units.js';

/**
 * The dose an order asks for (issue 13): one exact dose the bedside checks
 * (`fixed`), or a range the nurse chooses a dose within at the bedside
 * (`range`, FHIR `doseAndRate.doseRange`), both bounds in one unit and
 * low ≤ high. The same name is used on the chart, the round, the banner and
 * in the `prescriptions.dose_range` column.
 */
export const orderDoseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: decimalSchema, unit: doseUnitSchema }),
  z.object({ kind: z.literal('range'), low: decimalSchema, high: decimalSchema, unit: doseUnitSchema }),
]);
export type OrderDose = z.infer<typeof orderDoseSchema>;

/** An amount of a medicine: an exact decimal with its unit (a dose given, a bound of a range). */
export const doseQuantitySchema = z.object({ value: decimalSchema, unit: doseUnitSchema });
export type DoseQuantity = z.infer<typeof doseQuantitySchema>;

const unitWord = (value: string, unit: DoseUnit): string => {
  const [one, many] = UNIT_WORDS[unit];
  return value === '1' ? one : many;
};

/**
 * An order's dose as the chart reads it: "1 g", "2 tablets", and for a range
 * "5–10 mg, nurse chooses" (the choice is said, never left to be guessed
 * from a bare range).
 */
export function orderDoseText(dose: OrderDose): string {
  switch (dose.kind) {
    case 'fixed':
      return `${dose.value} ${unitWord(dose.value, dose.unit)}`;
    case 'range':
      return `${dose.low}–${dose.high} ${unitWord(dose.high, dose.unit)}, nurse chooses`;
    default: {
      const never: never = dose;
      return never;
    }
  }
}

/**
 * What a pack offers for an order whose dose the nurse chooses (a product
 * verdict's `doseChoice`): the range, and how this pack makes up each bound
 * ("0.5 mL (5 mg)"), or null and why when it cannot make that bound exactly.
 */
export const doseChoiceSchema = z.object({
  low: decimalSchema,
  high: decimalSchema,
  unit: doseUnitSchema,
  /** How the pack makes each bound, as the nurse draws it up; null when it cannot. */
  fromPack: z.object({ low: z.string().nullable(), high: z.string().nullable() }),
});
export type DoseChoice = z.infer<typeof doseChoiceSchema>;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Compares two decimal strings exactly (no floating point): -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [, aw = '0', af = ''] = DECIMAL.exec(a) ?? [];
  const [, bw = '0', bf = ''] = DECIMAL.exec(b) ?? [];
  const places = Math.max(af.length, bf.length);
  const x = BigInt(aw + af.padEnd(places, '0'));
  const y = BigInt(bw + bf.padEnd(places, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Why a dose typed for a range order cannot be confirmed, in words, or null
 * when it is a decimal within the range (in the range's unit). The handheld
 * refuses on screen what the server refuses again (it also checks that the
 * pack makes the dose exactly and the 24-hour limits).
 */
export function chosenDoseProblem(typed: string, choice: Pick<DoseChoice, 'low' | 'high' | 'unit'>): string | null {
  const value = typed.trim();
  const range = `${choice.low} to ${choice.high} ${choice.unit}`;
  if (value === '') return `Enter the dose to give, from ${range}.`;
  if (!decimalSchema.safeParse(value).success) return `Enter the dose as a number in ${choice.unit}, such as ${choice.low}.`;
  if (compareDecimals(value, choice.low) < 0) return `${value} ${choice.unit} is below the prescribed range (${range}).`;
  if (compareDecimals(value, choice.high) > 0) return `${value} ${choice.unit} is above the prescribed range (${range}).`;
  return null;
}
