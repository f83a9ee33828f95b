import type { AuditEntry } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/passwords.js';
import { startTestServer, type TestServer } from '../test/harness.js';

describe('account life cycle (issue 16)', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startTestServer();
    admin = await server.signIn('demo-admin');
  });
  afterEach(async () => server.close());

  const signIn = (username: string, password: string) => server.api('POST', '/sessions', { body: { username, password } });
  const accountRows = (): AuditEntry[] => [...server.wardscan.repos.audit.iterate({ type: 'account' })];

  it('deactivates a nurse: her sessions end, her socket closes, she cannot sign in; reactivated, she can', async () => {
    const nurseToken = await server.signIn('demo-nurse');
    const socket = await server.socket(nurseToken);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const off = await server.api('PUT', '/staff/staff-demo-nurse/active', { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: 'staff-demo-nurse', active: false });
    expect(await closed).toBe('io server disconnect');
    expect((await server.api('GET', '/me', { token: nurseToken })).status).toBe(401);
    expect((await signIn('demo-nurse', 'demo-password')).status).toBe(401);

    expect((await server.api('PUT', '/staff/staff-demo-nurse/active', { token: admin, body: { active: true } })).body.active).toBe(true);
    expect((await signIn('demo-nurse', 'demo-password')).status).toBe(201);
    expect(accountRows().map((r) => (r.detail as { action: string }).action)).toEqual(['deactivated', 'reactivated']);
    expect(accountRows()[0]).toMatchObject({ userId: 'staff-demo-admin', wardId: 'ward-7b', detail: { staffId: 'staff-demo-nurse', sessionsEnded: 1 } });
  });

  it('does not let an admin deactivate their own account', async () => {
    const res = await server.api('PUT', '/staff/staff-demo-admin/active', { token: admin, body: { active: false } });
    expect(res.status).toBe(409);
    expect((await server.api('GET', '/me', { token: admin })).status).toBe(200);
  });

  it('resets a password, which lifts a sign-in lock', async () => {
    for (let i = 0; i < 5; i++) await signIn('demo-nurse', `wrong-${i}`);
    expect((await signIn('demo-nurse', 'demo-password')).status).toBe(429);
    const res = await server.api('PUT', '/staff/staff-demo-nurse/password', { token: admin, body: { password: 'a-new-long-password' } });
    expect(res.status).toBe(200);
    expect((await signIn('demo-nurse', 'demo-password')).status).toBe(401);
    expect((await signIn('demo-nurse', 'a-new-long-password')).status).toBe(201);
    expect(accountRows().at(-1)).toMatchObject({ summary: expect.stringContaining('new password'), detail: { action: 'password-reset' } });
  });

  it('resets a PIN to one of at least 6 digits; a 4-digit PIN already set still signs in until then', async () => {
    const badge = server.wardscan.repos.staff.byId('staff-demo-nurse')!.badgeGsrn!;
    // A PIN set before the 6-digit rule, as an older database holds it.
    server.wardscan.repos.staff.setSecretHash('staff-demo-nurse', 'pin', hashSecret('1234', 1024));
    expect((await server.api('POST', '/sessions', { body: { badge, pin: '1234' } })).status).toBe(201);
    const short = await server.api('PUT', '/staff/staff-demo-nurse/pin', { token: admin, body: { pin: '12345' } });
    expect(short.status).toBe(400);
    expect((await server.api('PUT', '/staff/staff-demo-nurse/pin', { token: admin, body: { pin: '482913' } })).status).toBe(200);
    expect((await server.api('POST', '/sessions', { body: { badge, pin: '1234' } })).status).toBe(401);
    expect((await server.api('POST', '/sessions', { body: { badge, pin: '482913' } })).status).toBe(201);
  });

  it('refuses a new staff member with a PIN under 6 digits', async () => {
    const res = await server.api('POST', '/staff', {
      token: admin,
      body: { username: 'new-nurse', name: 'New Nurse', role: 'nurse', wardId: 'ward-7b', badgeGsrn: null, password: 'a-long-password', pin: '1234' },
    });
    expect(res.status).toBe(400);
  });

  it("ends every session of a user and closes their sockets; their next sign-in works", async () => {
    const [a, b] = [await server.signIn('demo-manager'), await server.signIn('demo-manager')];
    const feed = await server.socket(a);
    const closed = new Promise<string>((resolve) => feed.once('disconnect', resolve));
    const res = await server.api('DELETE', '/staff/staff-demo-manager/sessions', { token: admin });
    expect(res.body).toEqual({ revoked: 2 });
    expect(await closed).toBe('io server disconnect');
    expect((await server.api('GET', '/me', { token: a })).status).toBe(401);
    expect((await server.api('GET', '/me', { token: b })).status).toBe(401);
    expect((await signIn('demo-manager', 'demo-password')).status).toBe(201);
    expect(accountRows().at(-1)).toMatchObject({ detail: { action: 'sessions-revoked', sessionsEnded: 2 } });
  });

  it('lets a user change their own password only with the current one', async () => {
    const token = await server.signIn('demo-pharmacist');
    const wrong = await server.api('PUT', '/me/password', { token, body: { currentPassword: 'not-it', newPassword: 'another-long-password' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('currentPassword');
    const tooShort = await server.api('PUT', '/me/password', { token, body: { currentPassword: 'demo-password', newPassword: 'short' } });
    expect(tooShort.status).toBe(400);
    expect((await server.api('PUT', '/me/password', { token, body: { currentPassword: 'demo-password', newPassword: 'another-long-password' } })).status).toBe(204);
    expect((await signIn('demo-pharmacist', 'demo-password')).status).toBe(401);
    expect((await signIn('demo-pharmacist', 'another-long-password')).status).toBe(201);
    expect(accountRows().at(-1)).toMatchObject({ userId: 'staff-demo-pharmacist', detail: { action: 'password-changed' } });
  });

  it('lets a user change their own PIN (at least 6 digits) only with their current password', async () => {
    const token = await server.signIn('demo-nurse');
    const badge = server.wardscan.repos.staff.byId('staff-demo-nurse')!.badgeGsrn!;
    const wrong = await server.api('PUT', '/me/pin', { token, body: { currentPassword: 'not-it', newPin: '482913' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('currentPassword');
    const short = await server.api('PUT', '/me/pin', { token, body: { currentPassword: 'demo-password', newPin: '12345' } });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('newPin');
    expect((await server.api('PUT', '/me/pin', { token, body: { currentPassword: 'demo-password', newPin: '482913' } })).status).toBe(204);
    const same = await server.api('PUT', '/me/pin', { token, body: { currentPassword: 'demo-password', newPin: '482913' } });
    expect(same.status).toBe(400);
    expect(same.body.error.field).toBe('newPin');
    expect((await server.api('POST', '/sessions', { body: { badge, pin: '246810' } })).status).toBe(401);
    expect((await server.api('POST', '/sessions', { body: { badge, pin: '482913' } })).status).toBe(201);
    expect((await server.api('GET', '/me', { token })).status).toBe(200);
    expect(accountRows().at(-1)).toMatchObject({ userId: 'staff-demo-nurse', detail: { action: 'pin-changed', staffId: 'staff-demo-nurse' } });
  });

  it('lists a locked account with lockedUntil until the lock runs out or a new secret lifts it', async () => {
    const listed = async () => {
      const list = (await server.api('GET', '/staff', { token: admin })).body as { id: string; lockedUntil: string | null }[];
      return list.find((s) => s.id === 'staff-demo-nurse')?.lockedUntil;
    };
    expect(await listed()).toBeNull();
    for (let i = 0; i < 5; i++) await signIn('demo-nurse', `wrong-${i}`);
    const until = server.wardscan.repos.staff.byId('staff-demo-nurse')!.lockedUntil!;
    expect(await listed()).toBe(until);
    server.clock.set(new Date(Date.parse(until) + 1000).toISOString());
    expect(await listed()).toBeNull();
    server.clock.set(new Date(Date.parse(until) - 1000).toISOString());
    expect(await listed()).toBe(until);
    const reset = await server.api('PUT', '/staff/staff-demo-nurse/pin', { token: admin, body: { pin: '482913' } });
    expect(reset.body.lockedUntil).toBeNull();
    expect(await listed()).toBeNull();
  });

  it('forbids the life-cycle routes to every role but admin (403)', async () => {
    for (const username of ['demo-nurse', 'demo-pharmacist', 'demo-manager']) {
      const token = await server.signIn(username);
      expect((await server.api('PUT', '/staff/staff-demo-nurse-2/active', { token, body: { active: false } })).status).toBe(403);
      expect((await server.api('PUT', '/staff/staff-demo-nurse-2/password', { token, body: { password: 'a-new-long-password' } })).status).toBe(403);
      expect((await server.api('PUT', '/staff/staff-demo-nurse-2/pin', { token, body: { pin: '482913' } })).status).toBe(403);
      expect((await server.api('DELETE', '/staff/staff-demo-nurse-2/sessions', { token })).status).toBe(403);
    }
    expect(server.wardscan.repos.staff.byId('staff-demo-nurse-2')!.active).toBe(true);
    expect(accountRows()).toEqual([]);
  });
});
