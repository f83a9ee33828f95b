import { z } from 'zod';
import { bloodGroupSchema } from '../barcode/blood-label.js';
import { deviceIdSchema, eventIdSchema, idSchema, instantSchema, isoDateSchema } from './common.js';
import { LIMITS } from './limits.js';
import { verdictSchema } from './verdicts.js';

/** Blood components whose ABO/RhD compatibility follows different tables. */
export const COMPONENT_TYPES = ['red-cells', 'plasma', 'platelets'] as const;
export const componentTypeSchema = z.enum(COMPONENT_TYPES);
export type ComponentType = z.infer<typeof componentTypeSchema>;

/** Special requirements a transfusion order may carry; an issued unit must meet every one. */
export const SPECIAL_REQUIREMENTS = ['irradiated', 'cmv-negative', 'hev-negative', 'washed', 'hla-matched'] as const;
export const specialRequirementSchema = z.enum(SPECIAL_REQUIREMENTS);
export type SpecialRequirement = z.infer<typeof specialRequirementSchema>;

/** Coded reasons to start a transfusion past a warning (never past a stop). */
export const TRANSFUSION_OVERRIDE_REASONS = {
  'lab-confirmed': 'Transfusion laboratory confirmed the unit is suitable',
  'clinician-confirmed': 'Responsible clinician confirmed, documented',
} as const;
export type TransfusionOverrideReason = keyof typeof TRANSFUSION_OVERRIDE_REASONS;
export const transfusionOverrideReasonSchema = z.enum(Object.keys(TRANSFUSION_OVERRIDE_REASONS) as [TransfusionOverrideReason, ...TransfusionOverrideReason[]]);

const rawLabelSchema = z.string().min(1).max(LIMITS.rawScanMaxLength);

/**
 * `POST /api/transfusions/check`: the barcodes of one bag, as scanned, for the
 * patient this device identified by wristband. The server reads the raw
 * strings itself with `collectBloodUnit`.
 */
export const transfusionCheckRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  labels: z.array(rawLabelSchema).min(1).max(12),
});
export type TransfusionCheckRequest = z.infer<typeof transfusionCheckRequestSchema>;

/** The lab's record of a unit issued to a patient, as the bedside sees it. */
export const issuedUnitViewSchema = z.object({
  id: idSchema,
  din: z.string(),
  component: componentTypeSchema,
  bloodGroup: bloodGroupSchema,
  productCode: z.string().nullable(),
  expiresOn: isoDateSchema,
  /** HH:MM ward time, when the label gives one. */
  expiresAtTime: z.string().nullable(),
  outOfStorageAt: instantSchema.nullable(),
  attributes: z.array(specialRequirementSchema),
});
export type IssuedUnitView = z.infer<typeof issuedUnitViewSchema>;

export const transfusionCheckResponseSchema = z.object({
  eventId: eventIdSchema,
  patientId: idSchema.nullable(),
  /** The issued unit the scanned DIN matched, if any. */
  unit: issuedUnitViewSchema.nullable(),
  /** `witness` is 'required' while the ward's second checker has not scanned a badge. */
  verdict: verdictSchema,
  replayed: z.boolean(),
});
export type TransfusionCheckResponse = z.infer<typeof transfusionCheckResponseSchema>;

/** `POST /api/transfusions/checks/:eventId/second-checker`: the second person's badge, as scanned. */
export const secondCheckerRequestSchema = z.object({ deviceId: deviceIdSchema, raw: rawLabelSchema });
export type SecondCheckerRequest = z.infer<typeof secondCheckerRequestSchema>;

/** `POST /api/transfusions/start`: start the unit whose check is `checkEventId`. */
export const transfusionStartRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  checkEventId: eventIdSchema,
  overrideReason: transfusionOverrideReasonSchema.optional(),
});
export type TransfusionStartRequest = z.infer<typeof transfusionStartRequestSchema>;

export const TRANSFUSION_END_OUTCOMES = ['completed', 'stopped-reaction', 'stopped-other'] as const;
/** `POST /api/transfusions/:id/end`. */
export const transfusionEndRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  outcome: z.enum(TRANSFUSION_END_OUTCOMES),
});
export type TransfusionEndRequest = z.infer<typeof transfusionEndRequestSchema>;

export const transfusionSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  issuedUnitId: idSchema,
  din: z.string(),
  checkEventId: eventIdSchema,
  startedAt: instantSchema,
  startedBy: idSchema,
  secondCheckerId: idSchema.nullable(),
  overrideReason: transfusionOverrideReasonSchema.nullable(),
  endedAt: instantSchema.nullable(),
  endedBy: idSchema.nullable(),
  endOutcome: z.enum(TRANSFUSION_END_OUTCOMES).nullable(),
});
export type Transfusion = z.infer<typeof transfusionSchema>;

/** `POST /api/transfusions/start` and `POST /api/transfusions/:id/end` answer with the transfusion as it now stands. */
export const transfusionStepResponseSchema = z.object({
  eventId: eventIdSchema,
  transfusion: transfusionSchema,
  replayed: z.boolean(),
});
export type TransfusionStepResponse = z.infer<typeof transfusionStepResponseSchema>;

export const TRANSFUSION_ORDER_STATUSES = ['active', 'complete', 'cancelled'] as const;
export const transfusionOrderViewSchema = z.object({
  id: idSchema,
  component: componentTypeSchema,
  units: z.number().int().positive(),
  requirements: z.array(specialRequirementSchema),
  status: z.enum(TRANSFUSION_ORDER_STATUSES),
  orderedAt: instantSchema,
});
export type TransfusionOrderView = z.infer<typeof transfusionOrderViewSchema>;

export const ISSUED_UNIT_STATUSES = ['issued', 'transfusing', 'transfused', 'returned'] as const;

/**
 * `GET /api/patients/:id/transfusions`: what the bedside shows before and
 * during a transfusion: the patient's group on record, the orders, the units
 * the lab issued, and any transfusion running now (so it can be ended after a
 * reload or from another handheld).
 */
export const patientTransfusionsSchema = z.object({
  patientId: idSchema,
  bloodGroup: bloodGroupSchema.nullable(),
  orders: z.array(transfusionOrderViewSchema),
  units: z.array(issuedUnitViewSchema.extend({ status: z.enum(ISSUED_UNIT_STATUSES) })),
  running: z.array(transfusionSchema),
});
export type PatientTransfusions = z.infer<typeof patientTransfusionsSchema>;

/** `GET`/`PUT /api/wards/:id/transfusion-policy`: the ward's bedside transfusion rules (admins set them). */
export const transfusionPolicySchema = z.object({
  secondCheckerRequired: z.boolean(),
  /** Longest time out of controlled storage, by component, within which the transfusion must finish. */
  coldChainMinutes: z.object({
    'red-cells': z.number().int().min(1).max(24 * 60),
    plasma: z.number().int().min(1).max(24 * 60),
    platelets: z.number().int().min(1).max(24 * 60),
  }),
  /** Warn at the bedside check when less than this remains of the limit. */
  minimumRemainingMinutes: z.number().int().min(0).max(24 * 60),
});
export type TransfusionPolicyView = z.infer<typeof transfusionPolicySchema>;

/*
 * The transfusion laboratory's side (its interface signs in as an admin):
 * the patient's group, orders, and units issued to a patient. The bedside
 * check trusts only these records, never what a bag claims.
 */

/** `PUT /api/patients/:id/blood-group`. */
export const patientBloodGroupRequestSchema = z.object({ bloodGroup: bloodGroupSchema });

/** `POST /api/transfusions/orders`. */
export const transfusionOrderRequestSchema = z.object({
  patientId: idSchema,
  component: componentTypeSchema,
  units: z.number().int().min(1).max(20),
  requirements: z.array(specialRequirementSchema).max(SPECIAL_REQUIREMENTS.length),
});
export type TransfusionOrderRequest = z.infer<typeof transfusionOrderRequestSchema>;

/** `POST /api/transfusions/issued-units`: a unit the lab issued against an order. */
export const issueUnitRequestSchema = z.object({
  orderId: idSchema,
  /** 13 characters, as in the barcode without its flags: facility (5), year (2), sequence (6). */
  din: z.string().regex(/^[A-NP-Z1-9]\d{12}$/, 'must be the 13-character Donation Identification Number'),
  bloodGroup: bloodGroupSchema,
  productCode: z.string().regex(/^[A-Z0-9]{8}$/, 'must be the 8-character ISBT 128 product code').nullable(),
  expiresOn: isoDateSchema,
  expiresAtTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').nullable(),
  /** When the unit left controlled storage; null while it is still in the lab's fridge. */
  outOfStorageAt: instantSchema.nullable(),
  attributes: z.array(specialRequirementSchema).max(SPECIAL_REQUIREMENTS.length),
});
export type IssueUnitRequest = z.infer<typeof issueUnitRequestSchema>;
