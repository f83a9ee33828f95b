import { isCountUnit, worstOutcome, type Check, type DoseChoice, type DoseToGive, type IngredientGiven as IngredientGivenWire, type ProductScan, type Verdict } from '@wardscan/shared';
import type { IdMethod } from '../devices/context-repository.js';
import { toDecimalString } from '../domain/decimal.js';
import { doseLine, fromBase, quantityText, type IngredientAmount } from '../domain/dose.js';
import { doseText, patientName, type PastDose, type PastIngredient, type PatientRecord, type PrescriptionRecord, type ProductRecord } from '../domain/records.js';
import { checkTiming, type TimingContext } from '../domain/right-time.js';
import { wardClockTime, wardDate } from '../domain/ward-time.js';
import { checkAllergy } from './allergy-check.js';
import { checkDose } from './dose-check.js';
import { checkCumulative, licensedLimits, type IngredientLimit } from './cumulative-check.js';
import { ordersForProduct, type OrderFit } from './medicine-match.js';
import { heldOrderChecks } from './held-orders.js';
import type { HeldPrescription } from '../prescriptions/repository.js';

/*
 * The bedside "rights" for a product scanned against the identified patient.
 * Pure: everything it needs is passed in, so each rule is tested without I/O.
 */

export interface ActiveRecall {
  readonly batch: string;
  readonly reason: string;
}

export interface ProductCheckInput extends TimingContext {
  readonly patient: PatientRecord;
  readonly scan: ProductScan;
  readonly product: ProductRecord;
  readonly recalls: readonly ActiveRecall[];
  /** The patient's active prescriptions. */
  readonly prescriptions: readonly PrescriptionRecord[];
  /** Orders in force that are on hold or need review: never checked, but named when the pack fits one. */
  readonly held: readonly HeldPrescription[];
  readonly pastDoses: ReadonlyMap<string, readonly PastDose[]>;
  /** How the patient was identified on this device. */
  readonly identifiedBy: IdMethod;
  /** Every ingredient the patient was given in the last day, from any order. */
  readonly history: readonly PastIngredient[];
  /** A dose was already recorded for this patient this shift, so an unknown allergy status was asked about. */
  readonly allergyStatusAskedThisShift: boolean;
  /** The order the nurse is giving the pack for, when several fit. */
  readonly chosenPrescriptionId?: string | undefined;
  readonly vmpOfAmp: (apid: string) => string | undefined;
  readonly vtmOfVmp: (vpid: string) => string | undefined;
}

export interface ProductCheckResult {
  readonly verdict: Verdict;
  readonly slotAt: Date | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2025-01-31" → "31 Jan 2025", from the digits (a calendar date has no time
 * zone): the style the handheld shows every other date in (formatDate in
 * bedside-client/src/ui/format.ts), so an expiry reads like a birth date.
 */
export function dateText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  const monthName = MONTHS[Number(month) - 1];
  return year && monthName && day ? `${Number(day)} ${monthName} ${year}` : isoDate;
}

/** Expiry as a calendar date in the ward's zone; the pack is good through its expiry day. */
export function checkExpiry(scan: ProductScan, t: TimingContext): Check {
  if (!scan.expiry) return { rule: 'expiry', outcome: 'pass', message: 'No expiry date in the barcode: check the date on the pack.' };
  const today = wardDate(t.now, t.timeZone);
  return scan.expiry < today
    ? { rule: 'expiry', outcome: 'stop', message: `Expired on ${dateText(scan.expiry)}. Do not give; use another pack.` }
    : { rule: 'expiry', outcome: 'pass', message: `Expires ${dateText(scan.expiry)}.` };
}

export function checkRecall(scan: ProductScan, recalls: readonly ActiveRecall[]): Check {
  if (recalls.length === 0) return { rule: 'recall', outcome: 'pass', message: 'No recall for this product.' };
  if (!scan.batch) {
    // A recall exists for this GTIN but the barcode cannot tell us the batch.
    return { rule: 'recall', outcome: 'warning', message: `A batch of this product is recalled (${recalls.map((r) => r.batch).join(', ')}): check the batch number on the pack.` };
  }
  const hit = recalls.find((r) => r.batch.toUpperCase() === scan.batch?.toUpperCase());
  return hit
    ? { rule: 'recall', outcome: 'stop', message: `Batch ${hit.batch} is recalled: ${hit.reason} Do not give; return it to pharmacy.` }
    : { rule: 'recall', outcome: 'pass', message: `Batch ${scan.batch} is not recalled.` };
}

const RANK = { pass: 0, warning: 1, stop: 2 } as const;

interface Candidate {
  readonly prescription: PrescriptionRecord;
  readonly checks: readonly Check[];
  readonly doseToGive?: DoseToGive;
  /** The dose as the nurse reads it, containers and route included (`Verdict.doseLine`). */
  readonly doseLine?: string;
  readonly slotAt: Date | null;
  /** What the dose gives per ingredient, recorded with the administration (a range order: its lowest dose, for the limits only). */
  readonly given: readonly IngredientAmount[];
  /** A range order: the nurse chooses the dose within it. */
  readonly doseChoice?: DoseChoice;
}

const rank = (c: Check): number => RANK[c.outcome];

/** Puts `c` in place of the check with the same rule when it is worse (one check per rule). */
function mergeCheck(checks: Check[], c: Check): void {
  const i = checks.findIndex((x) => x.rule === c.rule);
  if (i < 0) checks.push(c);
  else if (rank(c) > rank(checks[i] as Check)) checks[i] = c;
}

function checkAgainst(fit: OrderFit, input: ProductCheckInput, fits: readonly OrderFit[]): Candidate {
  const { product } = input;
  const p = fit.prescription;
  const { check, doseToGive, line, given, doseChoice } = checkDose(p, { ingredients: product.medicine.ingredients, unitDose: product.medicine.unitDose, scored: product.scored });
  const checks: Check[] = [fit.rightDrug, check];
  const routes = product.medicine.routes;
  checks.push(
    routes.length === 0
      ? { rule: 'right-route', outcome: 'warning', message: `No route on record for ${product.name}: check the label says ${p.route}.` }
      : routes.includes(p.route)
        ? { rule: 'right-route', outcome: 'pass', message: `Route ${p.route}.` }
        : { rule: 'right-route', outcome: 'stop', message: `Prescribed ${p.route}, but this product is for ${routes.join(', ')} use. Do not give.` },
  );
  const timing = checkTiming(p, input.pastDoses.get(p.id) ?? [], input);
  for (const t of timing.checks) mergeCheck(checks, t);
  const twin = duplicateOrderCheck(fit, fits, input, timing.slotAt);
  if (twin) for (const c of twin) mergeCheck(checks, c);
  if (given.length) {
    const limits = [...licensedLimits(given), ...prescribedLimit(p, given)];
    checks.push(checkCumulative(given, input.history, limits, input.now));
  }
  return { prescription: p, checks, slotAt: timing.slotAt, given, ...(doseToGive ? { doseToGive } : {}), ...(line ? { doseLine: doseLine(line, p.route) } : {}), ...(doseChoice ? { doseChoice } : {}) };
}

/** A PRN order's maxDosePerPeriod in a measured unit limits its single ingredient across every order. */
export function prescribedLimit(p: PrescriptionRecord, given: readonly IngredientAmount[]): IngredientLimit[] {
  if (p.schedule.kind !== 'prn' || p.schedule.maxDailyDose === null || isCountUnit(p.dose.unit) || given.length !== 1) return [];
  return [{ substanceName: (given[0] as IngredientAmount).substanceName, max: { value: p.schedule.maxDailyDose, unit: p.dose.unit }, source: `the maximum prescribed on ${p.drug}` }];
}

/**
 * Two active orders of the same kind for the same medicine: flagged to the
 * nurse (and, as a warning, to the ward manager), and a regular dose given on
 * one counts for the same time on the other, so it is never given twice.
 */
function duplicateOrderCheck(fit: OrderFit, fits: readonly OrderFit[], t: TimingContext & { readonly pastDoses: ProductCheckInput['pastDoses'] }, slotAt: Date | null): Check[] | null {
  const p = fit.prescription;
  const twins = fits.filter((f) => f.prescription.id !== p.id && f.prescription.schedule.kind === p.schedule.kind).map((f) => f.prescription);
  if (twins.length === 0) return null;
  const checks: Check[] = [{ rule: 'duplicate-order', outcome: 'warning', message: `${p.drug} is ordered more than once (${[p, ...twins].map(doseText).join('; ')}): check with the prescriber which order stands.` }];
  if (slotAt) {
    const window = t.windowMinutes * 60_000;
    for (const twin of twins) {
      const done = (t.pastDoses.get(twin.id) ?? []).find((d) => d.slotAt && Math.abs(d.slotAt.getTime() - slotAt.getTime()) <= window);
      if (done) {
        const at = wardClockTime(slotAt, t.timeZone);
        checks.push({ rule: 'duplicate', outcome: 'stop', message: `The ${at} dose of ${twin.drug} was already given at ${wardClockTime(done.givenAt, t.timeZone)} on another order. Do not give it again.` });
      }
    }
  }
  return checks;
}

/** Orders by how severe a candidate's verdict is: any stop above any warning, then by count. */
const severity = (c: Candidate): number =>
  c.checks.filter((x) => x.outcome === 'stop').length * 100 + c.checks.filter((x) => x.outcome === 'warning').length;

function title(outcome: Verdict['outcome'], productName: string, checks: readonly Check[], doseToGive?: DoseToGive, doseChoice?: DoseChoice): string {
  const firstBad = checks.find((c) => c.outcome === outcome);
  switch (outcome) {
    case 'stop':
      return `Stop: ${firstBad?.message ?? 'do not give.'}`;
    case 'warning':
      return `Check before giving ${productName}: ${firstBad?.message ?? ''}`.trim();
    case 'match':
      if (doseChoice) return `Choose a dose from ${doseChoice.low} to ${quantityText({ value: doseChoice.high, unit: doseChoice.unit })}, then give ${productName}`;
      return `Give ${doseToGive?.text ?? ''} ${productName}`.replace(/\s+/g, ' ').trim();
    case 'info':
      return productName;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** Right patient, as the bedside identified them: only the wristband's own barcode passes. */
function identificationCheck(patient: PatientRecord, identifiedBy: IdMethod): Check {
  switch (identifiedBy) {
    case 'wristband':
      return { rule: 'right-patient', outcome: 'pass', message: `${patientName(patient)}, identified by wristband.` };
    case 'nhs-number-barcode':
      // A plain NHS Number barcode may be printed on notes or a label, not worn (DCB1077 bands carry a GS1 DataMatrix).
      return { rule: 'right-patient', outcome: 'warning', message: `${patientName(patient)} was identified by a plain NHS Number barcode, not the wristband: check the wristband by eye.` };
    case 'keyed':
      return { rule: 'right-patient', outcome: 'warning', message: `${patientName(patient)} was identified by a typed number, not the wristband: check the wristband by eye.` };
    case 'manual':
      return { rule: 'right-patient', outcome: 'warning', message: `${patientName(patient)} was chosen from the ward list because the wristband would not scan: confirm name and date of birth with the patient, and replace the band.` };
    default: {
      const never: never = identifiedBy;
      return never;
    }
  }
}

/**
 * Checks a scanned pack against the identified patient: right drug (by dm+d
 * code), dose (exact strength ratio), route and time against every order the
 * pack fits, limits per ingredient across all orders, expiry, recall,
 * allergy (by ingredient and class), and a witness for high-alert drugs. When
 * several orders fit, the most severe verdict is the one shown, unless the
 * nurse chose the order; the others are listed as alternatives.
 */
export function checkProduct(input: ProductCheckInput): ProductCheckResult {
  const { product, patient } = input;
  const common: Check[] = [
    identificationCheck(patient, input.identifiedBy),
    ...checkAllergy(patient, product, input.allergyStatusAskedThisShift),
    checkExpiry(input.scan, input),
    checkRecall(input.scan, input.recalls),
  ];
  if (!product.inCatalogue) {
    common.push({ rule: 'unknown-product', outcome: 'warning', message: `${product.name} is in dm+d but not in this ward's catalogue: pharmacy has not reviewed it (for example whether it is a high-alert drug). Check with pharmacy.` });
  }
  const fits = ordersForProduct(product, input.prescriptions, input.vmpOfAmp);
  const candidates = fits.map((f) => checkAgainst(f, input, fits)).sort((a, b) => severity(b) - severity(a));
  const chosen = input.chosenPrescriptionId ? candidates.find((c) => c.prescription.id === input.chosenPrescriptionId) : candidates[0];
  const held = chosen || fits.length > 0 ? null : heldOrderChecks(product, input.held, input.vmpOfAmp);
  const checks: Check[] = chosen
    ? [...common, ...chosen.checks]
    : [...common, ...(held ?? [{ rule: 'right-drug', outcome: 'stop', message: notPrescribedMessage(input, fits.length > 0) }])];
  if (product.highAlert) {
    checks.push({ rule: 'high-alert-witness', outcome: 'warning', message: 'High-alert drug: a second nurse must witness with their badge and PIN.' });
  }
  const outcome = worstOutcome(checks);
  const alternatives = candidates
    .filter((c) => c !== chosen)
    .map((c) => {
      const o = worstOutcome([...common, ...c.checks]);
      return { prescriptionId: c.prescription.id, drugName: c.prescription.drug, outcome: o, title: title(o, product.name, [...common, ...c.checks], c.doseToGive, c.doseChoice) };
    });
  const verdict: Verdict = {
    outcome,
    title: title(outcome, product.name, checks, chosen?.doseToGive, chosen?.doseChoice),
    checks,
    ...(chosen ? { prescriptionId: chosen.prescription.id } : {}),
    ...(chosen?.slotAt ? { slotAt: chosen.slotAt.toISOString() } : {}),
    ...(chosen?.doseToGive ? { doseToGive: chosen.doseToGive } : {}),
    ...(chosen?.doseLine ? { doseLine: chosen.doseLine } : {}),
    ...(chosen?.doseChoice ? { doseChoice: chosen.doseChoice } : {}),
    ...(product.highAlert ? { witness: 'required' as const } : {}),
    // A range order's ingredients are worked out from the dose chosen, when it is recorded.
    ...(chosen?.given.length && !chosen.doseChoice ? { ingredients: chosen.given.map((g, i) => ingredientGiven(g, product, i)) } : {}),
    ...(alternatives.length ? { alternatives } : {}),
  };
  return { verdict, slotAt: chosen?.slotAt ?? null };
}

/** The amount of one ingredient in its strength's own unit ("1000 mg"), exactly. */
function ingredientGiven(g: IngredientAmount, product: ProductRecord, index: number): IngredientGivenWire {
  const unit = product.medicine.ingredients[index]?.strength?.numerator.unit ?? 'mg';
  const value = toDecimalString(fromBase(g.amount, unit), 6) ?? '0';
  return { substanceCode: g.substanceCode, substanceName: g.substanceName, amount: { value, unit } };
}

function notPrescribedMessage(input: ProductCheckInput, chosenElsewhere: boolean): string {
  const { product, patient } = input;
  if (chosenElsewhere) return `The order chosen is not one this pack fits. Scan the pack again for one of ${patientName(patient)}'s orders.`;
  const vtm = product.medicine.vtm?.code;
  const sameDrug = vtm ? input.prescriptions.find((p) => p.medication.level === 'vmp' && input.vtmOfVmp(p.medication.code) === vtm) : undefined;
  return sameDrug
    ? `${product.name} is not the product prescribed: the order is for ${sameDrug.medication.name}. Do not give; ask pharmacy or the prescriber.`
    : `${product.name} is not prescribed for ${patientName(patient)}. Do not give.`;
}

/** The product verdict once a second person's badge has witnessed it. */
export function withWitness(verdict: Verdict, witness: { staffId: string; name: string }, productName: string): Verdict {
  const witnessName = witness.name;
  const checks = verdict.checks.map((c) =>
    c.rule === 'high-alert-witness' ? { ...c, outcome: 'pass' as const, message: `Witnessed by ${witnessName}.` } : c,
  );
  const outcome = worstOutcome(checks);
  return { ...verdict, checks, outcome, witness: 'done', witnessedBy: witness, title: title(outcome, productName, checks, verdict.doseToGive, verdict.doseChoice) };
}
