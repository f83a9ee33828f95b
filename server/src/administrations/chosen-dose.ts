import type { DoseQuantity } from '@wardscan/shared';
import { choiceProblem, rangeText } from '../domain/dose-range.js';
import { calculateDose, quantityText, type IngredientAmount, type PackStrength, type Quantity } from '../domain/dose.js';
import type { PastIngredient, PrescriptionRecord } from '../domain/records.js';
import { checkCumulative, licensedLimits } from '../scans/cumulative-check.js';
import { prescribedLimit } from '../scans/product-checks.js';

/*
 * The dose an administration records (issue 13). An exact-dose order gives
 * its own dose; a range order gives the dose the nurse chose, which must be
 * in the range's unit, within its bounds, makeable from the pack scanned,
 * and within every 24-hour limit once added to what was already given.
 * Pure: the service reads the pack and the history and turns a refusal into
 * its HTTP answer.
 */

/** Why the dose cannot be recorded: `invalid` (the request is wrong, 400) or `conflict` (it cannot be given, 409), with the field to correct. */
export interface DoseRefusal {
  readonly ok: false;
  readonly kind: 'invalid' | 'conflict';
  readonly field: string;
  readonly message: string;
}

export interface DoseToRecord {
  readonly ok: true;
  /** In the order's unit: what the 24-hour totals and the record sent out count. */
  readonly doseGiven: Quantity;
  /**
   * For a range order, how the chosen dose is drawn up from this pack
   * ("1.5 mL (7.5 mg) — 1 ampoule, sc") and what it holds
   * per ingredient; absent for an exact dose, which the verdict worked out.
   */
  readonly range?: { readonly doseText: string; readonly ingredients: readonly IngredientAmount[]; readonly caution: string | null };
}

export interface ChosenDoseInput {
  readonly prescription: PrescriptionRecord;
  readonly chosen: DoseQuantity | undefined;
  /** The pack scanned for this dose; null when it is no longer known (then a range dose cannot be checked). */
  readonly pack: PackStrength | null;
  /** Every ingredient the patient had in the last day, from any order. */
  readonly history: readonly PastIngredient[];
  readonly now: Date;
}

const refuse = (kind: DoseRefusal['kind'], field: string, message: string): DoseRefusal => ({ ok: false, kind, field, message });

export function doseToRecord(input: ChosenDoseInput): DoseToRecord | DoseRefusal {
  const { prescription: p, chosen } = input;
  const dose = p.dose;
  switch (dose.kind) {
    case 'fixed':
      if (chosen) return refuse('invalid', 'chosenDose', `This order is for one exact dose (${quantityText(dose)}): there is no dose to choose. Send the administration without chosenDose.`);
      return { ok: true, doseGiven: { value: dose.value, unit: dose.unit } };
    case 'range': {
      if (!chosen) return refuse('invalid', 'chosenDose', `This order is a dose range (${rangeText(dose)}): choose the dose given within it.`);
      const problem = choiceProblem(chosen, dose);
      if (problem) return problem.kind === 'unit' ? refuse('invalid', 'chosenDose.unit', problem.message) : refuse('conflict', 'chosenDose.value', problem.message);
      if (!input.pack) return refuse('conflict', 'productScanEventId', 'The pack scanned for this dose is no longer on record, so the dose chosen cannot be checked against it. Scan the pack again.');
      const made = calculateDose(chosen, input.pack);
      if (made.kind === 'impossible') return refuse('conflict', 'chosenDose.value', `${made.message} Choose a dose this pack makes exactly, within ${rangeText(dose)}.`);
      const limits = [...licensedLimits(made.given), ...prescribedLimit(p, made.given)];
      const cumulative = made.given.length ? checkCumulative(made.given, input.history, limits, input.now) : null;
      if (cumulative?.outcome === 'stop') return refuse('conflict', 'chosenDose.value', cumulative.message);
      return {
        ok: true,
        doseGiven: chosen,
        range: { doseText: `${made.doseToGive.text}, ${p.route}`, ingredients: made.given, caution: made.kind === 'caution' ? made.message : null },
      };
    }
    default: {
      const never: never = dose;
      return never;
    }
  }
}
