import type { CreateSessionRequest, Role, SessionResponse, SessionUser } from '@wardscan/shared';
import { interpretScan } from '@wardscan/shared';
import { interpretOptions, type ServerConfig } from '../config.js';
import { ApiError, forbidden } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import type { AppDeps } from '../http/deps.js';
import { dummyHash, hashSecretAsync, hashToken, needsRehash, newToken, verifySecret } from './passwords.js';
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

/** Why a sign-in failed, for the audit trail only: every failure answers the same vague 401. */
type SignInFailure = 'unknown-account' | 'inactive-account' | 'no-pin' | 'wrong-secret';

/**
 * Checks the credentials and opens a session; every failure is audited and
 * answers the same vague 401. The secret is checked off the event loop
 * (scrypt on libuv's pool), against a dummy hash when there is no account to
 * check it against, so a sign-in neither stalls the bedside answers nor says
 * by its timing whether a username exists. A hash below today's cost is
 * replaced once the secret has been proved. The writes go through the group
 * commit, so their fsync is off the event loop too.
 */
export async function signIn(
  { repos, config, durable }: Pick<AppDeps, 'repos' | 'config' | 'durable'>,
  req: CreateSessionRequest,
  clientIp: string,
): Promise<SessionResponse> {
  const method = 'badge' in req ? 'badge' : 'password';
  const secret = 'badge' in req ? req.pin : req.password;
  const staff = findStaff(repos, config, req);
  const stored = !staff || !staff.active ? null : 'badge' in req ? staff.pinHash : staff.passwordHash;
  const proved = await verifySecret(secret, stored ?? (await dummyHash(config.passwordHashCost)));
  const failure: SignInFailure | null = !staff ? 'unknown-account' : !staff.active ? 'inactive-account' : stored === null ? 'no-pin' : proved ? null : 'wrong-secret';
  const now = config.now();
  if (!staff || failure) {
    // Never the typed text of a username no account has: it may be a password typed in the wrong box.
    const who = !staff ? `unknown ${method === 'badge' ? 'badge' : 'username'}` : `${method === 'badge' ? 'badge of' : 'username'} ${staff.username}`;
    await durable.write(() =>
      repos.audit.append({ type: 'sign-in-failed', userId: staff?.id ?? null, summary: `Sign-in failed (${who})`, detail: { method, failure, clientIp } }, now),
    );
    throw UNAUTHENTICATED('Sign-in failed: check your badge and PIN, or username and password.');
  }
  const rehash = stored !== null && needsRehash(stored, config.passwordHashCost) ? await hashSecretAsync(secret, config.passwordHashCost) : null;
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000).toISOString();
  await durable.write(() =>
    repos.transaction(() => {
      if (rehash) repos.staff.setSecretHash(staff.id, method === 'badge' ? 'pin' : 'password', rehash);
      repos.sessions.create({ tokenHash, staffId: staff.id, expiresAt }, now.toISOString());
      repos.audit.append({ type: 'sign-in', userId: staff.id, wardId: staff.wardId, summary: `${staff.name} signed in`, detail: { method, clientIp } }, now);
    }),
  );
  return { token, expiresAt, user: toSessionUser(staff) };
}

/** The signed-in user for a bearer token, or a 401. */
export function authenticate(repos: Repositories, config: ServerConfig, token: string | undefined): { user: SessionUser; tokenHash: string; expiresAt: string } {
  if (!token) throw UNAUTHENTICATED('Sign in first.');
  const tokenHash = hashToken(token);
  const session = repos.sessions.live(tokenHash, config.now().toISOString());
  if (!session) throw UNAUTHENTICATED('Your session has ended. Sign in again.');
  const staff = repos.staff.byId(session.staffId);
  if (!staff || !staff.active) throw UNAUTHENTICATED('Your account is not active. Sign in again.');
  return { user: toSessionUser(staff), tokenHash, expiresAt: session.expiresAt };
}

export function signOut(repos: Repositories, config: ServerConfig, tokenHash: string): void {
  repos.sessions.revoke(tokenHash, config.now().toISOString());
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
