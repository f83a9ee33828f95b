import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { hashSecret, needsRehash, SCRYPT_COST } from './passwords.js';
import { DEFAULTS } from '../config.js';

const signInBody = (username: string, password = 'demo-password') => ({ body: { username, password } });

describe('sign-in failures in the audit trail', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.close());
  const lastRow = () => [...server.wardscan.repos.audit.iterate()].at(-1)!;

  it('records that an unknown username was tried, never the text typed (it may be a password in the wrong box)', async () => {
    const res = await server.api('POST', '/sessions', signInBody('Tr0ub4dor&3-my-password', 'x'));
    expect(res.status).toBe(401);
    const row = lastRow();
    expect(row).toMatchObject({ type: 'sign-in-failed', userId: null, summary: 'Sign-in failed (unknown username)', detail: { method: 'password', failure: 'unknown-account' } });
    expect(JSON.stringify(row)).not.toContain('Tr0ub4dor');
  });

  it('names the account when the username is a real one, and says why it failed', async () => {
    expect((await server.api('POST', '/sessions', signInBody('demo-nurse', 'wrong'))).status).toBe(401);
    expect(lastRow()).toMatchObject({ userId: 'staff-demo-nurse', summary: 'Sign-in failed (username demo-nurse)', detail: { failure: 'wrong-secret' } });
    expect((await server.api('POST', '/sessions', { body: { badge: '0'.repeat(18), pin: '1234' } })).status).toBe(401);
    expect(lastRow()).toMatchObject({ userId: null, summary: 'Sign-in failed (unknown badge)', detail: { method: 'badge', failure: 'unknown-account' } });
  });
});

describe('password and PIN hashes', () => {
  it("are made at OWASP's scrypt parameters by default (N=2^17, r=8, p=1)", () => {
    expect(SCRYPT_COST).toBe(2 ** 17);
    expect(DEFAULTS.passwordHashCost).toBe(SCRYPT_COST);
    expect(needsRehash(hashSecret('x', 1024), SCRYPT_COST)).toBe(true);
    expect(needsRehash('scrypt$131072$8$1$c2FsdA$aGFzaA', SCRYPT_COST)).toBe(false);
    expect(needsRehash('scrypt$131072$4$1$c2FsdA$aGFzaA', SCRYPT_COST)).toBe(true);
  });

  it('below today\'s cost are replaced at the next sign-in that proves the secret, and not by one that fails', async () => {
    const server = await startTestServer(); // hashes at cost 1024
    try {
      const { staff } = server.wardscan.repos;
      const nurse = staff.byUsername('demo-nurse')!;
      staff.setSecretHash(nurse.id, 'password', hashSecret('demo-password', 256));
      staff.setSecretHash(nurse.id, 'pin', hashSecret('1234', 256));
      expect((await server.api('POST', '/sessions', signInBody('demo-nurse', 'wrong'))).status).toBe(401);
      expect(staff.byId(nurse.id)!.passwordHash).toMatch(/^scrypt\$256\$/);
      expect((await server.api('POST', '/sessions', signInBody('demo-nurse'))).status).toBe(201);
      expect(staff.byId(nurse.id)!.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
      expect(staff.byId(nurse.id)!.pinHash).toMatch(/^scrypt\$256\$/); // only the secret that was proved
      expect((await server.api('POST', '/sessions', { body: { badge: nurse.badgeGsrn, pin: '1234' } })).status).toBe(201);
      expect(staff.byId(nurse.id)!.pinHash).toMatch(/^scrypt\$1024\$/);
      expect((await server.api('POST', '/sessions', signInBody('demo-nurse'))).status).toBe(201); // the new hash verifies
    } finally {
      await server.close();
    }
  });
});

describe('sign-in at a real cost', () => {
  // 2^15: enough work that a hash on the event loop, or a skipped one, shows far above the noise; seeding stays quick.
  const COST = 2 ** 15;
  let server: TestServer;
  let hashMs: number;
  beforeAll(async () => {
    // Wrong passwords for one account, past the lockout limit: these tests time the hashing, not the lock (lockout.int.test.ts).
    server = await startTestServer({ passwordHashCost: COST, signInLockout: { failures: 1000, firstMinutes: 1, maxMinutes: 30 } });
    const t = performance.now();
    hashSecret('x', COST);
    hashMs = performance.now() - t;
  }, 60_000);
  afterAll(async () => server.close());

  /** The process's CPU time for one sign-in, in ms: the work it does, which another test worker's load on the cores does not blur as it does wall time. */
  const timed = async (username: string, password: string): Promise<number> => {
    const before = process.cpuUsage();
    const res = await server.api('POST', '/sessions', signInBody(username, password));
    expect(res.status).toBe(username === 'demo-nurse' && password === 'demo-password' ? 201 : 401);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('keeps the event loop turning while it hashes', async () => {
    const threeSignIns = async (): Promise<number> => {
      const before = performance.eventLoopUtilization();
      await Promise.all([timed('demo-nurse', 'demo-password'), timed('demo-nurse', 'wrong'), timed('nobody-here', 'x')]);
      return performance.eventLoopUtilization(before).active;
    };
    await threeSignIns(); // the first round compiles the code it runs (about 50 ms of the loop on its own)
    // Three hashes on the event loop would keep it busy for three hashes' time in every round; off it, the
    // loop does the requests' own work (about 20 ms). The loop's active time, unlike its delay, is not
    // lengthened by other test files sharing the cores (a delay threshold failed at 64 ms on a loaded
    // machine); the least of three rounds leaves out a garbage collection that falls in one of them.
    const active = Math.min(await threeSignIns(), await threeSignIns(), await threeSignIns());
    expect(active, `event loop active ${active.toFixed(1)} ms; one hash ${hashMs.toFixed(1)} ms`).toBeLessThan(hashMs);
  }, 60_000);

  it('spends on an unknown username the work of a wrong password for a real one', async () => {
    await timed('nobody-here', 'x'); // the dummy hash is made once, on first use
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await timed(`nobody-${i}`, 'x'));
      known.push(await timed('demo-nurse', 'wrong'));
    }
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms CPU, known ${median(known).toFixed(1)} ms CPU`).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  }, 120_000);
});
