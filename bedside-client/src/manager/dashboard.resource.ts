import {
  auditPageSchema,
  wardAlertSchema,
  wardMetricsSchema,
  type AuditEventType,
  type AuditPage,
  type ClientToServerEvents,
  type OverrideReason,
  type RuleId,
  type ServerToClientEvents,
  type VerdictOutcome,
  type WardAlert,
  type Ward,
  type WardMetrics,
  wardListSchema,
} from '@wardscan/shared';
import { io, type Socket } from 'socket.io-client';
import type { HttpClient } from '../api/http.js';

export type WardList = Ward[];

/** The mismatch log's filters as the form holds them; '' means "any". */
export interface AuditFilters {
  /** Rows on this ward (the log itself is the viewed ward's: its rows and its staff's elsewhere). */
  onWardId: string;
  patientId: string;
  userId: string;
  deviceId: string;
  outcome: VerdictOutcome | '';
  rule: RuleId | '';
  type: AuditEventType | '';
  /** A bed's label, as the log shows it. */
  bedLabel: string;
  overrideReason: OverrideReason | '';
  /** YYYY-MM-DD, whole days on the clock of the ward whose log this is (the server turns them into its midnights). */
  from: string;
  to: string;
}

export const emptyFilters: AuditFilters = { onWardId: '', patientId: '', userId: '', deviceId: '', outcome: '', rule: '', type: '', bedLabel: '', overrideReason: '', from: '', to: '' };

/**
 * Filters + page → the `/api/audit` query string. Days go as dates: the
 * server reads them on the ward's clock, so a handheld set to another zone
 * (or a laptop abroad) asks for the same ward day.
 */
export function auditQueryString(wardId: string | null, filters: AuditFilters, page: number, pageSize: number, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams();
  if (wardId) params.set('wardId', wardId);
  if (filters.onWardId) params.set('onWardId', filters.onWardId);
  if (filters.patientId) params.set('patientId', filters.patientId);
  if (filters.userId) params.set('userId', filters.userId);
  if (filters.deviceId) params.set('deviceId', filters.deviceId);
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.rule) params.set('rule', filters.rule);
  if (filters.type) params.set('type', filters.type);
  if (filters.bedLabel) params.set('bedLabel', filters.bedLabel);
  if (filters.overrideReason) params.set('overrideReason', filters.overrideReason);
  if (filters.from) params.set('fromDate', filters.from);
  if (filters.to) params.set('toDate', filters.to);
  params.set('page', String(page));
  params.set('pageSize', String(pageSize));
  params.set('format', format);
  return params.toString();
}

export function fetchAuditPage(http: HttpClient, wardId: string | null, filters: AuditFilters, page: number, pageSize: number): Promise<AuditPage> {
  return http.get(`/api/audit?${auditQueryString(wardId, filters, page, pageSize)}`, auditPageSchema);
}

export function fetchAuditCsv(http: HttpClient, wardId: string | null, filters: AuditFilters): Promise<string> {
  return http.text(`/api/audit?${auditQueryString(wardId, filters, 1, 500, 'csv')}`);
}

/** The ward's last `days` ward days up to today on the ward's clock. */
export function fetchWardMetrics(http: HttpClient, wardId: string, days: number): Promise<WardMetrics> {
  return http.get(`/api/metrics/ward/${encodeURIComponent(wardId)}?days=${days}`, wardMetricsSchema);
}

export function fetchWards(http: HttpClient): Promise<WardList> {
  return http.get('/api/wards', wardListSchema);
}

export type FeedStatus = 'connecting' | 'live' | 'disconnected';

/**
 * The ward's live alerts over socket.io. The server puts ward managers in
 * their ward's room from the token alone. Alerts are checked by the shared
 * schema; one that fails is dropped rather than shown wrong.
 */
export function connectWardFeed(origin: string, token: string, onAlert: (alert: WardAlert) => void, onStatus: (status: FeedStatus) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin || undefined, { auth: { token }, transports: ['websocket', 'polling'] });
  socket.on('connect', () => onStatus('live'));
  socket.on('disconnect', () => onStatus('disconnected'));
  socket.on('connect_error', () => onStatus('disconnected'));
  socket.on('ward:alert', (payload) => {
    const parsed = wardAlertSchema.safeParse(payload);
    if (parsed.success) onAlert(parsed.data);
  });
  return () => {
    socket.disconnect();
  };
}

/** Local calendar date N days before today, YYYY-MM-DD. */
export function daysAgo(days: number, now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
