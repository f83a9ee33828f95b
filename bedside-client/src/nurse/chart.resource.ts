import {
  notGivenResponseSchema,
  patientChartSchema,
  prnEffectResponseSchema,
  wardChangedEventSchema,
  wardRoundSchema,
  type ClientToServerEvents,
  type NotGivenRequest,
  type NotGivenResponse,
  type PatientChart,
  type PrnEffectRequest,
  type ServerToClientEvents,
  type WardRound,
} from '@wardscan/shared';
import { io, type Socket } from 'socket.io-client';
import type { HttpClient } from '../api/http.js';

/** Data access for the eMAR: the chart, the round, doses not given and PRN reviews. */
export function fetchChart(http: HttpClient, patientId: string): Promise<PatientChart> {
  return http.get(`/api/patients/${encodeURIComponent(patientId)}/chart`, patientChartSchema);
}

export function fetchRound(http: HttpClient, wardId: string): Promise<WardRound> {
  return http.get(`/api/wards/${encodeURIComponent(wardId)}/round`, wardRoundSchema);
}

export function postNotGiven(http: HttpClient, request: NotGivenRequest): Promise<NotGivenResponse> {
  return http.send('POST', '/api/not-given', request, notGivenResponseSchema);
}

export function postPrnEffect(http: HttpClient, administrationId: string, request: PrnEffectRequest): Promise<{ replayed: boolean }> {
  return http.send('POST', `/api/administrations/${encodeURIComponent(administrationId)}/effect`, request, prnEffectResponseSchema);
}

/**
 * Calls `onChange` whenever a chart on the nurse's ward changes (a dose
 * given or not given anywhere on the ward), and when the feed reconnects,
 * since changes may have been missed meanwhile. Returns the disconnect.
 */
export function watchWard(origin: string, token: string, onChange: (patientIds: readonly string[] | null) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin || undefined, { auth: { token }, transports: ['websocket', 'polling'] });
  socket.on('connect', () => onChange(null));
  socket.on('ward:changed', (payload) => {
    const event = wardChangedEventSchema.safeParse(payload);
    if (event.success) onChange(event.data.patientIds);
  });
  return () => {
    socket.disconnect();
  };
}
