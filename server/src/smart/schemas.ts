import { z } from 'zod';

/*
 * The admin's side of SMART Backend Services: registering a system client
 * (an EPR interface engine, a pharmacy system) by its public keys and the
 * system scopes it may be granted. Checked again in `clients.ts` (the keys
 * must import as RS384 or ES384 public keys).
 */

export const SMART_CLIENT_ID = /^[A-Za-z0-9._~-]{3,58}$/;
const jwkSchema = z.record(z.string(), z.unknown());

export const smartClientInputSchema = z
  .object({
    /** Chosen by the admin (the EPR's own name for the interface), or generated. */
    clientId: z.string().regex(SMART_CLIENT_ID, 'client_id: 3 to 58 letters, digits or . _ ~ -').optional(),
    name: z.string().trim().min(1).max(120),
    /** Its public keys: a JWK Set, or one JWK. */
    jwks: z.object({ keys: z.array(jwkSchema).min(1).max(10) }).optional(),
    jwk: jwkSchema.optional(),
    /** The system scopes it may be granted, space-separated (SMART v1 or v2), e.g. "system/Patient.write system/*.read". */
    scopes: z.string().trim().min(1).max(2000),
  })
  .strict()
  .refine((v) => (v.jwks === undefined) !== (v.jwk === undefined), { message: 'Give the public keys as jwks (a JWK Set) or jwk (one key), not both.', path: ['jwks'] });
export type SmartClientInput = z.infer<typeof smartClientInputSchema>;

export const smartClientSchema = z.object({
  clientId: z.string(),
  name: z.string(),
  scopes: z.string(),
  /** Each registered key: its kid (if any), algorithm and RFC 7638 thumbprint. */
  keys: z.array(z.object({ kid: z.string().nullable(), alg: z.enum(['RS384', 'ES384']), thumbprint: z.string() })),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Where the client asks for tokens: the `aud` of its assertions. */
  tokenUrl: z.string(),
});
export type SmartClientView = z.infer<typeof smartClientSchema>;

/** RFC 6749 §4.4 with RFC 7523 client authentication, as SMART Backend Services sends it (form-encoded). */
export const tokenRequestSchema = z.object({
  grant_type: z.string(),
  scope: z.string().optional(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().optional(),
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
