import type { ServerConfig } from '../config.js';

export type LockoutPolicy = ServerConfig['signInLockout'];

/**
 * How long an account is locked after `failures` consecutive failed sign-ins:
 * nothing below the limit, then the first lock, doubling with each further
 * failure, never past the cap (OWASP Authentication Cheat Sheet: lock per
 * account, with an exponential back-off, so a guesser cannot move address to
 * go on, and a nurse who mistypes is not locked out for a shift).
 */
export function lockoutMinutes(failures: number, policy: LockoutPolicy): number | null {
  if (failures < policy.failures) return null;
  const doublings = Math.min(failures - policy.failures, 30); // 2^30 minutes is past any cap
  return Math.min(policy.firstMinutes * 2 ** doublings, policy.maxMinutes);
}

/** Whole minutes left of a lock at `now` (at least 1), or null when the account is not locked. */
export function minutesLocked(lockedUntil: string | null, now: Date): number | null {
  if (!lockedUntil) return null;
  const ms = Date.parse(lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 60_000) : null;
}
