import { looksLikeWristband, packBinding, UNREADABLE_WRISTBAND, type Interpretation, type LocationScan, type PatientScan, type ProductScan, type ScanSource, type StaffScan, type Verdict } from '@wardscan/shared';
import { contextState, type ContextState, type DeviceContext, type IdMethod } from '../devices/context-repository.js';
import { patientName, type PatientRecord } from '../domain/records.js';
import { identifyPatient, idMethodOf } from './patient-checks.js';
import { notOnWardOf } from './not-on-ward.js';
import { plainNhsNumberPolicy } from '../wards/scan-settings.js';
import { checkProduct } from './product-checks.js';
import { witnessProblem } from './witness-rules.js';
import { chartOf, timingFor, type BedsideEnv, type Chart } from './bedside.js';
import { equipmentKeyOf } from '../equipment/domain.js';
import { wardDate } from '../domain/ward-time.js';
import { resolveProduct, shiftStart } from './resolve-product.js';

const DAY = 24 * 60 * 60 * 1000;

/** What a scan changes at the bedside, decided before anything is written. */
export type ContextChange =
  | { readonly kind: 'set'; readonly patient: PatientRecord; readonly method: IdMethod }
  | { readonly kind: 'touch'; readonly pendingProductEventId: string | null }
  | { readonly kind: 'clear' }
  | { readonly kind: 'keep' };

export interface ScanDecision {
  readonly verdict: Verdict;
  /** The patient in the device's context after this scan. */
  readonly patient: PatientRecord | null;
  readonly wardId: string | null;
  readonly change: ContextChange;
  readonly productId?: string;
  /** The scanned pack's GTIN, so an administration can find the pack again. */
  readonly gtin?: string;
  readonly slotAt?: Date | null;
  /** A staff badge scan (its verdict is informational or the pending product's). */
  readonly isBadge?: boolean;
  /** The patient's chart the checks read, reused for the banner in the same transaction. */
  readonly chart?: Chart;
  /** A catalogue device scanned with its serial: its key, for linking it to the patient. */
  readonly equipmentKey?: string;
}

const stop = (rule: Verdict['checks'][number]['rule'], message: string): Verdict => ({
  outcome: 'stop',
  title: `Stop: ${message}`,
  checks: [{ rule, outcome: 'stop', message }],
});

function activePatient(env: BedsideEnv, state: ContextState): PatientRecord | null {
  return state.kind === 'active' ? (env.repos.patients.byId(state.context.patientId) ?? null) : null;
}

function onPatient(env: BedsideEnv, scan: PatientScan, source: ScanSource): ScanDecision {
  const byGsrn = scan.gsrn ? env.repos.patients.byWristbandGsrn(scan.gsrn) : undefined;
  const byNhs = scan.nhsNumber ? env.repos.patients.byNhsNumber(scan.nhsNumber) : undefined;
  const found = byGsrn ?? byNhs;
  // A band that found no one, or found the record its own was merged into: say why its patient is on no ward.
  const elsewhere = !found || (scan.gsrn ? found.wristbandGsrn !== scan.gsrn : found.nhsNumber !== scan.nhsNumber);
  const result = identifyPatient({
    notOnWard: elsewhere ? notOnWardOf(env.repos, scan) : null,
    scan,
    source,
    found,
    conflicting: byGsrn && byNhs && byGsrn.id !== byNhs.id ? byNhs : undefined,
    nurseWardId: env.user.wardId,
    allowKeyedPatientId: env.config.allowKeyedPatientId,
    plainNhsNumber: plainNhsNumberPolicy(env.repos, env.config, env.user.wardId),
  });
  if (!result.identified) {
    // A failed identification ends any earlier one: the nurse is at another bedside now.
    return { verdict: result.verdict, patient: null, wardId: found?.wardId ?? env.user.wardId, change: { kind: 'clear' } };
  }
  return {
    verdict: result.verdict,
    patient: result.identified,
    wardId: result.identified.wardId,
    change: { kind: 'set', patient: result.identified, method: idMethodOf(scan, source) },
  };
}

function noPatientMessage(env: BedsideEnv, state: ContextState, identificationEventId: string | null | undefined): string {
  if (state.kind === 'active' && packBinding(state.context.identifiedByEventId, identificationEventId) === 'superseded') {
    return 'This pack was scanned for an earlier wristband scan, not the patient identified now. Nothing was checked: scan the wristband, then the pack again.';
  }
  if (state.kind === 'expired') {
    const p = env.repos.patients.byId(state.context.patientId);
    return `The positive ID${p ? ` of ${patientName(p)}` : ''} ended after ${Math.round(env.config.patientContextSeconds / 60)} idle minutes. Scan the wristband again.`;
  }
  return "Scan the patient's wristband first, then the pack.";
}

function onProduct(env: BedsideEnv, scan: ProductScan, request: ScanQuestion, state: ContextState): ScanDecision {
  const { eventId, prescriptionId: chosenPrescriptionId, identificationEventId } = request;
  const patient = activePatient(env, state);
  if (!patient || state.kind !== 'active' || packBinding(state.context.identifiedByEventId, identificationEventId) !== 'current') {
    // No identification, or not the one the handheld scanned this pack for: check nothing, show nobody.
    return { verdict: stop('patient-not-identified', noPatientMessage(env, state, identificationEventId)), patient: null, wardId: env.user.wardId, change: { kind: 'keep' } };
  }
  const base = { patient, wardId: patient.wardId };
  const local = env.repos.products.byGtin(scan.gtin);
  if (local?.kind === 'device') {
    // A UDI (GTIN + serial) names one device, which can be linked to the patient; a GTIN alone names only the model.
    const key = equipmentKeyOf(scan);
    const title = key.ok
      ? `${local.name} (device, serial ${scan.serial}): link it to the patient for the infusion.`
      : `${local.name} (device): its barcode has no serial number, so it cannot be linked. Scan its asset tag.`;
    return {
      ...base,
      productId: local.id,
      verdict: { outcome: 'info', title, checks: [{ rule: 'right-patient', outcome: 'pass', message: `${patientName(patient)}, identified by wristband.` }] },
      change: { kind: 'touch', pendingProductEventId: null },
      ...(key.ok ? { equipmentKey: key.key } : {}),
    };
  }
  const timing = timingFor(env, patient.wardId);
  const product = resolveProduct(env, scan.gtin, wardDate(env.now, timing.timeZone), local);
  if (!product) {
    return {
      ...base,
      verdict: stop('unknown-product', `Product ${scan.gtin} is neither in dm+d nor in the pharmacy catalogue. Do not give; ask pharmacy.`),
      change: { kind: 'touch', pendingProductEventId: null },
    };
  }
  const chart = chartOf(env, patient.id);
  const { prescriptions, pastDoses } = chart;
  const result = checkProduct({
    ...timing,
    patient,
    scan,
    product,
    recalls: env.repos.products.activeRecalls(scan.gtin),
    prescriptions,
    held: env.repos.prescriptions.heldRecords(patient.id, env.now),
    pastDoses,
    identifiedBy: state.context.method,
    history: env.repos.medicationHistory.givenSince(patient.id, new Date(env.now.getTime() - DAY)),
    allergyStatusAskedThisShift: env.repos.administrations.anyForPatientSince(patient.id, shiftStart(env.now, timing.timeZone)),
    chosenPrescriptionId,
    vmpOfAmp: env.repos.dmd.vmpOfAmp,
    vtmOfVmp: env.repos.dmd.vtmOfVmp,
  });
  return { ...base, chart, ...(product.productId ? { productId: product.productId } : {}), gtin: scan.gtin, slotAt: result.slotAt, verdict: result.verdict, change: { kind: 'touch', pendingProductEventId: eventId } };
}

function onStaff(env: BedsideEnv, scan: StaffScan, state: ContextState): ScanDecision {
  const badge = env.repos.staff.byBadge(scan.gsrn);
  const patient = activePatient(env, state);
  const pendingId = state.kind === 'active' ? state.context.pendingProductEventId : null;
  const pending = pendingId ? env.repos.scans.get(pendingId) : undefined;
  const base = { patient, wardId: patient?.wardId ?? env.user.wardId, change: { kind: 'keep' } as const };
  if (!pending || pending.response.verdict.witness !== 'required') {
    return { ...base, verdict: { outcome: 'info', title: badge ? `Badge of ${badge.name}: nothing needs a witness now.` : 'Staff badge not recognised.', checks: [] } };
  }
  // A badge alone never witnesses: the witness also enters their PIN (POST /api/witnesses).
  const problem = witnessProblem(badge, env.user);
  const message = problem ?? `Badge of ${badge?.name ?? 'the witness'} read: they enter their PIN on this handheld to witness the dose.`;
  const verdict = pending.response.verdict;
  return { ...base, verdict: { ...verdict, checks: verdict.checks.map((c) => (c.rule === 'high-alert-witness' ? { ...c, message } : c)), title: message } };
}

function onLocation(env: BedsideEnv, scan: LocationScan, state: ContextState): ScanDecision {
  const bed = env.repos.wards.bedByGln(scan.gln);
  const patient = activePatient(env, state);
  // Only a live identification is kept alive: a scan must never bring back one that has timed out.
  const change: ContextChange = state.kind === 'active' ? { kind: 'touch', pendingProductEventId: state.context.pendingProductEventId } : { kind: 'keep' };
  const base = { patient, wardId: bed?.wardId ?? patient?.wardId ?? env.user.wardId, change };
  if (!bed) {
    return { ...base, verdict: { outcome: 'warning', title: 'This location is not a bed on record.', checks: [{ rule: 'wrong-bed', outcome: 'warning', message: `Location ${scan.gln} is not a bed on record: tell the ward clerk.` }] } };
  }
  if (!patient) {
    const occupant = env.repos.wards.get(bed.wardId)?.beds.find((b) => b.id === bed.id)?.patientId;
    const who = occupant ? env.repos.patients.byId(occupant) : undefined;
    return {
      ...base,
      change: { kind: 'keep' },
      verdict: { outcome: 'info', title: `${bed.label}${who ? `: ${patientName(who)} is recorded here` : ''}. Scan the wristband to identify the patient.`, checks: [] },
    };
  }
  return patient.bedId === bed.id
    ? { ...base, verdict: { outcome: 'match', title: `${patientName(patient)} is in ${bed.label}.`, checks: [{ rule: 'wrong-bed', outcome: 'pass', message: `${patientName(patient)} is recorded in ${bed.label}.` }] } }
    : {
        ...base,
        verdict: {
          outcome: 'warning',
          title: `${bed.label} is not ${patientName(patient)}'s bed.`,
          checks: [{ rule: 'wrong-bed', outcome: 'warning', message: `${patientName(patient)} is recorded in ${patient.bedLabel ?? 'no bed'}, not ${bed.label}. Check the wristband and tell the ward clerk.` }],
        },
      };
}

/** What to do with a blood label or device tag sent as a plain scan (the handheld sends them to their own checks once a patient is identified). */
function nextStepFor(what: 'device' | 'blood', patientIdentified: boolean): string {
  if (what === 'device') {
    return patientIdentified
      ? 'devices are linked through the equipment check (POST /api/equipment/assign), not as a scan.'
      : 'scan the patient’s wristband first, then the device, to link it to the patient.';
  }
  return patientIdentified
    ? 'blood is checked through the transfusion check (POST /api/transfusions/check), not as a scan. Nothing was checked.'
    : 'scan the patient’s wristband first, then every label on the bag, for the bedside transfusion check. Nothing was checked.';
}

/** What the handheld asked, as the decision needs it. */
export interface ScanQuestion {
  readonly eventId: string;
  readonly interpretation: Interpretation;
  readonly source: ScanSource;
  /** The order the nurse chose, for a pack that fits several. */
  readonly prescriptionId?: string;
  /** The band scan this pack followed on the handheld (see `packBinding`). */
  readonly identificationEventId?: string | null;
}

function onUnreadable(env: BedsideEnv, interpretation: Extract<Interpretation, { ok: false }>, state: ContextState): ScanDecision {
  if (looksLikeWristband(interpretation.raw)) {
    // A band that does not read ends the positive ID: the nurse may be at another bedside.
    // Plain words first; why it failed (in GS1 terms for a GS1 band) last, for whoever reprints it.
    const { message: said, detail } = interpretation.error;
    // A scanner that sent no GS: the band is most likely fine, and the message says to set up the scanner, not to
    // replace it. Its own rule, so the ward's stops by rule show the handhelds whose scanners need setting up.
    if (interpretation.error.cause === 'scanner-left-out-gs') {
      return { verdict: stop('scanner-sent-no-gs', `${said}${detail ? ` Detail: ${detail}` : ''}`), patient: null, wardId: env.user.wardId, change: { kind: 'clear' } };
    }
    const why = said.startsWith(UNREADABLE_WRISTBAND) ? detail : said;
    const message = `${UNREADABLE_WRISTBAND}, so nobody is identified: scan it again, and if it still fails, reprint or replace the wristband.${why ? ` Detail: ${why}` : ''}`;
    return { verdict: stop('unreadable-barcode', message), patient: null, wardId: env.user.wardId, change: { kind: 'clear' } };
  }
  return { verdict: stop('unreadable-barcode', interpretation.error.message), patient: activePatient(env, state), wardId: env.user.wardId, change: { kind: 'keep' } };
}

/** Decides what a scan means at this bedside now, given this nurse's stored context on the device. Reads only; the caller writes. */
export function decideScan(env: BedsideEnv, context: DeviceContext | undefined, request: ScanQuestion): ScanDecision {
  const state = contextState(context, env.now, env.config.patientContextSeconds);
  const { interpretation } = request;
  if (!interpretation.ok) return onUnreadable(env, interpretation, state);
  const scan = interpretation.scan;
  switch (scan.kind) {
    case 'patient':
      return onPatient(env, scan, request.source);
    case 'product':
      return onProduct(env, scan, request, state);
    case 'staff':
      return { ...onStaff(env, scan, state), isBadge: true };
    case 'location':
      return onLocation(env, scan, state);
    // Blood and devices have their own checks (transfusion and equipment routes); a scan here only says where to go.
    case 'asset':
      return { verdict: { outcome: 'info', title: `Equipment ${scan.giai}: ${nextStepFor('device', activePatient(env, state) !== null)}`, checks: [] }, patient: activePatient(env, state), wardId: env.user.wardId, change: { kind: 'keep' } };
    case 'blood':
      return { verdict: { outcome: 'info', title: `Blood unit ${scan.din}: ${nextStepFor('blood', activePatient(env, state) !== null)}`, checks: [] }, patient: activePatient(env, state), wardId: env.user.wardId, change: { kind: 'keep' } };
    default: {
      const never: never = scan;
      return never;
    }
  }
}
