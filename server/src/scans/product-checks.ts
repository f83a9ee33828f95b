import { worstOutcome, type Check, type DoseToGive, type ProductScan, type Verdict } from '@wardscan/shared';
import { calculateDose } from '../domain/dose.js';
import { patientName, type PastDose, type PatientRecord, type PrescriptionRecord, type ProductRecord } from '../domain/records.js';
import { checkTiming, type TimingContext } from '../domain/right-time.js';
import { wardDate } from '../domain/ward-time.js';

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
  readonly pastDoses: ReadonlyMap<string, readonly PastDose[]>;
  /** How the patient was identified on this device. */
  readonly identifiedBy: 'wristband' | 'keyed';
}

export interface ProductCheckResult {
  readonly verdict: Verdict;
  readonly slotAt: Date | null;
}

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Expiry as a calendar date in the ward's zone; the pack is good through its expiry day. */
export function checkExpiry(scan: ProductScan, t: TimingContext): Check {
  if (!scan.expiry) return { rule: 'expiry', outcome: 'pass', message: 'No expiry date in the barcode: check the date on the pack.' };
  const today = wardDate(t.now, t.timeZone);
  return scan.expiry < today
    ? { rule: 'expiry', outcome: 'stop', message: `Expired on ${scan.expiry}. Do not give; use another pack.` }
    : { rule: 'expiry', outcome: 'pass', message: `Expires ${scan.expiry}.` };
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

export function checkAllergy(patient: PatientRecord, product: ProductRecord): Check {
  const hit = patient.allergies.find(
    (a) =>
      same(a.substance, product.drug) ||
      same(a.substance, product.drugClass) ||
      same(a.drugClass, product.drugClass) ||
      same(a.drugClass, product.drug),
  );
  return hit
    ? { rule: 'allergy', outcome: 'stop', message: `${patientName(patient)} is allergic to ${hit.substance}${hit.reaction ? ` (${hit.reaction})` : ''}. Do not give.` }
    : { rule: 'allergy', outcome: 'pass', message: 'No recorded allergy to this drug.' };
}

const RANK = { pass: 0, warning: 1, stop: 2 } as const;

interface Candidate {
  readonly prescription: PrescriptionRecord;
  readonly checks: readonly Check[];
  readonly doseToGive?: DoseToGive;
  readonly slotAt: Date | null;
}

function checkAgainst(p: PrescriptionRecord, input: ProductCheckInput): Candidate {
  const { product } = input;
  const checks: Check[] = [];
  checks.push(
    p.productId && p.productId !== product.id
      ? { rule: 'right-drug', outcome: 'warning', message: `${product.name} is ${p.drug} but not the product prescribed: confirm it is the same drug and strength.` }
      : { rule: 'right-drug', outcome: 'pass', message: `${product.name} is prescribed (${p.drug}).` },
  );
  let doseToGive: DoseToGive | undefined;
  const dose = calculateDose(p.dose, product);
  switch (dose.kind) {
    case 'exact':
      doseToGive = dose.doseToGive;
      checks.push({ rule: 'right-dose', outcome: 'pass', message: `${p.dose.value} ${p.dose.unit}: give ${dose.doseToGive.text}.` });
      break;
    case 'caution':
      doseToGive = dose.doseToGive;
      checks.push({ rule: 'right-dose', outcome: 'warning', message: dose.message });
      break;
    case 'impossible':
      checks.push({ rule: 'right-dose', outcome: 'stop', message: dose.message });
      break;
    default: {
      const never: never = dose;
      return never;
    }
  }
  checks.push(
    product.routes.includes(p.route)
      ? { rule: 'right-route', outcome: 'pass', message: `Route ${p.route}.` }
      : { rule: 'right-route', outcome: 'stop', message: `Prescribed ${p.route}, but this product is for ${product.routes.join(', ') || 'no listed'} use. Do not give.` },
  );
  const timing = checkTiming(p, input.pastDoses.get(p.id) ?? [], input);
  for (const t of timing.checks) {
    // One check per rule: a PRN daily maximum is part of right-dose, and the worse result wins.
    const i = checks.findIndex((c) => c.rule === t.rule);
    if (i < 0) checks.push(t);
    else if (RANK[t.outcome] > RANK[checks[i]!.outcome]) checks[i] = t;
  }
  return { prescription: p, checks, slotAt: timing.slotAt, ...(doseToGive ? { doseToGive } : {}) };
}

const severity = (c: Candidate): number =>
  c.checks.filter((x) => x.outcome === 'stop').length * 100 + c.checks.filter((x) => x.outcome === 'warning').length;

function title(outcome: Verdict['outcome'], productName: string, checks: readonly Check[], doseToGive?: DoseToGive): string {
  const firstBad = checks.find((c) => c.outcome === outcome);
  switch (outcome) {
    case 'stop':
      return `Stop: ${firstBad?.message ?? 'do not give.'}`;
    case 'warning':
      return `Check before giving ${productName}: ${firstBad?.message ?? ''}`.trim();
    case 'match':
      return `Give ${doseToGive?.text ?? ''} ${productName}`.replace(/\s+/g, ' ').trim();
    case 'info':
      return productName;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/**
 * Checks a scanned pack against the identified patient: right drug, dose and
 * route against each matching prescription (the best-fitting one is chosen),
 * right time, not already given, expiry, recall, allergy, and a witness for
 * high-alert drugs. The worst check decides the verdict.
 */
export function checkProduct(input: ProductCheckInput): ProductCheckResult {
  const { product, patient } = input;
  const common: Check[] = [
    input.identifiedBy === 'wristband'
      ? { rule: 'right-patient', outcome: 'pass', message: `${patientName(patient)}, identified by wristband.` }
      : { rule: 'right-patient', outcome: 'warning', message: `${patientName(patient)} was identified by a typed number, not the wristband: check the wristband by eye.` },
    checkAllergy(patient, product),
    checkExpiry(input.scan, input),
    checkRecall(input.scan, input.recalls),
  ];
  const matching = input.prescriptions.filter((p) => p.productId === product.id || same(p.drug, product.drug));
  const best = matching.map((p) => checkAgainst(p, input)).sort((a, b) => severity(a) - severity(b))[0];
  const checks: Check[] = best
    ? [...common, ...best.checks]
    : [...common, { rule: 'right-drug', outcome: 'stop', message: `${product.name} is not prescribed for ${patientName(patient)}. Do not give.` }];
  if (product.highAlert) {
    checks.push({ rule: 'high-alert-witness', outcome: 'warning', message: 'High-alert drug: a second nurse must scan their badge as witness.' });
  }
  const outcome = worstOutcome(checks);
  const verdict: Verdict = {
    outcome,
    title: title(outcome, product.name, checks, best?.doseToGive),
    checks,
    ...(best ? { prescriptionId: best.prescription.id } : {}),
    ...(best?.doseToGive ? { doseToGive: best.doseToGive } : {}),
    ...(product.highAlert ? { witness: 'required' as const } : {}),
  };
  return { verdict, slotAt: best?.slotAt ?? null };
}

/** The product verdict once a second person's badge has witnessed it. */
export function withWitness(verdict: Verdict, witnessName: string, productName: string): Verdict {
  const checks = verdict.checks.map((c) =>
    c.rule === 'high-alert-witness' ? { ...c, outcome: 'pass' as const, message: `Witnessed by ${witnessName}.` } : c,
  );
  const outcome = worstOutcome(checks);
  return { ...verdict, checks, outcome, witness: 'done', title: title(outcome, productName, checks, verdict.doseToGive) };
}
