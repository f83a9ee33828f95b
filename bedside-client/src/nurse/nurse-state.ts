import {
  looksLikeWristband,
  NO_POSITIVE_ID,
  positiveIdReducer,
  shownPatientId,
  type Administration,
  type AdministrationResponse,
  type OverrideReason,
  type PatientSummary,
  type PositiveId,
  type ScanRequest,
  type ScanResponse,
  type Verdict,
} from '@wardscan/shared';

type Named = Pick<PatientSummary, 'id' | 'familyName' | 'givenName'>;

/** A patient as the handheld's signed ward list holds them: who, never their chart. */
export type ListedPatient = Pick<PatientSummary, 'id' | 'nhsNumber' | 'familyName' | 'givenName' | 'birthDate' | 'bedLabel'>;
import { deviceReducer, type DeviceAction, type DeviceFlow } from '../equipment/device-state.js';
import { transfusionReducer, type TransfusionAction, type TransfusionFlow } from '../transfusion/transfusion-state.js';

/** What fills the screen under the patient banner. */
export type Panel =
  | { kind: 'ready' }
  /** A wristband was read and the server has not answered yet: nobody's name or chart is shown. */
  | { kind: 'identifying' }
  /** A pack was checked: the verdict screen. */
  | {
      kind: 'verdict';
      productScanEventId: string;
      verdict: Verdict;
      overrideReason: OverrideReason | null;
      indication: string;
      /** For a range order: the dose the nurse typed or picked, in the range's unit (checked before it is sent). */
      chosenDose: string;
      /** A witness's badge, scanned for this dose: their PIN is asked next. */
      witnessBadge: string | null;
    }
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
  /** Positive ID as the shared state machine keeps it (shared/src/bedside/positive-id.ts). */
  id: PositiveId;
  /** The server's record of the identified patient; non-null only while `id` identifies that patient. */
  patient: PatientSummary | null;
  /** Offline only: the patient as the handheld's signed ward list identified them (no chart, no allergies). */
  listedPatient: ListedPatient | null;
  /** While a band is identified: the patient it took off the screen, so the answer can say "changed". */
  replacing: Named | null;
  panel: Panel;
  /** ms since epoch of the last scan or administration, for the context timeout. */
  lastActivityAt: number;
  /** Spoken by screen readers and shown once: patient changes. */
  announcement: string | null;
}

export type NurseAction =
  /** A wristband was read on this handheld: the old patient goes before anything else happens. */
  | { type: 'band-captured'; eventId: string; listed: ListedPatient | null; at: number }
  /** Offline: the handheld's signed ward list identified the band being identified. */
  | { type: 'band-listed'; eventId: string; listed: ListedPatient; at: number }
  /** The band would not scan: the server accepted the patient chosen from the ward list (a manual identification). */
  | { type: 'manually-identified'; eventId: string; patient: PatientSummary; verdict: Verdict; at: number }
  /** A barcode that looked like a wristband did not read. */
  | { type: 'band-unreadable'; eventId: string; at: number }
  | { type: 'scan-answered'; request: ScanRequest; response: ScanResponse; at: number }
  | { type: 'work-queued'; label: string; eventId: string; at: number }
  | { type: 'override-chosen'; reason: OverrideReason | null }
  /** A witness scanned their badge for the dose on screen. */
  | { type: 'witness-badge'; raw: string | null }
  /** The server accepted the witness's badge and PIN: the verdict, witnessed. */
  | { type: 'witnessed'; productScanEventId: string; verdict: Verdict }
  /** What an as-needed dose is for, as the nurse types it. */
  | { type: 'indication-typed'; text: string }
  | { type: 'dose-chosen'; text: string }
  | { type: 'administered'; response: AdministrationResponse; at: number }
  | { type: 'patient-refreshed'; patient: PatientSummary }
  | { type: 'context-ended'; reason: 'timeout' | 'finished' }
  | { type: 'queue-replayed'; results: ReplayResult[]; answers: Array<{ request: ScanRequest; response: ScanResponse }>; at: number }
  | { type: 'dismissed' }
  | { type: 'transfusion'; action: TransfusionAction; at: number }
  | { type: 'device'; action: DeviceAction; at: number };

export const initialNurseState: NurseState = { id: NO_POSITIVE_ID, patient: null, listedPatient: null, replacing: null, panel: { kind: 'ready' }, lastActivityAt: 0, announcement: null };

export function patientName(patient: Pick<PatientSummary, 'familyName' | 'givenName'>): string {
  return `${patient.familyName.toUpperCase()}, ${patient.givenName}`;
}

function announce(before: Named | null, after: Named | null): string | null {
  if (after && before?.id !== after.id) return before ? `Patient changed: now ${patientName(after)}` : `Patient identified: ${patientName(after)}`;
  if (!after && before) return `Positive ID ended for ${patientName(before)}`;
  return null;
}

const shownOf = (state: NurseState): Named | null => state.patient ?? state.listedPatient;
/** Who was on screen before the band now being identified (or now, if none is). */
const lastShown = (state: NurseState): Named | null => shownOf(state) ?? state.replacing;

/** Whether a scan's answer is about a wristband (read or not), so it decides the identification. */
function isBandAnswer(response: ScanResponse): boolean {
  const { interpretation } = response;
  return interpretation.ok ? interpretation.scan.kind === 'patient' : looksLikeWristband(interpretation.raw);
}

/**
 * The server's answer fed to the positive-ID machine. The patient record is
 * taken from the answer only when it is the patient the machine identifies
 * now: an answer to a band since replaced, or to a pack bound to it, never
 * puts anyone on screen.
 */
type Identity = Pick<NurseState, 'id' | 'patient' | 'listedPatient' | 'replacing'>;

function identityAfterAnswer(state: NurseState, request: ScanRequest, response: ScanResponse): Identity {
  let id = state.id;
  if (isBandAnswer(response)) {
    id = positiveIdReducer(id, { type: 'band-answered', eventId: request.eventId, patientId: response.patient?.id ?? null });
  } else if (response.patient === null && request.identificationEventId) {
    id = positiveIdReducer(id, { type: 'server-lost', bandEventId: request.identificationEventId });
  }
  const replacing = id.kind === 'identifying' ? state.replacing : null;
  const shown = shownPatientId(id);
  if (shown === null) return { id, patient: null, listedPatient: null, replacing };
  const patient = response.patient?.id === shown ? response.patient : state.patient?.id === shown ? state.patient : null;
  return { id, patient, listedPatient: patient ? null : state.listedPatient?.id === shown ? state.listedPatient : null, replacing };
}

function panelForScan(state: NurseState, response: ScanResponse): Panel {
  const { interpretation, verdict } = response;
  if (!interpretation.ok) return { kind: 'notice', verdict };
  switch (interpretation.scan.kind) {
    case 'product':
      return { kind: 'verdict', productScanEventId: response.eventId, verdict, overrideReason: null, indication: '', chosenDose: '', witnessBadge: null };
    case 'staff':
      // A stray badge never wipes a verdict (least of all a witnessed one), a blood check or a device answer off the screen.
      if (state.panel.kind === 'transfusion' || state.panel.kind === 'device' || state.panel.kind === 'verdict') return state.panel;
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
    case 'band-captured': {
      const id = positiveIdReducer(state.id, { type: 'band-scanned', eventId: action.eventId, localPatientId: action.listed?.id ?? null });
      const before = lastShown(state);
      return {
        id,
        patient: null,
        listedPatient: action.listed,
        replacing: action.listed ? null : before,
        panel: action.listed ? { kind: 'ready' } : { kind: 'identifying' },
        lastActivityAt: action.at,
        announcement: action.listed ? announce(before, action.listed) : before ? `Identifying the wristband: ${patientName(before)} is no longer shown` : null,
      };
    }
    case 'band-listed':
      // Only for the band still being identified: a later band has already replaced it otherwise.
      if (state.id.kind !== 'identifying' || state.id.bandEventId !== action.eventId) return state;
      return {
        ...state,
        id: positiveIdReducer(state.id, { type: 'band-scanned', eventId: action.eventId, localPatientId: action.listed.id }),
        listedPatient: action.listed,
        replacing: null,
        panel: state.panel.kind === 'identifying' ? { kind: 'ready' } : state.panel,
        announcement: announce(state.replacing, action.listed),
      };
    case 'manually-identified': {
      // The identification event stands where a band scan would: later packs are bound to it.
      const reading = positiveIdReducer(state.id, { type: 'band-scanned', eventId: action.eventId, localPatientId: null });
      const id = positiveIdReducer(reading, { type: 'band-answered', eventId: action.eventId, patientId: action.patient.id });
      return {
        id,
        patient: action.patient,
        listedPatient: null,
        replacing: null,
        panel: { kind: 'notice', verdict: action.verdict },
        lastActivityAt: action.at,
        announcement: announce(lastShown(state), action.patient),
      };
    }
    case 'band-unreadable':
      return {
        ...state,
        id: positiveIdReducer(state.id, { type: 'band-unreadable', eventId: action.eventId }),
        patient: null,
        listedPatient: null,
        replacing: null,
        lastActivityAt: action.at,
        announcement: announce(lastShown(state), null),
      };
    case 'scan-answered': {
      const identity = identityAfterAnswer(state, action.request, action.response);
      return {
        ...identity,
        panel: panelForScan(state, action.response),
        lastActivityAt: action.at,
        announcement: announce(lastShown(state), identity.patient ?? identity.listedPatient),
      };
    }
    case 'work-queued':
      // The band being identified, waiting to be sent, keeps saying "identifying…" with nobody's name.
      return state.id.kind === 'identifying' && state.id.bandEventId === action.eventId
        ? { ...state, lastActivityAt: action.at }
        : { ...state, panel: { kind: 'waiting', label: action.label }, lastActivityAt: action.at, announcement: null };
    case 'override-chosen':
      return state.panel.kind === 'verdict' ? { ...state, panel: { ...state.panel, overrideReason: action.reason } } : state;
    case 'witness-badge':
      return state.panel.kind === 'verdict' ? { ...state, panel: { ...state.panel, witnessBadge: action.raw } } : state;
    case 'witnessed':
      return state.panel.kind === 'verdict' && state.panel.productScanEventId === action.productScanEventId
        ? { ...state, panel: { ...state.panel, verdict: action.verdict, witnessBadge: null } }
        : state;
    case 'indication-typed':
      return state.panel.kind === 'verdict' ? { ...state, panel: { ...state.panel, indication: action.text } } : state;
    case 'dose-chosen':
      return state.panel.kind === 'verdict' ? { ...state, panel: { ...state.panel, chosenDose: action.text } } : state;
    case 'administered':
      return {
        ...state,
        panel: { kind: 'given', administration: action.response.administration, replayed: action.response.replayed },
        lastActivityAt: action.at,
        announcement: null,
      };
    case 'patient-refreshed':
      return shownPatientId(state.id) === action.patient.id ? { ...state, patient: action.patient, listedPatient: null } : state;
    case 'context-ended':
      return {
        id: positiveIdReducer(state.id, { type: 'ended', reason: action.reason }),
        patient: null,
        listedPatient: null,
        replacing: null,
        panel: { kind: 'ended', reason: action.reason },
        lastActivityAt: state.lastActivityAt,
        announcement: announce(lastShown(state), null),
      };
    case 'queue-replayed': {
      // Replayed pack scans are shown, not opened for confirming: the pack may
      // no longer be in the nurse's hand, so it is scanned again to give it.
      let identity: Identity = state;
      for (const { request, response } of action.answers) identity = identityAfterAnswer({ ...state, ...identity }, request, response);
      return {
        ...identity,
        panel: { kind: 'replayed', results: action.results },
        lastActivityAt: action.at,
        announcement: announce(lastShown(state), identity.patient ?? identity.listedPatient),
      };
    }
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
