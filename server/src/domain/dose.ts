import { DOSE_UNITS, type DoseForm, type DoseUnit, type DoseToGive } from '@wardscan/shared';
import { divide, isInteger, multiply, parseDecimal, rational, toDecimalString, type Rational } from './decimal.js';

/** A prescribed dose or a product strength: exact decimal value with a unit. */
export interface Quantity {
  readonly value: string;
  readonly unit: DoseUnit;
}

/** What the pack offers: strength per counted unit (tablet, mL...). */
export interface PackStrength {
  readonly strength: Quantity | null;
  readonly form: DoseForm;
  readonly scored: boolean;
}

/** The right-dose result: how much of this pack makes the prescribed dose, or why it cannot. */
export type DoseCalculation =
  | { readonly kind: 'exact'; readonly doseToGive: DoseToGive }
  /** Makeable but needs care: half of an unscored tablet. */
  | { readonly kind: 'caution'; readonly doseToGive: DoseToGive; readonly message: string }
  | { readonly kind: 'impossible'; readonly message: string };

/** Forms counted in whole units, with singular and plural nouns. */
const COUNTED: Partial<Record<DoseForm, readonly [string, string]>> = {
  tablet: ['tablet', 'tablets'],
  capsule: ['capsule', 'capsules'],
  patch: ['patch', 'patches'],
  suppository: ['suppository', 'suppositories'],
  inhaler: ['puff', 'puffs'],
  drops: ['drop', 'drops'],
};
/** Forms whose strength is per mL, measured with a syringe or cup. */
const MEASURED: readonly DoseForm[] = ['oral-liquid', 'injection', 'infusion'];

/** Converts `quantity` into the smallest unit of its dimension (microgram, mL...). */
function toBase(quantity: Quantity): Rational {
  return multiply(parseDecimal(quantity.value), parseDecimal(DOSE_UNITS[quantity.unit].factor));
}

function formatQuantity(q: Rational, nouns: readonly [string, string]): string | null {
  const [one, many] = nouns;
  const half = rational(1n, 2n);
  if (q.num === half.num && q.den === half.den) return `half a ${one}`;
  if (q.den === 2n) return `${(q.num - 1n) / 2n} and a half ${many}`;
  if (!isInteger(q)) return null;
  return `${q.num} ${q.num === 1n ? one : many}`;
}

/**
 * How much of a pack makes a prescribed dose, exactly: 1 g from 500 mg
 * tablets is "2 tablets"; 2.5 mg from 5 mg tablets "half a tablet" (a caution
 * unless the tablet is scored); units convert within a dimension and never
 * across one (mg prescribed, mL on the pack is impossible, so a stop).
 */
export function calculateDose(prescribed: Quantity, pack: PackStrength): DoseCalculation {
  if (!pack.strength) {
    return { kind: 'impossible', message: 'The pack has no strength in the catalogue: ask pharmacy before giving it.' };
  }
  const wanted = DOSE_UNITS[prescribed.unit].dimension;
  const offered = DOSE_UNITS[pack.strength.unit].dimension;
  if (wanted !== offered) {
    return {
      kind: 'impossible',
      message: `Prescribed in ${prescribed.unit} but the pack is ${pack.strength.value} ${pack.strength.unit} per unit: the units cannot be compared. Do not give; ask the prescriber.`,
    };
  }
  const units = divide(toBase(prescribed), toBase(pack.strength));
  if (units.num === 0n) return { kind: 'impossible', message: 'The prescribed dose is zero: ask the prescriber.' };

  const counted = COUNTED[pack.form];
  if (counted) {
    const text = formatQuantity(units, counted);
    const quantity = toDecimalString(units, 1);
    if (text === null || quantity === null) {
      return {
        kind: 'impossible',
        message: `${prescribed.value} ${prescribed.unit} cannot be made from ${pack.strength.value} ${pack.strength.unit} ${counted[1]}: ask pharmacy for another strength.`,
      };
    }
    const doseToGive: DoseToGive = { quantity, unit: counted[0], text };
    if (isInteger(units)) return { kind: 'exact', doseToGive };
    if (pack.form !== 'tablet') {
      return { kind: 'impossible', message: `A ${counted[0]} cannot be split: ask pharmacy for another strength.` };
    }
    if (pack.scored) return { kind: 'exact', doseToGive };
    return {
      kind: 'caution',
      doseToGive,
      message: `Needs ${text} but this tablet is not scored: split only as pharmacy advises.`,
    };
  }
  if (MEASURED.includes(pack.form)) {
    // A syringe measures to 0.01 mL; a volume that needs more places is not exact.
    const quantity = toDecimalString(units, 2);
    if (quantity === null) {
      return { kind: 'impossible', message: 'The dose cannot be measured exactly from this strength: ask pharmacy.' };
    }
    return { kind: 'exact', doseToGive: { quantity, unit: 'mL', text: `${quantity} mL` } };
  }
  // Creams, devices: the dose is not counted out from the pack.
  return { kind: 'impossible', message: `A ${pack.form} dose cannot be checked against a strength: ask pharmacy.` };
}
