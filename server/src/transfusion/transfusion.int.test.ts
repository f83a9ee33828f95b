import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode, AGNES, BERNARD } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';

// The demo ward's clock stands at 08:00 UTC (harness MORNING).
const DIN = 'G071523123456';
let server: TestServer;

function seed(issuedFor = AGNES) {
  const repo = server.wardscan.repos.transfusions;
  repo.setBloodGroup(AGNES, 'A+', '2026-11-20T10:00:00.000Z');
  repo.insertOrder({ id: 'order-1', patientId: issuedFor, component: 'red-cells', units: 1, requirements: ['irradiated'], status: 'active', orderedAt: '2026-11-24T06:00:00.000Z' });
  repo.insertUnit({
    id: 'unit-1', din: DIN, patientId: issuedFor, orderId: 'order-1', component: 'red-cells', bloodGroup: 'O-', productCode: 'E0001V00',
    expiresOn: '2026-12-01', expiresAtTime: null, issuedAt: '2026-11-24T07:40:00.000Z', outOfStorageAt: '2026-11-24T07:45:00.000Z', attributes: ['irradiated'], status: 'issued',
  });
}

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

/*
 * The positive patient ID as the scan flow stores it after a wristband scan
 * (devices/context-repository.ts). Written directly so these tests do not
 * depend on the scan routes, which are being reworked in parallel.
 */
function identify(deviceId: string, staffId: string, patientId: string, method: 'wristband' | 'keyed' = 'wristband') {
  const at = server.clock.now().toISOString();
  server.wardscan.repos.contexts.set({ deviceId, staffId, patientId, method, identifiedByEventId: uuid(), identifiedAt: at, lastActivityAt: at, pendingProductEventId: null });
}

async function nurseAtAgnes(method: 'wristband' | 'keyed' = 'wristband') {
  const token = await server.signIn('demo-nurse');
  const device = handheld(server, token);
  identify(device.deviceId, 'staff-demo-nurse', AGNES, method);
  const check = (labels: string[], eventId = uuid()) => server.api('POST', '/transfusions/check', { token, body: { deviceId: device.deviceId, eventId, labels } });
  return { token, device, check };
}

describe('bedside transfusion over HTTP', () => {
  it('checks, second-checks, starts and ends a unit, each step in the audit trail', async () => {
    seed();
    const { token, device, check } = await nurseAtAgnes();
    // A UK bag: ISBT 128 DIN (check flags 79) and group, Codabar component and expiry (01/12/26).
    const res = await check([`=${DIN}79`, '=%9500', 'A0043503B', 'A10112262B']);
    expect(res.status).toBe(201);
    expect(res.body.verdict).toMatchObject({ outcome: 'warning', witness: 'required' });
    expect(res.body.verdict.checks.filter((c: { outcome: string }) => c.outcome !== 'pass').map((c: { rule: string }) => c.rule)).toEqual(['transfusion-second-checker']);
    const checkEventId = res.body.eventId as string;

    const early = await server.api('POST', '/transfusions/start', { token, body: { deviceId: device.deviceId, eventId: uuid(), checkEventId } });
    expect(early.status).toBe(409);

    const self = await server.api('POST', `/transfusions/checks/${checkEventId}/second-checker`, { token, body: { deviceId: device.deviceId, raw: barcode('badge-demo-nurse') } });
    expect(self.status).toBe(400);
    const second = await server.api('POST', `/transfusions/checks/${checkEventId}/second-checker`, { token, body: { deviceId: device.deviceId, raw: barcode('badge-demo-nurse-2') } });
    expect(second.status).toBe(200);
    expect(second.body.verdict).toMatchObject({ outcome: 'match', witness: 'done' });

    const startEvent = uuid();
    const start = await server.api('POST', '/transfusions/start', { token, body: { deviceId: device.deviceId, eventId: startEvent, checkEventId } });
    expect(start.status).toBe(201);
    expect(start.body.transfusion).toMatchObject({ din: DIN, patientId: AGNES, startedBy: 'staff-demo-nurse', secondCheckerId: 'staff-demo-nurse-2' });
    const replay = await server.api('POST', '/transfusions/start', { token, body: { deviceId: device.deviceId, eventId: startEvent, checkEventId } });
    expect(replay.body).toMatchObject({ replayed: true, transfusion: { id: start.body.transfusion.id } });

    // The same unit cannot be checked into a second transfusion.
    const again = await check([`=${DIN}79`, '=%9500']);
    expect(again.body.verdict.outcome).toBe('stop');

    server.clock.advance(2 * 3600_000);
    const end = await server.api('POST', `/transfusions/${start.body.transfusion.id}/end`, { token, body: { deviceId: device.deviceId, eventId: uuid(), outcome: 'completed' } });
    expect(end.status).toBe(200);
    expect(end.body.transfusion).toMatchObject({ endedBy: 'staff-demo-nurse', endOutcome: 'completed', endedAt: '2026-11-24T10:00:00.000Z' });

    const manager = await server.signIn('demo-manager');
    const audit = await server.api('GET', `/audit?patientId=${AGNES}&pageSize=50`, { token: manager });
    const summaries = (audit.body.entries as { summary: string }[]).map((e) => e.summary);
    expect(summaries.some((s) => s.startsWith('Transfusion check'))).toBe(true);
    expect(summaries).toContain('Transfusion second check by Wendy Demo (second nurse, witness)');
    expect(summaries).toContain(`Transfusion started: unit ${DIN}`);
    expect(summaries).toContain(`Transfusion ended (completed): unit ${DIN}`);
  });

  it('stops a unit issued for another patient and refuses to start it', async () => {
    seed(BERNARD);
    const { token, device, check } = await nurseAtAgnes();
    const res = await check([`=${DIN}00=%9500`]);
    expect(res.body.verdict.outcome).toBe('stop');
    expect(res.body.verdict.checks.find((c: { rule: string }) => c.rule === 'transfusion-patient').outcome).toBe('stop');
    const start = await server.api('POST', '/transfusions/start', { token, body: { deviceId: device.deviceId, eventId: uuid(), checkEventId: res.body.eventId } });
    expect(start.status).toBe(409);
  });

  it('stops a bag whose labels show two groups, and records it', async () => {
    seed();
    const { check } = await nurseAtAgnes();
    const res = await check([`=${DIN}00`, '=%9500', 'D510B']);
    expect(res.status).toBe(201);
    expect(res.body.verdict).toMatchObject({ outcome: 'stop', checks: [{ rule: 'transfusion-unit', outcome: 'stop' }] });
  });

  it('stops a patient identified by typing rather than by wristband', async () => {
    seed();
    const { check } = await nurseAtAgnes('keyed');
    const res = await check([`=${DIN}00=%9500`]);
    expect(res.body.verdict.checks.find((c: { rule: string }) => c.rule === 'transfusion-patient').outcome).toBe('stop');
  });

  it('asks for the missing labels, the wristband, and refuses other roles', async () => {
    seed();
    const { check } = await nurseAtAgnes();
    expect(await check([`=${DIN}00`])).toMatchObject({ status: 400, body: { error: { field: 'labels' } } });
    expect(await check(['not a label'])).toMatchObject({ status: 400 });
    const token = await server.signIn('demo-nurse-2');
    const noPatient = await server.api('POST', '/transfusions/check', { token, body: { deviceId: 'handheld-x', eventId: uuid(), labels: [`=${DIN}00=%9500`] } });
    expect(noPatient.status).toBe(409);
    const pharmacist = await server.signIn('demo-pharmacist');
    const forbidden = await server.api('POST', '/transfusions/check', { token: pharmacist, body: { deviceId: 'handheld-x', eventId: uuid(), labels: [`=${DIN}00`] } });
    expect(forbidden.status).toBe(403);
  });
});
