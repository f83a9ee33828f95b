import { z } from 'zod';
import { deviceIdSchema, eventIdSchema, idSchema, instantSchema, isoDateSchema } from './common.js';
import { LIMITS } from './limits.js';
import { verdictSchema } from './verdicts.js';

/**
 * How a device is identified: GS1 GIAI (AI 8004) or a UDI (GTIN + serial).
 * `key` is the one name for it everywhere: `giai:<giai>` or `udi:<gtin>:<serial>`.
 */
export const equipmentKeySchema = z.string().regex(/^(giai:[\x21-\x7e]{1,30}|udi:\d{14}:[\x21-\x7e]{1,20})$/, 'must be giai:… or udi:<gtin>:<serial>');

/** `POST /api/equipment/assign`: a device scanned at the bedside during an infusion. */
export const equipmentAssignRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  /** The device's barcode as scanned (GIAI 8004, or GTIN + serial). */
  raw: z.string().min(1).max(LIMITS.rawScanMaxLength),
  /** The prescription being infused, or the transfusion running, through this device. */
  prescriptionId: idSchema.optional(),
  transfusionId: idSchema.optional(),
});
export type EquipmentAssignRequest = z.infer<typeof equipmentAssignRequestSchema>;

/** `POST /api/equipment/release`: the infusion through this device has ended. */
export const equipmentReleaseRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  equipmentKey: equipmentKeySchema,
});
export type EquipmentReleaseRequest = z.infer<typeof equipmentReleaseRequestSchema>;

/** Which device is with which patient now (one row per device in use). */
export const equipmentAssignmentSchema = z.object({
  id: idSchema,
  equipmentKey: equipmentKeySchema,
  /** From the asset register; null for a device unknown to it. */
  assetName: z.string().nullable(),
  maintenanceDueOn: isoDateSchema.nullable(),
  patientId: idSchema,
  patientName: z.string(),
  bedLabel: z.string().nullable(),
  prescriptionId: idSchema.nullable(),
  transfusionId: idSchema.nullable(),
  assignedAt: instantSchema,
  assignedBy: idSchema,
});
export type EquipmentAssignment = z.infer<typeof equipmentAssignmentSchema>;

export const equipmentAssignResponseSchema = z.object({
  eventId: eventIdSchema,
  assignment: equipmentAssignmentSchema,
  /** The assignment this one ended, when the device was with another patient. */
  released: equipmentAssignmentSchema.nullable(),
  /** 'match' when known and serviced; 'warning' for an unknown device or maintenance due. */
  verdict: verdictSchema,
  replayed: z.boolean(),
});
export type EquipmentAssignResponse = z.infer<typeof equipmentAssignResponseSchema>;

/** `GET /api/equipment/assignments?wardId=`: the ward manager's view. */
export const equipmentAssignmentsQuerySchema = z.object({ wardId: idSchema.optional() });

/** The answer to a release: the association that ended. */
export const equipmentReleaseResponseSchema = z.object({
  eventId: eventIdSchema,
  released: equipmentAssignmentSchema,
  replayed: z.boolean(),
});
export type EquipmentReleaseResponse = z.infer<typeof equipmentReleaseResponseSchema>;
