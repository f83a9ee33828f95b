import { z } from 'zod';
import { LIMITS } from './limits.js';

/** A new password, as an admin sets it or its owner changes it. */
export const newPasswordSchema = z.string().min(12, 'at least 12 characters').max(LIMITS.passwordMaxLength);

/**
 * A new PIN: at least {@link LIMITS.newPinMinLength} digits (issue 16). PINs
 * set before, of 4 or 5 digits, still sign in until they are changed.
 */
export const newPinSchema = z.string().regex(/^\d+$/, 'PIN must be digits').min(LIMITS.newPinMinLength, `at least ${LIMITS.newPinMinLength} digits`).max(LIMITS.pinMaxLength);

/** `PUT /api/staff/:id/active` (admin): deactivate (which ends their sessions) or reactivate a member of staff. */
export const staffActiveRequestSchema = z.object({ active: z.boolean() }).strict();
export type StaffActiveRequest = z.infer<typeof staffActiveRequestSchema>;

/** `PUT /api/staff/:id/password` (admin): a new password, which also lifts a sign-in lock. */
export const passwordResetRequestSchema = z.object({ password: newPasswordSchema }).strict();
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** `PUT /api/staff/:id/pin` (admin): a new PIN, which also lifts a sign-in lock. */
export const pinResetRequestSchema = z.object({ pin: newPinSchema }).strict();
export type PinResetRequest = z.infer<typeof pinResetRequestSchema>;

/** `PUT /api/me/password`: change your own password, proving the current one. */
export const passwordChangeRequestSchema = z
  .object({ currentPassword: z.string().min(1).max(LIMITS.passwordMaxLength), newPassword: newPasswordSchema })
  .strict();
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;

/** `PUT /api/me/pin`: change your own PIN (at least 6 digits), proving your current password. */
export const pinChangeRequestSchema = z
  .object({ currentPassword: z.string().min(1).max(LIMITS.passwordMaxLength), newPin: newPinSchema })
  .strict();
export type PinChangeRequest = z.infer<typeof pinChangeRequestSchema>;

/** The answer to `DELETE /api/staff/:id/sessions` (admin): how many live sessions were ended. */
export const sessionsRevokedSchema = z.object({ revoked: z.number().int().nonnegative() });
export type SessionsRevoked = z.infer<typeof sessionsRevokedSchema>;
