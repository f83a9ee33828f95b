import { randomUUID } from 'node:crypto';
import { OVERRIDE_REASONS, type AdministrationRequest, type AdministrationResponse, type WardAlert } from '@wardscan/shared';
import { contextState } from '../devices/context-repository.js';
import { doseText, patientName } from '../domain/records.js';
import { doseToRecord } from './chosen-dose.js';
import { packOf } from './scanned-pack.js';
import { checkTiming } from '../domain/right-time.js';
import { ApiError, conflict, forbidden, invalid } from '../http/api-error.js';
import { chartOf, timingFor, type BedsideEnv } from '../scans/bedside.js';
import { ingredientAmount } from '../domain/dose.js';
import { captureTime, DOCUMENTED_LATE_AFTER_MS } from '../domain/capture-time.js';
import type { WardChange } from '../http/deps.js';

const DAY = 24 * 60 * 60 * 1000;

export interface AdministrationResult {
  readonly response: AdministrationResponse;
  readonly alerts: readonly WardAlert[];
  /** The chart that changed (absent for a replay). */
  readonly changed?: WardChange;
}

/**
 * Records that a dose was given, acting on a product scan's verdict: a stop
 * can never be recorded, a warning needs a coded override reason, a
 * high-alert dose needs its witness, and the dose must not have been given
 * meanwhile from another handheld. Commits before the caller answers; a
 * retried eventId returns the original record.
 */
export function recordAdministration(env: BedsideEnv, request: AdministrationRequest): AdministrationResult {
  const { repos } = env;
  if (env.user.role !== 'nurse') throw forbidden('Only nurses record doses given.');
  return repos.transaction((): AdministrationResult => {
    const existing = repos.administrations.byEventId(request.eventId);
    if (existing) {
      const same = existing.givenBy === env.user.id && existing.deviceId === request.deviceId &&
        existing.response.administration.productScanEventId === request.productScanEventId;
      if (!same) throw conflict('This eventId was already used for a different administration.', 'eventId');
      return { response: { ...existing.response, replayed: true }, alerts: [] };
    }
    const scan = repos.scans.get(request.productScanEventId);
    if (!scan || scan.staffId !== env.user.id || scan.deviceId !== request.deviceId || scan.kind !== 'product') {
      throw new ApiError('NOT_FOUND', 'No product scan with this productScanEventId from you on this device. Scan the pack.', 'productScanEventId');
    }
    const verdict = scan.response.verdict;
    if (verdict.prescriptionId !== request.prescriptionId) {
      throw conflict('This scan was checked against a different prescription. Scan the pack again.', 'prescriptionId');
    }
    const already = repos.administrations.eventForProductScan(scan.eventId);
    if (already) throw conflict('A dose has already been recorded for this scan. Scan the pack again for another dose.', 'productScanEventId');
    // Judged when the nurse confirmed: a confirmation that waited on the handheld is what it was then.
    const givenAt = captureTime(env.now, request.heldForMs);
    const documentedLate = env.now.getTime() - givenAt.getTime() > DOCUMENTED_LATE_AFTER_MS;
    const state = contextState(repos.contexts.get({ deviceId: request.deviceId, staffId: env.user.id }), givenAt, env.config.patientContextSeconds);
    // A late confirmation stands on its scan's record: the identification may have ended since, by design.
    const identified = state.kind === 'active' && state.context.patientId === scan.patientId;
    if (!identified && !documentedLate) {
      throw conflict("The positive patient ID has ended. Scan the patient's wristband and the pack again.");
    }
    const patientIdMethod = identified ? state.context.method : scan.patientIdMethod;
    if (!patientIdMethod) throw conflict("This pack was not scanned for an identified patient. Scan the patient's wristband and the pack again.");
    if (givenAt.getTime() - new Date(scan.capturedAt).getTime() > env.config.patientContextSeconds * 1000) {
      throw conflict('The pack was scanned too long ago. Scan it again.', 'productScanEventId');
    }
    if (verdict.outcome === 'stop') {
      const reasons = verdict.checks.filter((c) => c.outcome === 'stop').map((c) => c.message).join(' ');
      throw conflict(`A stop cannot be recorded as given. ${reasons}`);
    }
    if (verdict.witness === 'required' || (verdict.witness === 'done' && !scan.witnessStaffId)) {
      throw conflict('High-alert drug: a second nurse must scan their badge before the dose is recorded.');
    }
    // Warnings other than a completed witness need a coded reason (DOMAIN: every override coded).
    const warnings = verdict.checks.filter((c) => c.outcome === 'warning');
    if (warnings.length > 0 && !request.overrideReason) {
      throw invalid(`Give a reason to proceed past: ${warnings.map((w) => w.message).join(' ')}`, 'overrideReason');
    }
    const prescription = repos.prescriptions.byId(request.prescriptionId);
    if (!prescription || prescription.patientId !== scan.patientId) throw conflict('The prescription is no longer on this patient’s chart.', 'prescriptionId');
    const active = chartOf(env, prescription.patientId);
    // A dose confirmed when the order was in force was given: if the confirmation reaches the server only
    // after the order stopped or went on hold, it is recorded all the same and the ward manager is told.
    const inForce = active.prescriptions.some((p) => p.id === prescription.id);
    if (!inForce && !documentedLate) throw conflict('The prescription has stopped. Do not give.', 'prescriptionId');
    const pastDoses = active.pastDoses.get(prescription.id) ?? repos.prescriptions.pastDoses(prescription.id, new Date(env.now.getTime() - 2 * DAY));
    // The dose given: the order's own, or the one the nurse chose within its range (issue 13).
    const dosing = doseToRecord({
      prescription,
      chosen: request.chosenDose,
      pack: prescription.dose.kind === 'range' ? packOf(env, scan.response, givenAt) : null,
      history: repos.medicationHistory.givenSince(prescription.patientId, new Date(givenAt.getTime() - DAY)),
      now: givenAt,
    });
    if (!dosing.ok) throw dosing.kind === 'invalid' ? invalid(dosing.message, dosing.field) : conflict(dosing.message, dosing.field);
    if (dosing.range?.caution && !request.overrideReason) throw invalid(`Give a reason to proceed past: ${dosing.range.caution}`, 'overrideReason');
    // Someone may have given it from another handheld since the scan. A confirmation documented late is
    // recorded all the same (the dose was given), and the possible double dose goes to the ward manager.
    const timing = checkTiming(prescription, pastDoses, { ...timingFor(env, scan.wardId), now: givenAt }, dosing.doseGiven);
    const newStop = timing.checks.find((c) => c.outcome === 'stop');
    if (newStop && !documentedLate) throw conflict(newStop.message);
    const lateConflict = newStop && documentedLate ? newStop : undefined;

    const patient = repos.patients.byId(prescription.patientId);
    if (!patient) throw conflict('Patient not found.');
    // An as-needed dose is given for a reason, which its review follows up.
    if (prescription.schedule.kind === 'prn' && !request.indication) {
      throw invalid('Say what this as-needed dose is for (e.g. "pain 6/10").', 'indication');
    }
    const indication = prescription.schedule.kind === 'prn' ? (request.indication ?? null) : null;
    const overrideReason = warnings.length > 0 || dosing.range?.caution ? (request.overrideReason ?? null) : null;
    const response: AdministrationResponse = {
      eventId: request.eventId,
      replayed: false,
      administration: {
        id: randomUUID(),
        eventId: request.eventId,
        prescriptionId: prescription.id,
        patientId: patient.id,
        productScanEventId: scan.eventId,
        givenAt: givenAt.toISOString(),
        documentedAt: env.now.toISOString(),
        documentedLate,
        givenBy: env.user.id,
        witnessedBy: scan.witnessStaffId,
        overrideReason,
        doseText: dosing.range ? dosing.range.doseText : verdict.doseToGive ? `${verdict.doseToGive.text}, ${prescription.route}` : doseText(prescription),
        doseGiven: dosing.doseGiven,
        indication,
      },
    };
    repos.administrations.insert({
      administration: response.administration,
      wardId: patient.wardId,
      deviceId: request.deviceId,
      slotAt: scan.slotAt,
      patientIdMethod,
      response,
    });
    repos.medicationHistory.record(response.administration.id, patient.id, response.administration.givenAt, dosing.range ? dosing.range.ingredients : (verdict.ingredients ?? []).map(ingredientAmount));
    repos.contexts.touch({ deviceId: request.deviceId, staffId: env.user.id }, givenAt.toISOString(), null);
    const failed = [...new Set(warnings.map((w) => w.rule))];
    const common = { wardId: patient.wardId, patientId: patient.id, userId: env.user.id, deviceId: request.deviceId, eventId: request.eventId };
    repos.audit.append(
      {
        ...common,
        type: 'administration',
        outcome: verdict.outcome,
        rules: failed,
        summary: `Given: ${response.administration.doseText} ${prescription.drug} to ${patientName(patient)}`,
        detail: {
          prescriptionId: prescription.id,
          productScanEventId: scan.eventId,
          witnessedBy: scan.witnessStaffId,
          patientIdMethod,
          slotAt: scan.slotAt,
          givenAt: response.administration.givenAt,
          ...(documentedLate ? { documentedLate: true } : {}),
          ...(lateConflict ? { conflictOnArrival: lateConflict.message } : {}),
          ...(inForce ? {} : { orderNotInForceOnArrival: true }),
        },
      },
      env.now,
    );
    // Both alerts this can raise are about the same dose, patient and nurse.
    const alertOf = (kind: WardAlert['kind'], rules: WardAlert['rules'], message: string, reason: WardAlert['overrideReason']): WardAlert => ({
      kind,
      wardId: patient.wardId,
      at: env.now.toISOString(),
      eventId: request.eventId,
      deviceId: request.deviceId,
      userId: env.user.id,
      userName: env.user.name,
      patientId: patient.id,
      patientName: patientName(patient),
      bedLabel: patient.bedLabel,
      rules,
      message,
      overrideReason: reason,
    });
    const late = (what: string) => `Documented late by ${env.user.name} (given ${response.administration.givenAt}): ${what}`;
    const alerts: WardAlert[] = [
      ...(lateConflict ? [alertOf('stop', [lateConflict.rule], late(`${lateConflict.message} Check for a double dose.`), null)] : []),
      ...(inForce ? [] : [alertOf('warning', [], late(`the order for ${prescription.drug} is no longer in force (stopped or on hold since). Check the dose was still wanted.`), null)]),
    ];
    const changed = { wardId: patient.wardId, patientId: patient.id };
    if (!overrideReason) return { response, alerts, changed };
    repos.audit.append(
      {
        ...common,
        type: 'override',
        outcome: 'warning',
        rules: failed,
        summary: `Override (${OVERRIDE_REASONS[overrideReason]}): ${warnings.map((w) => w.message).join(' ')}`,
        detail: { overrideReason, prescriptionId: prescription.id, productScanEventId: scan.eventId, warnings },
      },
      env.now,
    );
    const alert = alertOf('override', failed, `${env.user.name} overrode: ${warnings.map((w) => w.message).join(' ')}`, overrideReason);
    return { response, alerts: [...alerts, alert], changed };
  });
}
