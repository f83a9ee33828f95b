import { z } from 'zod';
import { idSchema, instantSchema } from './common.js';

/*
 * The workaround radar (issue 15): patterns in a ward's scan and dose records
 * that mean the bedside check is being bypassed, each flag with the events
 * that raised it. The workarounds are those the barcode-medication literature
 * names (Koppel et al., JAMIA 2008): bands away from the patient, copied
 * bands, pre-scanned trays, keyed products, confirming after the fact,
 * overriding by habit.
 */

export const RADAR_PATTERNS = [
  /** One patient's band scanned again and again in a short spell with packs for several beds. */
  'band-several-beds',
  /** A patient's band identified at a bed location (GLN) that is not theirs. */
  'band-away-from-bed',
  /** Several patients' bands scanned on one handheld within seconds: a sheet of copied bands. */
  'copied-bands',
  /** Packs scanned long before the band of the patient they were for: a pre-scanned tray. */
  'pre-scanned-tray',
  /** A product's barcode repeatedly typed in instead of scanned. */
  'keyed-product',
  /** Doses confirmed long after their pack was scanned, or documented long after they were given. */
  'late-confirmation',
  /** One nurse overriding warnings far more often than the rest of the ward. */
  'override-outlier',
] as const;
export const radarPatternSchema = z.enum(RADAR_PATTERNS);
export type RadarPattern = z.infer<typeof radarPatternSchema>;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** A ward's thresholds. Every field has a default; a ward changes only those it wants to. */
const radarThresholdsSchema = z.object({
  /** band-several-beds: this many scans of one band on one handheld… */
  bandReuseScans: int(2, 50),
  /** …within this many minutes… */
  bandReuseMinutes: int(1, 240),
  /** …with packs for at least this many beds. */
  bandReuseBeds: int(2, 50),
  /** band-away-from-bed: this many location scans of another bed while a patient is identified, per nurse and patient. */
  awayFromBedScans: int(1, 50),
  /** copied-bands: this many different patients' bands on one handheld… */
  copiedBandsPatients: int(2, 50),
  /** …within this many seconds. */
  copiedBandsSeconds: int(5, 3600),
  /** pre-scanned-tray: packs scanned at least this many minutes before the band of the patient they fit… */
  preScanMinutes: int(1, 720),
  /** …and at most this many (older packs are another round's)… */
  preScanMaxMinutes: int(2, 1440),
  /** …at least this many such packs before one band. */
  preScanPacks: int(1, 50),
  /** keyed-product: one product typed in at least this many times in the period. */
  keyedProductCount: int(2, 1000),
  /** late-confirmation: a dose confirmed (or documented) at least this many minutes after its pack scan (or its giving). */
  lateConfirmationMinutes: int(1, 1440),
  /** override-outlier: a nurse's override rate at least this many times the rest of the ward's… */
  overrideRateFactor: z.number().min(1).max(100),
  /** …and at least this many percentage points above it… */
  overrideRateMinGapPercent: int(0, 100),
  /** …over at least this many of their doses. */
  overrideMinDoses: int(1, 10000),
});
const preScanSpan = (s: { preScanMinutes?: number | undefined; preScanMaxMinutes?: number | undefined }) =>
  s.preScanMinutes === undefined || s.preScanMaxMinutes === undefined || s.preScanMaxMinutes > s.preScanMinutes;
const PRE_SCAN_SPAN = { message: 'preScanMaxMinutes must be more than preScanMinutes.', path: ['preScanMaxMinutes'] };

export const radarSettingsSchema = radarThresholdsSchema.refine(preScanSpan, PRE_SCAN_SPAN);
export type RadarSettings = z.infer<typeof radarSettingsSchema>;

/** Sensible defaults: each reads as "more than a nurse would do in a normal round". */
export const DEFAULT_RADAR_SETTINGS: RadarSettings = {
  bandReuseScans: 2,
  bandReuseMinutes: 15,
  bandReuseBeds: 2,
  awayFromBedScans: 1,
  copiedBandsPatients: 3,
  copiedBandsSeconds: 60,
  preScanMinutes: 10,
  preScanMaxMinutes: 240,
  preScanPacks: 2,
  keyedProductCount: 3,
  lateConfirmationMinutes: 30,
  overrideRateFactor: 2,
  overrideRateMinGapPercent: 10,
  overrideMinDoses: 10,
};

/** `PUT /api/wards/:id/radar-settings`: the thresholds this ward sets; any left out take the default. */
export const radarSettingsInputSchema = radarThresholdsSchema.partial().strict().refine(preScanSpan, PRE_SCAN_SPAN);
export type RadarSettingsInput = z.infer<typeof radarSettingsInputSchema>;

export const wardRadarSettingsSchema = z.object({
  wardId: idSchema,
  /** In force: the ward's own values over the defaults. */
  settings: radarSettingsSchema,
  /** The ward's own values. */
  own: radarSettingsInputSchema,
  defaults: radarSettingsSchema,
});
export type WardRadarSettings = z.infer<typeof wardRadarSettingsSchema>;

/** `GET /api/wards/:id/radar`: the period (default the last 7 days to now; at most 92 days). */
export const radarQuerySchema = z.object({ from: instantSchema.optional(), to: instantSchema.optional() });
export type RadarQuery = z.infer<typeof radarQuerySchema>;

const personSchema = z.object({ id: idSchema, name: z.string() });
const patientRefSchema = z.object({ id: idSchema, name: z.string(), nhsNumber: z.string() });

/** One event behind a flag, as the log would show it. */
export const radarEvidenceSchema = z.object({
  /** The scan's or the dose's eventId (the audit log's eventId filter finds it). */
  eventId: z.string(),
  at: instantSchema,
  what: z.enum(['wristband', 'pack', 'location', 'dose', 'override']),
  nurse: personSchema.nullable(),
  patient: patientRefSchema.nullable(),
  bedLabel: z.string().nullable(),
  deviceId: z.string(),
  /** What it was, in words: "Paracetamol 500mg tablets, typed in", "at Bed 4 (not Bed 2)". */
  detail: z.string(),
});
export type RadarEvidence = z.infer<typeof radarEvidenceSchema>;

export const radarFlagSchema = z.object({
  pattern: radarPatternSchema,
  /** What happened, in one line. */
  title: z.string(),
  /** Why it may mean the check was bypassed, with the threshold crossed. */
  why: z.string(),
  nurse: personSchema.nullable(),
  patient: patientRefSchema.nullable(),
  deviceId: z.string().nullable(),
  /** The first and last evidence. */
  from: instantSchema,
  to: instantSchema,
  evidence: z.array(radarEvidenceSchema),
});
export type RadarFlag = z.infer<typeof radarFlagSchema>;

export const wardRadarSchema = z.object({
  wardId: idSchema,
  /** The ward's zone, for reading the times. */
  timeZone: z.string(),
  from: instantSchema,
  to: instantSchema,
  settings: radarSettingsSchema,
  flags: z.array(radarFlagSchema),
});
export type WardRadar = z.infer<typeof wardRadarSchema>;
