import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ allowKeyedPatientId: true });
});
afterEach(async () => server.close());

describe('ward metrics', () => {
  it('reports scan compliance, override rate and stops by rule per ward day', async () => {
    const nurseToken = await server.signIn('demo-nurse');
    const nurse = handheld(server, nurseToken);
    // Agnes by wristband: paracetamol (match) and amlodipine (override).
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const para = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect((await nurse.administer(para.eventId, 'rx-1')).status).toBe(201);
    const aml = (await nurse.scan(barcode('pack-amlodipine'))).body;
    expect((await nurse.administer(aml.eventId, 'rx-2', 'partial-tablet-prepared')).status).toBe(201);
    // Bernard by typed NHS Number (allowed here, a warning): amoxicillin stops on his allergy only.
    await nurse.scan('9990020264', 'keyboard');
    const stop = (await nurse.scan(barcode('pack-amoxicillin'))).body;
    expect(stop.verdict.outcome).toBe('stop');
    await nurse.scan(barcode('pack-paracetamol-expired'));
    // A transfusion stop counts too: Bernard's blood at Agnes's bedside.
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const blood = await server.api('POST', '/transfusions/check', {
      token: nurseToken,
      body: { deviceId: nurse.deviceId, eventId: uuid(), labels: [barcode('blood-bernard-din'), barcode('blood-bernard-group')] },
    });
    expect(blood.body.verdict.outcome).toBe('stop');
    server.clock.set('2026-11-25T08:10:00.000Z');
    const nextShift = handheld(server, await server.signIn('demo-nurse'));
    await nextShift.scan(barcode('wristband-agnes-morrow'));
    await nextShift.scan(barcode('pack-furosemide'));

    const token = await server.signIn('demo-manager');
    const res = await server.api('GET', '/metrics/ward/ward-7b?from=2026-11-24&to=2026-11-25', { token });
    expect(res.status).toBe(200);
    const [day1, day2] = res.body.days;
    expect(day1).toMatchObject({ date: '2026-11-24', dosesGiven: 2, dosesFullyScanned: 2, scanCompliance: 1, overrides: 1, overrideRate: 0.5 });
    expect(day1.stopsByRule).toEqual({ allergy: 1, expiry: 1, 'transfusion-patient': 1, 'special-requirements': 1 });
    expect(day2).toMatchObject({ date: '2026-11-25', dosesGiven: 0, scanCompliance: null, overrideRate: null, stopsByRule: { 'right-drug': 1 } });
  });

  it('counts a dose to a patient identified by a typed number as not fully scanned', async () => {
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan('9990010137', 'keyboard');
    const para = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(para.verdict.outcome).toBe('warning');
    expect((await nurse.administer(para.eventId, 'rx-1', 'barcode-damaged-verified')).status).toBe(201);
    const res = await server.api('GET', '/metrics/ward/ward-7b?from=2026-11-24&to=2026-11-24', { token: await server.signIn('demo-admin') });
    expect(res.body.days[0]).toMatchObject({ dosesGiven: 1, dosesFullyScanned: 0, scanCompliance: 0 });
  });
});
