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

/**
 * Each threshold's range, one place for the server's validation and the
 * settings form's inputs. `step` 1: a whole number; the factor may be 2.5.
 */
export const RADAR_THRESHOLD_LIMITS = {
  bandReuseScans: { min: 2, max: 50, step: 1 },
  bandReuseMinutes: { min: 1, max: 240, step: 1 },
  bandReuseBeds: { min: 2, max: 50, step: 1 },
  awayFromBedScans: { min: 1, max: 50, step: 1 },
  copiedBandsPatients: { min: 2, max: 50, step: 1 },
  copiedBandsSeconds: { min: 5, max: 3600, step: 1 },
  preScanMinutes: { min: 1, max: 720, step: 1 },
  preScanMaxMinutes: { min: 2, max: 1440, step: 1 },
  preScanPacks: { min: 1, max: 50, step: 1 },
  keyedProductCount: { min: 2, max: 1000, step: 1 },
  lateConfirmationMinutes: { min: 1, max: 1440, step: 1 },
  overrideRateFactor: { min: 1, max: 100, step: 0.1 },
  overrideRateMinGapPercent: { min: 0, max: 100, step: 1 },
  overrideMinDoses: { min: 1, max: 10000, step: 1 },
} as const;
export type RadarThresholdId = keyof typeof RADAR_THRESHOLD_LIMITS;

// Messages in words a ward manager can act on: the form shows them beside the field.
const threshold = (id: RadarThresholdId) => {
  const { min, max, step } = RADAR_THRESHOLD_LIMITS[id];
  const n = z.number({ message: 'Enter a number.' });
  return (step === 1 ? n.int({ message: 'Enter a whole number.' }) : n).min(min, { message: `At least ${min}.` }).max(max, { message: `At most ${max}.` });
};

/** A ward's thresholds. Every field has a default; a ward changes only those it wants to. */
const radarThresholdsSchema = z.object({
  /** band-several-beds: this many scans of one band on one handheld… */
  bandReuseScans: threshold('bandReuseScans'),
  /** …within this many minutes… */
  bandReuseMinutes: threshold('bandReuseMinutes'),
  /** …with packs for at least this many beds. */
  bandReuseBeds: threshold('bandReuseBeds'),
  /** band-away-from-bed: this many location scans of another bed while a patient is identified, per nurse and patient. */
  awayFromBedScans: threshold('awayFromBedScans'),
  /** copied-bands: this many different patients' bands on one handheld… */
  copiedBandsPatients: threshold('copiedBandsPatients'),
  /** …within this many seconds. */
  copiedBandsSeconds: threshold('copiedBandsSeconds'),
  /** pre-scanned-tray: packs scanned at least this many minutes before the band of the patient they fit… */
  preScanMinutes: threshold('preScanMinutes'),
  /** …and at most this many (older packs are another round's)… */
  preScanMaxMinutes: threshold('preScanMaxMinutes'),
  /** …at least this many such packs before one band. */
  preScanPacks: threshold('preScanPacks'),
  /** keyed-product: one product typed in at least this many times in the period. */
  keyedProductCount: threshold('keyedProductCount'),
  /** late-confirmation: a dose confirmed (or documented) at least this many minutes after its pack scan (or its giving). */
  lateConfirmationMinutes: threshold('lateConfirmationMinutes'),
  /** override-outlier: a nurse's override rate at least this many times the rest of the ward's… */
  overrideRateFactor: threshold('overrideRateFactor'),
  /** …and at least this many percentage points above it… */
  overrideRateMinGapPercent: threshold('overrideRateMinGapPercent'),
  /** …over at least this many of their doses. */
  overrideMinDoses: threshold('overrideMinDoses'),
});
const preScanSpan = (s: { preScanMinutes?: number | undefined; preScanMaxMinutes?: number | undefined }) =>
  s.preScanMinutes === undefined || s.preScanMaxMinutes === undefined || s.preScanMaxMinutes > s.preScanMinutes;
const PRE_SCAN_SPAN = {
  message: 'Must be more than the minutes before the band from which a pack counts as pre-scanned.',
  path: ['preScanMaxMinutes'],
};

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
