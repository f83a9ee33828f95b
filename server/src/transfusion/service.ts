/*
 * The edge between HTTP and the pure transfusion check: fetch the records,
 * run `checkTransfusion`, and commit the answer with its audit row in one
 * transaction before anything is sent back.
 */
import { collectBloodUnit, missingForCheck, type Check, type IssuedUnitView, type RuleId, type SessionUser, type Verdict, type TransfusionCheckResponse, type WardAlert } from '@wardscan/shared';
import { verdictAlerts } from '../realtime/verdict-alerts.js';
import { patientName, type PatientRecord } from '../domain/records.js';
import type { IdMethod } from '../devices/context-repository.js';
import { identifiedPatient as identifiedOnDevice } from '../devices/identified-patient.js';
import { invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { checkTransfusion, transfusionVerdict } from './checks.js';
import type { IssuedUnit } from './records.js';

export interface Env {
  readonly deps: AppDeps;
  readonly user: SessionUser;
  readonly now: Date;
}

/** The patient this device identified for this nurse, or a 409 asking for the wristband. */
export const identifiedPatient = (env: Env, deviceId: string) =>
  identifiedOnDevice(env.deps.repos, env.deps.config.patientContextSeconds, env.user, env.now, deviceId);

/** Runs the bedside check over the raw labels of one bag; a contradiction between labels is itself a stop. */
export function evaluate(env: Env, patient: PatientRecord, method: IdMethod, labels: readonly string[], secondChecker: string | null) {
  const collected = collectBloodUnit(labels);
  const policy = env.deps.repos.transfusions.policyOf(patient.wardId);
  if (!collected.ok) {
    if (collected.problem === 'unreadable') throw invalid(`labels: ${collected.message}`, 'labels');
    const checks: Check[] = [{ rule: 'transfusion-unit', outcome: 'stop', message: collected.message }];
    return { issued: undefined, verdict: transfusionVerdict(checks, policy, secondChecker), policy };
  }
  const missing = missingForCheck(collected.unit);
  if (missing.length > 0) {
    throw invalid(`labels: scan the ${missing.map((m) => (m === 'din' ? 'Donation Identification Number (DIN)' : 'blood group label')).join(' and the ')} on the bag.`, 'labels');
  }
  const unit = collected.unit;
  const issued = unit.din ? env.deps.repos.transfusions.unitByDin(unit.din.din) : undefined;
  const order = issued?.orderId ? env.deps.repos.transfusions.orderById(issued.orderId) : undefined;
  const checks = checkTransfusion({
    patient: { id: patient.id, name: patientName(patient), bloodGroup: env.deps.repos.transfusions.bloodGroupOf(patient.id) },
    identifiedBy: method,
    scanned: unit,
    issued,
    order,
    secondChecker,
    now: env.now,
    timeZone: env.deps.repos.wards.timeZone(patient.wardId) ?? 'Europe/London',
    policy,
  });
  return { issued, verdict: transfusionVerdict(checks, policy, secondChecker), policy };
}

/** The rules the mismatch log files a check under; a stop is not also "waiting for a second checker". */
export const problemRules = (verdict: Verdict): RuleId[] => [
  ...new Set(verdict.checks.filter((c) => c.outcome !== 'pass' && !(verdict.outcome === 'stop' && c.rule === 'transfusion-second-checker')).map((c) => c.rule)),
];

/** A unit as the handheld sees it. */
export const unitView = (u: IssuedUnit): IssuedUnitView => ({
  id: u.id, din: u.din, component: u.component, bloodGroup: u.bloodGroup, productCode: u.productCode,
  expiresOn: u.expiresOn, expiresAtTime: u.expiresAtTime, outOfStorageAt: u.outOfStorageAt, attributes: [...u.attributes],
});

/** Records a check and its audit row together, then returns what the handheld is told and what the ward room hears. */
export function recordCheck(env: Env, deviceId: string, eventId: string, labels: readonly string[]): { response: TransfusionCheckResponse; alerts: WardAlert[] } {
  const { patient, method } = identifiedPatient(env, deviceId);
  const { issued, verdict } = evaluate(env, patient, method, labels, null);
  const response: TransfusionCheckResponse = {
    eventId,
    patientId: patient.id,
    unit: issued ? unitView(issued) : null,
    verdict,
    replayed: false,
  };
  const at = env.now.toISOString();
  env.deps.repos.transaction(() => {
    env.deps.repos.transfusions.insertCheck({ eventId, deviceId, staffId: env.user.id, wardId: patient.wardId, patientId: patient.id, issuedUnitId: issued?.id ?? null, labels, secondCheckerId: null, response, recordedAt: at });
    const key = { deviceId, staffId: env.user.id };
    env.deps.repos.contexts.touch(key, at, env.deps.repos.contexts.get(key)?.pendingProductEventId ?? null);
    env.deps.repos.audit.append(
      {
        type: 'scan', wardId: patient.wardId, patientId: patient.id, userId: env.user.id, deviceId, eventId, outcome: verdict.outcome,
        rules: problemRules(verdict),
        summary: `Transfusion check: ${verdict.title}`,
        detail: { transfusion: 'check', labels: [...labels], din: issued?.din ?? null, checks: verdict.checks },
      },
      env.now,
    );
  });
  return { response, alerts: verdictAlerts({ user: env.user, patient, deviceId, eventId, now: env.now }, verdict) };
}
