import { z } from 'zod';
import { idSchema, instantSchema, isoDateSchema } from './common.js';

/*
 * Scan compliance measured from the chart (issue 15): every dose that was due,
 * not only the doses that were scanned. The counts are the record; the figures
 * are ratios of those counts, computed once here so the screen, the CSV and the
 * FHIR MeasureReport carry the same numbers.
 *
 * Leapfrog's BCMA standard (The Leapfrog Group, Hospital Survey, "Safe
 * Medication Administration": ratings.leapfroggroup.org/measure/hospital/2024/
 * safe-medication-administration, and the survey's BCMA questions since 2016)
 * asks for the share of medication administrations in which the patient's ID
 * barcode was scanned and the share in which the medication's barcode was
 * scanned, each over all medication administrations documented in the eMAR,
 * target at least 95%.
 */

/**
 * How the patient was identified for a dose given without a wristband scan:
 * a typed number, a plain NHS Number barcode (from notes or a label, not the
 * band), or chosen from the ward list because the band would not scan.
 */
export const MANUAL_ID_METHODS = ['keyed', 'nhs-number-barcode', 'manual'] as const;
export type ManualIdMethod = (typeof MANUAL_ID_METHODS)[number];

export const complianceCountsSchema = z.object({
  /** Every dose due: given, documented not given, missed, and due now (not yet documented, window open). */
  due: z.number().int(),
  /** Administrations documented in the eMAR (Leapfrog's denominator); PRN doses count when given. */
  given: z.number().int(),
  prnGiven: z.number().int(),
  /** Given with the wristband (DCB1077 GSRN) scanned and the pack scanned. */
  givenBothScanned: z.number().int(),
  patientScanned: z.number().int(),
  medicationScanned: z.number().int(),
  /** Given after a manual identification (MANUAL_ID_METHODS) instead of the wristband. */
  manualIdentification: z.number().int(),
  manualIdentificationByMethod: z.partialRecord(z.enum(MANUAL_ID_METHODS), z.number().int()),
  /** Given with the product typed, not scanned. */
  keyedProduct: z.number().int(),
  /** Confirmed on the handheld but reached the server late (documented after the dose). */
  documentedLate: z.number().int(),
  /** Scheduled doses documented as not given, in all and by reason (NOT_GIVEN_REASONS). */
  notGiven: z.number().int(),
  notGivenByReason: z.record(z.string(), z.number().int()),
  /** Scheduled doses never documented whose time window has closed. */
  missed: z.number().int(),
  /** Scheduled doses due now: window still open, not yet documented. Not counted as missed. */
  open: z.number().int(),
  /** Scheduled doses given, not given or missed (open ones left out): the missed-dose rate's denominator. */
  scheduledClosed: z.number().int(),
  /** Doses given past a warning with a coded override, in all and by the rule overridden. */
  overrides: z.number().int(),
  overridesByRule: z.record(z.string(), z.number().int()),
  /** Stops at the bedside (scans and blood checks) by when they happened, in all and by rule. */
  stops: z.number().int(),
  stopsByRule: z.record(z.string(), z.number().int()),
  /** Minutes from a scheduled dose's time to its giving (negative: early); nearest-rank median and 90th percentile. */
  minutesFromDue: z.object({ count: z.number().int(), median: z.number().nullable(), p90: z.number().nullable() }),
});
export type ComplianceCounts = z.infer<typeof complianceCountsSchema>;

/** What each figure measures, for the screen, the CSV and the FHIR Measure. */
export const COMPLIANCE_FIGURES = {
  'patient-scan': {
    title: 'Patient scan compliance',
    description: "Doses given with the patient's wristband scanned, of all doses given (Leapfrog BCMA).",
    numerator: 'patientScanned', denominator: 'given', target: 0.95, better: 'higher', per: 1,
  },
  'medication-scan': {
    title: 'Medication scan compliance',
    description: "Doses given with the medicine's pack scanned (not typed), of all doses given (Leapfrog BCMA).",
    numerator: 'medicationScanned', denominator: 'given', target: 0.95, better: 'higher', per: 1,
  },
  'both-scanned': {
    title: 'Wristband and pack scanned',
    description: 'Doses given with both the wristband and the pack scanned, of all doses given.',
    numerator: 'givenBothScanned', denominator: 'given', target: 0.95, better: 'higher', per: 1,
  },
  'scanned-of-expected': {
    title: 'Scanned, of doses given or missed',
    description: 'Doses given with both scanned, of doses given or missed: a missed dose may have been given without the handheld, so it counts as not scanned.',
    numerator: 'givenBothScanned', denominator: 'givenOrMissed', target: 0.95, better: 'higher', per: 1,
  },
  'missed-dose': {
    title: 'Missed doses',
    description: 'Scheduled doses never documented (given or not given) by the end of their time window, of scheduled doses due.',
    numerator: 'missed', denominator: 'scheduledClosed', target: null, better: 'lower', per: 1,
  },
  'not-given': {
    title: 'Documented not given',
    description: 'Scheduled doses documented as not given with a reason, of scheduled doses due.',
    numerator: 'notGiven', denominator: 'scheduledClosed', target: null, better: null, per: 1,
  },
  'manual-identification': {
    title: 'Manual identification',
    description: 'Doses given after the patient was identified without the wristband (a typed number, a plain NHS Number barcode, or chosen from the ward list), of all doses given.',
    numerator: 'manualIdentification', denominator: 'given', target: null, better: 'lower', per: 1,
  },
  'keyed-product': {
    title: 'Product typed',
    description: "Doses given with the medicine typed instead of scanned, of all doses given.",
    numerator: 'keyedProduct', denominator: 'given', target: null, better: 'lower', per: 1,
  },
  'documented-late': {
    title: 'Documented late',
    description: 'Doses given whose confirmation reached the record late, of all doses given.',
    numerator: 'documentedLate', denominator: 'given', target: null, better: 'lower', per: 1,
  },
  override: {
    title: 'Override rate',
    description: 'Doses given past a warning with a coded override reason, of all doses given.',
    numerator: 'overrides', denominator: 'given', target: null, better: 'lower', per: 1,
  },
  'stops-per-100': {
    title: 'Stops per 100 doses given',
    description: 'Stops at the bedside (scans and blood checks), per 100 doses given.',
    numerator: 'stops', denominator: 'given', target: null, better: null, per: 100,
  },
} as const;
export type ComplianceFigureId = keyof typeof COMPLIANCE_FIGURES;
export const COMPLIANCE_FIGURE_IDS = Object.keys(COMPLIANCE_FIGURES) as ComplianceFigureId[];
export const complianceFigureIdSchema = z.enum(COMPLIANCE_FIGURE_IDS as [ComplianceFigureId, ...ComplianceFigureId[]]);

export const complianceFigureSchema = z.object({
  id: complianceFigureIdSchema,
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator ÷ denominator (× 100 for stops-per-100), to 4 decimal places; null when the denominator is 0. */
  value: z.number().nullable(),
});
export type ComplianceFigure = z.infer<typeof complianceFigureSchema>;

/** A score to 4 decimal places (94.23%): the one rounding the screen, the CSV and FHIR all show. */
export const roundScore = (value: number): number => Math.round(value * 10_000) / 10_000;

/** The figures of one set of counts, in COMPLIANCE_FIGURES order. */
export function complianceFigures(counts: ComplianceCounts): ComplianceFigure[] {
  const sources: Record<string, number> = { ...counts, givenOrMissed: counts.given + counts.missed } as unknown as Record<string, number>;
  return COMPLIANCE_FIGURE_IDS.map((id) => {
    const f = COMPLIANCE_FIGURES[id];
    const numerator = sources[f.numerator] ?? 0;
    const denominator = sources[f.denominator] ?? 0;
    return { id, numerator, denominator, value: denominator === 0 ? null : roundScore((numerator * f.per) / denominator) };
  });
}

/**
 * Why a period's figures are not a whole one: the ward's first day on record
 * (or days before any record: 'no-records'), a day or shift not over yet, or a
 * shift cut by the start or end of the period asked for.
 */
export const COVERAGE_NOTES = {
  'no-records': 'Before Wardscan recorded anything on this ward',
  'first-day-on-record': 'First day on record: from the first dose recorded',
  'not-over': 'Not over yet: doses still to come',
  'cut-by-period': 'Only the part inside the period asked for',
} as const;
export type CoverageNote = keyof typeof COVERAGE_NOTES;
export const coverageNoteSchema = z.enum(Object.keys(COVERAGE_NOTES) as [CoverageNote, ...CoverageNote[]]);

export const complianceBucketSchema = z.object({
  /** The ward date this day or shift began on (YYYY-MM-DD). */
  date: isoDateSchema,
  /** null for a whole day; the shift otherwise (07:00–19:00 day, 19:00–07:00 night). */
  shift: z.enum(['day', 'night']).nullable(),
  start: instantSchema,
  end: instantSchema,
  /** 'none': nothing to measure (before any record, or not begun); 'partial': see notes. */
  coverage: z.enum(['full', 'partial', 'none']),
  notes: z.array(coverageNoteSchema),
  counts: complianceCountsSchema,
  figures: z.array(complianceFigureSchema),
});
export type ComplianceBucket = z.infer<typeof complianceBucketSchema>;

/** The two shifts a ward day has, as the compliance buckets cut it (and resolve-product.ts's shiftStart). */
export const SHIFT_HOURS = { day: '07:00–19:00', night: '19:00–07:00' } as const;
export const shiftSchema = z.enum(['day', 'night']);
export type Shift = z.infer<typeof shiftSchema>;

/** A period's day shifts, or its night shifts, summed: how the two compare on a ward. */
export const complianceShiftTotalSchema = z.object({
  shift: shiftSchema,
  /** Shifts of this kind with anything to measure, and how many of them were partial: the denominator in shifts. */
  shifts: z.number().int(),
  partialShifts: z.number().int(),
  counts: complianceCountsSchema,
  figures: z.array(complianceFigureSchema),
});
export type ComplianceShiftTotal = z.infer<typeof complianceShiftTotalSchema>;

export const complianceTotalSchema = complianceBucketSchema.omit({ date: true, shift: true }).extend({
  from: isoDateSchema,
  to: isoDateSchema,
  /** Days with anything to measure, and how many of those were partial: the average's denominator in days. */
  days: z.number().int(),
  partialDays: z.number().int(),
});
export type ComplianceTotal = z.infer<typeof complianceTotalSchema>;

/**
 * `GET /api/metrics/ward/:id/compliance?from&to`: whole ward days, both dates
 * included; or `?days=14`: that many ward days up to today on the ward's clock
 * (a screen in another zone asks for the ward's days, not its own).
 */
export const complianceQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  days: z.coerce.number().int().min(1).max(366).optional(),
});

export const wardComplianceSchema = z.object({
  wardId: idSchema,
  wardName: z.string(),
  timeZone: z.string(),
  generatedAt: instantSchema,
  /** The ward's first record (dose time, scan or omission); null when there is none. */
  recordsFrom: instantSchema.nullable(),
  total: complianceTotalSchema,
  /** The period's day shifts and its night shifts, each summed. */
  byShift: z.array(complianceShiftTotalSchema),
  days: z.array(complianceBucketSchema),
  shifts: z.array(complianceBucketSchema),
});
export type WardCompliance = z.infer<typeof wardComplianceSchema>;

/** The trust view's trends: the last 14, 28 or 90 ward days up to `to` (default today). */
export const TRUST_PERIODS = [14, 28, 90] as const;
export const trustComplianceQuerySchema = z.object({
  days: z.enum(['14', '28', '90']).default('14').transform(Number),
  to: isoDateSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const TREND_FIGURES = ['patient-scan', 'medication-scan', 'both-scanned', 'missed-dose'] as const satisfies readonly ComplianceFigureId[];

export const trustWardSchema = z.object({
  wardId: idSchema,
  wardName: z.string(),
  /** 1 = highest share of doses given with both scanned; null when nothing was given. */
  rank: z.number().int().nullable(),
  total: complianceTotalSchema,
  /** One point a day: TREND_FIGURES only. */
  trend: z.array(complianceBucketSchema.pick({ date: true, coverage: true, notes: true }).extend({ figures: z.array(complianceFigureSchema) })),
  /** The period's day shifts and night shifts, each summed, with every figure. */
  byShift: z.array(complianceShiftTotalSchema),
  /** One point a shift (the first a night cut at the period's start): TREND_FIGURES only. */
  shiftTrend: z.array(
    complianceBucketSchema.pick({ date: true, coverage: true, notes: true }).extend({ shift: shiftSchema, figures: z.array(complianceFigureSchema) }),
  ),
});
export type TrustWard = z.infer<typeof trustWardSchema>;

export const trustComplianceSchema = z.object({
  days: z.number().int(),
  generatedAt: instantSchema,
  /** Ward-level figures only, ranked. */
  wards: z.array(trustWardSchema),
});
export type TrustCompliance = z.infer<typeof trustComplianceSchema>;

/** `GET /api/metrics/trust/measure-report`: a FHIR R4 Bundle (collection) of the Measure and one MeasureReport per ward. */
export const measureReportQuerySchema = trustComplianceQuerySchema.omit({ format: true }).extend({ wardId: idSchema.optional() });
