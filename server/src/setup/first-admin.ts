import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FirstAdminRequest, StaffMember } from '@wardscan/shared';
import { hashSecretAsync, hashToken } from '../auth/passwords.js';
import type { ServerConfig } from '../config.js';
import { ApiError, conflict } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import { staffView } from '../staff/accounts.js';

/*
 * Issue 16, safe defaults: a ward server started without the demo ward has
 * no account anyone could sign in with. While no admin account exists, each
 * start issues one random set-up token (main.ts prints it in a link); the
 * first admin is created with it. The token lives in memory only (a restart
 * issues a new one), is spent by its first use, and the route refuses once
 * any admin account exists, whoever made it.
 */

export interface FirstAdminSetup {
  /** A fresh single-use token (replacing any earlier one) when no admin exists; null otherwise. */
  issueToken(): string | null;
  /** Creates the first admin; refuses when an admin exists or the token is not the open one. */
  createFirstAdmin(req: FirstAdminRequest): Promise<StaffMember>;
}

const CLOSED = 'An admin account exists, so set-up is closed: sign in as an admin to add staff.';
const BAD_TOKEN =
  'This set-up link is not valid: it was used already, or the server restarted since it was printed. ' +
  'While there is no admin account the server prints a new link at each start.';

export function createFirstAdminSetup(repos: Repositories, config: Pick<ServerConfig, 'passwordHashCost' | 'now' | 'logger'>): FirstAdminSetup {
  /** sha256 of the open token; null when none is open (never issued, or spent). */
  let openTokenHash: Buffer | null = null;

  /** Takes the open token if `token` is it: its hash, now closed; null when it is not. */
  const spend = (token: string): Buffer | null => {
    const offered = Buffer.from(hashToken(token), 'hex');
    const open = openTokenHash;
    if (!open || !timingSafeEqual(offered, open)) return null;
    openTokenHash = null;
    return open;
  };

  return {
    issueToken() {
      if (repos.staff.hasAdmin()) {
        openTokenHash = null;
        return null;
      }
      const token = randomBytes(32).toString('base64url');
      openTokenHash = Buffer.from(hashToken(token), 'hex');
      return token;
    },

    async createFirstAdmin(req) {
      if (repos.staff.hasAdmin()) throw conflict(CLOSED);
      if (repos.staff.byUsername(req.username)) throw conflict('This username is taken.', 'username');
      // Spent before the (slow, asynchronous) hash: two requests with one token cannot both pass.
      const spent = spend(req.token);
      if (!spent) throw new ApiError('FORBIDDEN', BAD_TOKEN, 'token');
      const id = `staff-${randomUUID()}`;
      try {
        const passwordHash = await hashSecretAsync(req.password, config.passwordHashCost);
        repos.transaction(() => {
          if (repos.staff.hasAdmin()) throw conflict(CLOSED);
          if (repos.staff.byUsername(req.username)) throw conflict('This username is taken.', 'username');
          repos.staff.insert({ id, username: req.username, name: req.name, role: 'admin', wardId: null, badgeGsrn: null, passwordHash, pinHash: null });
          repos.audit.append(
            { type: 'account', userId: id, wardId: null, summary: `${req.name} created the first admin account with the set-up link`, detail: { action: 'first-admin-created', staffId: id } },
            config.now(),
          );
        });
      } catch (err) {
        // No admin was made: the link still works (a token is used up only by the admin it creates).
        if (!repos.staff.hasAdmin() && openTokenHash === null) openTokenHash = spent;
        throw err;
      }
      config.logger.info({ username: req.username }, 'the first admin account was created with the set-up link; the link is now spent');
      return staffView(repos.staff.byId(id)!, config.now());
    },
  };
}
