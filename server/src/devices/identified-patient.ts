import type { SessionUser } from '@wardscan/shared';
import type { PatientRecord } from '../domain/records.js';
import { conflict } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import { contextState, type IdMethod } from './context-repository.js';

/**
 * The patient this handheld positively identified for this user, for the
 * bedside steps that follow a wristband scan (blood, devices); a 409 asking
 * for the wristband when there is none, or it has timed out.
 */
export function identifiedPatient(
  repos: Repositories,
  contextSeconds: number,
  user: SessionUser,
  now: Date,
  deviceId: string,
): { patient: PatientRecord; method: IdMethod } {
  const state = contextState(repos.contexts.get({ deviceId, staffId: user.id }), now, contextSeconds);
  if (state.kind !== 'active') throw conflict('No patient is identified on this handheld. Scan the patient’s wristband first.', 'deviceId');
  const patient = repos.patients.byId(state.context.patientId);
  if (!patient) throw conflict('The identified patient is no longer on record. Scan the wristband again.', 'deviceId');
  return { patient, method: state.context.method };
}
