import type { Db } from '../db/database.js';

/** A registered system client: its public keys and the scopes an admin allowed it. */
export interface SmartClient {
  readonly clientId: string;
  readonly name: string;
  /** A JWK Set of public keys (RS384 or ES384), as registered. */
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
  /** Space-separated system scopes the client may be granted. */
  readonly scopes: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

interface ClientRow {
  client_id: string;
  name: string;
  jwks: string;
  scopes: string;
  active: 0 | 1;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const toClient = (r: ClientRow): SmartClient => ({
  clientId: r.client_id,
  name: r.name,
  jwks: JSON.parse(r.jwks) as SmartClient['jwks'],
  scopes: r.scopes,
  active: r.active === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export function createSmartRepository(db: Db) {
  const byId = db.prepare<[string], ClientRow>('SELECT * FROM smart_clients WHERE client_id = ?');
  const all = db.prepare<[], ClientRow>('SELECT * FROM smart_clients ORDER BY client_id');
  const upsert = db.prepare(
    `INSERT INTO smart_clients (client_id, name, jwks, scopes, active, created_at, created_by, updated_at)
     VALUES (@clientId, @name, @jwks, @scopes, 1, @at, @by, @at)
     ON CONFLICT(client_id) DO UPDATE SET name = excluded.name, jwks = excluded.jwks, scopes = excluded.scopes, active = 1, updated_at = excluded.updated_at`,
  );
  const deactivate = db.prepare<[string, string]>('UPDATE smart_clients SET active = 0, updated_at = ? WHERE client_id = ?');
  const revokeTokens = db.prepare<[string]>('DELETE FROM smart_access_tokens WHERE client_id = ?');
  const insertToken = db.prepare('INSERT INTO smart_access_tokens (token_hash, client_id, scopes, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const token = db.prepare<[string, string], { client_id: string; scopes: string; expires_at: string }>(
    'SELECT client_id, scopes, expires_at FROM smart_access_tokens WHERE token_hash = ? AND expires_at > ?',
  );
  const purgeTokens = db.prepare<[string]>('DELETE FROM smart_access_tokens WHERE expires_at <= ?');
  const insertJti = db.prepare('INSERT OR IGNORE INTO smart_assertion_jtis (client_id, jti, expires_at) VALUES (?, ?, ?)');
  const purgeJtis = db.prepare<[string]>('DELETE FROM smart_assertion_jtis WHERE expires_at <= ?');

  return {
    byId: (clientId: string): SmartClient | undefined => {
      const r = byId.get(clientId);
      return r && toClient(r);
    },
    list: (): SmartClient[] => all.all().map(toClient),
    /** Registers a client, or replaces its keys and scopes (reactivating it). Returns whether it was new. */
    save(c: { clientId: string; name: string; jwks: SmartClient['jwks']; scopes: string }, by: string, at: string): boolean {
      const existed = byId.get(c.clientId) !== undefined;
      upsert.run({ clientId: c.clientId, name: c.name, jwks: JSON.stringify(c.jwks), scopes: c.scopes, at, by });
      if (existed) revokeTokens.run(c.clientId);
      return !existed;
    },
    /** Deactivates a client and ends its tokens at once. */
    deactivate(clientId: string, at: string): boolean {
      revokeTokens.run(clientId);
      return deactivate.run(at, clientId).changes > 0;
    },
    /**
     * Records an assertion's jti until it expires; false when it was seen
     * before (a replay). Expired ones are forgotten first: an assertion that
     * old is refused for its exp anyway.
     */
    useJti(clientId: string, jti: string, expiresAt: string, now: string): boolean {
      purgeJtis.run(now);
      return insertJti.run(clientId, jti, expiresAt).changes === 1;
    },
    issueToken(tokenHash: string, clientId: string, scopes: string, issuedAt: string, expiresAt: string): void {
      purgeTokens.run(issuedAt);
      insertToken.run(tokenHash, clientId, scopes, issuedAt, expiresAt);
    },
    /** The client and scopes of an access token still in force, by its hash. */
    token(tokenHash: string, now: string): { clientId: string; scopes: string; expiresAt: string } | undefined {
      const r = token.get(tokenHash, now);
      return r && { clientId: r.client_id, scopes: r.scopes, expiresAt: r.expires_at };
    },
  };
}
export type SmartRepository = ReturnType<typeof createSmartRepository>;
