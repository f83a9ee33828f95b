import type { CreateSessionRequest, Role, SessionResponse, SessionUser } from '@wardscan/shared';
import { interpretScan } from '@wardscan/shared';
import { interpretOptions, type ServerConfig } from '../config.js';
import { ApiError, forbidden } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import { hashToken, newToken, verifySecret } from './passwords.js';
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

/** Checks the credentials and opens a session; every failure is audited and answers the same vague 401. */
export function signIn(repos: Repositories, config: ServerConfig, req: CreateSessionRequest, clientIp: string): SessionResponse {
  const now = config.now();
  const staff = findStaff(repos, config, req);
  const secretOk =
    staff !== undefined &&
    staff.active &&
    ('badge' in req ? staff.pinHash !== null && verifySecret(req.pin, staff.pinHash) : verifySecret(req.password, staff.passwordHash));
  if (!staff || !secretOk) {
    repos.audit.append(
      {
        type: 'sign-in-failed',
        userId: staff?.id ?? null,
        summary: `Sign-in failed (${'badge' in req ? 'badge' : `username ${req.username}`})`,
        detail: { method: 'badge' in req ? 'badge' : 'password', clientIp },
      },
      now,
    );
    throw UNAUTHENTICATED('Sign-in failed: check your badge and PIN, or username and password.');
  }
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000).toISOString();
  repos.db.transaction(() => {
    repos.sessions.create({ tokenHash, staffId: staff.id, expiresAt }, now.toISOString());
    repos.audit.append(
      { type: 'sign-in', userId: staff.id, wardId: staff.wardId, summary: `${staff.name} signed in`, detail: { method: 'badge' in req ? 'badge' : 'password', clientIp } },
      now,
    );
  })();
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
