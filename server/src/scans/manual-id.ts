import { interpretScan, MANUAL_ID_REASONS, type Verdict, type ManualIdRequest, type ManualIdResponse, type ScanResponse, type SessionUser, type WardAlert } from '@wardscan/shared';
import { proveSecret, requireWardAccess } from '../auth/service.js';
import { interpretOptions } from '../config.js';
import { patientName } from '../domain/records.js';
import { ApiError, conflict, forbidden, invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { manualIdPolicy } from '../wards/scan-settings.js';
import { summaryOf } from './bedside.js';
import { witnessProblem } from './witness-rules.js';
import { notOnWardCheck, notOnWardOfRecord } from './not-on-ward.js';
import { nhsVerificationChecks } from './patient-checks.js';

/**
 * The fallback when a band will not scan: the nurse chooses the patient from
 * the ward list with a coded reason. The ward's policy decides: blocked
 * (reprint the band), with a second nurse's badge and PIN, or allowed. The
 * identification is recorded as 'manual' (every later check warns, and
 * compliance counts it as not scanned), audited, and alerted to the ward's
 * managers as a warning.
 */
export async function identifyManually(
  deps: Pick<AppDeps, 'repos' | 'config' | 'durable' | 'tellAccountLocked'>,
  user: SessionUser,
  request: ManualIdRequest,
  clientIp: string,
): Promise<{ response: ManualIdResponse; alerts: WardAlert[] }> {
  const { repos, config, durable } = deps;
  if (user.role !== 'nurse') throw forbidden('Only nurses identify patients at the bedside.');
  const patient = repos.patients.byId(request.patientId);
  if (!patient) throw notFound('Patient');
  requireWardAccess(user, patient.wardId, 'nurse');
  // Chosen by id, not from a band: a record on no ward (discharged, deceased, merged) is refused in the band's own words.
  const standing = repos.patients.standingById(patient.id);
  const away = standing ? notOnWardOfRecord(repos, standing) : null;
  if (away) throw conflict(notOnWardCheck(away).message, 'patientId');
  const policy = manualIdPolicy(repos, patient.wardId);
  if (policy === 'blocked') throw forbidden('This ward does not allow choosing a patient from the list: reprint the wristband and scan it.');
  let secondNurse: { id: string; name: string } | null = null;
  if (policy === 'second-nurse') {
    if (!request.secondNurse) throw invalid('secondNurse: a second nurse confirms with their badge and PIN on this ward.', 'secondNurse');
    const badge = interpretScan(request.secondNurse.badge, interpretOptions(config));
    if (!badge.ok || badge.scan.kind !== 'staff') throw invalid('secondNurse: this is not a staff badge.', 'secondNurse');
    const problem = witnessProblem(repos.staff.byBadge(badge.scan.gsrn), user);
    if (problem) throw new ApiError('FORBIDDEN', problem.replace('witness a dose', 'confirm an identification').replace('The witness', 'The second nurse'), 'secondNurse');
    const { staff } = await proveSecret(deps, { badge: request.secondNurse.badge, pin: request.secondNurse.pin }, clientIp, 'Witness check');
    secondNurse = { id: staff.id, name: staff.name };
  }
  return durable.write(() =>
    repos.transaction(() => {
      const now = config.now();
      const earlier = repos.scans.get(request.eventId);
      if (earlier) {
        if (earlier.staffId !== user.id || earlier.patientId !== patient.id) throw conflict('This eventId was already used for something else.', 'eventId');
        const { patient: shown, verdict } = earlier.response;
        if (!shown) throw conflict('This eventId was already used for something else.', 'eventId');
        return { response: { eventId: request.eventId, patient: shown, verdict, replayed: true }, alerts: [] };
      }
      const reason = MANUAL_ID_REASONS[request.reason];
      const who = `${patientName(patient)}, chosen from the ward list (${reason.toLowerCase()})${secondNurse ? `, confirmed by ${secondNurse.name}` : ''}`;
      const verdict = {
        outcome: 'warning' as const,
        title: `${who}. Confirm name and date of birth with the patient, and replace the wristband.`,
        checks: [{ rule: 'keyed-patient-id', outcome: 'warning', message: `Not identified by scanning: ${reason}.` }, ...nhsVerificationChecks(patient)],
      } satisfies Verdict;
      const warned = verdict.checks.map((c) => c.rule);
      const summary = summaryOf({ repos, config, user, now }, patient);
      const response: ManualIdResponse = { eventId: request.eventId, patient: summary, verdict, replayed: false };
      const at = now.toISOString();
      const raw = `manual:${patient.id}`;
      // Kept as the scan record of the identification, in the shape every scan has (no barcode was read).
      const record: ScanResponse = { eventId: request.eventId, interpretation: { ok: true, scan: { kind: 'patient', nhsNumber: patient.nhsNumber }, symbology: null, raw }, patient: summary, verdict, replayed: false };
      repos.scans.insert({
        eventId: request.eventId,
        deviceId: request.deviceId,
        staffId: user.id,
        wardId: patient.wardId,
        patientId: patient.id,
        source: 'keyboard',
        raw,
        kind: 'patient',
        outcome: 'warning',
        failedRules: warned,
        prescriptionId: null,
        productId: null,
        slotAt: null,
        patientIdMethod: 'manual',
        witnessStaffId: secondNurse?.id ?? null,
        response: record,
        scannedAt: at,
        capturedAt: at,
        recordedAt: at,
      });
      repos.contexts.set({ deviceId: request.deviceId, staffId: user.id, patientId: patient.id, method: 'manual', identifiedByEventId: request.eventId, identifiedAt: at, lastActivityAt: at, pendingProductEventId: null });
      repos.audit.append(
        {
          type: 'manual-id',
          wardId: patient.wardId,
          patientId: patient.id,
          userId: user.id,
          deviceId: request.deviceId,
          eventId: request.eventId,
          outcome: 'warning',
          rules: warned,
          summary: `Manual identification: ${who}`,
          detail: { reason: request.reason, policy, ...(secondNurse ? { secondNurseId: secondNurse.id } : {}) },
        },
        now,
      );
      const alert: WardAlert = {
        kind: 'warning',
        wardId: patient.wardId,
        at,
        eventId: request.eventId,
        deviceId: request.deviceId,
        userId: user.id,
        userName: user.name,
        patientId: patient.id,
        patientName: patientName(patient),
        bedLabel: patient.bedLabel,
        rules: warned,
        message: `${user.name} identified ${who}.`,
        overrideReason: null,
      };
      return { response, alerts: [alert] };
    }),
  );
}
