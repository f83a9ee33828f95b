import {
  administrationResponseSchema,
  patientSummarySchema,
  scanResponseSchema,
  witnessResponseSchema,
  type WitnessRequest,
  type WitnessResponse,
  type AdministrationRequest,
  type AdministrationResponse,
  type PatientSummary,
  type ScanRequest,
  type ScanResponse,
} from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

/** Data access for the bedside check: every call the nurse's screen makes. */
export function postScan(http: HttpClient, request: ScanRequest): Promise<ScanResponse> {
  return http.send('POST', '/api/scans', request, scanResponseSchema);
}

export function postAdministration(http: HttpClient, request: AdministrationRequest): Promise<AdministrationResponse> {
  return http.send('POST', '/api/administrations', request, administrationResponseSchema);
}

/** "Finish patient": ends this device's positive patient ID on the server too. */
export function finishPatient(http: HttpClient, deviceId: string): Promise<void> {
  return http.remove(`/api/devices/${encodeURIComponent(deviceId)}/context`);
}

export function fetchPatient(http: HttpClient, patientId: string): Promise<PatientSummary> {
  return http.get(`/api/patients/${encodeURIComponent(patientId)}`, patientSummarySchema);
}

/** A second clinician's badge and PIN for the high-alert dose waiting on this handheld. */
export function postWitness(http: HttpClient, request: WitnessRequest): Promise<WitnessResponse> {
  return http.send('POST', '/api/witnesses', request, witnessResponseSchema);
}
