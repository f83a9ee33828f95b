import type { WardAlert } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, barcode, CLARA } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

/*
 * The demo ward's blood and pumps through the whole bedside flow: a real
 * wristband scan identifies the patient, the printed bag labels are checked,
 * and the ward manager's socket hears what went wrong (and only that).
 */
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

const AGNES_BAG = ['blood-agnes-din', 'blood-agnes-group', 'blood-agnes-product'].map(barcode);

async function atBedside(wristband: string) {
  const token = await server.signIn('demo-nurse');
  const device = handheld(server, token);
  expect((await device.scan(barcode(wristband))).body.verdict.outcome).toBe('match');
  const post = (path: string, body: Record<string, unknown>) => server.api('POST', path, { token, body: { deviceId: device.deviceId, ...body } });
  return { token, device, post, check: (labels: string[]) => post('/transfusions/check', { eventId: uuid(), labels }) };
}

async function managerAlerts(): Promise<WardAlert[]> {
  const socket = await server.socket(await server.signIn('demo-manager'));
  const got: WardAlert[] = [];
  socket.on('ward:alert', (a) => got.push(a));
  return got;
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe("the demo ward's blood units", () => {
  it("checks Agnes's bag, needs a second checker, then starts and ends it; the patient's transfusions follow", async () => {
    const alerts = await managerAlerts();
    const { token, post, check } = await atBedside('wristband-agnes-morrow');
    const before = await server.api('GET', `/patients/${AGNES}/transfusions`, { token });
    expect(before.body).toMatchObject({ bloodGroup: 'A+', orders: [{ component: 'red-cells', units: 2, requirements: ['irradiated'] }], running: [] });
    expect(before.body.units.map((u: { din: string; status: string }) => [u.din, u.status])).toEqual([['G071526100001', 'issued']]);

    const checked = await check(AGNES_BAG);
    expect(checked.body.verdict).toMatchObject({ outcome: 'warning', witness: 'required' });
    expect(ruleOutcome(checked.body, 'cold-chain')).toBe('pass');
    const second = await post(`/transfusions/checks/${checked.body.eventId}/second-checker`, { raw: barcode('badge-demo-nurse-2') });
    expect(second.body.verdict).toMatchObject({ outcome: 'match', witness: 'done' });
    const started = await post('/transfusions/start', { eventId: uuid(), checkEventId: checked.body.eventId });
    expect(started.status).toBe(201);

    const during = await server.api('GET', `/patients/${AGNES}/transfusions`, { token });
    expect(during.body.running).toEqual([started.body.transfusion]);
    expect(during.body.units[0].status).toBe('transfusing');
    await post(`/transfusions/${started.body.transfusion.id}/end`, { eventId: uuid(), outcome: 'completed' });
    const after = await server.api('GET', `/patients/${AGNES}/transfusions`, { token });
    expect(after.body).toMatchObject({ running: [], units: [{ status: 'transfused' }] });
    await settle();
    // Waiting for the second checker is the normal flow, not a mismatch.
    expect(alerts).toEqual([]);
  });

  it("stops Bernard's unit at Agnes's bedside and Clara's ABO-incompatible unit, and tells the ward manager", async () => {
    const alerts = await managerAlerts();
    const agnes = await atBedside('wristband-agnes-morrow');
    const wrong = await agnes.check([barcode('blood-bernard-din'), barcode('blood-bernard-group')]);
    expect(wrong.body.verdict.outcome).toBe('stop');
    expect(ruleOutcome(wrong.body, 'transfusion-patient')).toBe('stop');

    const clara = await atBedside('wristband-clara-fenwick');
    const incompatible = await clara.check([barcode('blood-clara-din'), barcode('blood-clara-group')]);
    expect(ruleOutcome(incompatible.body, 'abo-rhd')).toBe('stop');
    expect(incompatible.body.verdict.checks.find((c: { rule: string }) => c.rule === 'abo-rhd').message).toContain('INCOMPATIBLE');
    const start = await clara.post('/transfusions/start', { eventId: uuid(), checkEventId: incompatible.body.eventId });
    expect(start.status).toBe(409);

    await settle();
    expect(alerts.map((a) => [a.kind, a.patientId, a.rules.includes(a.patientId === CLARA ? 'abo-rhd' : 'transfusion-patient')])).toEqual([
      ['stop', AGNES, true],
      ['stop', CLARA, true],
    ]);
  });

  it("follows the ward's policy: an admin turns the second checker off, and the same bag is a match", async () => {
    const admin = await server.signIn('demo-admin');
    const policy = { secondCheckerRequired: false, coldChainMinutes: { 'red-cells': 240, plasma: 240, platelets: 30 }, minimumRemainingMinutes: 20 };
    const nurseToken = await server.signIn('demo-nurse');
    expect((await server.api('PUT', '/wards/ward-7b/transfusion-policy', { token: nurseToken, body: policy })).status).toBe(403);
    const bad = await server.api('PUT', '/wards/ward-7b/transfusion-policy', { token: admin, body: { ...policy, minimumRemainingMinutes: 30 } });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'minimumRemainingMinutes' } } });
    expect((await server.api('PUT', '/wards/ward-7b/transfusion-policy', { token: admin, body: policy })).body).toEqual(policy);
    expect((await server.api('GET', '/wards/ward-7b/transfusion-policy', { token: nurseToken })).body).toEqual(policy);

    const { check } = await atBedside('wristband-agnes-morrow');
    const checked = await check(AGNES_BAG);
    expect(checked.body.verdict.outcome).toBe('match');
    expect(checked.body.verdict.witness).toBeUndefined();
  });

  it('answers a bag label or pump tag sent as a plain scan with what to do instead, checking nothing', async () => {
    const token = await server.signIn('demo-nurse');
    const device = handheld(server, token);
    const before = await device.scan(barcode('blood-agnes-din'));
    expect(before.body.verdict).toMatchObject({ outcome: 'info', title: expect.stringContaining('wristband first') });
    expect((await device.scan(barcode('pump-1'))).body.verdict.title).toContain('wristband first');
    await device.scan(barcode('wristband-agnes-morrow'));
    const after = await device.scan(barcode('blood-agnes-din'));
    expect(after.body.verdict).toMatchObject({ outcome: 'info', title: expect.stringContaining('/api/transfusions/check') });
  });

  it('refuses a patient view of another ward', async () => {
    const token = await server.signIn('demo-nurse-8a');
    expect((await server.api('GET', `/patients/${AGNES}/transfusions`, { token })).status).toBe(403);
  });
});

describe("the demo ward's pumps", () => {
  it('offers a device scanned by its UDI for linking, and links it by that key', async () => {
    const { device, post } = await atBedside('wristband-agnes-morrow');
    const scanned = await device.scan(barcode('syringe-driver-udi'));
    expect(scanned.body).toMatchObject({ verdict: { outcome: 'info' }, equipmentKey: 'udi:05099997000198:SD000123' });
    const linked = await post('/equipment/assign', { eventId: uuid(), raw: barcode('syringe-driver-udi') });
    expect(linked.body).toMatchObject({ verdict: { outcome: 'match' }, assignment: { equipmentKey: scanned.body.equipmentKey, assetName: 'Syringe driver SD000123' } });
    // The giving set's barcode has no serial: a model, not one device.
    const gtinOnly = await device.scan('0105099997000181');
    expect(gtinOnly.body.equipmentKey).toBeUndefined();
    expect(gtinOnly.body.verdict.title).toContain('no serial number');
  });

  it('warns on a pump past its maintenance date, tells the manager, and releases once for a retried request', async () => {
    const alerts = await managerAlerts();
    const { post } = await atBedside('wristband-agnes-morrow');
    const serviced = await post('/equipment/assign', { eventId: uuid(), raw: barcode('pump-1') });
    expect(serviced.body.verdict.outcome).toBe('match');
    const assignEvent = uuid();
    const overdue = await post('/equipment/assign', { eventId: assignEvent, raw: barcode('pump-2') });
    expect(overdue.body.verdict.outcome).toBe('warning');
    // A retry (the handheld lost the answer) is told the same, warning included, and records nothing new.
    const retried = await post('/equipment/assign', { eventId: assignEvent, raw: barcode('pump-2') });
    expect(retried.body).toEqual({ ...overdue.body, replayed: true });
    expect(overdue.body.assignment.assetName).toBe('Infusion pump 7B0002');

    const eventId = uuid();
    const release = () => post('/equipment/release', { eventId, equipmentKey: overdue.body.assignment.equipmentKey });
    const first = await release();
    expect(first.body).toMatchObject({ replayed: false, released: { equipmentKey: 'giai:50999987B0002' } });
    expect((await release()).body).toMatchObject({ replayed: true, released: { id: first.body.released.id } });
    const again = await post('/equipment/release', { eventId: uuid(), equipmentKey: overdue.body.assignment.equipmentKey });
    expect(again.status).toBe(409);

    await settle();
    expect(alerts.map((a) => [a.kind, a.rules])).toEqual([['warning', ['device-maintenance']]]);
  });
});
