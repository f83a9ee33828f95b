import type {
  Administration,
  AdministrationResponse,
  OverrideReason,
  PatientSummary,
  ScanResponse,
  Verdict,
} from '@wardscan/shared';
import { deviceReducer, type DeviceAction, type DeviceFlow } from '../equipment/device-state.js';
import { transfusionReducer, type TransfusionAction, type TransfusionFlow } from '../transfusion/transfusion-state.js';

/** What fills the screen under the patient banner. */
export type Panel =
  | { kind: 'ready' }
  /** A pack was checked: the verdict screen. */
  | { kind: 'verdict'; productScanEventId: string; verdict: Verdict; overrideReason: OverrideReason | null }
  /** Any other scan the server answered (wrong barcode, unknown wristband, badge…). */
  | { kind: 'notice'; verdict: Verdict }
  | { kind: 'given'; administration: Administration; replayed: boolean }
  /** The server could not be reached: the work waits in the offline queue. */
  | { kind: 'waiting'; label: string }
  | { kind: 'ended'; reason: 'timeout' | 'finished' }
  /** The queue drained after reconnecting: what the server made of each item. */
  | { kind: 'replayed'; results: ReplayResult[] }
  /** A blood bag at the identified patient's bedside: its labels, check and start. */
  | { kind: 'transfusion'; flow: TransfusionFlow }
  /** A device (infusion pump) scanned at the identified patient's bedside. */
  | { kind: 'device'; device: DeviceFlow };

export interface ReplayResult {
  eventId: string;
  label: string;
  outcome: Verdict['outcome'] | 'given';
  title: string;
}

export interface NurseState {
  /** The positively identified patient; null until a wristband is scanned. */
  patient: PatientSummary | null;
  panel: Panel;
  /** ms since epoch of the last scan or administration, for the context timeout. */
  lastActivityAt: number;
  /** Spoken by screen readers and shown once: patient changes. */
  announcement: string | null;
}

export type NurseAction =
  | { type: 'scan-answered'; response: ScanResponse; at: number }
  | { type: 'work-queued'; label: string; at: number }
  | { type: 'override-chosen'; reason: OverrideReason | null }
  | { type: 'administered'; response: AdministrationResponse; at: number }
  | { type: 'patient-refreshed'; patient: PatientSummary }
  | { type: 'context-ended'; reason: 'timeout' | 'finished' }
  | { type: 'queue-replayed'; results: ReplayResult[]; patient: PatientSummary | null | undefined; at: number }
  | { type: 'dismissed' }
  | { type: 'transfusion'; action: TransfusionAction; at: number }
  | { type: 'device'; action: DeviceAction; at: number };

export const initialNurseState: NurseState = { patient: null, panel: { kind: 'ready' }, lastActivityAt: 0, announcement: null };

export function patientName(patient: PatientSummary): string {
  return `${patient.familyName.toUpperCase()}, ${patient.givenName}`;
}

function announce(before: PatientSummary | null, after: PatientSummary | null): string | null {
  if (after && before?.id !== after.id) return before ? `Patient changed: now ${patientName(after)}` : `Patient identified: ${patientName(after)}`;
  if (!after && before) return `Positive ID ended for ${patientName(before)}`;
  return null;
}

function panelForScan(state: NurseState, response: ScanResponse): Panel {
  const { interpretation, verdict } = response;
  if (!interpretation.ok) return { kind: 'notice', verdict };
  switch (interpretation.scan.kind) {
    case 'product':
      return { kind: 'verdict', productScanEventId: response.eventId, verdict, overrideReason: null };
    case 'staff':
      // A stray badge must not wipe a blood check or device answer (least of all a stop) off the screen.
      if (state.panel.kind === 'transfusion' || state.panel.kind === 'device') return state.panel;
      // A badge scanned while a high-alert dose waits is the witness: the server
      // answers with that dose's verdict again, witnessed (or with why not).
      if (
        state.panel.kind === 'verdict' &&
        state.panel.verdict.witness === 'required' &&
        verdict.witness !== undefined &&
        verdict.prescriptionId === state.panel.verdict.prescriptionId
      ) {
        return { ...state.panel, verdict, overrideReason: null };
      }
      return { kind: 'notice', verdict };
    case 'patient': {
      if (verdict.outcome !== 'match' && verdict.outcome !== 'info') return { kind: 'notice', verdict };
      // The same wristband again (part of the blood check) keeps the bag or device being read.
      const samePatient = state.patient !== null && state.patient.id === response.patient?.id;
      return samePatient && (state.panel.kind === 'transfusion' || state.panel.kind === 'device') ? state.panel : { kind: 'ready' };
    }
    case 'asset':
    case 'location':
    case 'blood':
      return { kind: 'notice', verdict };
    default: {
      const unreachable: never = interpretation.scan;
      return unreachable;
    }
  }
}

export function nurseReducer(state: NurseState, action: NurseAction): NurseState {
  switch (action.type) {
    case 'scan-answered':
      // The server's context is the truth: its patient after this scan is the banner.
      return {
        patient: action.response.patient,
        panel: panelForScan(state, action.response),
        lastActivityAt: action.at,
        announcement: announce(state.patient, action.response.patient),
      };
    case 'work-queued':
      return { ...state, panel: { kind: 'waiting', label: action.label }, lastActivityAt: action.at, announcement: null };
    case 'override-chosen':
      return state.panel.kind === 'verdict' ? { ...state, panel: { ...state.panel, overrideReason: action.reason } } : state;
    case 'administered':
      return {
        ...state,
        panel: { kind: 'given', administration: action.response.administration, replayed: action.response.replayed },
        lastActivityAt: action.at,
        announcement: null,
      };
    case 'patient-refreshed':
      return state.patient?.id === action.patient.id ? { ...state, patient: action.patient } : state;
    case 'context-ended':
      return { patient: null, panel: { kind: 'ended', reason: action.reason }, lastActivityAt: state.lastActivityAt, announcement: announce(state.patient, null) };
    case 'queue-replayed':
      // Replayed pack scans are shown, not opened for confirming: the pack may
      // no longer be in the nurse's hand, so it is scanned again to give it.
      return {
        patient: action.patient === undefined ? state.patient : action.patient,
        panel: { kind: 'replayed', results: action.results },
        lastActivityAt: action.at,
        announcement: action.patient === undefined ? null : announce(state.patient, action.patient),
      };
    case 'dismissed':
      return { ...state, panel: { kind: 'ready' }, announcement: null };
    case 'transfusion': {
      if (!state.patient) return state;
      const flow = transfusionReducer(state.panel.kind === 'transfusion' ? state.panel.flow : null, action.action, state.patient.id);
      return flow ? { ...state, panel: { kind: 'transfusion', flow }, lastActivityAt: action.at, announcement: null } : state;
    }
    case 'device': {
      if (!state.patient) return state;
      const device = deviceReducer(state.panel.kind === 'device' ? state.panel.device : null, action.action, state.patient.id);
      return device ? { ...state, panel: { kind: 'device', device }, lastActivityAt: action.at, announcement: null } : state;
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
