import type { BloodGroup, Verdict, VerdictOutcome } from '@wardscan/shared';
import { toVerdictView, type CheckLine } from '../nurse/verdict.resource.js';

/** A transfusion check's verdict as the bedside shows it. */
export interface TransfusionVerdictView {
  outcome: VerdictOutcome;
  heading: string;
  title: string;
  instruction: string;
  problems: CheckLine[];
  passed: CheckLine[];
  secondChecker: 'not-needed' | 'required' | 'done';
  /** A warning other than the missing second checker: starting needs a coded reason. */
  needsOverrideReason: boolean;
}

const SECOND_CHECKER = 'transfusion-second-checker';

function headingFor(verdict: Verdict, onlySecondChecker: boolean): string {
  switch (verdict.outcome) {
    case 'match':
      return 'MATCH';
    case 'warning':
      return onlySecondChecker ? 'SECOND CHECK NEEDED' : 'WARNING';
    case 'stop':
      return 'STOP – DO NOT TRANSFUSE';
    case 'info':
      return 'SCANNED';
    default: {
      const unreachable: never = verdict.outcome;
      return unreachable;
    }
  }
}

function instructionFor(verdict: Verdict, secondCheckerNeeded: boolean, needsReason: boolean): string {
  if (verdict.outcome === 'stop') return 'Do not transfuse this unit. Put it aside and act on the problem below.';
  if (secondCheckerNeeded) return 'Second checker: scan your badge after checking the bag, its label and the wristband with the nurse.';
  if (needsReason) return 'Read the warning below. Start only if it is safe: choose a reason, then start.';
  if (verdict.outcome === 'match') return 'All checks passed. Press “Start transfusion” as you start it.';
  return 'Nothing to start from this check.';
}

export function toTransfusionView(verdict: Verdict): TransfusionVerdictView {
  const base = toVerdictView(verdict);
  const secondCheckerNeeded = verdict.witness === 'required' && verdict.outcome !== 'stop';
  // On a stop, "second checker needed" would read as the way past it: no badge makes a stop safe.
  const problems = verdict.outcome === 'stop' ? base.problems.filter((p) => p.rule !== SECOND_CHECKER) : base.problems;
  const onlySecondChecker = problems.length > 0 && problems.every((p) => p.rule === SECOND_CHECKER);
  const needsOverrideReason = verdict.outcome === 'warning' && problems.some((p) => p.outcome === 'warning' && p.rule !== SECOND_CHECKER);
  return {
    outcome: verdict.outcome,
    heading: headingFor(verdict, onlySecondChecker),
    title: verdict.title,
    instruction: instructionFor(verdict, secondCheckerNeeded, needsOverrideReason),
    problems,
    passed: base.passed,
    secondChecker: verdict.witness ?? 'not-needed',
    needsOverrideReason,
  };
}

export type StartBlock = { canStart: true } | { canStart: false; reason: string };

/** Whether "Start transfusion" may be pressed, and if not, why in words. */
export function startBlock(view: TransfusionVerdictView, input: { online: boolean; overrideChosen: boolean; unitIssued: boolean }): StartBlock {
  if (view.outcome === 'stop') return { canStart: false, reason: 'A stop cannot be started or overridden.' };
  if (view.outcome === 'info' || !input.unitIssued) return { canStart: false, reason: 'No issued unit matches this bag.' };
  if (!input.online) return { canStart: false, reason: 'Offline: a transfusion can only be started with the ward server. Wait until it is back.' };
  if (view.secondChecker === 'required') return { canStart: false, reason: 'The second checker must scan their badge first.' };
  if (view.needsOverrideReason && !input.overrideChosen) return { canStart: false, reason: 'Choose the reason for starting despite the warning.' };
  return { canStart: true };
}

const GROUP_WORDS: Record<BloodGroup, string> = {
  'O+': 'O RhD positive',
  'O-': 'O RhD negative',
  'A+': 'A RhD positive',
  'A-': 'A RhD negative',
  'B+': 'B RhD positive',
  'B-': 'B RhD negative',
  'AB+': 'AB RhD positive',
  'AB-': 'AB RhD negative',
};

/** "A RhD positive (A+)": in words, since a lone + or − is easily misread. */
export function bloodGroupText(group: BloodGroup): string {
  return `${GROUP_WORDS[group]} (${group})`;
}

/** "G071526100001" → "G0715 26 100001", grouped as the eye-readable DIN is printed. */
export function dinText(din: string): string {
  return din.length === 13 ? `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}` : din;
}
