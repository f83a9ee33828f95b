import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@wardscan/shared';
import { createApp, type WardscanApp } from '../app.js';
import { DEFAULTS, type ServerConfig } from '../config.js';
import { seedDemoWard } from '../fixtures/demo-ward.js';

/** A settable clock: tests put the ward at a chosen instant. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}
export function testClock(iso: string): TestClock {
  let t = new Date(iso).getTime();
  return { now: () => new Date(t), set: (i) => (t = new Date(i).getTime()), advance: (ms) => (t += ms) };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  readonly wardscan: WardscanApp;
  readonly baseUrl: string;
  readonly clock: TestClock;
  readonly dir: string;
  readonly dbFile: string;
  /** A session token for a demo sign-in, e.g. 'demo-nurse'. */
  signIn(username: string): Promise<string>;
  /** JSON request to /api; returns status and parsed body (or text). */
  api(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  socket(token: string): Promise<ClientSocket>;
  close(): Promise<void>;
}

/** 08:00 on a November day: London is on UTC, and the 08:00 doses are due. */
export const MORNING = '2026-11-24T08:00:00.000Z';

/**
 * Boots the real app on 127.0.0.1 with a fresh SQLite file in a temp
 * directory, seeded with the demo ward. Nothing is mocked.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, at = MORNING): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-test-'));
  const clock = testClock(at);
  const dbFile = join(dir, 'ward.db');
  const config: ServerConfig = {
    ...DEFAULTS,
    nhsCompanyPrefixes: [...DEFAULTS.nhsCompanyPrefixes],
    gsSubstitutes: [],
    dbFile,
    clientDir: null,
    passwordHashCost: 1024,
    loginRateLimit: { windowMs: 60_000, max: 1000 },
    // Tests move the ward's clock by hours between one session's requests; the idle timeout's own tests set it (session-idle.int.test.ts).
    sessionIdleMinutes: 24 * 60,
    now: () => clock.now(),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...overrides,
  };
  const wardscan = createApp(config);
  seedDemoWard(wardscan.repos, { passwordHashCost: config.passwordHashCost, now: clock.now() });
  await new Promise<void>((resolve) => wardscan.httpServer.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(wardscan.httpServer.address() as AddressInfo).port}`;
  const sockets: ClientSocket[] = [];

  const api: TestServer['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}/api${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };

  return {
    wardscan,
    baseUrl,
    clock,
    dir,
    dbFile,
    api,
    async signIn(username) {
      const res = await api('POST', '/sessions', { body: { username, password: 'demo-password' } });
      if (res.status !== 201) throw new Error(`sign-in ${username} failed: ${JSON.stringify(res.body)}`);
      return (res.body as { token: string }).token;
    },
    async socket(token) {
      const s: ClientSocket = connect(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', (err) => reject(err));
      });
      return s;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await wardscan.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const uuid = (): string => randomUUID() as string;

/** A nurse's handheld: scans and administrations over REST, as the client sends them. */
export function handheld(server: TestServer, token: string, deviceId = `handheld-${randomUUID().slice(0, 8)}`) {
  return {
    deviceId,
    /** A scan with any of the request's optional fields (heldForMs, identificationEventId…). */
    scanWith: async (raw: string, extra: Record<string, unknown>, eventId: string = randomUUID()) =>
      server.api('POST', '/scans', { token, body: { deviceId, eventId, raw, source: 'scanner', ...extra } }),
    administerWith: async (productScanEventId: string, prescriptionId: string, extra: Record<string, unknown>, eventId: string = randomUUID()) =>
      server.api('POST', '/administrations', { token, body: { deviceId, eventId, productScanEventId, prescriptionId, ...extra } }),
    /** A second clinician's badge and PIN for the pending high-alert dose. */
    witness: async (productScanEventId: string, badge: string, pin: string, eventId: string = randomUUID()) =>
      server.api('POST', '/witnesses', { token, body: { deviceId, eventId, productScanEventId, badge, pin } }),
    scan: async (raw: string, source: 'camera' | 'scanner' | 'keyboard' = 'scanner', eventId: string = randomUUID(), prescriptionId?: string) =>
      server.api('POST', '/scans', { token, body: { deviceId, eventId, raw, source, ...(prescriptionId ? { prescriptionId } : {}) } }),
    administer: async (productScanEventId: string, prescriptionId: string, overrideReason?: string, eventId: string = randomUUID()) =>
      server.api('POST', '/administrations', {
        token,
        body: { deviceId, eventId, productScanEventId, prescriptionId, ...(overrideReason ? { overrideReason } : {}) },
      }),
  };
}

/** The outcome of one rule in a scan response, e.g. `ruleOutcome(res.body, 'allergy')`. */
export function ruleOutcome(body: { verdict: { checks: { rule: string; outcome: string }[] } }, rule: string): string | undefined {
  return body.verdict.checks.find((c) => c.rule === rule)?.outcome;
}
