import { UNREADABLE_WRISTBAND, type Check, type CheckOutcome, type DoseChoice, type RuleId, type Verdict, type VerdictOutcome } from '@wardscan/shared';

/** The wire verdict mapped once into what the verdict screen shows. */
export interface VerdictView {
  outcome: VerdictOutcome;
  /** Big word at the top; never colour alone. */
  heading: string;
  /** The server's one-line headline. */
  title: string;
  /** What the nurse does next. */
  instruction: string;
  /** For a scan that was not a pack (wristband, badge, bed): what to do, when there is a problem. */
  noticeInstruction: string | null;
  problems: CheckLine[];
  passed: CheckLine[];
  /**
   * What to give, as the server words it from the order checked: "0.5 mL (5 mg) —
   * 1 ampoule (1 mL) — subcutaneous"; a server without the dose line gives "2 tablets (1 g)".
   * Absent when no dose can be worked out.
   */
  doseText: string | null;
  /** A range order: the nurse chooses the dose within it (and how the pack makes each end); null for one exact dose. */
  doseChoice: DoseChoice | null;
  /** A warning other than the witness one: proceeding needs a coded override reason. */
  needsOverrideReason: boolean;
  witness: 'not-needed' | 'required' | 'done';
  /** Who witnessed it, once done. */
  witnessName: string | null;
}

export interface CheckLine {
  rule: RuleId;
  label: string;
  outcome: CheckOutcome;
  message: string;
}

export const RULE_LABELS: Record<RuleId, string> = {
  'right-patient': 'Right patient',
  'patient-not-identified': 'Patient identified',
  'unknown-product': 'Known product',
  'right-drug': 'Right drug',
  'right-dose': 'Right dose',
  'right-route': 'Right route',
  'right-time': 'Right time',
  expiry: 'In date',
  recall: 'Not recalled',
  allergy: 'No allergy',
  duplicate: 'Not already given',
  'cumulative-dose': 'Within 24-hour maximum',
  'duplicate-order': 'Ordered once',
  'allergy-status': 'Allergy status recorded',
  'high-alert-witness': 'Witness for high-alert drug',
  'wrong-bed': 'Right bed',
  'keyed-patient-id': 'Wristband scanned',
  'unreadable-barcode': 'Barcode readable',
  'scanner-sent-no-gs': 'Scanner set up',
  'patient-discharged': 'Patient on a ward (not discharged)',
  'patient-deceased': 'Patient not recorded as deceased',
  'patient-not-admitted': 'Patient admitted to a ward',
  'patient-merged': 'Wristband for the record in use',
  'nhs-number-unverified': 'NHS Number verified',
  'order-on-hold': 'Order active (not on hold)',
  'order-needs-review': 'Order reviewed',
  'transfusion-patient': 'Unit issued for this patient',
  'transfusion-unit': 'Unit issued',
  'abo-rhd': 'ABO/RhD compatible',
  'unit-expiry': 'Unit in date',
  'cold-chain': 'Within time out of storage',
  'special-requirements': 'Special requirements met',
  'transfusion-second-checker': 'Second checker',
  'device-unknown': 'Device registered',
  'device-maintenance': 'Device maintenance in date',
};

/**
 * The same rules named as the problem found, for checks that did not pass
 * ("Wrong drug", not "Right drug": a failed check must never read as a pass).
 */
export const PROBLEM_LABELS: Record<RuleId, string> = {
  'right-patient': 'Wrong patient',
  'patient-not-identified': 'No patient identified',
  'unknown-product': 'Unknown product',
  'right-drug': 'Wrong drug',
  'right-dose': 'Dose',
  'right-route': 'Route',
  'right-time': 'Timing',
  expiry: 'Expired',
  recall: 'Recalled batch',
  allergy: 'Allergy',
  duplicate: 'Already given',
  'cumulative-dose': 'Over the 24-hour maximum',
  'duplicate-order': 'Ordered twice',
  'allergy-status': 'Allergy status not recorded',
  'high-alert-witness': 'Witness needed',
  'wrong-bed': 'Wrong bed',
  'keyed-patient-id': 'Typed, not scanned',
  'unreadable-barcode': 'Barcode not read',
  'scanner-sent-no-gs': 'Scanner sent no GS',
  'patient-discharged': 'Patient discharged',
  'patient-deceased': 'Patient recorded as deceased',
  'patient-not-admitted': 'Patient not admitted',
  'patient-merged': 'Band of a merged record',
  'nhs-number-unverified': 'NHS Number not verified',
  'order-on-hold': 'Order on hold',
  'order-needs-review': 'Order needs review',
  'transfusion-patient': 'Unit issued for another patient',
  'transfusion-unit': 'Unit not issued',
  'abo-rhd': 'ABO/RhD incompatible',
  'unit-expiry': 'Unit expired',
  'cold-chain': 'Too long out of storage',
  'special-requirements': 'Special requirements not met',
  'transfusion-second-checker': 'Second checker needed',
  'device-unknown': 'Unknown device',
  'device-maintenance': 'Device maintenance due',
};

const HEADINGS: Record<VerdictOutcome, string> = {
  match: 'MATCH',
  warning: 'WARNING',
  stop: 'STOP – DO NOT GIVE',
  info: 'SCANNED',
};

function instructionFor(verdict: Verdict, needsReason: boolean): string {
  if (verdict.witness === 'required' && verdict.outcome !== 'stop') {
    return 'Ask a second nurse to scan their badge and enter their PIN here to witness this dose.';
  }
  switch (verdict.outcome) {
    case 'match':
      if (verdict.doseChoice) return 'Choose the dose within the range below, give it, then press “Confirm given”.';
      return verdict.doseToGive ? 'Give the dose above, then press “Confirm given”.' : 'Checks passed. Press “Confirm given” once given.';
    case 'warning':
      return needsReason
        ? 'Read the warning below. Give only if it is safe: choose a reason, then confirm.'
        : 'Read the warning below before giving.';
    case 'stop':
      return 'Do not give this. Put the pack aside and act on the problem below.';
    case 'info':
      return 'Nothing to give from this scan.';
    default: {
      const unreachable: never = verdict.outcome;
      return unreachable;
    }
  }
}

function line(check: Check): CheckLine {
  const label = check.outcome === 'pass' ? RULE_LABELS[check.rule] : PROBLEM_LABELS[check.rule];
  return { rule: check.rule, label, outcome: check.outcome, message: check.message };
}

// Stops before warnings: the worst problem is read first.
const SEVERITY: Record<CheckOutcome, number> = { stop: 0, warning: 1, pass: 2 };

export function toVerdictView(verdict: Verdict): VerdictView {
  const needsOverrideReason = verdict.outcome === 'warning' && verdict.checks.some((c) => c.outcome === 'warning' && c.rule !== 'high-alert-witness');
  const problems = verdict.checks
    .filter((check) => check.outcome !== 'pass')
    .sort((a, b) => SEVERITY[a.outcome] - SEVERITY[b.outcome])
    .map(line);
  return {
    outcome: verdict.outcome,
    heading: HEADINGS[verdict.outcome],
    title: verdict.title,
    instruction: instructionFor(verdict, needsOverrideReason),
    noticeInstruction: noticeInstructionFor(problems),
    problems,
    passed: verdict.checks.filter((check) => check.outcome === 'pass').map(line),
    doseText: verdict.doseToGive ? (verdict.doseLine ?? verdict.doseToGive.text) : null,
    doseChoice: verdict.doseChoice ?? null,
    needsOverrideReason,
    witness: verdict.witness ?? 'not-needed',
    witnessName: verdict.witnessedBy?.name ?? null,
  };
}

function noticeInstructionFor(problems: CheckLine[]): string | null {
  const rules = new Set(problems.map((problem) => problem.rule));
  // A band read by a scanner that sent no GS is most likely fine (issue 14).
  if (rules.has('scanner-sent-no-gs')) return 'Nobody is identified. Scan the wristband with the camera, or set up this scanner (Set up scanner, at the top).';
  const unreadable = problems.find((problem) => problem.rule === 'unreadable-barcode');
  if (unreadable) {
    // Said of what was scanned: a pack the scanner misread is no reason to replace anyone's wristband.
    return unreadable.message.includes(UNREADABLE_WRISTBAND)
      ? 'Nobody is identified. A wristband that will not scan is replaced, never worked around.'
      : 'Nothing was checked from this scan. Scan it again; if it still fails, do what the message above says.';
  }
  if (rules.has('keyed-patient-id')) return 'Scan the wristband itself; typed identifiers are not accepted.';
  if (rules.has('right-patient')) return 'Check the patient’s identity before going on.';
  return null;
}

export type ConfirmBlock =
  | { canConfirm: true }
  | { canConfirm: false; reason: string };

/**
 * Whether "Confirm given" may be pressed, and if not, why in words. A stop
 * can never be confirmed; offline nothing can, since the check is the server's.
 */
export function confirmBlock(view: VerdictView, input: { online: boolean; hasPrescription: boolean; overrideChosen: boolean; indicationMissing?: boolean; doseProblem?: string | null }): ConfirmBlock {
  if (view.outcome === 'stop') return { canConfirm: false, reason: 'A stop cannot be given or overridden.' };
  if (view.outcome === 'info') return { canConfirm: false, reason: 'This scan is not a dose to give.' };
  if (!input.hasPrescription) return { canConfirm: false, reason: 'No prescribed dose matches this pack.' };
  if (!input.online) {
    return { canConfirm: false, reason: 'Offline: no dose can be confirmed until the ward server is back. Do not give on this check.' };
  }
  if (view.witness === 'required') return { canConfirm: false, reason: 'High-alert drug: a second nurse witnesses with their badge and PIN.' };
  if (view.needsOverrideReason && !input.overrideChosen) return { canConfirm: false, reason: 'Choose the reason for giving despite the warning.' };
  if (input.indicationMissing) return { canConfirm: false, reason: 'As-needed dose: say what it is for.' };
  if (input.doseProblem) return { canConfirm: false, reason: input.doseProblem };
  return { canConfirm: true };
}
