import { apiErrorBodySchema } from '@wardscan/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhir, transactionOf } from '../fhir/test/support.js';
import { OPERATIONS } from '../openapi/operations.js';
import { barcode } from '../test/fixtures.js';
import { startTestServer, uuid, type TestServer } from '../test/harness.js';
import { auditPlaces } from './key.js';
import { verifyAuditTrail } from './verify.js';

/*
 * Issue 16: one unauthenticated sign-in with a lone surrogate in its username
 * used to store invalid UTF-8 in the audit log, which read back as U+FFFD and
 * left `audit:verify` reporting TAMPERED for good.
 */
const HIGH = 'x\ud800';
const LOW = '\udc00y';

let server: TestServer;
let nurse: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  nurse = await server.signIn('demo-nurse');
  admin = await server.signIn('demo-admin');
});
afterAll(async () => server.close());

const refused = (res: { status: number; body: unknown }, field: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const body = apiErrorBodySchema.parse(res.body);
  expect(body.error.field).toBe(field);
  expect(body.error.message).toMatch(/lone UTF-16 surrogate/);
};

describe('text that is not well-formed Unicode', () => {
  it('is refused on sign-in, naming the field, before anything is audited', async () => {
    const before = server.wardscan.repos.audit.head().seq;
    refused(await server.api('POST', '/sessions', { body: { username: HIGH, password: 'x' } }), 'username');
    refused(await server.api('POST', '/sessions', { body: { username: 'demo-nurse', password: LOW } }), 'password');
    refused(await server.api('POST', '/sessions', { body: { badge: HIGH, pin: '1234' } }), 'badge');
    expect(server.wardscan.repos.audit.head().seq).toBe(before);
  });

  it('is refused in scans and administrations, over REST and sockets', async () => {
    refused(await server.api('POST', '/scans', { token: nurse, body: { deviceId: HIGH, eventId: uuid(), raw: 'x', source: 'scanner' } }), 'deviceId');
    refused(await server.api('POST', '/scans', { token: nurse, body: { deviceId: 'd', eventId: uuid(), raw: LOW, source: 'scanner' } }), 'raw');
    refused(await server.api('POST', '/administrations', { token: nurse, body: { deviceId: HIGH, eventId: uuid(), productScanEventId: uuid(), prescriptionId: 'rx-1' } }), 'deviceId');
    refused(await server.api('POST', '/scans', { token: nurse, body: { deviceId: 'd', eventId: uuid(), raw: 'x', source: 'scanner', [HIGH]: 1 } }), 'x\ufffd');
    const socket = await server.socket(nurse);
    const reply = await socket.emitWithAck('scan', { deviceId: 'd', eventId: uuid(), raw: HIGH, source: 'scanner' });
    expect(apiErrorBodySchema.parse(reply).error.field).toBe('raw');
    const administer = await socket.emitWithAck('administer', { deviceId: LOW, eventId: uuid(), productScanEventId: uuid(), prescriptionId: 'rx-1' });
    expect(apiErrorBodySchema.parse(administer).error.field).toBe('deviceId');
  });

  it('is refused in a FHIR import, with the element named in the OperationOutcome', async () => {
    const res = await fhir(server, 'POST', '/', { token: admin, body: transactionOf({ resourceType: 'Patient', name: [{ family: HIGH, given: ['Ann'] }] }) });
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['entry.0.resource.name.0.family']);
  });

  it('is refused by every documented route that takes a body', async () => {
    const withBody = OPERATIONS.filter((op) => op.body);
    expect(withBody.length).toBeGreaterThan(10);
    for (const op of withBody) {
      const path = op.path.replace(/:[^/]+/g, 'x');
      refused(await server.api(op.method.toUpperCase(), path, { token: admin, body: { probe: [HIGH] } }), 'probe.0');
    }
  });

  it('leaves well-formed text alone: a surrogate pair (an emoji) is a character like any other', async () => {
    const res = await server.api('POST', '/scans', { token: nurse, body: { deviceId: 'handheld-😀', eventId: uuid(), raw: '😀', source: 'keyboard' } });
    expect(res.status).toBe(200);
    const wristband = await server.api('POST', '/scans', { token: nurse, body: { deviceId: 'handheld-😀', eventId: uuid(), raw: barcode('wristband-agnes-morrow'), source: 'scanner' } });
    expect(wristband.body.verdict.outcome).toBe('match');
  });

  it('leaves the audit trail verifiable after all of it', async () => {
    await server.wardscan.close();
    const db = new Database(server.dbFile, { readonly: true });
    try {
      const report = verifyAuditTrail(db, auditPlaces(server.dbFile));
      expect(report.findings).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.rows).toBeGreaterThan(3);
    } finally {
      db.close();
    }
  });
});
