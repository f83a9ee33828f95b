import type { AccountLockedEvent, CreateSessionRequest, Role, SessionResponse, SessionUser } from '@wardscan/shared';
import { interpretScan } from '@wardscan/shared';
import { interpretOptions, type ServerConfig } from '../config.js';
import { ApiError, forbidden } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import type { AppDeps } from '../http/deps.js';
import { dummyHash, hashSecretAsync, hashToken, needsRehash, newToken, verifySecret } from './passwords.js';
import { lockoutMinutes, minutesLocked } from './lockout.js';
import { toSessionUser, type StaffRecord } from './staff-repository.js';

const UNAUTHENTICATED = (message: string) => new ApiError('UNAUTHENTICATED', message);

/** The staff member a sign-in names, by badge barcode (interpreted as a GSRN 8017) or username. */
function findStaff(repos: Repositories, config: ServerConfig, req: CreateSessionRequest): StaffRecord | undefined {
  if ('badge' in req) {
    const scan = interpretScan(req.badge, interpretOptions(config));
    // A bare 18-digit GSRN typed from the badge's text is accepted too.
    const gsrn = scan.ok && scan.scan.kind === 'staff' ? scan.scan.gsrn : /^\d{18}$/.test(req.badge) ? req.badge : undefined;
    return gsrn ? repos.staff.byBadge(gsrn) : undefined;
  }
  return repos.staff.byUsername(req.username);
}

/** Why a sign-in failed, for the audit trail only: every failure but a lock answers the same vague 401. */
type SignInFailure = 'unknown-account' | 'inactive-account' | 'no-pin' | 'wrong-secret' | 'locked';

const LOCKED = (minutes: number) =>
  new ApiError(
    'RATE_LIMITED',
    `Too many failed sign-ins for this account: it is locked for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}. ` +
      'Try again then, or ask an admin to check the account.',
  );


/**
 * Proves that whoever holds the badge knows its PIN (or the username its
 * password): the secret is checked off the event loop, against a dummy hash
 * when there is no account (or it is locked), every failure is audited
 * without the typed text, and wrong secrets count toward the account's
 * lockout whatever they were typed for (sign-in or witnessing a dose).
 */
export async function proveSecret(
  { repos, config, durable, tellAccountLocked }: Pick<AppDeps, 'repos' | 'config' | 'durable' | 'tellAccountLocked'>,
  req: CreateSessionRequest,
  clientIp: string,
  purpose: 'Sign-in' | 'Witness check',
): Promise<{ staff: StaffRecord; stored: string }> {
  const method = 'badge' in req ? 'badge' : 'password';
  const secret = 'badge' in req ? req.pin : req.password;
  const staff = findStaff(repos, config, req);
  const lockedFor = staff?.active ? minutesLocked(staff.lockedUntil, config.now()) : null;
  const stored = !staff || !staff.active || lockedFor !== null ? null : 'badge' in req ? staff.pinHash : staff.passwordHash;
  const proved = await verifySecret(secret, stored ?? (await dummyHash(config.passwordHashCost)));
  const failure: SignInFailure | null = !staff
    ? 'unknown-account'
    : !staff.active
      ? 'inactive-account'
      : lockedFor !== null
        ? 'locked'
        : stored === null
          ? 'no-pin'
          : proved
            ? null
            : 'wrong-secret';
  if (staff && stored !== null && !failure) return { staff, stored };
  const now = config.now();
  // Never the typed text of a username no account has: it may be a password typed in the wrong box.
  const who = !staff ? `unknown ${method === 'badge' ? 'badge' : 'username'}` : `${method === 'badge' ? 'badge of' : 'username'} ${staff.username}`;
  const lockedNow = await durable.write(() =>
    repos.transaction(() => {
      repos.audit.append({ type: 'sign-in-failed', userId: staff?.id ?? null, summary: `${purpose} failed (${who})`, detail: { method, failure: failure ?? 'unknown-account', clientIp } }, now);
      return staff && failure === 'wrong-secret' ? countFailure(repos, config, staff, now, clientIp) : null;
    }),
  );
  if (lockedFor !== null) throw LOCKED(lockedFor);
  if (lockedNow !== null) {
    tellAccountLocked(lockedNow.event);
    throw LOCKED(lockedNow.minutes);
  }
  throw UNAUTHENTICATED(`${purpose} failed: check your badge and PIN, or username and password.`);
}

/**
 * Checks the credentials and opens a session; every failure is audited and
 * answers the same vague 401, except on a locked account. The secret is
 * checked off the event loop (scrypt on libuv's pool), against a dummy hash
 * when there is no account to check it against (or it is locked), so a
 * sign-in neither stalls the bedside answers nor says by its timing whether a
 * username exists. A hash below today's cost is replaced once the secret has
 * been proved. The writes go through the group commit, so their fsync is off
 * the event loop too.
 *
 * Issue 16: wrong secrets are counted per account, whatever the client's
 * address; at the limit the account is locked with a growing back-off
 * (lockout.ts), the lock is audited for the ward's admins and managers, and
 * while it lasts even the right secret is refused. A success resets the count.
 */
export async function signIn(
  deps: Pick<AppDeps, 'repos' | 'config' | 'durable' | 'tellAccountLocked'>,
  req: CreateSessionRequest,
  clientIp: string,
): Promise<SessionResponse> {
  const { repos, config, durable } = deps;
  const method = 'badge' in req ? 'badge' : 'password';
  const secret = 'badge' in req ? req.pin : req.password;
  const { staff, stored } = await proveSecret(deps, req, clientIp, 'Sign-in');
  const now = config.now();
  const audit = (who: string, f: SignInFailure) =>
    repos.audit.append({ type: 'sign-in-failed', userId: staff.id, summary: `Sign-in failed (${who})`, detail: { method, failure: f, clientIp } }, now);
  const rehash = needsRehash(stored, config.passwordHashCost) ? await hashSecretAsync(secret, config.passwordHashCost) : null;
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000).toISOString();
  const lockedMeanwhile = await durable.write(() =>
    repos.transaction(() => {
      // Another attempt may have locked the account while this one hashed: the lock wins.
      const meanwhile = minutesLocked(repos.staff.byId(staff.id)?.lockedUntil ?? null, now);
      if (meanwhile !== null) {
        audit(`${method === 'badge' ? 'badge of' : 'username'} ${staff.username}`, 'locked');
        return meanwhile;
      }
      if (rehash) repos.staff.setSecretHash(staff.id, method === 'badge' ? 'pin' : 'password', rehash);
      repos.staff.clearFailedSignIns(staff.id);
      repos.sessions.create({ tokenHash, staffId: staff.id, expiresAt }, now.toISOString());
      repos.audit.append({ type: 'sign-in', userId: staff.id, wardId: staff.wardId, summary: `${staff.name} signed in`, detail: { method, clientIp } }, now);
      return null;
    }),
  );
  if (lockedMeanwhile !== null) throw LOCKED(lockedMeanwhile);
  return { token, expiresAt, user: toSessionUser(staff) };
}

/**
 * One more wrong secret for the account, inside the caller's transaction;
 * at the limit, locks it and audits the lock on the account's ward (where
 * its managers and the admins read the log). Returns the minutes locked and
 * the event to send them once the lock is committed, or null.
 */
function countFailure(repos: Repositories, config: ServerConfig, staff: StaffRecord, now: Date, clientIp: string): { minutes: number; event: AccountLockedEvent } | null {
  const failures = repos.staff.countFailedSignIn(staff.id);
  const minutes = lockoutMinutes(failures, config.signInLockout);
  if (minutes === null) return null;
  const until = new Date(now.getTime() + minutes * 60_000).toISOString();
  repos.staff.lockSignIn(staff.id, until);
  repos.audit.append(
    {
      type: 'account-locked',
      userId: staff.id,
      wardId: staff.wardId,
      summary: `${staff.name}'s account locked for ${minutes} min after ${failures} failed sign-ins in a row`,
      detail: { failures, minutes, lockedUntil: until, clientIp },
    },
    now,
  );
  return { minutes, event: { staffId: staff.id, name: staff.name, wardId: staff.wardId, at: now.toISOString(), lockedUntil: until, failures } };
}

/** Sessions unused since this instant have ended (issue 16: idle timeout beside the absolute lifetime). */
export const idleSince = (config: ServerConfig, now: Date): Date => new Date(now.getTime() - config.sessionIdleMinutes * 60_000);

/** The signed-in user for a bearer token, or a 401; the session counts as used. */
export function authenticate(repos: Repositories, config: ServerConfig, token: string | undefined): { user: SessionUser; tokenHash: string; expiresAt: string } {
  if (!token) throw UNAUTHENTICATED('Sign in first.');
  const tokenHash = hashToken(token);
  const now = config.now();
  const session = repos.sessions.use(tokenHash, now, idleSince(config, now));
  if (!session) throw UNAUTHENTICATED('Your session has ended. Sign in again.');
  const staff = repos.staff.byId(session.staffId);
  if (!staff || !staff.active) throw UNAUTHENTICATED('Your account is not active. Sign in again.');
  return { user: toSessionUser(staff), tokenHash, expiresAt: session.expiresAt };
}

/** Ends the session, and with it the positive patient IDs its nurse holds: a screen never shows a patient after sign-out. */
export function signOut(repos: Repositories, config: ServerConfig, session: { tokenHash: string; staffId: string }): void {
  repos.transaction(() => {
    repos.sessions.revoke(session.tokenHash, config.now().toISOString());
    repos.contexts.clearAllOf(session.staffId);
  });
}

/** Throws 403 unless the user has one of the roles. */
export function requireRole(user: SessionUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
}

/** Ward-scoped reads: staff of that ward in one of `roles`, or an admin. */
export function requireWardAccess(user: SessionUser, wardId: string, ...roles: Role[]): void {
  if (user.role === 'admin') return;
  if (!roles.includes(user.role) || user.wardId !== wardId) throw forbidden('You can only see your own ward.');
}
