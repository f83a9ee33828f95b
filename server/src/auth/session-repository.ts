import type { Db } from '../db/database.js';

export interface SessionRecord {
  readonly tokenHash: string;
  readonly staffId: string;
  readonly expiresAt: string;
}

export function createSessionRepository(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const live = db.prepare<[string, string], { staff_id: string; expires_at: string }>(
    'SELECT staff_id, expires_at FROM sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
  );
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  return {
    create: (s: SessionRecord, createdAt: string): void => {
      insert.run(s.tokenHash, s.staffId, createdAt, s.expiresAt);
    },
    /** The live session for a token hash at `nowIso`, or undefined when unknown, revoked or expired. */
    live: (tokenHash: string, nowIso: string): SessionRecord | undefined => {
      const r = live.get(tokenHash, nowIso);
      return r && { tokenHash, staffId: r.staff_id, expiresAt: r.expires_at };
    },
    revoke: (tokenHash: string, nowIso: string): void => {
      revoke.run(nowIso, tokenHash);
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
