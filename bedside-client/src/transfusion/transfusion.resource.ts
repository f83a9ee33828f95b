import {
  patientTransfusionsSchema,
  transfusionCheckResponseSchema,
  transfusionStepResponseSchema,
  type PatientTransfusions,
  type SecondCheckerRequest,
  type TransfusionCheckRequest,
  type TransfusionCheckResponse,
  type TransfusionEndRequest,
  type TransfusionStartRequest,
  type TransfusionStepResponse,
} from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

/** Data access for blood at the bedside. None of it is queued offline: every step needs the server's check. */
export function postTransfusionCheck(http: HttpClient, request: TransfusionCheckRequest): Promise<TransfusionCheckResponse> {
  return http.send('POST', '/api/transfusions/check', request, transfusionCheckResponseSchema);
}

export function postSecondChecker(http: HttpClient, checkEventId: string, request: SecondCheckerRequest): Promise<TransfusionCheckResponse> {
  return http.send('POST', `/api/transfusions/checks/${encodeURIComponent(checkEventId)}/second-checker`, request, transfusionCheckResponseSchema);
}

export function postTransfusionStart(http: HttpClient, request: TransfusionStartRequest): Promise<TransfusionStepResponse> {
  return http.send('POST', '/api/transfusions/start', request, transfusionStepResponseSchema);
}

export function postTransfusionEnd(http: HttpClient, transfusionId: string, request: TransfusionEndRequest): Promise<TransfusionStepResponse> {
  return http.send('POST', `/api/transfusions/${encodeURIComponent(transfusionId)}/end`, request, transfusionStepResponseSchema);
}

export function fetchPatientTransfusions(http: HttpClient, patientId: string): Promise<PatientTransfusions> {
  return http.get(`/api/patients/${encodeURIComponent(patientId)}/transfusions`, patientTransfusionsSchema);
}
