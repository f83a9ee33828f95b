import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode, EDITH } from '../test/fixtures.js';
import type { PatientChart, WardRound } from '@wardscan/shared';
import { createFhirRepository, type PrescriptionRow } from '../fhir/repository.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 13: orders the EPR put on hold, and orders the bedside cannot check
 * as one exact dose (stored "needs review" by the FHIR import), on the chart,
 * the ward round, a pack scan and the ward manager's list. Set up on the demo
 * ward's own orders: Edith's paracetamol (rx-15) on hold, Frank's (rx-17)
 * a dose range waiting for review.
 */

const RANGE_REVIEW = 'Dose range 1 to 2 tablet: the nurse chooses a dose within it. Review by pharmacy or a nurse before it is given.';
const FRANK = 'patient-frank-oswald';
let server: TestServer;
let nurse: ReturnType<typeof handheld>;
let token: string;
beforeEach(async () => {
  server = await startTestServer({}, '2026-11-22T07:30:00.000Z');
  // The ward's first record, two days before: missed doses are charted from it on.
  await handheld(server, await server.signIn('demo-nurse')).scan(barcode('wristband-clara-fenwick'));
  server.clock.set('2026-11-24T08:00:00.000Z');
  token = await server.signIn('demo-nurse');
  nurse = handheld(server, token);
});
afterEach(async () => server.close());

/** Changes an order through the FHIR import's own write (fhir/repository.ts), which keeps when it was held (order_holds). */
const change = (id: string, edit: Partial<PrescriptionRow>) => {
  const store = createFhirRepository(server.wardscan.repos.db);
  store.upsertPrescription({ ...store.prescription(id)!, ...edit }, server.clock.now().toISOString());
};
/** As the FHIR import stores them, now: status on-hold; needs_review with why, and the range as sent. */
function holdOrders(): void {
  change('rx-15', { status: 'on-hold' });
  change('rx-17', { needs_review: RANGE_REVIEW, dose_range: JSON.stringify({ low: '1', high: '2', unit: 'tablet' }) });
}
const slotsOf = (chart: PatientChart, id: string) => chart.slots.filter((s) => s.prescriptionId === id).map((s) => `${s.slotAt} ${s.status}`);
const chartOf = async (patientId: string) => (await server.api('GET', `/patients/${patientId}/chart`, { token })).body;
const bedOf = (round: WardRound, id: string) => round.beds.find((b) => b.patient?.id === id)?.patient;

describe('the chart and the ward round', () => {
  it('shows an on-hold order as on hold with no dose due, and a needs-review order with why', async () => {
    const before = await chartOf(EDITH);
    expect(before.slots.filter((s: { prescriptionId: string }) => s.prescriptionId === 'rx-15').length).toBeGreaterThan(0);
    expect(before.held).toEqual([]);
    holdOrders(); // at 08:00
    const edith = await chartOf(EDITH);
    // The doses missed before the hold (since the ward's first record) still need documenting; none is due from the hold on.
    const missed = ['2026-11-22', '2026-11-23'].flatMap((day) => ['08:00', '12:00', '18:00', '22:00'].map((t) => `${day}T${t}:00.000Z missed`));
    expect(slotsOf(edith, 'rx-15')).toEqual(missed);
    expect(edith.held).toEqual([{ prescriptionId: 'rx-15', drugName: 'Paracetamol', route: 'oral', hold: { kind: 'on-hold', review: null } }]);
    const frank = await chartOf(FRANK);
    expect(slotsOf(frank, 'rx-17')).toEqual([]); // waiting for review, its dose is not one to give: nothing shows
    expect(frank.held).toEqual([
      { prescriptionId: 'rx-17', drugName: 'Paracetamol', route: 'oral', hold: { kind: 'needs-review', reason: RANGE_REVIEW, doseRange: { low: '1', high: '2', unit: 'tablet' } } },
    ]);
  });

  it('shows an order back in force with its doses from then on, and none of those due while it was held', async () => {
    change('rx-15', { status: 'on-hold' }); // 08:00
    server.clock.set('2026-11-24T19:00:00.000Z');
    change('rx-15', { status: 'active' });
    server.clock.set('2026-11-24T23:30:00.000Z');
    token = await server.signIn('demo-nurse'); // the morning's session has ended
    const today = slotsOf(await chartOf(EDITH), 'rx-15').filter((s) => s.startsWith('2026-11-24'));
    // 08:00, 12:00 and 18:00 fell in the hold; 22:00 was due after it and is missed now.
    expect(today).toEqual(['2026-11-24T22:00:00.000Z missed']);
  });

  it('counts them on the round, and leaves their doses out of due and missed', async () => {
    const before = (await server.api('GET', '/wards/ward-7b/round', { token })).body;
    holdOrders();
    const round = (await server.api('GET', '/wards/ward-7b/round', { token })).body;
    expect(bedOf(round, EDITH)).toMatchObject({ onHold: 1, needsReview: 0, dueNow: bedOf(before, EDITH)!.dueNow - 1 });
    expect(bedOf(round, FRANK)).toMatchObject({ onHold: 0, needsReview: 1, dueNow: bedOf(before, FRANK)!.dueNow - 1 });
    expect(bedOf(round, 'patient-agnes-morrow')).toMatchObject({ onHold: 0, needsReview: 0 });
  });
});

describe('a pack scanned for a held order', () => {
  it('is a stop saying the order is on hold (the drug still verified), and cannot be given', async () => {
    await nurse.scan(barcode('wristband-edith-pryce'));
    expect((await nurse.scan(barcode('pack-paracetamol'))).body.verdict.outcome).toBe('match');
    holdOrders();
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(pack.verdict.outcome).toBe('stop');
    expect(ruleOutcome(pack, 'right-drug')).toBe('pass');
    expect(ruleOutcome(pack, 'right-dose')).toBeUndefined();
    expect(pack.verdict.checks.find((c: { rule: string }) => c.rule === 'order-on-hold')).toEqual({
      rule: 'order-on-hold',
      outcome: 'stop',
      message: 'The order for Paracetamol is on hold: no dose is due while it is held. Do not give; it can be given again only when the prescriber makes the order active.',
    });
    expect(pack.verdict.title).toMatch(/^Stop: The order for Paracetamol is on hold/);
    expect(pack.verdict.prescriptionId).toBeUndefined();
    const given = await nurse.administer(pack.eventId, 'rx-15');
    expect(given.status).toBeGreaterThanOrEqual(400);
  });

  it('is never a dose match for a needs-review order: a stop with the reason', async () => {
    holdOrders();
    await nurse.scan(barcode('wristband-frank-oswald'));
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(pack.verdict.outcome).toBe('stop');
    expect(ruleOutcome(pack, 'right-drug')).toBe('pass');
    expect(ruleOutcome(pack, 'right-dose')).toBeUndefined();
    expect(pack.verdict.doseToGive).toBeUndefined();
    const review = pack.verdict.checks.find((c: { rule: string }) => c.rule === 'order-needs-review');
    expect(review.outcome).toBe('stop');
    expect(review.message).toContain(`needs review before its dose can be checked: ${RANGE_REVIEW}`);
  });
});

describe("the ward manager's list of orders needing review", () => {
  it('lists the ward’s needs-review orders with why and whose they are, and only for that ward', async () => {
    holdOrders();
    const manager = await server.signIn('demo-manager');
    const res = await server.api('GET', '/wards/ward-7b/orders-needing-review', { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.orders).toEqual([
      {
        prescriptionId: 'rx-17',
        drugName: 'Paracetamol',
        route: 'oral',
        reason: RANGE_REVIEW,
        doseRange: { low: '1', high: '2', unit: 'tablet' },
        onHold: false,
        patient: expect.objectContaining({ id: FRANK, familyName: 'Oswald', givenName: 'Frank' }),
        startsAt: expect.any(String),
      },
    ]);
    expect((await server.api('GET', '/wards/ward-7b/orders-needing-review', { token: await server.signIn('demo-manager-8a') })).status).toBe(403);
    expect((await server.api('GET', '/wards/ward-8a/orders-needing-review', { token: await server.signIn('demo-manager-8a') })).body.orders).toEqual([]);
  });
});
