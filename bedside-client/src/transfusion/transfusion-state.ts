import {
  collectBloodLabel,
  EMPTY_UNIT,
  interpretScan,
  type CollectedUnit,
  type Transfusion,
  type TransfusionCheckResponse,
  type TransfusionOverrideReason,
  type TransfusionStepResponse,
} from '@wardscan/shared';
import { awaitingSecondChecker } from './transfusion-verdict.js';

/** A label the collector would not take, and why in its own words. */
interface Refusal {
  /** `out-of-turn`: not a label at all but a badge or a pump, scanned before this bag is checked. */
  problem: 'unreadable' | 'conflict' | 'out-of-turn';
  message: string;
}

/** One bag at the bedside: read, checked by the server, started. */
export type TransfusionFlow =
  | {
      step: 'collecting';
      patientId: string;
      unit: CollectedUnit;
      /** The last label not taken, shown until the next one is. */
      refused: Refusal | null;
      /** Labels contradicted each other: which bag is which is no longer known, so this unit cannot be checked. */
      conflicted: boolean;
    }
  | { step: 'checked'; patientId: string; unit: CollectedUnit; check: TransfusionCheckResponse; overrideReason: TransfusionOverrideReason | null }
  | { step: 'started'; patientId: string; unit: CollectedUnit; transfusion: Transfusion; replayed: boolean };

export type TransfusionAction =
  | { type: 'label-scanned'; raw: string }
  | { type: 'restarted' }
  | { type: 'checked'; response: TransfusionCheckResponse }
  | { type: 'second-checked'; response: TransfusionCheckResponse }
  | { type: 'override-chosen'; reason: TransfusionOverrideReason | null }
  | { type: 'started'; response: TransfusionStepResponse };

/**
 * A staff badge or an asset tag scanned while a bag's labels are being read:
 * what to do instead, or null for anything else. The bag keeps every label
 * read so far.
 */
export function outOfTurn(raw: string): string | null {
  const read = interpretScan(raw);
  if (!read.ok) return null;
  switch (read.scan.kind) {
    case 'staff':
      return 'That was a staff badge. Scan all the labels on the bag, then press “Check this unit”; the second checker’s badge comes after.';
    case 'asset':
      return 'That was a device tag. Finish this bag first: scan its labels and press “Check this unit” (or put the bag aside), then scan the pump again to link it.';
    default:
      return null;
  }
}

function collect(patientId: string, unit: CollectedUnit, conflicted: boolean, raw: string): TransfusionFlow {
  const result = collectBloodLabel(unit, raw);
  if (result.ok) return { step: 'collecting', patientId, unit: result.unit, refused: null, conflicted };
  // A new object each time: the panel signals every refusal, even one in the same words.
  const refused = { problem: result.problem, message: result.message };
  return { step: 'collecting', patientId, unit, refused, conflicted: conflicted || result.problem === 'conflict' };
}

/** Whether a badge scanned now goes to the second check: only while the checked unit on screen awaits it, never on a stop. */
export function awaitsSecondChecker(flow: TransfusionFlow): boolean {
  return flow.step === 'checked' && awaitingSecondChecker(flow.check.verdict);
}

/**
 * The transfusion panel's next state. Returns null when the action belongs
 * to no flow on screen (an answer that arrived after the nurse moved on, or
 * for another patient): the caller ignores it.
 */
export function transfusionReducer(flow: TransfusionFlow | null, action: TransfusionAction, patientId: string): TransfusionFlow | null {
  const current = flow?.patientId === patientId ? flow : null;
  switch (action.type) {
    case 'label-scanned': {
      const instead = outOfTurn(action.raw);
      if (instead !== null) {
        // Said on the bag being read (a new object, so it is signalled again); with no bag on screen, not this flow's.
        return current?.step === 'collecting' ? { ...current, refused: { problem: 'out-of-turn', message: instead } } : null;
      }
      // After a check, a label starts a new bag: a checked unit is never changed under its verdict.
      return current?.step === 'collecting'
        ? collect(patientId, current.unit, current.conflicted, action.raw)
        : collect(patientId, EMPTY_UNIT, false, action.raw);
    }
    case 'restarted':
      return current?.step === 'collecting' ? { step: 'collecting', patientId, unit: EMPTY_UNIT, refused: null, conflicted: false } : null;
    case 'checked':
      if (current?.step !== 'collecting' || action.response.patientId !== patientId) return null;
      return { step: 'checked', patientId, unit: current.unit, check: action.response, overrideReason: null };
    case 'second-checked':
      if (current?.step !== 'checked' || current.check.eventId !== action.response.eventId) return null;
      return { ...current, check: action.response, overrideReason: null };
    case 'override-chosen':
      return current?.step === 'checked' ? { ...current, overrideReason: action.reason } : null;
    case 'started':
      if (current?.step !== 'checked' || current.check.eventId !== action.response.transfusion.checkEventId) return null;
      return { step: 'started', patientId, unit: current.unit, transfusion: action.response.transfusion, replayed: action.response.replayed };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
