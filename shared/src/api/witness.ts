import { z } from 'zod';
import { deviceIdSchema, eventIdSchema } from './common.js';
import { LIMITS } from './limits.js';
import { verdictSchema } from './verdicts.js';

/**
 * `POST /api/witnesses`: a second clinician witnesses a high-alert dose on
 * the giving nurse's handheld with their badge *and* PIN (issue 12). Wrong
 * PINs count toward the witness's own account lockout.
 */
export const witnessRequestSchema = z.object({
  deviceId: deviceIdSchema,
  eventId: eventIdSchema,
  /** The pack scan whose verdict asked for a witness. */
  productScanEventId: eventIdSchema,
  /** The witness's badge exactly as scanned. */
  badge: z.string().min(1).max(LIMITS.rawScanMaxLength),
  pin: z.string().min(1).max(64),
});
export type WitnessRequest = z.infer<typeof witnessRequestSchema>;

export const witnessResponseSchema = z.object({
  productScanEventId: eventIdSchema,
  /** The pack's verdict, now witnessed and naming the witness. */
  verdict: verdictSchema,
  witness: z.object({ staffId: z.string(), name: z.string() }),
  replayed: z.boolean(),
});
export type WitnessResponse = z.infer<typeof witnessResponseSchema>;
