import type { Check, DoseChoice, DoseToGive } from '@wardscan/shared';
import { calculateDose, quantityText, type IngredientAmount, type PackStrength } from '../domain/dose.js';
import { rangeChoice } from '../domain/dose-range.js';
import type { PrescriptionRecord } from '../domain/records.js';

/*
 * The right-dose check of a scanned pack against one order: for one exact
 * dose, how the pack makes it (exact strength ratio); for a range (issue 13),
 * how the pack makes each end, the nurse choosing the dose. Pure.
 */

export interface DoseCheck {
  readonly check: Check;
  /** The one dose to give; never for a range, where no single dose is called a match. */
  readonly doseToGive?: DoseToGive;
  /** How the dose is drawn up ("2 tablets (1 g)"), before the route is added. */
  readonly line?: string;
  /** What the dose gives per ingredient (a range order: its lowest dose, for the 24-hour limits only). */
  readonly given: readonly IngredientAmount[];
  /** A range order: the nurse chooses the dose within it. */
  readonly doseChoice?: DoseChoice;
}

export function checkDose(p: PrescriptionRecord, pack: PackStrength): DoseCheck {
  switch (p.dose.kind) {
    case 'range': {
      // The limits are judged on the lowest dose of the range here, and again on the dose chosen when it is recorded.
      const range = rangeChoice(p.dose, pack);
      const least = calculateDose({ value: p.dose.low, unit: p.dose.unit }, pack);
      return { check: { rule: 'right-dose', ...range.check }, given: least.kind === 'impossible' ? [] : least.given, doseChoice: range.choice };
    }
    case 'fixed': {
      const prescribed = { value: p.dose.value, unit: p.dose.unit };
      const dose = calculateDose(prescribed, pack);
      switch (dose.kind) {
        case 'exact':
          return { check: { rule: 'right-dose', outcome: 'pass', message: `${quantityText(prescribed)}: give ${dose.doseToGive.text}.` }, doseToGive: dose.doseToGive, line: dose.line, given: dose.given };
        case 'caution':
          return { check: { rule: 'right-dose', outcome: 'warning', message: dose.message }, doseToGive: dose.doseToGive, line: dose.line, given: dose.given };
        case 'impossible':
          return { check: { rule: 'right-dose', outcome: 'stop', message: dose.message }, given: [] };
        default: {
          const never: never = dose;
          return never;
        }
      }
    }
    default: {
      const never: never = p.dose;
      return never;
    }
  }
}
