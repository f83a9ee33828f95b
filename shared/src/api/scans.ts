import { z } from 'zod';
import { interpretationSchema, scanSourceSchema } from '../barcode/scan-types.js';
import { deviceIdSchema, eventIdSchema, heldForMsSchema, idSchema, instantSchema } from './common.js';
import { LIMITS } from './limits.js';
import { patientSummarySchema } from './patients.js';
import { verdictSchema } from './verdicts.js';
import { equipmentKeySchema } from './equipment.js';

/** `POST /api/scans` and socket `scan`: one barcode read at the bedside. */
export const scanRequestSchema = z.object({
  deviceId: deviceIdSchema,
  /** Made by the handheld so a retry from its offline queue is recognised. */
  eventId: eventIdSchema,
  raw: z.string().max(LIMITS.rawScanMaxLength),
  source: scanSourceSchema,
  /** When the handheld read it, by the handheld's clock: kept for the record only. */
  scannedAt: instantSchema.optional(),
  /**
   * How long the handheld held this scan before sending it (its offline
   * queue), by its own clock. The server takes the capture time as its own
   * now minus this, so a handheld's wrong clock cannot move it, and judges
   * identification freshness and dose timing at that time.
   */
  heldForMs: heldForMsSchema.optional(),
  /**
   * The wristband scan this pack scan followed on the handheld (issue 12):
   * the server checks the pack only if that band is still the device's
   * identification. null: the handheld had no identification, so nothing is
   * checked. Left out by API clients that do not bind.
   */
  identificationEventId: eventIdSchema.nullable().optional(),
  /** For a pack that fits several orders: the order the nurse is giving it for (from the verdict's alternatives). */
  prescriptionId: idSchema.optional(),
});
export type ScanRequest = z.infer<typeof scanRequestSchema>;

export const scanResponseSchema = z.object({
  eventId: eventIdSchema,
  interpretation: interpretationSchema,
  /** The patient in this device's bedside context after this scan, if any. */
  patient: patientSummarySchema.nullable(),
  verdict: verdictSchema,
  /** True when this is a retry of an event already recorded. */
  replayed: z.boolean(),
  /**
   * When the scan was a catalogue device with its serial (a UDI): the device's
   * key, so the handheld can offer to link it (POST /api/equipment/assign).
   */
  equipmentKey: equipmentKeySchema.optional(),
});
export type ScanResponse = z.infer<typeof scanResponseSchema>;
