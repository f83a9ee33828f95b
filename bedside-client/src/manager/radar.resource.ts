import { auditPageSchema, wardRadarSchema, type AuditLogEntry, type RadarPattern, type WardRadar } from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

/** The pattern's name as a ward manager says it. */
export const RADAR_PATTERN_LABELS: Record<RadarPattern, string> = {
  'band-several-beds': 'One band, several beds',
  'band-away-from-bed': 'Band away from its bed',
  'copied-bands': 'Copied bands',
  'pre-scanned-tray': 'Pre-scanned tray',
  'keyed-product': 'Product typed in',
  'late-confirmation': 'Late confirmation',
  'override-outlier': 'Override rate',
};

/** The ward's radar for the last `days` days up to now. */
export function fetchWardRadar(http: HttpClient, wardId: string, days: number, now = new Date()): Promise<WardRadar> {
  const from = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const params = new URLSearchParams({ from, to: now.toISOString() });
  return http.get(`/api/wards/${encodeURIComponent(wardId)}/radar?${params.toString()}`, wardRadarSchema);
}

/** The log's rows for one event (a scan, or a dose and its override). */
export async function fetchEventLog(http: HttpClient, wardId: string, eventId: string): Promise<AuditLogEntry[]> {
  const params = new URLSearchParams({ wardId, eventId, pageSize: '10' });
  return (await http.get(`/api/audit?${params.toString()}`, auditPageSchema)).entries;
}
