import { z } from 'zod';
import { decimalSchema, deviceIdSchema, eventIdSchema, heldForMsSchema, idSchema, instantSchema, isoDateSchema, nhsNumberSchema } from './common.js';
import { medicationRouteSchema } from './units.js';
import { doseQuantitySchema, orderDoseSchema } from './order-dose.js';

/**
 * Why a scheduled dose was not given: the codes used on UK drug charts
 * (the omission codes printed on paper charts across NHS trusts), with
 * "other" for anything else, which needs words.
 */
export const NOT_GIVEN_REASONS = {
  'patient-refused': 'Patient refused',
  'nil-by-mouth': 'Nil by mouth',
  'drug-unavailable': 'Drug unavailable',
  'patient-away': 'Patient away from ward',
  'unable-to-administer': 'Unable to administer (e.g. no access, vomiting)',
  'withheld-clinical': 'Withheld on clinical grounds',
  'self-administered': 'Self-administered by the patient',
  other: 'Other (say why)',
} as const;
export type NotGivenReason = keyof typeof NOT_GIVEN_REASONS;
export const notGivenReasonSchema = z.enum(Object.keys(NOT_GIVEN_REASONS) as [NotGivenReason, ...NotGivenReason[]]);

/** `POST /api/not-given`: a scheduled dose documented as not given. */
export const notGivenRequestSchema = z
  .object({
    deviceId: deviceIdSchema,
    eventId: eventIdSchema,
    prescriptionId: idSchema,
    /** The scheduled dose (a chart slot's `slotAt`). */
    slotAt: instantSchema,
    reason: notGivenReasonSchema,
    note: z.string().trim().max(500).optional(),
    /** See the scan request's `heldForMs`. */
    heldForMs: heldForMsSchema.optional(),
  })
  .refine((r) => r.reason !== 'other' || (r.note !== undefined && r.note.length > 0), { message: 'Say why the dose was not given', path: ['note'] });
export type NotGivenRequest = z.infer<typeof notGivenRequestSchema>;

export const notGivenSchema = z.object({
  id: idSchema,
  eventId: eventIdSchema,
  prescriptionId: idSchema,
  patientId: idSchema,
  slotAt: instantSchema,
  reason: notGivenReasonSchema,
  note: z.string().nullable(),
  recordedBy: idSchema,
  recordedByName: z.string(),
  recordedAt: instantSchema,
});
export type NotGiven = z.infer<typeof notGivenSchema>;

export const notGivenResponseSchema = z.object({ notGiven: notGivenSchema, replayed: z.boolean() });
export type NotGivenResponse = z.infer<typeof notGivenResponseSchema>;

/**
 * A scheduled dose's state on the chart. `missed`: its time and window have
 * passed and nothing was documented; it stays until someone documents it
 * (given late or not given), however old, whatever is due next. Only doses
 * from the ward's first record on Wardscan on are missed: one before it was
 * on the paper chart (the compliance report's cut-off too).
 */
export const SLOT_STATUSES = ['given', 'not-given', 'missed', 'due', 'later'] as const;
export const slotStatusSchema = z.enum(SLOT_STATUSES);
export type SlotStatus = z.infer<typeof slotStatusSchema>;

const chartDrugSchema = z.object({
  prescriptionId: idSchema,
  drugName: z.string(),
  /** One exact dose, or a range the nurse chooses within (`doseText` says so: "5–10 mg, nurse chooses"). */
  dose: orderDoseSchema,
  doseText: z.string(),
  route: medicationRouteSchema,
  highAlert: z.boolean(),
});

export const chartSlotSchema = chartDrugSchema.extend({
  slotAt: instantSchema,
  status: slotStatusSchema,
  given: z
    .object({
      at: instantSchema,
      byName: z.string(),
      /** The second clinician who witnessed the dose (a controlled or high-alert drug), by name, as the record has it; null when not witnessed. */
      witnessedByName: z.string().nullable(),
      documentedLate: z.boolean(),
      /** How much a range order's dose was (the next nurse must know it: doseText gives only the range); null for one exact dose. */
      dose: doseQuantitySchema.nullable(),
    })
    .nullable(),
  notGiven: z.object({ reason: notGivenReasonSchema, note: z.string().nullable(), byName: z.string(), at: instantSchema }).nullable(),
});
export type ChartSlot = z.infer<typeof chartSlotSchema>;

/** An as-needed order: what a nurse must know before giving it again. */
export const prnLineSchema = chartDrugSchema.extend({
  lastGivenAt: instantSchema.nullable(),
  /** When the minimum interval allows the next dose; null when it is allowed now. */
  nextAllowedAt: instantSchema.nullable(),
  minIntervalMinutes: z.number().int(),
  /** Given in the last 24 hours, in the order's unit, and the order's maximum (null: none set). */
  given24h: decimalSchema,
  max24h: decimalSchema.nullable(),
  /** PRN doses given whose effect has not been recorded, and when each was due for review. */
  reviewsDue: z.array(z.object({ administrationId: idSchema, givenAt: instantSchema, reviewAt: instantSchema, indication: z.string().nullable() })),
});
export type PrnLine = z.infer<typeof prnLineSchema>;

/**
 * Why an order in force has no dose due and no dose checked at the bedside
 * (issue 13): the EPR put it on hold, or it cannot be checked as one exact
 * dose (a dose range, a dose in words only, a unit the server does not know)
 * and waits for review by pharmacy or the prescriber. An order on hold that
 * also needs review is shown on hold, with the review said too.
 */
export const orderHoldSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on-hold'), review: z.string().nullable() }),
  z.object({
    kind: z.literal('needs-review'),
    /** In plain words, as the import recorded it. */
    reason: z.string(),
    doseRange: z.object({ low: z.string(), high: z.string(), unit: z.string() }).nullable(),
  }),
]);
export type OrderHold = z.infer<typeof orderHoldSchema>;

/**
 * A held order's route: one the bedside checks, or 'unstated' for an order
 * held for review that gives none the server reads (issue 13: kept, not refused).
 */
export const heldRouteSchema = z.union([medicationRouteSchema, z.literal('unstated')]);

export const heldOrderSchema = z.object({
  prescriptionId: idSchema,
  drugName: z.string(),
  route: heldRouteSchema,
  hold: orderHoldSchema,
});
export type HeldOrder = z.infer<typeof heldOrderSchema>;

/** `GET /api/patients/:id/chart`: today's doses (and missed ones before, since the ward's first record), as-needed orders with their history. */
export const patientChartSchema = z.object({
  patientId: idSchema,
  /** The ward's calendar date the chart is for. */
  date: isoDateSchema,
  /** The ward's IANA time zone: the chart's times are shown on its clock, never the handheld's. */
  timeZone: z.string(),
  slots: z.array(chartSlotSchema),
  prn: z.array(prnLineSchema),
  /** Orders in force with no dose due: on hold, or needing review. */
  held: z.array(heldOrderSchema),
});
export type PatientChart = z.infer<typeof patientChartSchema>;

/** `POST /api/administrations/:id/effect`: how well an as-needed dose worked, recorded at its review. */
export const PRN_EFFECTS = ['effective', 'partly-effective', 'not-effective'] as const;
export const prnEffectRequestSchema = z.object({
  eventId: eventIdSchema,
  effect: z.enum(PRN_EFFECTS),
  note: z.string().trim().max(500).optional(),
});
export type PrnEffectRequest = z.infer<typeof prnEffectRequestSchema>;
export const prnEffectResponseSchema = z.object({ replayed: z.boolean() });

/** One bed on the ward round view. */
export const roundBedSchema = z.object({
  bedId: idSchema.nullable(),
  bedLabel: z.string().nullable(),
  patient: z
    .object({
      id: idSchema,
      nhsNumber: nhsNumberSchema,
      familyName: z.string(),
      givenName: z.string(),
      birthDate: isoDateSchema,
      missed: z.number().int(),
      dueNow: z.number().int(),
      /** The earliest scheduled dose still to come today. */
      nextDueAt: instantSchema.nullable(),
      prn: z.number().int(),
      reviewsDue: z.number().int(),
      /** Orders on hold, and orders needing review (no dose of either is counted as due). */
      onHold: z.number().int(),
      needsReview: z.number().int(),
      runningTransfusions: z.number().int(),
      devices: z.number().int(),
    })
    .nullable(),
});
export type RoundBed = z.infer<typeof roundBedSchema>;

/** `GET /api/wards/:id/round`: every bed of the ward and what its patient needs now. */
export const wardRoundSchema = z.object({
  wardId: idSchema,
  wardName: z.string(),
  /** The ward's IANA time zone: the round's times are shown on its clock, never the handheld's. */
  timeZone: z.string(),
  at: instantSchema,
  beds: z.array(roundBedSchema),
});
export type WardRound = z.infer<typeof wardRoundSchema>;

/** One order on the ward waiting for review, for the ward manager. */
export const orderNeedingReviewSchema = z.object({
  prescriptionId: idSchema,
  drugName: z.string(),
  route: heldRouteSchema,
  reason: z.string(),
  doseRange: z.object({ low: z.string(), high: z.string(), unit: z.string() }).nullable(),
  onHold: z.boolean(),
  patient: z.object({ id: idSchema, nhsNumber: nhsNumberSchema, familyName: z.string(), givenName: z.string(), bedLabel: z.string().nullable() }),
  startsAt: instantSchema,
});
export type OrderNeedingReview = z.infer<typeof orderNeedingReviewSchema>;

/** `GET /api/wards/:id/orders-needing-review`: the orders of the ward's patients that the bedside cannot check until reviewed. */
export const ordersNeedingReviewSchema = z.object({
  wardId: idSchema,
  at: instantSchema,
  orders: z.array(orderNeedingReviewSchema),
});
export type OrdersNeedingReview = z.infer<typeof ordersNeedingReviewSchema>;
