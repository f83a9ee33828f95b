import { z } from 'zod';
import { gsrnSchema, idSchema, instantSchema, isoDateSchema, nhsNumberSchema } from './common.js';

/*
 * The ward's band list (issue 12): a signed copy of who is on the ward, kept
 * on the handheld so that a wristband scanned while the server cannot be
 * reached shows a patient only when the band names someone on this list.
 *
 * Signed with ECDSA P-256 over SHA-256; the signature is IEEE P1363 (r || s,
 * 64 bytes), the form WebCrypto's `subtle.verify({ name: 'ECDSA', hash:
 * 'SHA-256' })` takes. What is signed is the UTF-8 of `payload`, exactly as
 * sent: the handheld verifies that text and only then parses it.
 */

/** base64url without padding (RFC 4648 §5). */
export const base64UrlSchema = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url without padding');

/** One patient as the band list carries them: enough to match a band and show who it is. */
export const bandListPatientSchema = z.object({
  id: idSchema,
  nhsNumber: nhsNumberSchema,
  /** The GSRN printed on the patient's wristband (AI 8018); null when the record has none. */
  wristbandGsrn: gsrnSchema.nullable(),
  familyName: z.string(),
  givenName: z.string(),
  birthDate: isoDateSchema,
  bedLabel: z.string().nullable(),
});
export type BandListPatient = z.infer<typeof bandListPatientSchema>;

/** The signed content: one ward's patients, valid from `issuedAt` until `expiresAt`. */
export const bandListSchema = z.object({
  wardId: idSchema,
  issuedAt: instantSchema,
  expiresAt: instantSchema,
  patients: z.array(bandListPatientSchema),
  /** The key that signed it (its RFC 7638 JWK thumbprint); the same as the envelope's. */
  keyId: z.string().min(1).max(128),
});
export type BandList = z.infer<typeof bandListSchema>;

/** `GET /api/wards/:id/band-list`: the band list as signed text, with its signature. */
export const signedBandListSchema = z.object({
  /** The exact JSON text signed: a `BandList`. Verify before parsing. */
  payload: z.string(),
  /** ECDSA P-256 / SHA-256, IEEE P1363 (r || s, 64 bytes), base64url. */
  signature: base64UrlSchema,
  keyId: z.string().min(1).max(128),
});
export type SignedBandList = z.infer<typeof signedBandListSchema>;

/** The public key as a JWK (RFC 7517), as `crypto.subtle.importKey('jwk', …)` takes it. */
export const bandListJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64UrlSchema,
  y: base64UrlSchema,
});
export type BandListJwk = z.infer<typeof bandListJwkSchema>;

/** `GET /api/band-list-key`: the key band lists are signed with. */
export const bandListKeySchema = z.object({
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of `jwk`. */
  keyId: z.string().min(1).max(128),
  jwk: bandListJwkSchema,
});
export type BandListKey = z.infer<typeof bandListKeySchema>;

/** How long a band list may be used for identification after it was issued. */
export const BAND_LIST_LIFETIME_MS = 12 * 60 * 60 * 1000;
