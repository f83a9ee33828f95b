import { z } from 'zod';
import { LIMITS } from './limits.js';
import { gsrnSchema, idSchema, instantSchema } from './common.js';
import { roleSchema } from './roles.js';

/** Sign in by badge + PIN (at the bedside) or username + password. */
export const createSessionRequestSchema = z.union([
  z.object({
    badge: z.string().min(1).max(LIMITS.rawScanMaxLength),
    pin: z.string().regex(/^\d+$/, 'PIN must be digits').min(LIMITS.pinMinLength).max(LIMITS.pinMaxLength),
  }).strict(),
  z.object({
    username: z.string().trim().min(1).max(LIMITS.nameMaxLength),
    password: z.string().min(1).max(LIMITS.passwordMaxLength),
  }).strict(),
]);
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>;

export const sessionUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  /** The ward a nurse or ward manager works on; null for pharmacy and admins. */
  wardId: idSchema.nullable(),
  badgeGsrn: gsrnSchema.nullable().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  token: z.string(),
  expiresAt: instantSchema,
  user: sessionUserSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
