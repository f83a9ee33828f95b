import { z } from 'zod';
import { deviceIdSchema, eventIdSchema, heldForMsSchema, idSchema, instantSchema } from './common.js';
import { doseQuantitySchema } from './order-dose.js';

/** Coded reasons a nurse may give to proceed past a warning. */
export const OVERRIDE_REASONS = {
  'prescriber-confirmed': 'Prescriber confirmed, documented',
  'barcode-damaged-verified': 'Barcode damaged; checked by eye with a second nurse',
  'different-brand-same-drug': 'Different brand of the same drug and strength',
  'patient-own-medicine': "Patient's own medicine, checked",
  'time-agreed-clinically': 'Time difference agreed clinically',
  'partial-tablet-prepared': 'Partial tablet prepared as per pharmacy advice',
} as const;
export type OverrideReason = keyof typeof OVERRIDE_REASONS;
export const overrideReasonSchema = z.enum(Object.keys(OVERRIDE_REASONS) as [OverrideReason, ...OverrideReason[]]);

/** `POST /api/administrations` and socket `administer`: the dose was given. */
export const administrationRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  /** The product scan whose verdict this administration acts on. */
  productScanEventId: eventIdSchema,
  prescriptionId: idSchema,
  overrideReason: overrideReasonSchema.optional(),
  /** What an as-needed dose is for ("pain 7/10", "nausea"): asked at every PRN administration. */
  indication: z.string().trim().min(1).max(200).optional(),
  /**
   * The dose the nurse chose, for an order given as a range (required for
   * one, refused for an exact dose): in the range's unit, within its bounds.
   */
  chosenDose: doseQuantitySchema.optional(),
  /** How long the handheld held this confirmation before sending it (see the scan request's `heldForMs`). */
  heldForMs: heldForMsSchema.optional(),
});
export type AdministrationRequest = z.infer<typeof administrationRequestSchema>;

export const administrationSchema = z.object({
  id: idSchema,
  eventId: eventIdSchema,
  prescriptionId: idSchema,
  patientId: idSchema,
  productScanEventId: eventIdSchema,
  /** When the nurse confirmed it on the handheld (the capture time). */
  givenAt: instantSchema,
  /** When the server recorded it. */
  documentedAt: instantSchema,
  /**
   * The confirmation reached the server more than a minute after it was made
   * (the handheld was offline): recorded with its original time, and flagged.
   */
  documentedLate: z.boolean(),
  givenBy: idSchema,
  witnessedBy: idSchema.nullable(),
  overrideReason: overrideReasonSchema.nullable(),
  doseText: z.string(),
  /** The dose given, in the order's unit: the order's own, or the one the nurse chose within its range (null on records from before it was kept). */
  doseGiven: doseQuantitySchema.nullable(),
  /** For an as-needed dose: what it was given for. */
  indication: z.string().nullable(),
});
export type Administration = z.infer<typeof administrationSchema>;

export const administrationResponseSchema = z.object({
  eventId: eventIdSchema,
  administration: administrationSchema,
  replayed: z.boolean(),
});
export type AdministrationResponse = z.infer<typeof administrationResponseSchema>;
