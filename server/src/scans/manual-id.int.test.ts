import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WardAlert } from '@wardscan/shared';
import { AGNES, barcode } from '../test/fixtures.js';
import { createFhirRepository } from '../fhir/repository.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

/* Issue 12: the unreadable-band fallback, under each ward policy. */
let server: TestServer;
let token: string;
let nurse: ReturnType<typeof handheld>;

beforeEach(async () => {
  server = await startTestServer();
  token = await server.signIn('demo-nurse');
  nurse = handheld(server, token);
});
afterEach(async () => server.close());

const identify = (extra: Record<string, unknown> = {}) =>
  server.api('POST', '/manual-identifications', { token, body: { deviceId: nurse.deviceId, eventId: uuid(), patientId: AGNES, reason: 'band-unreadable', ...extra } });
const setPolicy = async (manualIdentification: string | null) =>
  expect((await server.api('PUT', '/wards/ward-7b/scan-settings', { token: await server.signIn('demo-admin'), body: { manualIdentification } })).status).toBe(200);

describe('choosing a patient from the list when the band will not scan', () => {
  it('by default needs a second nurse’s badge and PIN; then the patient is identified, every check warns, and the managers hear of it', async () => {
    const settings = await server.api('GET', '/wards/ward-7b/scan-settings', { token });
    expect(settings.body.effective.manualIdentification).toBe('second-nurse');
    const alone = await identify();
    expect(alone.status).toBe(400);
    expect(alone.body.error.field).toBe('secondNurse');
    const wrongPin = await identify({ secondNurse: { badge: barcode('badge-demo-nurse-2'), pin: '9999' } });
    expect(wrongPin.status).toBe(401);

    const manager = await server.socket(await server.signIn('demo-manager'));
    const heard = new Promise<WardAlert>((resolve) => manager.on('ward:alert', resolve));
    const ok = await identify({ secondNurse: { badge: barcode('badge-demo-nurse-2'), pin: '246810' } });
    expect(ok.status).toBe(201);
    expect(ok.body.patient.id).toBe(AGNES);
    expect(ok.body.verdict.outcome).toBe('warning');
    expect((await heard).message).toMatch(/chosen from the ward list.*confirmed by/);

    const pack = await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: ok.body.eventId });
    expect(ruleOutcome(pack.body, 'right-patient')).toBe('warning');
    expect(pack.body.verdict.checks.find((c: { rule: string }) => c.rule === 'right-patient').message).toMatch(/chosen from the ward list/);
    const types = server.wardscan.repos.db.prepare("SELECT count(*) FROM audit_log WHERE type = 'manual-id'").pluck().get();
    expect(types).toBe(1);
  });

  it('the second nurse cannot be the nurse herself', async () => {
    const self = await identify({ secondNurse: { badge: barcode('badge-demo-nurse'), pin: '246810' } });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/second person/);
  });

  it('a ward that blocks it says to reprint the band; a ward that allows it needs no second nurse', async () => {
    await setPolicy('blocked');
    const blocked = await identify();
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toMatch(/reprint the wristband/);
    await setPolicy('allowed');
    expect((await identify()).status).toBe(201);
  });

  it('is not for another ward’s patient', async () => {
    const other = await server.signIn('demo-nurse-8a');
    const res = await server.api('POST', '/manual-identifications', { token: other, body: { deviceId: 'hh-8a', eventId: uuid(), patientId: AGNES, reason: 'band-missing', secondNurse: { badge: barcode('badge-demo-nurse-2'), pin: '246810' } } });
    expect(res.status).toBe(403);
  });

  it('is refused, in plain words, for a discharged patient; warns of an unverified NHS Number (issue 13)', async () => {
    await setPolicy('allowed');
    const store = createFhirRepository(server.wardscan.repos.db);
    store.setPatientStatus(AGNES, { nhsVerification: '03', deceased: false, deceasedAt: null });
    const warned = await identify();
    expect(warned.status).toBe(201);
    expect(ruleOutcome(warned.body, 'nhs-number-unverified')).toBe('warning');
    expect(warned.body.verdict.checks.find((c: { rule: string }) => c.rule === 'nhs-number-unverified').message).toMatch(/is not verified: it is waiting for a trace/);
    store.discharge(AGNES, '2026-11-24T07:30:00.000Z');
    const refused = await identify();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'Agnes MORROW was discharged from Ward 7B Acute Medicine on 24 Nov 2026 at 07:30, so they are on no ward now: do not give anything. If they are back, ask the ward clerk to readmit them.',
    );
  });
});
