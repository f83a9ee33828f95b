import type { Bundle, MedicationRequest } from '@medplum/fhirtypes';
import { ordersNeedingReviewSchema, patientChartSchema, wardRoundSchema } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';
import { DESMOND, fhir, oralGram, paracetamolOrder, prescriptionIdOf, transactionOf } from './test/support.js';

/*
 * Issue 13: a well-formed order the bedside cannot check (no route, a unit it
 * does not know, a dose per kg, times the rounds do not have) is imported and
 * held for review, not refused: it is on the chart, the round and the ward
 * manager's list with why, as the client's own schemas read them, and a pack
 * scanned for it verifies the patient and the drug but never the dose.
 */

let server: TestServer;
let admin: string;
let token: string;
beforeEach(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  token = await server.signIn('demo-nurse');
});
afterEach(async () => server.close());

/** The UK Core oral paracetamol example as an active order for Desmond (1 g four times a day); `edit` says what changes. */
const order = (value: string, edit: (r: MedicationRequest) => void = () => {}): MedicationRequest =>
  paracetamolOrder(value, (r) => {
    r.dosageInstruction = [oralGram({ repeat: { frequency: 4, period: 1, periodUnit: 'd' } })];
    edit(r);
  });
const send = (b: Bundle) => fhir(server, 'POST', '', { token: admin, body: b });
const idOf = (value: string) => prescriptionIdOf(server, value);

describe('an order the bedside cannot check is held for review, not refused', () => {
  it('goes in beside an exact order in the same transaction, and says why in the entry', async () => {
    const noRoute = order('no-route', (r) => delete r.dosageInstruction![0]!.route);
    const perKg = order('per-kg', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: 15, system: 'http://unitsofmeasure.org', code: 'mg/kg' } }]));
    const res = await send(transactionOf(noRoute, perKg, order('exact')));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toBe('No route is stated: needs review by pharmacy or the prescriber before a dose is given; the bedside cannot check the dose.');
    expect(res.body.entry[1].response.outcome.issue[0].diagnostics).toMatch(/^Dose 15 mg\/kg depends on the patient's weight: a nurse or pharmacist must work out the dose: needs review/);
    expect(res.body.entry[2].response.outcome).toBeUndefined();
    // Stored with no dose: nothing of it can be checked as a match.
    const row = server.wardscan.repos.db.prepare('SELECT dose_value, dose_unit, route, needs_review FROM prescriptions WHERE id = ?').get(idOf('no-route'));
    expect(row).toMatchObject({ dose_value: '', dose_unit: '', route: 'unstated', needs_review: expect.stringMatching(/^No route is stated/) });
  });

  it('is on the chart, the round and the ward manager list with why, in shapes the client reads', async () => {
    await send(transactionOf(order('no-route', (r) => delete r.dosageInstruction![0]!.route)));
    const id = idOf('no-route');
    const chart = patientChartSchema.parse((await server.api('GET', `/patients/${DESMOND.id}/chart`, { token })).body);
    expect(chart.slots.filter((s) => s.prescriptionId === id)).toEqual([]);
    expect(chart.held).toContainEqual({ prescriptionId: id, drugName: 'Paracetamol', route: 'unstated', hold: { kind: 'needs-review', reason: expect.stringMatching(/^No route is stated/), doseRange: null } });
    const round = wardRoundSchema.parse((await server.api('GET', '/wards/ward-7b/round', { token })).body);
    expect(round.beds.find((b) => b.patient?.id === DESMOND.id)?.patient).toMatchObject({ needsReview: 1 });
    const manager = await server.signIn('demo-manager');
    const list = ordersNeedingReviewSchema.parse((await server.api('GET', '/wards/ward-7b/orders-needing-review', { token: manager })).body);
    expect(list.orders).toContainEqual(expect.objectContaining({ prescriptionId: id, route: 'unstated', reason: expect.stringMatching(/^No route is stated/) }));
  });

  it('a pack scanned for it verifies patient and drug, and is a stop: the dose is never a match', async () => {
    await send(transactionOf(order('mcg', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: 1000000, system: 'http://unitsofmeasure.org', code: 'mcg' } }]))));
    const nurse = handheld(server, token);
    expect((await nurse.scan(barcode('wristband-desmond-harlow'))).body.verdict.outcome).toBe('match');
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(pack.verdict.outcome).toBe('stop');
    expect(ruleOutcome(pack, 'right-drug')).toBe('pass');
    expect(ruleOutcome(pack, 'right-dose')).toBeUndefined();
    expect(pack.verdict.doseToGive).toBeUndefined();
    const review = pack.verdict.checks.find((c: { rule: string }) => c.rule === 'order-needs-review');
    expect(review).toMatchObject({ outcome: 'stop', message: expect.stringContaining('Dose 1000000 mcg: "mcg" is not a unit Wardscan knows') });
  });

  it('still refuses a malformed order, naming the entry and element', async () => {
    const res = await send(transactionOf(order('exact'), order('negative', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: -1, system: 'http://unitsofmeasure.org', code: 'g' } }]))));
    expect(res.status).toBe(422);
    expect(res.body.issue).toEqual([expect.objectContaining({ expression: ['Bundle.entry[1].resource.dosageInstruction[0].doseAndRate[0].doseQuantity.value'] })]);
    expect(idOf('exact')).toBeUndefined();
  });
});

describe('a taper re-sent as an order held for review', () => {
  it('ends the steps the earlier version had: they are no longer ordered', async () => {
    const step = (sequence: number, mg: number, days?: number) => ({
      sequence,
      timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const, ...(days ? { boundsDuration: { value: days, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } } : {}) } },
      route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] },
      doseAndRate: [{ doseQuantity: { value: mg, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
    });
    await send(transactionOf(order('taper', (r) => (r.dosageInstruction = [step(1, 40, 3), step(2, 20, 3), step(3, 10)]))));
    const steps = () => server.wardscan.repos.db.prepare("SELECT id, stops_at FROM prescriptions WHERE order_identifier_value = 'taper' ORDER BY id").all() as { id: string; stops_at: string | null }[];
    expect(steps().filter((s) => s.stops_at === null)).toHaveLength(1);
    // Sent again with two instructions of the same sequence: one order held for review; steps 2 and 3 end now.
    const res = await send(transactionOf(order('taper', (r) => (r.dosageInstruction = [step(1, 40, 3), step(1, 20, 3)]))));
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/^2 dosage instructions are to be given together/);
    const now = server.clock.now().toISOString();
    expect(steps().filter((s) => s.id.includes('-s')).map((s) => s.stops_at)).toEqual([now, now]);
  });
});
