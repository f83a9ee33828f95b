import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRYPT_COST } from '../auth/passwords.js';
import { startTestServer, type TestServer } from '../test/harness.js';

/*
 * POST /api/staff hashes the new password and PIN at the production cost
 * (scrypt N=2^17, a few hundred milliseconds each). The test server runs in
 * this process, so a hash on the event loop would stop this test's timer
 * too: the longest gap between its ticks shows whether the request blocked.
 */
describe('adding a staff member (issue 16: no blocking hash on a request)', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ passwordHashCost: SCRYPT_COST });
    admin = await server.signIn('demo-admin');
  }, 60_000);
  afterAll(async () => server.close());

  const nurse = (n: number) => ({ username: `new-nurse-${n}`, name: `New Nurse ${n}`, role: 'nurse', wardId: 'ward-7b', badgeGsrn: null, password: 'a-long-new-password', pin: '482913' });

  it('hashes the password and PIN off the event loop: the loop keeps ticking while they run', async () => {
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const res = await server.api('POST', '/staff', { token: admin, body: nurse(1) });
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(res.status).toBe(201);
    // Two hashes at N=2^17 take a while; had either blocked, one gap would be nearly all of it.
    expect(took).toBeGreaterThan(50);
    expect(longestGap).toBeLessThan(took / 2);
    expect(server.wardscan.repos.staff.byUsername('new-nurse-1')?.passwordHash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_COST}\\$`));
  }, 30_000);

  it('the new account signs in with its password and its PIN', async () => {
    const created = await server.api('POST', '/staff', { token: admin, body: { ...nurse(2), badgeGsrn: '509999800000000900' } });
    expect(created.status).toBe(201);
    expect((await server.api('POST', '/sessions', { body: { username: 'new-nurse-2', password: 'a-long-new-password' } })).status).toBe(201);
    expect((await server.api('POST', '/sessions', { body: { badge: '509999800000000900', pin: '482913' } })).status).toBe(201);
  }, 30_000);

  it('gives a taken username one account only, even when two requests race through the hash', async () => {
    const [a, b] = await Promise.all([
      server.api('POST', '/staff', { token: admin, body: nurse(3) }),
      server.api('POST', '/staff', { token: admin, body: { ...nurse(3), name: 'Someone Else' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.error).toMatchObject({ code: 'CONFLICT', field: 'username' });
  }, 30_000);
});
