import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

describe('per-account lockout after failed sign-ins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());

  const password = (username: string, pw: string) => server.api('POST', '/sessions', { body: { username, password: pw } });
  const pin = (badge: string, p: string) => server.api('POST', '/sessions', { body: { badge, pin: p } });
  const wrong = async (username: string, times: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) statuses.push((await password(username, `wrong-${i}`)).status);
    return statuses;
  };
  const locks = (userId: string) => [...server.wardscan.repos.audit.iterate({ type: 'account-locked' })].filter((e) => e.userId === userId);

  it('refuses even the right password for a minute after five wrong ones, says so, and audits the lock on the ward', async () => {
    expect(await wrong('demo-nurse', 4)).toEqual([401, 401, 401, 401]);
    const fifth = await password('demo-nurse', 'wrong-again');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('locked for 1 minute') });

    const right = await password('demo-nurse', 'demo-password');
    expect(right.status).toBe(429);
    expect(right.body.error.message).toContain('locked');

    const [lock, ...more] = locks('staff-demo-nurse');
    expect(more).toHaveLength(0);
    const nurse = server.wardscan.repos.staff.byId('staff-demo-nurse')!;
    expect(lock).toMatchObject({ type: 'account-locked', wardId: nurse.wardId, detail: { failures: 5, minutes: 1 } });
    expect(lock!.wardId).not.toBeNull();
  });

  it('refuses the badge and PIN of a locked account too: the lock is on the account, not on how or where it signs in', async () => {
    const nurse = server.wardscan.repos.staff.byId('staff-demo-nurse')!;
    expect((await pin(nurse.badgeGsrn!, '246810')).status).toBe(429);
  });

  it('lets the account in once the lock has passed, and a success starts the count again', async () => {
    server.clock.advance(61_000);
    expect((await password('demo-nurse', 'demo-password')).status).toBe(201);
    expect(await wrong('demo-nurse', 4)).toEqual([401, 401, 401, 401]);
    expect((await password('demo-nurse', 'demo-password')).status).toBe(201);
    expect(server.wardscan.repos.staff.byId('staff-demo-nurse')).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it('doubles the lock with each further failure after one, up to 30 minutes', async () => {
    const seen: number[] = [];
    expect(await wrong('demo-pharmacist', 4)).toEqual([401, 401, 401, 401]);
    for (let i = 0; i < 7; i++) {
      const res = await password('demo-pharmacist', 'still-wrong');
      expect(res.status).toBe(429);
      const minutes = Number(/locked for (\d+) minute/.exec(res.body.error.message)![1]);
      seen.push(minutes);
      server.clock.advance(minutes * 60_000 + 1000);
    }
    expect(seen).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(locks('staff-demo-pharmacist').map((e) => (e.detail as { minutes: number }).minutes)).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });

  it('counts wrong PINs and wrong passwords together', async () => {
    const manager = server.wardscan.repos.staff.byUsername('demo-manager')!;
    expect(await wrong('demo-manager', 2)).toEqual([401, 401]);
    expect((await pin(manager.badgeGsrn!, '0000')).status).toBe(401);
    expect((await pin(manager.badgeGsrn!, '0001')).status).toBe(401);
    expect((await password('demo-manager', 'nope')).status).toBe(429);
  });

  it('answers unknown usernames the same vague 401 however often they are tried', async () => {
    const bodies = [];
    for (let i = 0; i < 8; i++) bodies.push(await password('nobody-at-all', 'x'));
    expect(bodies.map((b) => b.status)).toEqual(Array(8).fill(401));
    expect(new Set(bodies.map((b) => JSON.stringify(b.body))).size).toBe(1);
    expect(bodies[0]!.body).toEqual((await password('demo-admin', 'wrong')).body);
  });

  it("tells the admins and the account's ward managers on their sockets, and no one else", async () => {
    server.clock.advance(31 * 60_000); // past the locks of the tests above
    const heard = async (username: string) => {
      const socket = await server.socket(await server.signIn(username));
      const got: unknown[] = [];
      socket.on('account:locked', (e) => got.push(e));
      return got;
    };
    const [admin, manager, otherManager, nurse] = [await heard('demo-admin'), await heard('demo-manager'), await heard('demo-manager-8a'), await heard('demo-nurse')];
    expect(await wrong('demo-nurse-2', 4)).toEqual([401, 401, 401, 401]);
    expect(admin).toEqual([]);
    expect((await password('demo-nurse-2', 'wrong-5')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 50));
    const event = { staffId: 'staff-demo-nurse-2', wardId: 'ward-7b', failures: 5, at: server.clock.now().toISOString(), lockedUntil: new Date(server.clock.now().getTime() + 60_000).toISOString() };
    expect(admin).toEqual([expect.objectContaining(event)]);
    expect(manager).toEqual([expect.objectContaining(event)]);
    expect(otherManager).toEqual([]);
    expect(nurse).toEqual([]);
  });
});
