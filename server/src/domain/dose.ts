import { DOSE_UNITS, isCountUnit, strengthText, UNIT_WORDS, type DoseToGive, type DoseUnit, type Ingredient, type IngredientGiven, type MedicationRoute, type UnitDose } from '@wardscan/shared';
import { divide, isInteger, multiply, parseDecimal, toDecimalString, type Rational } from './decimal.js';

/** A prescribed dose or an amount: an exact decimal value with a unit. */
export interface Quantity {
  readonly value: string;
  readonly unit: DoseUnit;
}

/** What the pack offers: its ingredients' strengths as exact ratios, its unit dose, and whether a tablet may be halved. */
export interface PackStrength {
  readonly ingredients: readonly Ingredient[];
  readonly unitDose: UnitDose | null;
  readonly scored: boolean;
}

/** How much of one ingredient a dose gives, in the base unit of its dimension (microgram, mL, unit, micromol). */
export interface IngredientAmount {
  readonly substanceCode: string | null;
  readonly substanceName: string;
  readonly amount: Rational;
  readonly dimension: string;
}

/**
 * The right-dose result: how much of this pack makes the prescribed dose, or why it cannot.
 * `line` is the dose as the nurse draws it up, each container's size said when
 * more than a whole one is used: "8 mL (400 mg) — 2 vials (5 mL each)".
 */
export type DoseCalculation =
  | { readonly kind: 'exact'; readonly doseToGive: DoseToGive; readonly line: string; readonly given: readonly IngredientAmount[] }
  /** Makeable but needs care: half of an unscored tablet. */
  | { readonly kind: 'caution'; readonly doseToGive: DoseToGive; readonly line: string; readonly given: readonly IngredientAmount[]; readonly message: string }
  | { readonly kind: 'impossible'; readonly message: string };

const dimensionOf = (u: DoseUnit): string => DOSE_UNITS[u].dimension;
/** `q` in the smallest unit of its dimension (microgram, mL…). */
export const toBase = (q: Quantity): Rational => multiply(parseDecimal(q.value), parseDecimal(DOSE_UNITS[q.unit].factor));
/** `r` (base units) in `unit`. */
export const fromBase = (r: Rational, unit: DoseUnit): Rational => divide(r, parseDecimal(DOSE_UNITS[unit].factor));

export const quantityText = (q: Quantity): string => {
  const [one, many] = UNIT_WORDS[q.unit];
  return `${q.value} ${q.value === '1' ? one : many}`;
};
const ratioText = (i: Ingredient): string => (i.strength ? strengthText(i.strength) : 'no strength');

function countText(q: Rational, unit: DoseUnit): string | null {
  const [one, many] = UNIT_WORDS[unit];
  if (q.num === 1n && q.den === 2n) return `half a ${one}`;
  if (q.den === 2n) return `${(q.num - 1n) / 2n} and a half ${many}`;
  if (!isInteger(q)) return null;
  return `${q.num} ${q.num === 1n ? one : many}`;
}

/** An amount in a unit, as the nurse reads it: "1 g", "80 mg", "62.5 micrograms". */
function amountText(base: Rational, unit: DoseUnit): string {
  const value = toDecimalString(fromBase(base, unit), 6) ?? '?';
  return quantityText({ value, unit });
}

/**
 * What to give of this pack: the prescribed amount turned, through the exact
 * strength ratio, into what is counted or measured (the strength's
 * denominator: tablets, capsules, mL). A dose in tablets or mL is given as is.
 */
function administeredOf(prescribed: Quantity, ingredients: readonly Ingredient[]): { base: Rational; unit: DoseUnit } | { message: string } {
  const first = ingredients[0]?.strength;
  if (!first) return { message: 'the pack has no complete strength' };
  const over = first.denominator.unit;
  if (dimensionOf(prescribed.unit) === dimensionOf(over)) return { base: toBase(prescribed), unit: over };
  if (isCountUnit(prescribed.unit)) return { message: `prescribed in ${UNIT_WORDS[prescribed.unit][1]}, but this pack is counted in ${UNIT_WORDS[over][1]}` };
  const matching = ingredients.filter((i) => i.strength && dimensionOf(i.strength.numerator.unit) === dimensionOf(prescribed.unit));
  if (matching.length !== 1 || !matching[0]?.strength) {
    return {
      message:
        matching.length > 1
          ? `this product has ${ingredients.length} ingredients, so a dose in ${prescribed.unit} does not say how much to give: the order must say how many ${UNIT_WORDS[over][1]}`
          : `prescribed in ${prescribed.unit}, but the pack's strength is ${ratioText(ingredients[0] as Ingredient)}: the units cannot be compared`,
    };
  }
  const s = matching[0].strength;
  // amount ÷ (numerator ÷ denominator) = how much of the denominator to give.
  return { base: divide(multiply(toBase(prescribed), toBase(s.denominator)), toBase(s.numerator)), unit: s.denominator.unit };
}

/**
 * How much of a pack makes a prescribed dose, exactly, from the strength as
 * a ratio: 1 g from 500 mg capsules is "2 capsules (1 g)"; 80 mg from
 * 40 mg/1 mL in 2 mL ampoules is "2 mL (80 mg) — 1 ampoule"; 40 mg from a
 * 40 mg/0.4 mL syringe is "0.4 mL (40 mg) — whole syringe". A dose that cannot
 * be made from this pack is impossible (a stop), never rounded.
 */
export function calculateDose(prescribed: Quantity, pack: PackStrength): DoseCalculation {
  const { ingredients } = pack;
  if (ingredients.length === 0) return { kind: 'impossible', message: 'The pack has no strength on record: ask pharmacy before giving it.' };
  if (ingredients.some((i) => !i.strength)) {
    return { kind: 'impossible', message: 'The pack’s strength is incomplete (an amount without “per tablet” or “per mL”): pharmacy must correct it before this dose can be checked.' };
  }
  const administered = administeredOf(prescribed, ingredients);
  if ('message' in administered) return { kind: 'impossible', message: `${quantityText(prescribed)} cannot be checked against this pack: ${administered.message}. Do not give; ask pharmacy or the prescriber.` };
  const { base, unit } = administered;
  if (base.num === 0n) return { kind: 'impossible', message: 'The prescribed dose is zero: ask the prescriber.' };

  const given: IngredientAmount[] = [];
  for (const i of ingredients) {
    const s = i.strength as NonNullable<Ingredient['strength']>;
    if (dimensionOf(s.denominator.unit) !== dimensionOf(unit)) return { kind: 'impossible', message: 'The ingredients’ strengths are per different units: ask pharmacy.' };
    given.push({ substanceCode: i.substance?.code ?? null, substanceName: i.substanceName, amount: divide(multiply(base, toBase(s.numerator)), toBase(s.denominator)), dimension: dimensionOf(s.numerator.unit) });
  }
  // Ordered as an amount of drug: show that amount; ordered in tablets or mL: show what they contain.
  const amounts = dimensionOf(prescribed.unit) === dimensionOf(unit) || ingredients.length > 1
    ? given.map((g, n) => `${amountText(g.amount, (ingredients[n]?.strength as NonNullable<Ingredient['strength']>).numerator.unit)}${ingredients.length > 1 ? ` ${g.substanceName}` : ''}`).join(' + ')
    : quantityText(prescribed);
  const amount = fromBase(base, unit);

  if (isCountUnit(unit)) {
    const text = countText(amount, unit);
    const quantity = toDecimalString(amount, 1);
    if (text === null || quantity === null) {
      return { kind: 'impossible', message: `${quantityText(prescribed)} cannot be made from ${ratioText(ingredients[0] as Ingredient)}: ask pharmacy for another strength or form.` };
    }
    const doseToGive: DoseToGive = { quantity, unit, text: `${text} (${amounts})` };
    const line = doseToGive.text;
    if (isInteger(amount)) return { kind: 'exact', doseToGive, line, given };
    if (unit !== 'tablet') return { kind: 'impossible', message: `A ${UNIT_WORDS[unit][0]} cannot be split: ask pharmacy for another strength.` };
    if (pack.scored) return { kind: 'exact', doseToGive, line, given };
    return { kind: 'caution', doseToGive, line, given, message: `Needs ${text} but this tablet is not scored: split only as pharmacy advises.` };
  }
  // A syringe measures to 0.01 mL; a volume that needs more places is not exact.
  const quantity = toDecimalString(amount, 2);
  if (quantity === null) return { kind: 'impossible', message: `${quantityText(prescribed)} cannot be measured exactly from ${ratioText(ingredients[0] as Ingredient)}: ask pharmacy.` };
  const measured = `${quantity} ${UNIT_WORDS[unit][1]}`;
  const containers = containersOf(base, unit, pack.unitDose);
  return {
    kind: 'exact',
    doseToGive: { quantity, unit, text: `${measured} (${amounts})${containers ? ` — ${containers.short}` : ''}` },
    line: `${measured} (${amounts})${containers ? ` — ${containers.long}` : ''}`,
    given,
  };
}

/**
 * How many unit doses a measured volume takes: short "1 ampoule", "whole
 * syringe", "4 vials"; long, with the size of each, "1 ampoule (1 mL)",
 * "2 vials (5 mL each)". Null when the pack's unit dose is not known.
 */
function containersOf(base: Rational, unit: DoseUnit, unitDose: UnitDose | null): { short: string; long: string } | null {
  if (!unitDose || dimensionOf(unitDose.size.unit) !== dimensionOf(unit) || unitDose.container === unit) return null;
  const per = divide(base, toBase(unitDose.size));
  const whole = per.num / per.den + (per.num % per.den === 0n ? 0n : 1n);
  const [one, many] = UNIT_WORDS[unitDose.container];
  if (per.num === per.den) return { short: `whole ${one}`, long: `whole ${one}` };
  const short = `${whole} ${whole === 1n ? one : many}`;
  return { short, long: `${short} (${quantityText(unitDose.size)}${whole === 1n ? '' : ' each'})` };
}

/** A route as the nurse reads it after the dose: "— subcutaneous", "— intravenous". */
export const ROUTE_WORDS: Readonly<Record<MedicationRoute, string>> = {
  oral: 'oral',
  iv: 'intravenous',
  im: 'intramuscular',
  sc: 'subcutaneous',
  topical: 'topical',
  inhaled: 'inhaled',
  rectal: 'rectal',
  sublingual: 'sublingual',
  transdermal: 'transdermal',
  ng: 'by enteral tube (NG)',
  eye: 'into the eye',
  ear: 'into the ear',
};

/** The dose line of a verdict: how much, what it holds, from how many containers, and by which route. */
export function doseLine(line: string, route: MedicationRoute): string {
  return `${line} — ${ROUTE_WORDS[route]}`;
}

/** An ingredient amount as a verdict states it ("1000 mg paracetamol"), in base units for the history. */
export function ingredientAmount(g: IngredientGiven): IngredientAmount {
  return { substanceCode: g.substanceCode, substanceName: g.substanceName, amount: toBase(g.amount), dimension: dimensionOf(g.amount.unit) };
}

