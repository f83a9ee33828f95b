import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, BERNARD } from '../test/fixtures.js';
import { startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

// Set as the scan flow sets it after a wristband scan (see transfusion.int.test.ts).
function identify(deviceId: string, patientId: string) {
  const at = server.clock.now().toISOString();
  server.wardscan.repos.contexts.set({ deviceId, staffId: 'staff-demo-nurse', patientId, method: 'wristband', identifiedByEventId: uuid(), identifiedAt: at, lastActivityAt: at, pendingProductEventId: null });
}

describe('infusion pumps at the bedside', () => {
  it('associates a pump, moves it when another patient claims it, and shows the ward manager who has it', async () => {
    const register = server.wardscan.repos.equipment;
    register.saveAsset({ equipmentKey: 'giai:5099998PUMP0001', name: 'Volumetric pump 1', maintenanceDueOn: '2027-03-01' });
    register.saveAsset({ equipmentKey: 'giai:5099998PUMP0002', name: 'Volumetric pump 2', maintenanceDueOn: '2026-11-01' });
    const token = await server.signIn('demo-nurse');
    const assign = (deviceId: string, raw: string) => server.api('POST', '/equipment/assign', { token, body: { deviceId, eventId: uuid(), raw } });

    identify('hh-1', AGNES);
    const first = await assign('hh-1', ']d280045099998PUMP0001');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ verdict: { outcome: 'match' }, assignment: { patientId: AGNES, equipmentKey: 'giai:5099998PUMP0001' }, released: null });

    identify('hh-2', BERNARD);
    const claimed = await assign('hh-2', ']d280045099998PUMP0001');
    expect(claimed.body).toMatchObject({ assignment: { patientId: BERNARD }, released: { patientId: AGNES } });

    const overdue = await assign('hh-2', ']d280045099998PUMP0002');
    expect(overdue.body.verdict.outcome).toBe('warning');
    expect(overdue.body.verdict.checks.find((c: { rule: string }) => c.rule === 'device-maintenance').outcome).toBe('warning');
    const unknown = await assign('hh-2', ']d280045099998PUMP0099');
    expect(unknown.body.verdict.checks.find((c: { rule: string }) => c.rule === 'device-unknown').outcome).toBe('warning');

    const manager = await server.signIn('demo-manager');
    const now = await server.api('GET', '/equipment/assignments', { token: manager });
    expect(now.status).toBe(200);
    expect(now.body.map((a: { equipmentKey: string; patientId: string }) => [a.equipmentKey, a.patientId])).toEqual([
      ['giai:5099998PUMP0001', BERNARD],
      ['giai:5099998PUMP0002', BERNARD],
      ['giai:5099998PUMP0099', BERNARD],
    ]);

    const released = await server.api('POST', '/equipment/release', { token, body: { deviceId: 'hh-2', eventId: uuid(), equipmentKey: 'giai:5099998PUMP0001' } });
    expect(released.status).toBe(200);
    expect((await server.api('GET', '/equipment/assignments', { token: manager })).body).toHaveLength(2);
  });

  it('refuses a non-device barcode and another ward’s view', async () => {
    const token = await server.signIn('demo-nurse');
    identify('hh-1', AGNES);
    const bad = await server.api('POST', '/equipment/assign', { token, body: { deviceId: 'hh-1', eventId: uuid(), raw: '9990010137' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'raw' } } });
    const other = await server.signIn('demo-nurse-8a');
    expect((await server.api('GET', '/equipment/assignments?wardId=ward-7b', { token: other })).status).toBe(403);
  });
});
