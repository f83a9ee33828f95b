import type { Verdict, VerdictOutcome } from '@wardscan/shared';
import { toVerdictView, type CheckLine } from '../nurse/verdict.resource.js';

/** A transfusion check's verdict as the bedside shows it. */
interface TransfusionVerdictView {
  outcome: VerdictOutcome;
  heading: string;
  title: string;
  /** What to do now; while the second checker is awaited, their badge prompt is shown in its place. */
  instruction: string;
  problems: CheckLine[];
  passed: CheckLine[];
  /** The second checker must scan their badge before the start (see `awaitingSecondChecker`). */
  awaitingSecondChecker: boolean;
  /** The second check in words once it is done, e.g. "Second check by Wendy Witness."; otherwise null. */
  secondCheck: string | null;
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

/**
 * The second checker's badge is asked for only while a check awaits it, and
 * never on a stop: no badge makes a stop safe. The server sends no witness
 * on a stop, but the handheld does not rely on that.
 */
export function awaitingSecondChecker(verdict: Verdict): boolean {
  return verdict.witness === 'required' && verdict.outcome !== 'stop';
}

function instructionFor(verdict: Verdict, needsReason: boolean): string {
  if (verdict.outcome === 'stop') return 'Do not transfuse this unit. Put it aside and act on the problem below.';
  if (needsReason) return 'Read the warning below. Start only if it is safe: choose a reason, then start.';
  if (verdict.outcome === 'match') return 'All checks passed. Press “Start transfusion” as you start it.';
  return 'Nothing to start from this check.';
}

export function toTransfusionView(verdict: Verdict): TransfusionVerdictView {
  const base = toVerdictView(verdict);
  // On a stop, "second checker needed" would read as the way past it: no badge makes a stop safe.
  const problems = verdict.outcome === 'stop' ? base.problems.filter((p) => p.rule !== SECOND_CHECKER) : base.problems;
  const onlySecondChecker = problems.length > 0 && problems.every((p) => p.rule === SECOND_CHECKER);
  const needsOverrideReason = verdict.outcome === 'warning' && problems.some((p) => p.outcome === 'warning' && p.rule !== SECOND_CHECKER);
  return {
    outcome: verdict.outcome,
    heading: headingFor(verdict, onlySecondChecker),
    title: verdict.title,
    instruction: instructionFor(verdict, needsOverrideReason),
    problems,
    passed: base.passed,
    awaitingSecondChecker: awaitingSecondChecker(verdict),
    secondCheck: verdict.witness === 'done' ? (base.passed.find((c) => c.rule === SECOND_CHECKER)?.message ?? null) : null,
    needsOverrideReason,
  };
}

type StartBlock = { canStart: true } | { canStart: false; reason: string };

/** Whether "Start transfusion" may be pressed, and if not, why in words. */
export function startBlock(view: TransfusionVerdictView, input: { online: boolean; overrideChosen: boolean; unitIssued: boolean }): StartBlock {
  if (view.outcome === 'stop') return { canStart: false, reason: 'A stop cannot be started or overridden.' };
  if (view.outcome === 'info' || !input.unitIssued) return { canStart: false, reason: 'No issued unit matches this bag.' };
  if (!input.online) return { canStart: false, reason: 'Offline: a transfusion can only be started with the ward server. Wait until it is back.' };
  if (view.awaitingSecondChecker) return { canStart: false, reason: 'The second checker must scan their badge first.' };
  if (view.needsOverrideReason && !input.overrideChosen) return { canStart: false, reason: 'Choose the reason for starting despite the warning.' };
  return { canStart: true };
}
