import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

const DESMOND = 'patient-desmond-harlow';

describe("the transfusion laboratory's records", () => {
  it('records a group, an order and an issued unit that the bedside check then accepts', async () => {
    const lab = await server.signIn('demo-admin');
    const put = await server.api('PUT', `/patients/${DESMOND}/blood-group`, { token: lab, body: { bloodGroup: 'B-' } });
    expect(put.body).toEqual({ patientId: DESMOND, bloodGroup: 'B-' });
    const order = await server.api('POST', '/transfusions/orders', { token: lab, body: { patientId: DESMOND, component: 'platelets', units: 1, requirements: ['irradiated'] } });
    expect(order.status).toBe(201);
    const unit = {
      orderId: order.body.id, din: 'G071526200007', bloodGroup: 'B-', productCode: 'E3081V00', expiresOn: '2026-11-27', expiresAtTime: '23:59',
      outOfStorageAt: '2026-11-24T07:55:00.000Z', attributes: ['irradiated'],
    };
    const issued = await server.api('POST', '/transfusions/issued-units', { token: lab, body: unit });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ din: 'G071526200007', component: 'platelets', bloodGroup: 'B-' });
    expect((await server.api('POST', '/transfusions/issued-units', { token: lab, body: unit })).status).toBe(409);

    const nurse = await server.signIn('demo-nurse');
    const device = handheld(server, nurse);
    await device.scan(barcode('wristband-desmond-harlow'));
    const check = await server.api('POST', '/transfusions/check', { token: nurse, body: { deviceId: device.deviceId, eventId: uuid(), labels: ['=G07152620000700', '=%1700', '=<E3081V00'] } });
    expect(check.body.verdict).toMatchObject({ outcome: 'warning', witness: 'required' });
    for (const rule of ['transfusion-patient', 'transfusion-unit', 'abo-rhd', 'unit-expiry', 'cold-chain', 'special-requirements']) expect(ruleOutcome(check.body, rule)).toBe('pass');
  });

  it('refuses bad input and anyone but the lab (admin)', async () => {
    const lab = await server.signIn('demo-admin');
    const nurse = await server.signIn('demo-nurse');
    expect((await server.api('PUT', `/patients/${DESMOND}/blood-group`, { token: nurse, body: { bloodGroup: 'B-' } })).status).toBe(403);
    expect((await server.api('PUT', `/patients/${DESMOND}/blood-group`, { token: lab, body: { bloodGroup: 'C+' } })).body.error.field).toBe('bloodGroup');
    expect((await server.api('PUT', '/patients/nobody/blood-group', { token: lab, body: { bloodGroup: 'B-' } })).status).toBe(404);
    const badDin = await server.api('POST', '/transfusions/issued-units', {
      token: lab,
      body: { orderId: 'order-agnes-red-cells', din: 'G0715', bloodGroup: 'A+', productCode: null, expiresOn: '2026-12-01', expiresAtTime: null, outOfStorageAt: null, attributes: [] },
    });
    expect(badDin).toMatchObject({ status: 400, body: { error: { field: 'din' } } });
    const noOrder = await server.api('POST', '/transfusions/issued-units', {
      token: lab,
      body: { orderId: 'order-none', din: 'G071526200007', bloodGroup: 'A+', productCode: null, expiresOn: '2026-12-01', expiresAtTime: null, outOfStorageAt: null, attributes: [] },
    });
    expect(noOrder.status).toBe(404);
  });
});
