import type { ApiErrorBody, WardAlert } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { startTestServer, uuid, type ClientSocket, type TestServer } from '../test/harness.js';
import { DEFAULTS } from '../config.js';

const MINUTE = 60_000;

describe('sessions end after 30 minutes unused', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ sessionIdleMinutes: DEFAULTS.sessionIdleMinutes });
  });
  afterEach(async () => server.close());

  const me = (token: string) => server.api('GET', '/me', { token });
  const scan = (s: ClientSocket, raw: string) =>
    s.timeout(5000).emitWithAck('scan', { deviceId: 'dev-idle', eventId: uuid(), raw, source: 'camera' }) as Promise<unknown>;

  it('is 30 minutes by default', () => {
    expect(DEFAULTS.sessionIdleMinutes).toBe(30);
  });

  it('refuses a session left unused for longer than the limit, with a 401', async () => {
    const token = await server.signIn('demo-nurse');
    server.clock.advance(29 * MINUTE);
    expect((await me(token)).status).toBe(200);
    server.clock.advance(31 * MINUTE);
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a session in use alive for as long as its lifetime, then ends it at the lifetime', async () => {
    const token = await server.signIn('demo-nurse');
    for (let i = 0; i < 2 * 11; i++) {
      server.clock.advance(25 * MINUTE + 1000);
      expect((await me(token)).status, `after ${(i + 1) * 25} minutes`).toBe(200);
    }
    server.clock.advance(3 * 60 * MINUTE);
    expect((await me(token)).status).toBe(401);
  });

  it('refuses a socket write on an idle session and closes the idle live feed before it hears another alert', async () => {
    const managerToken = await server.signIn('demo-manager');
    const feed = await server.socket(managerToken);
    const heard: WardAlert[] = [];
    feed.on('ward:alert', (a) => heard.push(a));
    const closed = new Promise<string>((resolve) => feed.once('disconnect', resolve));
    const idleNurse = await server.socket(await server.signIn('demo-nurse'));

    server.clock.advance(31 * MINUTE);
    const refused = (await scan(idleNurse, barcode('wristband-bernard-quill'))) as ApiErrorBody;
    expect(refused.error.code).toBe('UNAUTHENTICATED');

    const nurse = await server.socket(await server.signIn('demo-nurse-2'));
    await scan(nurse, barcode('wristband-bernard-quill'));
    await scan(nurse, barcode('pack-amoxicillin')); // a stop: the ward's managers are told
    expect(await closed).toBe('io server disconnect');
    expect(heard).toHaveLength(0);
    expect((await me(managerToken)).status).toBe(401);
  });

  it('follows WARDSCAN_SESSION_IDLE_MINUTES', async () => {
    const { configFromEnv } = await import('../config.js');
    expect(configFromEnv({ WARDSCAN_SESSION_IDLE_MINUTES: '15' }).config.sessionIdleMinutes).toBe(15);
    expect(configFromEnv({}).config.sessionIdleMinutes).toBe(30);
    expect(() => configFromEnv({ WARDSCAN_SESSION_IDLE_MINUTES: '0' })).toThrow(/WARDSCAN_SESSION_IDLE_MINUTES/);
  });
});
