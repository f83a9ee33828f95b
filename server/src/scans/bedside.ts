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

// A scan asks for its ward's zone up to three times (today's date, the checks, the banner):
// read it once per bedside step.
const zonesByStep = new WeakMap<BedsideEnv, Map<string, string>>();

function wardTimeZone(env: BedsideEnv, wardId: string): string | undefined {
  let zones = zonesByStep.get(env);
  if (!zones) {
    zones = new Map();
    zonesByStep.set(env, zones);
  }
  let zone = zones.get(wardId);
  if (zone === undefined) {
    zone = env.repos.wards.timeZone(wardId);
    if (zone !== undefined) zones.set(wardId, zone);
  }
  return zone;
}

export function timingFor(env: BedsideEnv, wardId: string | null): TimingContext {
  const timeZone = (wardId && wardTimeZone(env, wardId)) || 'Europe/London';
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
  return { prescriptions, pastDoses: new Map(prescriptions.map((p) => [p.id, env.repos.prescriptions.pastDoses(p.id, since)])) };
}

/** The bedside banner; `chart` when the caller already read it in this transaction (a product scan's checks did). */
export function summaryOf(env: BedsideEnv, patient: PatientRecord, chart: Chart = chartOf(env, patient.id)): PatientSummary {
  const { prescriptions, pastDoses } = chart;
  const highAlert = new Set(env.repos.products.highAlertDrugs());
  return patientSummary(patient, prescriptions, pastDoses, timingFor(env, patient.wardId), (drug) => highAlert.has(drug.toLowerCase()));
}
