import { apiErrorBodySchema } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OPERATIONS } from '../openapi/operations.js';
import { barcode } from '../test/fixtures.js';
import { startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.signIn('demo-nurse');
});
afterAll(async () => server.close());

const expectError = (res: { status: number; body: unknown }, status: number, field?: string) => {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(res.body);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
  if (field) expect(body.error.field).toBe(field);
};

describe('bad input gets a clear error and loses nothing', () => {
  it('answers malformed JSON with 400 VALIDATION', async () => {
    expectError(await server.api('POST', '/scans', { token, raw: '{"deviceId": "d", ' }), 400);
    expectError(await server.api('POST', '/sessions', { raw: 'not json' }), 400);
  });

  it('names the field of a wrong type', async () => {
    expectError(await server.api('POST', '/scans', { token, body: { deviceId: 'd', eventId: 'not-a-uuid', raw: 'x', source: 'camera' } }), 400, 'eventId');
    expectError(await server.api('POST', '/scans', { token, body: { deviceId: 'd', eventId: uuid(), raw: 42, source: 'camera' } }), 400, 'raw');
    expectError(await server.api('POST', '/scans', { token, body: { deviceId: 'd', eventId: uuid(), raw: 'x', source: 'telepathy' } }), 400, 'source');
    expectError(await server.api('POST', '/scans', { token, body: [] }), 400);
    expectError(await server.api('POST', '/scans', { token, body: null }), 400);
  });

  it('answers a wrongly percent-encoded path parameter with 400 on every route that has one, and on FHIR', async () => {
    const admin = await server.signIn('demo-admin');
    const withParams = OPERATIONS.filter((op) => op.path.includes('/:'));
    expect(withParams.length).toBeGreaterThan(5);
    for (const op of withParams) {
      const res = await server.api(op.method.toUpperCase(), op.path.replace(/:[^/]+/g, '%E0%A4%A'), { token: admin, ...(op.body ? { body: {} } : {}) });
      expect(res.status, `${op.method} ${op.path}`).toBe(400);
      expectError(res, 400);
    }
    const fhir = await fetch(`${server.baseUrl}/fhir/r4/Patient/%E0`, { headers: { authorization: `Bearer ${admin}` } });
    expect(fhir.status).toBe(400);
    expect(((await fhir.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('refuses an oversized raw scan and an oversized body', async () => {
    expectError(await server.api('POST', '/scans', { token, body: { deviceId: 'd', eventId: uuid(), raw: '0'.repeat(5000), source: 'scanner' } }), 400, 'raw');
    expectError(await server.api('POST', '/scans', { token, raw: JSON.stringify({ junk: 'x'.repeat(100_000) }) }), 400);
  });

  it('refuses bad query parameters', async () => {
    const manager = await server.signIn('demo-manager');
    expectError(await server.api('GET', '/audit?pageSize=100000', { token: manager }), 400, 'pageSize');
    expectError(await server.api('GET', '/audit?from=yesterday', { token: manager }), 400, 'from');
    expectError(await server.api('GET', '/metrics/ward/ward-7b?from=2026-13-01', { token: manager }), 400, 'from');
  });

  it('answers unknown API routes with 404 in the same shape', async () => {
    expectError(await server.api('GET', '/nothing-here', { token }), 404);
  });

  it('records a scan of any junk string as unreadable, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (raw) => {
        const res = await server.api('POST', '/scans', { token, body: { deviceId: 'fuzz', eventId: uuid(), raw, source: 'scanner' } });
        expect(res.status).toBe(200);
        expect(['match', 'warning', 'stop', 'info']).toContain(res.body.verdict.outcome);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a wristband scan working after the junk', async () => {
    const res = await server.api('POST', '/scans', { token, body: { deviceId: 'fuzz', eventId: uuid(), raw: barcode('wristband-agnes-morrow'), source: 'camera' } });
    expect(res.body.verdict.outcome).toBe('match');
  });

  it('sets security headers', async () => {
    const res = await server.api('GET', '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('login rate limit', () => {
  it('answers 429 RATE_LIMITED after too many sign-in attempts', async () => {
    const limited = await startTestServer({ loginRateLimit: { windowMs: 60_000, max: 3 } });
    try {
      for (let i = 0; i < 3; i++) await limited.api('POST', '/sessions', { body: { username: 'demo-nurse', password: 'wrong' } });
      const res = await limited.api('POST', '/sessions', { body: { username: 'demo-nurse', password: 'demo-password' } });
      expectError(res, 429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
