/**
 * Issue 16: a session also ends after a spell unused (config
 * `sessionIdleMinutes`), beside its absolute lifetime. `last_used_at` is when
 * it was last used (to the minute: see session-repository.ts); null means not
 * since it was created.
 */
export const name = 'session-idle';

export const sql = /* sql */ `
ALTER TABLE sessions ADD COLUMN last_used_at TEXT;
`;
