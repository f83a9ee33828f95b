import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, barcode } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';

/*
 * Issue 12, the unreadable-band fallback: a patient chosen from the ward list
 * is "recorded as a manual identification and reported". The dose given on
 * it carries the method, and the ward's compliance counts it as a manual
 * identification by the ward list, not as a wristband scan.
 */
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

describe('a dose given after choosing the patient from the ward list', () => {
  it('is recorded with the manual method and reported as such in the ward’s compliance', async () => {
    const token = await server.signIn('demo-nurse');
    const nurse = handheld(server, token);
    const chosen = await server.api('POST', '/manual-identifications', {
      token,
      body: { deviceId: nurse.deviceId, eventId: uuid(), patientId: AGNES, reason: 'band-unreadable', secondNurse: { badge: barcode('badge-demo-nurse-2'), pin: '246810' } },
    });
    expect(chosen.status).toBe(201);
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: chosen.body.eventId })).body;
    const given = await nurse.administer(pack.eventId, pack.verdict.prescriptionId, 'barcode-damaged-verified');
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    const method = server.wardscan.repos.db.prepare('SELECT patient_id_method FROM administrations WHERE id = ?').pluck().get(given.body.administration.id);
    expect(method).toBe('manual');

    const report = await server.api('GET', '/metrics/ward/ward-7b/compliance?days=1', { token: await server.signIn('demo-manager') });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.total.counts).toMatchObject({ manualIdentification: 1, manualIdentificationByMethod: { manual: 1 } });
    expect(report.body.total.counts.patientScanned).toBe(report.body.total.counts.given - 1);
  });
});
