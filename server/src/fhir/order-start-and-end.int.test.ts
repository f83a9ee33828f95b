import type { Bundle, MedicationRequest } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { fhir, fhirFixture } from './test/support.js';

/*
 * Issue 13: when an order starts and that an ended order ends. An order that
 * names no start (EPS orders carry their date on the message) starts when
 * first received, and says so.
 */

const DESMOND = { id: 'patient-desmond-harlow', nhs: '9990040524' };
const RX_SYSTEM = 'https://fhir.example-trust.nhs.uk/Id/prescription';
let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterEach(async () => server.close());

const bundle = (resource: MedicationRequest): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource, request: { method: 'POST', url: 'MedicationRequest' } }] });
/** The UK Core oral paracetamol example as an active order for Desmond, 1 g four times a day; `edit` says what changes. */
const order = (value: string, edit: (r: MedicationRequest) => void = () => {}): MedicationRequest => {
  const r: MedicationRequest = {
    ...fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json'),
    intent: 'order',
    status: 'active',
    identifier: [{ system: RX_SYSTEM, value }],
    subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND.nhs}` },
    authoredOn: '2026-11-24T06:00:00Z',
    requester: undefined,
  };
  r.dosageInstruction = [{ timing: { repeat: { frequency: 4, period: 1, periodUnit: 'd' } }, route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] }, doseAndRate: [{ doseQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'g' } }] }];
  edit(r);
  return r;
};
const send = (r: MedicationRequest) => fhir(server, 'POST', '', { token: admin, body: bundle(r) });
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
