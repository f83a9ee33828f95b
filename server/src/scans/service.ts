import { interpretScan, type RuleId, type ScanRequest, type ScanResponse, type WardAlert } from '@wardscan/shared';
import { interpretOptions } from '../config.js';
import { wardDate } from '../domain/ward-time.js';
import { captureTime } from '../domain/capture-time.js';
import { patientName } from '../domain/records.js';
import { conflict, forbidden } from '../http/api-error.js';
import { summaryOf, timingFor, type BedsideEnv } from './bedside.js';
import { decideScan, type ScanDecision } from './handlers.js';

export interface ScanResult {
  readonly response: ScanResponse;
  /** Alerts for the ward room, to emit once the event is committed. */
  readonly alerts: readonly WardAlert[];
}

const failedRules = (d: ScanDecision): RuleId[] => [...new Set(d.verdict.checks.filter((c) => c.outcome !== 'pass').map((c) => c.rule))];

/**
 * Warnings about the patient's record rather than about what the nurse is doing: the nurse
 * is told at every scan, but the ward's managers would be alerted at every band scan of the
 * same patient, all day, and stop reading the feed.
 */
const RECORD_NOTICES: ReadonlySet<RuleId> = new Set<RuleId>(['nhs-number-unverified']);

function alertsFor(env: BedsideEnv, request: ScanRequest, d: ScanDecision): WardAlert[] {
  const { outcome } = d.verdict;
  // A witness badge re-shows the product's verdict; that verdict was alerted when the pack was scanned.
  if ((outcome !== 'stop' && outcome !== 'warning') || !d.wardId || d.isBadge) return [];
  if (outcome === 'warning' && failedRules(d).every((rule) => RECORD_NOTICES.has(rule))) return [];
  return [
    {
      kind: outcome,
      wardId: d.wardId,
      at: env.now.toISOString(),
      eventId: request.eventId,
      deviceId: request.deviceId,
      userId: env.user.id,
      userName: env.user.name,
      patientId: d.patient?.id ?? null,
      patientName: d.patient ? patientName(d.patient) : null,
      bedLabel: d.patient?.bedLabel ?? null,
      rules: failedRules(d),
      message: d.verdict.title,
      overrideReason: null,
      // Saves the emitter looking them up to route the alert (realtime/alert-routing.ts).
      nurseWardId: env.user.wardId,
      patientWardId: d.patient?.wardId ?? null,
    },
  ];
}

/**
 * Checks one bedside scan and records it: the scan event, the device's
 * context and the audit row commit in one transaction before the caller
 * answers. A retry of a recorded eventId returns the original answer and
 * records nothing.
 */
export function recordScan(env: BedsideEnv, request: ScanRequest): ScanResult {
  const { repos } = env;
  if (env.user.role !== 'nurse') throw forbidden('Only nurses scan at the bedside.');
  return repos.transaction((): ScanResult => {
    const existing = repos.scans.get(request.eventId);
    if (existing) {
      if (existing.staffId !== env.user.id || existing.deviceId !== request.deviceId || existing.raw !== request.raw) {
        throw conflict('This eventId was already used for a different scan.', 'eventId');
      }
      return { response: { ...existing.response, replayed: true }, alerts: [] };
    }
    // Identification freshness and dose timing are judged at the capture time: a replayed scan is what it was when read.
    const capturedAt = captureTime(env.now, request.heldForMs);
    const atCapture: BedsideEnv = { ...env, now: capturedAt };
    const today = wardDate(capturedAt, timingFor(env, env.user.wardId).timeZone);
    // A plain NHS Number is always read, so the ward's policy (onPatient) decides, and the nurse is told to scan the band.
    const interpretation = interpretScan(request.raw, { ...interpretOptions(env.config), acceptPlainNhsNumber: true, today });
    // This nurse's context only: another nurse's on the same handheld is neither used nor changed (issue 16).
    const key = { deviceId: request.deviceId, staffId: env.user.id };
    const ctx = repos.contexts.get(key);
    const d = decideScan(atCapture, ctx, {
      eventId: request.eventId,
      interpretation,
      source: request.source,
      ...(request.prescriptionId ? { prescriptionId: request.prescriptionId } : {}),
      ...(request.identificationEventId !== undefined ? { identificationEventId: request.identificationEventId } : {}),
    });
    const capturedIso = capturedAt.toISOString();
    const response: ScanResponse = {
      eventId: request.eventId,
      interpretation,
      patient: d.patient ? summaryOf(atCapture, d.patient, d.chart) : null,
      verdict: d.verdict,
      replayed: false,
      ...(d.equipmentKey ? { equipmentKey: d.equipmentKey } : {}),
    };
    const nowIso = env.now.toISOString();
    repos.scans.insert({
      eventId: request.eventId,
      deviceId: request.deviceId,
      staffId: env.user.id,
      wardId: d.wardId,
      patientId: d.patient?.id ?? null,
      source: request.source,
      raw: request.raw,
      kind: interpretation.ok ? interpretation.scan.kind : 'unreadable',
      outcome: d.verdict.outcome,
      failedRules: failedRules(d),
      prescriptionId: d.verdict.prescriptionId ?? null,
      productId: d.productId ?? null,
      slotAt: d.slotAt ? d.slotAt.toISOString() : null,
      patientIdMethod: d.change.kind === 'set' ? d.change.method : d.patient && ctx ? ctx.method : null,
      witnessStaffId: null,
      response,
      scannedAt: request.scannedAt ?? null,
      capturedAt: capturedIso,
      recordedAt: nowIso,
    });
    switch (d.change.kind) {
      case 'set':
        repos.contexts.set({
          ...key,
          patientId: d.change.patient.id,
          method: d.change.method,
          identifiedByEventId: request.eventId,
          identifiedAt: capturedIso,
          lastActivityAt: capturedIso,
          pendingProductEventId: null,
        });
        break;
      case 'touch':
        repos.contexts.touch(key, capturedIso, d.change.pendingProductEventId);
        break;
      case 'clear':
        repos.contexts.clear(key);
        break;
      case 'keep':
        break;
      default: {
        const never: never = d.change;
        return never;
      }
    }
    repos.audit.append(
      {
        type: 'scan',
        wardId: d.wardId,
        patientId: d.patient?.id ?? null,
        userId: env.user.id,
        deviceId: request.deviceId,
        eventId: request.eventId,
        outcome: d.verdict.outcome,
        rules: failedRules(d),
        summary: d.verdict.title,
        detail: {
          source: request.source,
          raw: request.raw,
          kind: interpretation.ok ? interpretation.scan.kind : 'unreadable',
          checks: d.verdict.checks,
          ...(d.verdict.prescriptionId ? { prescriptionId: d.verdict.prescriptionId } : {}),
          ...(d.productId ? { productId: d.productId } : {}),
          ...(request.scannedAt ? { scannedAt: request.scannedAt } : {}),
          ...(request.heldForMs ? { capturedAt: capturedIso } : {}),
        },
      },
      env.now,
    );
    return { response, alerts: alertsFor(env, request, d) };
  });
}
