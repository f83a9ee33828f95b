/*
 * What the ward manager's live feed hears about blood and device checks. A check
 * that only waits for the second checker is the normal flow, not a mismatch,
 * so it raises nothing; any other warning or stop does.
 */
import type { SessionUser, Verdict, WardAlert } from '@wardscan/shared';
import { patientName, type PatientRecord } from '../domain/records.js';

export interface AlertContext {
  readonly user: SessionUser;
  readonly patient: PatientRecord;
  readonly deviceId: string;
  readonly eventId: string;
  readonly now: Date;
}

const base = (c: AlertContext) => ({
  wardId: c.patient.wardId,
  at: c.now.toISOString(),
  eventId: c.eventId,
  deviceId: c.deviceId,
  userId: c.user.id,
  userName: c.user.name,
  patientId: c.patient.id,
  patientName: patientName(c.patient),
  bedLabel: c.patient.bedLabel,
  overrideReason: null,
  // For routing (alert-routing.ts): the checker's ward and the patient's, which may differ.
  nurseWardId: c.user.wardId,
  patientWardId: c.patient.wardId,
});

/** A stop or a real warning in a bedside check (transfusion or device). */
export function verdictAlerts(c: AlertContext, verdict: Verdict): WardAlert[] {
  const problems = verdict.checks.filter((ch) => ch.outcome !== 'pass' && ch.rule !== 'transfusion-second-checker');
  if (problems.length === 0 || (verdict.outcome !== 'stop' && verdict.outcome !== 'warning')) return [];
  return [{ ...base(c), kind: verdict.outcome, rules: [...new Set(problems.map((p) => p.rule))], message: verdict.title }];
}

/** A transfusion started past a warning; the reason is in the words, since drug and blood reasons are coded apart. */
export function overrideAlert(c: AlertContext, rules: WardAlert['rules'], reasonText: string, din: string): WardAlert {
  return { ...base(c), kind: 'override', rules, message: `Transfusion of unit ${din} started past a warning: ${reasonText}.` };
}
