import { brotliCompressSync, gzipSync } from 'node:zlib';
import { apiErrorBodySchema } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGNES } from '../test/fixtures.js';
import { startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
let nurse: string;
let manager: string;
beforeAll(async () => {
  server = await startTestServer();
  nurse = await server.signIn('demo-nurse');
  manager = await server.signIn('demo-manager');
});
afterAll(async () => server.close());

const send = (path: string, encoding: string, body: Buffer, token?: string) =>
  fetch(`${server.baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });

describe('compressed request bodies', () => {
  it.each(['gzip', 'deflate', 'br'])('answers a corrupt %s body with 400, not 500', async (encoding) => {
    for (const [path, token] of [['/sessions', undefined], ['/scans', nurse]] as const) {
      const res = await send(path, encoding, Buffer.from('this is not compressed at all'), token);
      expect(res.status, `${encoding} ${path}`).toBe(400);
      expect(apiErrorBodySchema.parse(await res.json()).error.code).toBe('VALIDATION');
    }
  });

  it('answers a corrupt compressed FHIR import with 400 and an OperationOutcome', async () => {
    const admin = await server.signIn('demo-admin');
    for (const encoding of ['gzip', 'br']) {
      const res = await fetch(`${server.baseUrl}/fhir/r4/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/fhir+json', 'content-encoding': encoding },
        body: Buffer.from('this is not compressed at all'),
      });
      expect(res.status, encoding).toBe(400);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    }
  });

  it('answers a gzip body cut short with 400', async () => {
    const whole = gzipSync(JSON.stringify({ username: 'demo-nurse', password: 'demo-password' }));
    expect((await send('/sessions', 'gzip', whole.subarray(0, whole.length - 6))).status).toBe(400);
  });

  it('still reads well-formed gzip and br bodies', async () => {
    const scan = JSON.stringify({ deviceId: 'd', eventId: uuid(), raw: 'x', source: 'scanner' });
    expect((await send('/scans', 'gzip', gzipSync(scan), nurse)).status).toBe(200);
    const signIn = JSON.stringify({ username: 'demo-nurse', password: 'demo-password' });
    expect((await send('/sessions', 'br', brotliCompressSync(signIn))).status).toBe(201);
  });
});

describe('response headers', () => {
  const get = (path: string, token?: string) => fetch(`${server.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('forbid storing patient data, wristband PDFs, audit CSVs and FHIR answers (Cache-Control: no-store)', async () => {
    const answers = [
      await get(`/api/patients/${AGNES}/wristband.pdf`, nurse),
      await get('/api/audit?format=csv', manager),
      await get('/api/audit', manager),
      await get(`/fhir/r4/Patient/${AGNES}`, nurse),
      await get('/api/me', nurse),
    ];
    for (const res of answers) {
      expect(res.status, res.url).toBe(200);
      expect(res.headers.get('cache-control'), res.url).toBe('no-store');
    }
    // Errors too: a 401 or 404 can still name what was asked for.
    expect((await get(`/api/patients/${AGNES}/wristband.pdf`)).headers.get('cache-control')).toBe('no-store');
  });

  it('set a Permissions-Policy allowing the camera on our own origin and nothing else', async () => {
    for (const res of [await get('/api/health'), await get('/nothing-here')]) {
      const policy = res.headers.get('permissions-policy') ?? '';
      expect(policy).toContain('camera=(self)');
      expect(policy).toContain('microphone=()');
      expect(policy).toContain('geolocation=()');
    }
  });
});
