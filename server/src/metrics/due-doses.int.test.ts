import type { WardCompliance } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 13: doses of an order on hold, or of one waiting for review, are not
 * due, so compliance does not count them as due or missed. Ward 7B at 20:00:
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
  it('counts no dose of an order on hold or needing review as due or missed', async () => {
    const before = await today();
    const db = server.wardscan.repos.db;
    db.prepare("UPDATE prescriptions SET status = 'on-hold' WHERE id = 'rx-15'").run();
    db.prepare("UPDATE prescriptions SET needs_review = 'Dose in words only: \"1 tablet daily\".' WHERE id = 'rx-17'").run();
    const after = await today();
    // 08:00, 12:00 and 18:00 of each: three doses each, all missed by 20:00 (the 22:00 ones are not due yet).
    expect(before.counts.missed - after.counts.missed).toBe(6);
    expect(before.counts.due - after.counts.due).toBe(6);
  });
});
