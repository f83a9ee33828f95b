import type { PatientSummary, SessionUser } from '@wardscan/shared';
import type { ServerConfig } from '../config.js';
import type { PastDose, PatientRecord, PrescriptionRecord } from '../domain/records.js';
import type { TimingContext } from '../domain/right-time.js';
import { patientSummary } from '../patients/summary.js';
import type { Repositories } from '../repositories.js';

/** What every bedside step works with: the stores, the settings, one instant, one nurse. */
export interface BedsideEnv {
  readonly repos: Repositories;
  readonly config: ServerConfig;
  readonly now: Date;
  readonly user: SessionUser;
}

const TWO_DAYS = 2 * 24 * 60 * 60 * 1000;

export function timingFor(env: BedsideEnv, wardId: string | null): TimingContext {
  const timeZone = (wardId && env.repos.wards.timeZone(wardId)) || 'Europe/London';
  return { now: env.now, timeZone, windowMinutes: env.config.doseWindowMinutes };
}

/** A patient's active prescriptions and their doses of the last two days, as read in one transaction. */
export interface Chart {
  readonly prescriptions: PrescriptionRecord[];
  readonly pastDoses: Map<string, PastDose[]>;
}

/** The patient's active prescriptions and their doses of the last two days (all the timing rules look at). */
export function chartOf(env: BedsideEnv, patientId: string): Chart {
  const prescriptions = env.repos.prescriptions.active(patientId, env.now);
  const since = new Date(env.now.getTime() - TWO_DAYS);
  return { prescriptions, pastDoses: env.repos.prescriptions.pastDosesOf(patientId, prescriptions.map((p) => p.id), since) };
}

/** Whether an order is for a high-alert medicine: by the name ordered, its dm+d code, or its VTM. */
export function isHighAlertOrder(env: BedsideEnv): (p: PrescriptionRecord) => boolean {
  const highAlert = env.repos.products.highAlertKeys();
  return (p) => {
    const m = p.medication;
    if (highAlert.has(p.drug.toLowerCase())) return true;
    if (!('code' in m)) return false;
    const vtm = m.level === 'vmp' ? env.repos.dmd.vtmOfVmp(m.code) : undefined;
    return highAlert.has(m.code) || (vtm !== undefined && highAlert.has(vtm));
  };
}

/** The bedside banner; `chart` when the caller already read it in this transaction (a product scan's checks did). */
export function summaryOf(env: BedsideEnv, patient: PatientRecord, chart: Chart = chartOf(env, patient.id)): PatientSummary {
  const { prescriptions, pastDoses } = chart;
  return patientSummary(patient, prescriptions, pastDoses, timingFor(env, patient.wardId), isHighAlertOrder(env));
}
