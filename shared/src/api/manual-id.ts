import { z } from 'zod';
import { deviceIdSchema, eventIdSchema, idSchema } from './common.js';
import { LIMITS } from './limits.js';
import { patientSummarySchema } from './patients.js';
import { verdictSchema } from './verdicts.js';

/** Why the wristband could not be scanned, so the patient was chosen from the ward list. */
export const MANUAL_ID_REASONS = {
  'band-unreadable': 'Wristband will not scan',
  'band-damaged': 'Wristband damaged or faded',
  'band-missing': 'No wristband on the patient',
  'band-inaccessible': 'Wristband cannot be reached (dressing, cast, line)',
} as const;
export type ManualIdReason = keyof typeof MANUAL_ID_REASONS;
export const manualIdReasonSchema = z.enum(Object.keys(MANUAL_ID_REASONS) as [ManualIdReason, ...ManualIdReason[]]);

/**
 * `POST /api/manual-identifications`: the fallback when a band will not
 * scan. The ward's policy decides whether it is allowed, and whether a
 * second nurse must confirm with their badge and PIN. Always recorded as a
 * manual identification and reported to the ward's managers.
 */
export const manualIdRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  patientId: idSchema,
  reason: manualIdReasonSchema,
  secondNurse: z.object({ badge: z.string().min(1).max(LIMITS.rawScanMaxLength), pin: z.string().min(1).max(64) }).optional(),
});
export type ManualIdRequest = z.infer<typeof manualIdRequestSchema>;

export const manualIdResponseSchema = z.object({
  eventId: eventIdSchema,
  patient: patientSummarySchema,
  verdict: verdictSchema,
  replayed: z.boolean(),
});
export type ManualIdResponse = z.infer<typeof manualIdResponseSchema>;
