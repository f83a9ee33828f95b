import { z } from 'zod';
import { idSchema } from './common.js';
import { doseUnitSchema } from './units.js';
import { doseChoiceSchema } from './order-dose.js';

/**
 * Rule ids in a verdict's `checks`. One name per rule across client, server,
 * database and audit.
 */
export const RULE_IDS = [
  'right-patient',
  // Issue 12: a pack scanned with no positive ID (no band, an ended one, or one replaced since the pack was scanned).
  'patient-not-identified',
  'unknown-product',
  'right-drug',
  'right-dose',
  'right-route',
  'right-time',
  'expiry',
  'recall',
  'allergy',
  'duplicate',
  // Issue 11: limits per ingredient across prescriptions, duplicate orders, and an allergy status nobody recorded.
  'cumulative-dose',
  'duplicate-order',
  'allergy-status',
  'high-alert-witness',
  'wrong-bed',
  'keyed-patient-id',
  'unreadable-barcode',
  // Issue 14: a wristband that did not read because the scanner sent no GS (set up the scanner, keep the band).
  'scanner-sent-no-gs',
  // Issue 13: a band whose patient is on no ward now, or whose NHS Number is not verified.
  'patient-discharged',
  'patient-deceased',
  'patient-not-admitted',
  'patient-merged',
  'nhs-number-unverified',
  // Issue 13: an order the EPR put on hold, or one the bedside cannot check as one exact dose.
  'order-on-hold',
  'order-needs-review',
  // Blood transfusion (issue 5): BSH bedside check, one rule per question.
  'transfusion-patient',
  'transfusion-unit',
  'abo-rhd',
  'unit-expiry',
  'cold-chain',
  'special-requirements',
  'transfusion-second-checker',
  // Equipment (issue 5): a device scanned during an infusion.
  'device-unknown',
  'device-maintenance',
] as const;
export const ruleIdSchema = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof ruleIdSchema>;

/** The verdict a nurse sees: green match, amber warning, red stop, or neutral info. */
export const VERDICT_OUTCOMES = ['match', 'warning', 'stop', 'info'] as const;
export const verdictOutcomeSchema = z.enum(VERDICT_OUTCOMES);
export type VerdictOutcome = z.infer<typeof verdictOutcomeSchema>;

/** One rule's result. A rule that passed is still listed, so the record shows it was checked. */
export const CHECK_OUTCOMES = ['pass', 'warning', 'stop'] as const;
export const checkOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const checkSchema = z.object({
  rule: ruleIdSchema,
  outcome: checkOutcomeSchema,
  /** Plain words: what is wrong and what to do. */
  message: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

/** How much of the scanned product makes the prescribed dose, exactly. */
export const doseToGiveSchema = z.object({
  /** Decimal string, e.g. "2" or "0.5". */
  quantity: z.string(),
  /** What is counted: "tablet", "mL", "capsule"… */
  unit: z.string(),
  /** For the screen: "2 tablets", "half a tablet", "5 mL". */
  text: z.string(),
});
export type DoseToGive = z.infer<typeof doseToGiveSchema>;

/** How much of one ingredient the dose gives: "1 g paracetamol" (co-codamol counts toward paracetamol). */
export const ingredientGivenSchema = z.object({
  substanceCode: z.string().nullable(),
  substanceName: z.string(),
  amount: z.object({ value: z.string(), unit: doseUnitSchema }),
});
export type IngredientGiven = z.infer<typeof ingredientGivenSchema>;

/** Another order the same pack could be given for, with the verdict it would get: the nurse may pick it. */
export const alternativeOrderSchema = z.object({ prescriptionId: idSchema, drugName: z.string(), outcome: verdictOutcomeSchema, title: z.string() });

export const verdictSchema = z.object({
  outcome: verdictOutcomeSchema,
  /** One-line headline for the verdict screen. */
  title: z.string(),
  checks: z.array(checkSchema),
  prescriptionId: idSchema.optional(),
  /** The scheduled dose this pack was checked for (regular orders): what "not given" documents. */
  slotAt: z.iso.datetime({ offset: true }).optional(),
  doseToGive: doseToGiveSchema.optional(),
  /**
   * The dose to give as the nurse reads it, from the order checked: amount,
   * what it holds, from how many containers of what size where the pack's
   * unit dose is known, and the route: "8 mL (400 mg) — 2 vials (5 mL each) —
   * intravenous". Present whenever `doseToGive` is.
   */
  doseLine: z.string().optional(),
  /**
   * For an order given as a range (issue 13): the nurse chooses the dose
   * within it before confirming; no single dose is called a match, so
   * `doseToGive` is absent.
   */
  doseChoice: doseChoiceSchema.optional(),
  /** High-alert dose: a second staff badge must be scanned before it can be given. */
  witness: z.enum(['required', 'done']).optional(),
  /** Who witnessed it, once done. */
  witnessedBy: z.object({ staffId: idSchema, name: z.string() }).optional(),
  /** What the dose contains, per ingredient, for limits across prescriptions. */
  ingredients: z.array(ingredientGivenSchema).optional(),
  /**
   * When several of the patient's orders fit this pack: the others, each with
   * its own verdict. The verdict shown is the most severe unless the nurse
   * scanned the pack for a chosen order (`prescriptionId` on the scan).
   */
  alternatives: z.array(alternativeOrderSchema).optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;

/**
 * The worst of the checks decides the verdict: any stop is a stop, any
 * warning a warning, otherwise a match. No checks at all is a stop: nothing
 * was checked, so nothing may be confirmed.
 */
export function worstOutcome(checks: readonly Check[]): Exclude<VerdictOutcome, 'info'> {
  if (checks.length === 0) return 'stop';
  if (checks.some((c) => c.outcome === 'stop')) return 'stop';
  if (checks.some((c) => c.outcome === 'warning')) return 'warning';
  return 'match';
}
