import type { Db } from '../db/database.js';

export interface SessionRecord {
  readonly tokenHash: string;
  readonly staffId: string;
  readonly expiresAt: string;
}

/*
 * A use is written at most once a minute per session: not a write (and an
 * fsync) on every bedside request. So a session may end up to a minute before
 * its idle limit, never after it.
 */
const TOUCH_EVERY_MS = 60_000;

export function createSessionRepository(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const live = db.prepare<[string, string, string], { staff_id: string; expires_at: string; last_used_at: string }>(
    `SELECT staff_id, expires_at, COALESCE(last_used_at, created_at) AS last_used_at FROM sessions
     WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ? AND COALESCE(last_used_at, created_at) > ?`,
  );
  const revokeAll = db.prepare<[string, string], string>(
    'UPDATE sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL RETURNING token_hash',
  ).pluck();
  const touch = db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ?');
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  return {
    create: (s: SessionRecord, createdAt: string): void => {
      insert.run(s.tokenHash, s.staffId, createdAt, s.expiresAt);
    },
    /**
     * The live session for a token hash at `now`, or undefined when unknown,
     * revoked, expired, or unused since `idleSince`. Marks it used.
     */
    use: (tokenHash: string, now: Date, idleSince: Date): SessionRecord | undefined => {
      const r = live.get(tokenHash, now.toISOString(), idleSince.toISOString());
      if (!r) return undefined;
      if (now.getTime() - Date.parse(r.last_used_at) >= TOUCH_EVERY_MS) touch.run(now.toISOString(), tokenHash);
      return { tokenHash, staffId: r.staff_id, expiresAt: r.expires_at };
    },
    /** Whether the session is live at `now` (as `use`, without marking it used). */
    isLive: (tokenHash: string, now: Date, idleSince: Date): boolean => live.get(tokenHash, now.toISOString(), idleSince.toISOString()) !== undefined,
    /** Ends every session of a member of staff; returns their token hashes, so their sockets can be closed. */
    revokeAllFor: (staffId: string, nowIso: string): string[] => revokeAll.all(nowIso, staffId),
    revoke: (tokenHash: string, nowIso: string): void => {
      revoke.run(nowIso, tokenHash);
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
