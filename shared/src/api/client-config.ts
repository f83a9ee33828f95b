import { z } from 'zod';

/**
 * `GET /api/config`: the ward's scanning settings the handheld needs before
 * it can read a barcode the way the server will (no auth required).
 */
export const clientConfigSchema = z.object({
  /** GS1 company prefixes under which a wristband GSRN carries an NHS Number (DCB1077). */
  nhsCompanyPrefixes: z.array(z.string().regex(/^\d{6,12}$/)),
  /** A bare NHS Number barcode (Code 128 / QR) on a wristband is accepted. */
  acceptPlainNhsNumber: z.boolean(),
  /** Characters this ward's scanners send in place of GS. */
  gsSubstitutes: z.array(z.string().length(1)),
  /** Typed patient identifiers are blocked unless the trust allows them. */
  allowKeyedPatientId: z.boolean(),
  /** A positive patient ID ends after this many idle seconds. */
  patientContextTimeoutSeconds: z.number().int().positive(),
  /** Longest gap between keystrokes that still counts as a scanner burst. */
  scannerMaxKeyGapMs: z.number().int().positive(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
