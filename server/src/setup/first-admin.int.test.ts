import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '@wardscan/shared';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type WardscanApp } from '../app.js';
import { DEFAULTS } from '../config.js';
import { MORNING, startTestServer } from '../test/harness.js';

interface Server {
  readonly wardscan: WardscanApp;
  api(method: string, path: string, opts?: { body?: unknown }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The real app on a fresh, empty database: what a production start has (the shared harness seeds the demo ward). */
async function startEmptyServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-setup-'));
  const wardscan = createApp({
    ...DEFAULTS,
    nhsCompanyPrefixes: [...DEFAULTS.nhsCompanyPrefixes],
    gsSubstitutes: [],
    dbFile: join(dir, 'ward.db'),
    clientDir: null,
    passwordHashCost: 1024,
    loginRateLimit: { windowMs: 60_000, max: 1000 },
    now: () => new Date(MORNING),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  await new Promise<void>((resolve) => wardscan.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(wardscan.httpServer.address() as AddressInfo).port}/api`;
  return {
    wardscan,
    async api(method, path, opts = {}) {
      const res = await fetch(`${base}${path}`, {
        method,
        ...(opts.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(opts.body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : text };
    },
    async close() {
      await wardscan.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/* Issue 16, safe defaults: a production start has no accounts; the first admin comes through a single-use set-up token. */
describe('first admin by the set-up link', () => {
  let server: Server;
  afterEach(async () => server.close());

  const admin = { username: 'ward-admin', name: 'Ward Admin', password: 'a-long-first-password' };
  const create = (body: unknown) => server.api('POST', '/setup/first-admin', { body });
  const signIn = (username: string, password: string) => server.api('POST', '/sessions', { body: { username, password } });

  it('creates the first admin once: the token is spent, then the route is closed to any token', async () => {
    server = await startEmptyServer();
    const token = server.wardscan.setup.issueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await create({ ...admin, token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'ward-admin', name: 'Ward Admin', role: 'admin', wardId: null, badgeGsrn: null, active: true });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect((await signIn('ward-admin', 'a-long-first-password')).status).toBe(201);
    const rows: AuditEntry[] = [...server.wardscan.repos.audit.iterate({ type: 'account' })];
    expect(rows).toMatchObject([{ userId: res.body.id, detail: { action: 'first-admin-created', staffId: res.body.id } }]);

    // The same token again: an admin exists now, so set-up is closed.
    const again = await create({ ...admin, username: 'second-admin', token });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/admin account exists/);
    // Nor can a new token be issued (a restart prints none).
    expect(server.wardscan.setup.issueToken()).toBeNull();
    expect(server.wardscan.repos.staff.byUsername('second-admin')).toBeUndefined();
  });

  it('refuses a wrong token, and any token before one was issued, creating nobody', async () => {
    server = await startEmptyServer();
    const before = await create({ ...admin, token: 'x'.repeat(43) });
    expect(before.status).toBe(403);
    expect(before.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'token' });
    const token = server.wardscan.setup.issueToken()!;
    expect((await create({ ...admin, token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).status).toBe(403);
    expect(server.wardscan.repos.staff.hasAdmin()).toBe(false);
    // The right one still works after wrong guesses.
    expect((await create({ ...admin, token })).status).toBe(201);
  });

  it('lets only one of two requests racing with the same token through', async () => {
    server = await startEmptyServer();
    const token = server.wardscan.setup.issueToken()!;
    const [a, b] = await Promise.all([create({ ...admin, token }), create({ ...admin, username: 'other-admin', token })]);
    // The loser is refused for the spent token (403) or, if it came after the first finished, for the admin now there (409).
    const statuses = [a.status, b.status];
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.find((s) => s !== 201)).toBeOneOf([403, 409]);
    expect(server.wardscan.repos.staff.list().filter((s) => s.role === 'admin')).toHaveLength(1);
  });

  it('refuses a username already taken (by a non-admin account) without spending the token', async () => {
    server = await startEmptyServer();
    server.wardscan.repos.staff.insert({ id: 'staff-lab', username: 'ward-admin', name: 'Lab Feed', role: 'pharmacist', wardId: null, badgeGsrn: null, passwordHash: 'x', pinHash: null });
    const token = server.wardscan.setup.issueToken()!;
    const taken = await create({ ...admin, token });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('username');
    expect((await create({ ...admin, username: 'ward-admin-2', token })).status).toBe(201);
  });

  it('a later token replaces an earlier one', async () => {
    server = await startEmptyServer();
    const first = server.wardscan.setup.issueToken()!;
    const second = server.wardscan.setup.issueToken()!;
    expect((await create({ ...admin, token: first })).status).toBe(403);
    expect((await create({ ...admin, token: second })).status).toBe(201);
  });

  it('validates the request by the shared schema, without spending the token', async () => {
    server = await startEmptyServer();
    const token = server.wardscan.setup.issueToken()!;
    const short = await create({ ...admin, password: 'too-short', token });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');
    expect((await create({ ...admin, token, role: 'nurse' })).status).toBe(400); // strict: no other fields
    expect((await create({ ...admin, username: 'Bad Name', token })).status).toBe(400);
    expect((await create({ ...admin, token })).status).toBe(201);
  });

  it('is closed on a database that has an admin (the demo ward has demo-admin)', async () => {
    server = await startTestServer();
    expect(server.wardscan.setup.issueToken()).toBeNull();
    const res = await create({ ...admin, token: 'anything' });
    expect(res.status).toBe(409);
  });
});
