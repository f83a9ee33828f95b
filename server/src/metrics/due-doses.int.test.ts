import type { WardCompliance } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirRepository, type PrescriptionRow } from '../fhir/repository.js';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 13: doses due while an order was on hold, or waiting for review, are
 * not due, so compliance does not count them as due or missed; its doses
 * before the hold still count. Ward 7B at 20:00:
 * Edith's paracetamol (rx-15) and Frank's (rx-17), each due 08:00, 12:00 and
 * 18:00 so far, undocumented.
 */

let server: TestServer;
let manager: string;
beforeAll(async () => {
  server = await startTestServer({}, '2026-11-23T20:00:00.000Z');
  // The ward's first record, the day before: nothing before it counts.
  await handheld(server, await server.signIn('demo-nurse')).scan(barcode('wristband-agnes-morrow'));
  server.clock.set('2026-11-24T20:00:00.000Z');
  manager = await server.signIn('demo-manager');
});
afterAll(async () => server.close());

const today = async (): Promise<WardCompliance['total']> => {
  const res = await server.api('GET', '/metrics/ward/ward-7b/compliance?from=2026-11-24&to=2026-11-24', { token: manager });
  expect(res.status).toBe(200);
  return (res.body as WardCompliance).total;
};

describe('compliance and held orders', () => {
  it('counts no dose due while an order was on hold or needing review, and the doses before it still', async () => {
    const before = await today();
    // Held through the same writes as the FHIR import, at the times the EPR's updates arrived.
    const store = createFhirRepository(server.wardscan.repos.db);
    const change = (id: string, edit: Partial<PrescriptionRow>, at: string) => store.upsertPrescription({ ...store.prescription(id)!, ...edit }, at);
    change('rx-15', { status: 'on-hold' }, '2026-11-24T10:00:00.000Z'); // after its 08:00 dose was missed
    change('rx-17', { needs_review: 'Dose in words only: "1 tablet daily".' }, '2026-11-24T07:00:00.000Z'); // before any
    const after = await today();
    // Edith's 12:00 and 18:00 and Frank's 08:00, 12:00 and 18:00 are no longer due; Edith's 08:00 stays missed.
    expect(before.counts.missed - after.counts.missed).toBe(5);
    expect(before.counts.due - after.counts.due).toBe(5);
    // Back in force at 19:00: nothing due again until the next dose, and the held ones stay out.
    change('rx-15', { status: 'active' }, '2026-11-24T19:00:00.000Z');
    expect((await today()).counts.missed).toBe(after.counts.missed);
  });
});
