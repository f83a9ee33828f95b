import type { MedicationRequest } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { DESMOND, fhir, oralGram, paracetamolOrder, transactionOf } from './test/support.js';

/*
 * Issue 13: when an order starts and that an ended order ends. An order that
 * names no start (EPS orders carry their date on the message) starts when
 * first received, and says so.
 */

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterEach(async () => server.close());

/** The UK Core oral paracetamol example as an active order for Desmond, 1 g four times a day; `edit` says what changes. */
const order = (value: string, edit: (r: MedicationRequest) => void = () => {}): MedicationRequest =>
  paracetamolOrder(value, (r) => {
    r.dosageInstruction = [oralGram({ repeat: { frequency: 4, period: 1, periodUnit: 'd' } })];
    edit(r);
  });
const send = (r: MedicationRequest) => fhir(server, 'POST', '', { token: admin, body: transactionOf(r) });
const rowOf = (value: string) =>
  server.wardscan.repos.db.prepare("SELECT id, starts_at, stops_at FROM prescriptions WHERE order_identifier_value = ? AND id NOT LIKE '%-s%'").get(value) as { id: string; starts_at: string; stops_at: string | null } | undefined;

describe('an order with no start date', () => {
  it('starts when first received, says so in the entry, and keeps that start when sent again', async () => {
    const received = server.clock.now().toISOString();
    const res = await send(order('no-start', (r) => delete r.authoredOn));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.status).toBe('201 Created');
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toBe(`No start date was sent (authoredOn or timing.repeat.boundsPeriod.start): the order starts when first received, ${received}.`);
    expect(rowOf('no-start')).toMatchObject({ starts_at: received, stops_at: null });
    expect(server.wardscan.repos.prescriptions.active(DESMOND.id, server.clock.now()).map((p) => p.id)).toContain(rowOf('no-start')!.id);
    // Two hours later the same order again: the same start, nothing changed.
    server.clock.advance(2 * 3600_000);
    const again = await send(order('no-start', (r) => delete r.authoredOn));
    expect(again.body.entry[0].response.status).toBe('200 OK');
    expect(rowOf('no-start')?.starts_at).toBe(received);
  });

  it('runs its boundsDuration from when it was received', async () => {
    const received = server.clock.now().getTime();
    await send(order('no-start-5d', (r) => {
      delete r.authoredOn;
      r.dosageInstruction![0]!.timing!.repeat!.boundsDuration = { value: 5, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' };
    }));
    expect(rowOf('no-start-5d')?.stops_at).toBe(new Date(received + 5 * 86_400_000).toISOString());
  });
});

describe('an ended order always ends (stopped, cancelled, completed, entered-in-error)', () => {
  const nurseChart = async () => (await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: await server.signIn('demo-nurse') })).body as { slots: { prescriptionId: string; slotAt: string }[]; held: { prescriptionId: string }[] };
  const futureDoses = async (id: string) => (await nurseChart()).slots.filter((s) => s.prescriptionId.startsWith(id) && s.slotAt > server.clock.now().toISOString());
  /** What cannot be read in the ended version: a dose with no amount in a unit nobody knows, no route, no times. */
  const unreadable = (r: MedicationRequest) => (r.dosageInstruction = [{ doseAndRate: [{ doseQuantity: { system: 'http://unitsofmeasure.org', code: '{scoop}' } }] }]);

  it.each(['stopped', 'cancelled', 'completed', 'entered-in-error'] as const)('%s with a dose that cannot be read: the order on record has no future dose', async (status) => {
    await send(order('to-end'));
    const { id } = rowOf('to-end')!;
    expect(await futureDoses(id)).not.toEqual([]);
    const res = await send(order('to-end', (r) => {
      r.status = status;
      unreadable(r);
    }));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response).toMatchObject({ status: '200 OK', location: `MedicationRequest/${id}` });
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toBe(`Ended (status "${status}"): no dose of it is due from now. The rest of the order was not read.`);
    expect(await futureDoses(id)).toEqual([]);
    expect(server.wardscan.repos.prescriptions.active(DESMOND.id, server.clock.now()).map((p) => p.id)).not.toContain(id);
    // Only the end is written: the dose on record (what past doses were given against) is kept.
    expect(server.wardscan.repos.db.prepare('SELECT dose_value, dose_unit, route, stops_at FROM prescriptions WHERE id = ?').get(id)).toEqual({ dose_value: '1', dose_unit: 'g', route: 'oral', stops_at: server.clock.now().toISOString() });
  });

  it('ends an order held for review, and every step of a taper, whatever the ended version says', async () => {
    await send(order('held', (r) => delete r.dosageInstruction![0]!.route));
    const step = (sequence: number, days?: number) => ({ ...order('x').dosageInstruction![0]!, sequence, timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const, ...(days ? { boundsDuration: { value: days, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } } : {}) } } });
    await send(order('taper', (r) => (r.dosageInstruction = [step(1, 1), step(2, 1), step(3)])));
    expect((await nurseChart()).held.map((h) => h.prescriptionId)).toContain(rowOf('held')!.id);
    for (const value of ['held', 'taper']) {
      const res = await send(order(value, (r) => {
        r.status = 'stopped';
        delete r.dosageInstruction;
        delete r.authoredOn;
      }));
      expect(res.status).toBe(200);
    }
    const chart = await nurseChart();
    expect(chart.held.map((h) => h.prescriptionId)).not.toContain(rowOf('held')!.id);
    const now = server.clock.now().toISOString();
    const taper = server.wardscan.repos.db.prepare("SELECT stops_at FROM prescriptions WHERE order_identifier_value = 'taper' ORDER BY id").pluck().all() as string[];
    expect(taper).toHaveLength(3);
    expect(taper.every((s) => s <= now)).toBe(true);
    expect(await futureDoses(rowOf('taper')!.id)).toEqual([]);
  });

  it('answers an unreadable ended order that matches nothing on record without writing it', async () => {
    const res = await send(order('never-seen', (r) => {
      r.status = 'cancelled';
      unreadable(r);
    }));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.location).toBeUndefined();
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/^status "cancelled": no order .*\|never-seen on record to end/);
    expect(rowOf('never-seen')).toBeUndefined();
  });

  it("does not end another patient's order that shares the identifier", async () => {
    await send(order('desmonds'));
    const res = await send(order('desmonds', (r) => {
      r.status = 'stopped';
      unreadable(r);
      r.subject = { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990010137' };
    }));
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({ code: 'conflict', expression: ['Bundle.entry[0].resource.subject'] });
    expect(rowOf('desmonds')?.stops_at).toBeNull();
  });
});
