import {
  auditPageSchema,
  RADAR_THRESHOLD_LIMITS,
  wardRadarSchema,
  wardRadarSettingsSchema,
  type AuditLogEntry,
  type RadarPattern,
  type RadarSettings,
  type RadarSettingsInput,
  type RadarThresholdId,
  type WardRadar,
  type WardRadarSettings,
} from '@wardscan/shared';
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

/** A threshold as the settings form shows it: what it counts, in words, and its unit. */
export interface ThresholdWords {
  readonly label: string;
  readonly unit: string;
}

/** The thresholds by pattern, in the order the form lists them. */
export const RADAR_THRESHOLD_GROUPS: readonly { pattern: RadarPattern; thresholds: Partial<Record<RadarThresholdId, ThresholdWords>> }[] = [
  {
    pattern: 'band-several-beds',
    thresholds: {
      bandReuseScans: { label: 'Scans of the same wristband on one handheld, at least', unit: 'scans' },
      bandReuseMinutes: { label: 'All within', unit: 'minutes' },
      bandReuseBeds: { label: 'With packs for different beds, at least', unit: 'beds' },
    },
  },
  {
    pattern: 'band-away-from-bed',
    thresholds: { awayFromBedScans: { label: "Scans of another bed's location while a patient is identified, at least", unit: 'scans' } },
  },
  {
    pattern: 'copied-bands',
    thresholds: {
      copiedBandsPatients: { label: "Different patients' wristbands on one handheld, at least", unit: 'patients' },
      copiedBandsSeconds: { label: 'All within', unit: 'seconds' },
    },
  },
  {
    pattern: 'pre-scanned-tray',
    thresholds: {
      preScanMinutes: { label: 'A pack scanned before the wristband it is for by at least', unit: 'minutes' },
      preScanMaxMinutes: { label: "And at most (older packs are another round's)", unit: 'minutes' },
      preScanPacks: { label: 'Such packs before one wristband, at least', unit: 'packs' },
    },
  },
  {
    pattern: 'keyed-product',
    thresholds: { keyedProductCount: { label: 'One product typed in instead of scanned, at least', unit: 'times in the period' } },
  },
  {
    pattern: 'late-confirmation',
    thresholds: { lateConfirmationMinutes: { label: 'A dose confirmed after its pack scan, or documented after it was given, by at least', unit: 'minutes' } },
  },
  {
    pattern: 'override-outlier',
    thresholds: {
      overrideRateFactor: { label: "A nurse's override rate compared with the rest of the ward's, at least", unit: 'times as high' },
      overrideRateMinGapPercent: { label: "And above the ward's by at least", unit: 'percentage points' },
      overrideMinDoses: { label: "Counted over the nurse's doses once there are at least", unit: 'doses' },
    },
  },
];

export const RADAR_THRESHOLD_IDS = Object.keys(RADAR_THRESHOLD_LIMITS) as RadarThresholdId[];

/** The form's text per threshold, from the values in force. */
export type ThresholdDraft = Record<RadarThresholdId, string>;

export function draftOf(settings: RadarSettings): ThresholdDraft {
  return Object.fromEntries(RADAR_THRESHOLD_IDS.map((id) => [id, String(settings[id])])) as ThresholdDraft;
}

/**
 * The draft as the ward's own thresholds: only those that differ from the
 * default (one left at its default follows the default), or the fields that
 * are not numbers at all. The server judges the ranges.
 */
export function ownOf(draft: ThresholdDraft, defaults: RadarSettings): { own: RadarSettingsInput } | { errors: Partial<Record<RadarThresholdId, string>> } {
  const own: Record<string, number> = {};
  const errors: Partial<Record<RadarThresholdId, string>> = {};
  for (const id of RADAR_THRESHOLD_IDS) {
    const text = draft[id].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors[id] = 'Enter a number.';
    else if (value !== defaults[id]) own[id] = value;
  }
  return Object.keys(errors).length > 0 ? { errors } : { own: own as RadarSettingsInput };
}

export function fetchRadarSettings(http: HttpClient, wardId: string): Promise<WardRadarSettings> {
  return http.get(`/api/wards/${encodeURIComponent(wardId)}/radar-settings`, wardRadarSettingsSchema);
}

/** Sets the ward's own thresholds (`{}`: every one back to its default). */
export function saveRadarSettings(http: HttpClient, wardId: string, own: RadarSettingsInput): Promise<WardRadarSettings> {
  return http.send('PUT', `/api/wards/${encodeURIComponent(wardId)}/radar-settings`, own, wardRadarSettingsSchema);
}
