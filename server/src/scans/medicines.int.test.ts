import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode, buildPrescription } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 11's examples through the real server: doses recorded on one order
 * count on every other order of the same ingredient.
 */

const JASPER = 'patient-jasper-kemble';
const JASPER_PRN = 'rx-28'; // paracetamol 1 g PRN, at least 4 h apart, max 4 g a day (demo ward)
const PARACETAMOL_VTM = '777067000'; // dm+d VTM "Paracetamol" (fixtures/dmd)

let server: TestServer;
let nurse: ReturnType<typeof handheld>;

beforeEach(async () => {
  server = await startTestServer();
  nurse = handheld(server, await server.signIn('demo-nurse'));
});
afterEach(async () => server.close());

/** At `iso`, identifies Jasper and scans a paracetamol pack for `order`; gives it when asked. */
async function paracetamolAt(iso: string, order: string, give: boolean) {
  server.clock.set(iso);
  // A shift is long: sign in again, as the next nurse would.
  nurse = handheld(server, await server.signIn('demo-nurse'), nurse.deviceId);
  await nurse.scan(barcode('wristband-jasper-kemble'));
  const scan = await nurse.scan(barcode('pack-paracetamol'), 'scanner', randomUUID(), order);
  expect(scan.status).toBe(200);
  if (give) expect((await nurse.administerWith(scan.body.eventId, order, { indication: 'pain' })).status, `${iso} ${order}`).toBe(201);
  return scan.body;
}

/** A regular paracetamol order for Jasper by its VTM, four times a day, beside his PRN one. */
const regularParacetamol = () =>
  buildPrescription(server.wardscan.repos, {
    patientId: JASPER,
    drug: 'Paracetamol',
    medicationCode: PARACETAMOL_VTM,
    schedule: { kind: 'regular', times: ['08:00', '12:00', '18:00', '22:00'] },
  });

describe('limits per ingredient across orders', () => {
  it('stops a fifth gram of paracetamol in 24 hours given on a regular and a PRN order (was: MATCH)', async () => {
    const regular = regularParacetamol();
    await paracetamolAt('2026-11-24T08:00:00.000Z', regular.id, true);
    await paracetamolAt('2026-11-24T12:00:00.000Z', regular.id, true);
    const prn = await paracetamolAt('2026-11-24T16:30:00.000Z', JASPER_PRN, true);
    expect(ruleOutcome(prn, 'cumulative-dose')).toBe('pass');
    expect(ruleOutcome(prn, 'duplicate-order')).toBeUndefined();
    await paracetamolAt('2026-11-24T18:00:00.000Z', regular.id, true);

    const fifth = await paracetamolAt('2026-11-24T22:00:00.000Z', regular.id, false);
    expect(fifth.verdict.outcome).toBe('stop');
    expect(fifth.verdict.checks.find((c: { rule: string }) => c.rule === 'cumulative-dose').message).toMatch(/paracetamol to 5 g in 24 hours, over the maximum of 4 g .* 4 g already given from all orders/);
    // Not chosen: both orders fit, and the most severe verdict is the one shown.
    server.clock.set('2026-11-24T22:01:00.000Z');
    nurse = handheld(server, await server.signIn('demo-nurse'), nurse.deviceId);
    await nurse.scan(barcode('wristband-jasper-kemble'));
    const either = await nurse.scan(barcode('pack-paracetamol'));
    expect(either.body.verdict.outcome).toBe('stop');
    expect(either.body.verdict.alternatives).toHaveLength(1);
    // The next morning, 24 hours after the first dose, the first gram no longer counts.
    const nextDay = await paracetamolAt('2026-11-25T08:00:00.000Z', regular.id, false);
    expect(ruleOutcome(nextDay, 'cumulative-dose')).toBe('pass');
  });
});

describe("a chart's past doses", () => {
  it('reads every order’s doses in one query, the same as order by order, and no other patient’s', async () => {
    const regular = regularParacetamol();
    await paracetamolAt('2026-11-24T08:00:00.000Z', regular.id, true);
    await paracetamolAt('2026-11-24T12:00:00.000Z', regular.id, true);
    await paracetamolAt('2026-11-24T16:30:00.000Z', JASPER_PRN, true);
    const { prescriptions } = server.wardscan.repos;
    const orders = prescriptions.active(JASPER, server.clock.now()).map((p) => p.id);
    expect(orders).toEqual(expect.arrayContaining([regular.id, JASPER_PRN]));
    for (const since of ['2026-11-23T00:00:00.000Z', '2026-11-24T10:00:00.000Z', '2026-11-25T00:00:00.000Z']) {
      const together = prescriptions.pastDosesOf(JASPER, orders, new Date(since));
      expect(together, since).toEqual(new Map(orders.map((id) => [id, prescriptions.pastDoses(id, new Date(since))])));
    }
    const all = prescriptions.pastDosesOf(JASPER, orders, new Date('2026-11-23T00:00:00.000Z'));
    expect(all.get(regular.id)!.map((d) => d.givenAt.toISOString())).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T12:00:00.000Z']);
    expect(all.get(JASPER_PRN)!).toHaveLength(1);
    // Another patient's orders are not Jasper's, even when asked for by id.
    expect(prescriptions.pastDosesOf('patient-agnes-morrow', orders, new Date('2026-11-23T00:00:00.000Z'))).toEqual(new Map(orders.map((id) => [id, []])));
  });
});
