import type { PasswordChangeRequest, PinChangeRequest, SessionUser, SessionsRevoked, StaffMember } from '@wardscan/shared';
import { minutesLocked } from '../auth/lockout.js';
import { hashSecretAsync, verifySecret } from '../auth/passwords.js';
import type { StaffRecord } from '../auth/staff-repository.js';
import { ApiError, conflict, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';

/*
 * Issue 16: an account's life cycle, by an admin (deactivate, reactivate,
 * reset a password or PIN, end every session) or its owner (change the
 * password, proving the current one). Each change is one audited
 * transaction; ending sessions closes their sockets too.
 */

type Deps = Pick<AppDeps, 'repos' | 'config' | 'endSessionSockets'>;

/** A member of staff as admins see them at `now`: a lock that has run out is not shown. */
export const staffView = (s: StaffRecord, now: Date): StaffMember => ({
  id: s.id,
  username: s.username,
  name: s.name,
  role: s.role,
  wardId: s.wardId,
  badgeGsrn: s.badgeGsrn,
  active: s.active,
  lockedUntil: minutesLocked(s.lockedUntil, now) === null ? null : s.lockedUntil,
});

function staffOrThrow({ repos }: Deps, id: string): StaffRecord {
  const staff = repos.staff.byId(id);
  if (!staff) throw notFound('Staff member');
  return staff;
}

function audit({ repos, config }: Deps, actor: SessionUser, staff: StaffRecord, action: string, summary: string, detail: Record<string, unknown> = {}): void {
  repos.audit.append({ type: 'account', userId: actor.id, wardId: staff.wardId, summary, detail: { action, staffId: staff.id, ...detail } }, config.now());
}

/** Ends every live session of the account in the caller's transaction; the sockets are closed by the caller after it commits. */
const revokeAll = ({ repos, config }: Deps, staffId: string): string[] => repos.sessions.revokeAllFor(staffId, config.now().toISOString());

/** Deactivates (ending every session) or reactivates a member of staff. An admin cannot deactivate themselves. */
export function setStaffActive(deps: Deps, actor: SessionUser, id: string, active: boolean): StaffMember {
  const staff = staffOrThrow(deps, id);
  if (!active && staff.id === actor.id) throw conflict('You cannot deactivate your own account: ask another admin.', 'active');
  const ended = deps.repos.transaction(() => {
    deps.repos.staff.setActive(id, active);
    // A reactivated account starts with no failures counted and no lock.
    if (active) deps.repos.staff.clearFailedSignIns(id);
    const hashes = active ? [] : revokeAll(deps, id);
    audit(deps, actor, staff, active ? 'reactivated' : 'deactivated', `${actor.name} ${active ? 'reactivated' : 'deactivated'} ${staff.name}'s account`, { sessionsEnded: hashes.length });
    return hashes;
  });
  for (const h of ended) deps.endSessionSockets(h);
  return staffView(deps.repos.staff.byId(id)!, deps.config.now());
}

/** An admin sets a new password or PIN: the account's sign-in lock and failure count go with the old one. */
export async function resetSecret(deps: Deps, actor: SessionUser, id: string, secret: 'password' | 'pin', value: string): Promise<StaffMember> {
  const staff = staffOrThrow(deps, id);
  const hash = await hashSecretAsync(value, deps.config.passwordHashCost);
  deps.repos.transaction(() => {
    deps.repos.staff.setSecretHash(id, secret, hash);
    deps.repos.staff.clearFailedSignIns(id);
    audit(deps, actor, staff, `${secret}-reset`, `${actor.name} set a new ${secret === 'pin' ? 'PIN' : 'password'} for ${staff.name}`);
  });
  return staffView(deps.repos.staff.byId(id)!, deps.config.now());
}

/** Ends every session of a member of staff (a lost handheld, a shared password) and closes their sockets. */
export function revokeSessions(deps: Deps, actor: SessionUser, id: string): SessionsRevoked {
  const staff = staffOrThrow(deps, id);
  const ended = deps.repos.transaction(() => {
    const hashes = revokeAll(deps, id);
    audit(deps, actor, staff, 'sessions-revoked', `${actor.name} ended ${staff.name}'s sessions (${hashes.length})`, { sessionsEnded: hashes.length });
    return hashes;
  });
  for (const h of ended) deps.endSessionSockets(h);
  return { revoked: ended.length };
}

/** The signed-in user changes their own password; the current one must be proved. Other sessions stay open. */
export async function changeOwnPassword(deps: Deps, user: SessionUser, req: PasswordChangeRequest): Promise<void> {
  const staff = staffOrThrow(deps, user.id);
  if (!(await verifySecret(req.currentPassword, staff.passwordHash))) {
    throw new ApiError('VALIDATION', 'Your current password is not right: the password was not changed.', 'currentPassword');
  }
  if (req.newPassword === req.currentPassword) throw new ApiError('VALIDATION', 'Choose a password different from the current one.', 'newPassword');
  const hash = await hashSecretAsync(req.newPassword, deps.config.passwordHashCost);
  deps.repos.transaction(() => {
    deps.repos.staff.setSecretHash(staff.id, 'password', hash);
    audit(deps, user, staff, 'password-changed', `${staff.name} changed their password`);
  });
}

/** The signed-in user sets their own PIN (badge sign-in), proving their current password. Other sessions stay open. */
export async function changeOwnPin(deps: Deps, user: SessionUser, req: PinChangeRequest): Promise<void> {
  const staff = staffOrThrow(deps, user.id);
  if (!(await verifySecret(req.currentPassword, staff.passwordHash))) {
    throw new ApiError('VALIDATION', 'Your current password is not right: the PIN was not changed.', 'currentPassword');
  }
  if (staff.pinHash && (await verifySecret(req.newPin, staff.pinHash))) throw new ApiError('VALIDATION', 'Choose a PIN different from the current one.', 'newPin');
  const hash = await hashSecretAsync(req.newPin, deps.config.passwordHashCost);
  deps.repos.transaction(() => {
    deps.repos.staff.setSecretHash(staff.id, 'pin', hash);
    audit(deps, user, staff, 'pin-changed', `${staff.name} changed their PIN`);
  });
}
