import type { Encounter } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fhir } from '../fhir/test/support.js';
import { AGNES, BERNARD, barcode } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

/*
 * Issue 16: the handheld chooses its own device id, so a second nurse can send
 * a colleague's. The positive patient ID is kept per device and nurse: nothing
 * nurse B does on handheld X ends, replaces or uses nurse A's identification there.
 */

let server: TestServer;
let nurseA: ReturnType<typeof handheld>;
let nurseB: ReturnType<typeof handheld>;
let tokenB: string;

beforeEach(async () => {
  server = await startTestServer();
  nurseA = handheld(server, await server.signIn('demo-nurse'));
  tokenB = await server.signIn('demo-nurse-2');
  nurseB = handheld(server, tokenB, nurseA.deviceId);
});
afterEach(async () => server.close());

interface Body {
  verdict: { title: string; checks: { rule: string; outcome: string }[] };
  patient: { id: string } | null;
}
const pack = async (nurse: ReturnType<typeof handheld>): Promise<Body> => (await nurse.scan(barcode('pack-paracetamol'))).body;

/** The pack was checked against `patientId`, identified for this nurse. */
function checkedFor(body: Body, patientId: string): void {
  expect(ruleOutcome(body, 'patient-not-identified')).toBeUndefined();
  expect(body.patient?.id).toBe(patientId);
}
const notIdentified = (body: Body) => expect(ruleOutcome(body, 'patient-not-identified')).toBe('stop');

describe("another nurse's scans on the same handheld id", () => {
  it("a bad band and another patient's band from nurse B leave nurse A's identification of Agnes as it was", async () => {
    expect((await nurseA.scan(barcode('wristband-agnes-morrow'))).body.patient.id).toBe(AGNES);

    const bad = (await nurseB.scan(barcode('wristband-bad-check-digit'))).body;
    expect(bad.verdict.outcome).toBe('stop');
    checkedFor(await pack(nurseA), AGNES);

    const bernard = (await nurseB.scan(barcode('wristband-bernard-quill'))).body;
    expect(bernard.patient.id).toBe(BERNARD);
    checkedFor(await pack(nurseA), AGNES);
    // B's identification works for B, and only for B.
    checkedFor(await pack(nurseB), BERNARD);
    checkedFor(await pack(nurseA), AGNES);

    // A bad band from A still ends A's own, and not B's.
    expect((await nurseA.scan(barcode('wristband-bad-check-digit'))).body.verdict.outcome).toBe('stop');
    notIdentified(await pack(nurseA));
    checkedFor(await pack(nurseB), BERNARD);
  });

  it("B's identification never reaches A after A signs in again on the handheld", async () => {
    await nurseB.scan(barcode('wristband-bernard-quill'));
    const againA = handheld(server, await server.signIn('demo-nurse'), nurseA.deviceId);
    notIdentified(await pack(againA));
  });

  it("signing out ends the nurse's own identifications, on every handheld, and nobody else's", async () => {
    const tokenA = await server.signIn('demo-nurse');
    const a = handheld(server, tokenA, nurseA.deviceId);
    const aElsewhere = handheld(server, tokenA);
    await a.scan(barcode('wristband-agnes-morrow'));
    await aElsewhere.scan(barcode('wristband-bernard-quill'));
    await nurseB.scan(barcode('wristband-bernard-quill'));
    expect((await server.api('DELETE', '/sessions/current', { token: tokenA })).status).toBe(204);
    // Signed in again at once, within the idle time: neither handheld still has her patient.
    const tokenAgain = await server.signIn('demo-nurse');
    notIdentified(await pack(handheld(server, tokenAgain, nurseA.deviceId)));
    notIdentified(await pack(handheld(server, tokenAgain, aElsewhere.deviceId)));
    checkedFor(await pack(nurseB), BERNARD);
  });

  it("B's activity does not keep A's identification alive past its idle time", async () => {
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    await nurseB.scan(barcode('wristband-bernard-quill'));
    for (let i = 0; i < 3; i++) {
      server.clock.advance(120_000);
      checkedFor(await pack(nurseB), BERNARD);
    }
    const late = await pack(nurseA);
    notIdentified(late);
    expect(late.verdict.title).toMatch(/of Agnes .* ended after 5 idle minutes/);
  });

  it("'Finish patient' from B ends B's identification on the handheld, not A's", async () => {
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    await nurseB.scan(barcode('wristband-bernard-quill'));
    expect((await server.api('DELETE', `/devices/${nurseA.deviceId}/context`, { token: tokenB })).status).toBe(204);
    notIdentified(await pack(nurseB));
    checkedFor(await pack(nurseA), AGNES);
    // Again, with nothing of B's left: still nothing of A's touched.
    expect((await server.api('DELETE', `/devices/${nurseA.deviceId}/context`, { token: tokenB })).status).toBe(204);
    checkedFor(await pack(nurseA), AGNES);
  });

  it("a manual identification by B leaves A's identification alone", async () => {
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    const manual = await server.api('POST', '/manual-identifications', {
      token: tokenB,
      body: { deviceId: nurseA.deviceId, eventId: uuid(), patientId: BERNARD, reason: 'band-unreadable', secondNurse: { badge: barcode('badge-demo-nurse'), pin: '246810' } },
    });
    expect(manual.status).toBe(201);
    checkedFor(await pack(nurseB), BERNARD);
    checkedFor(await pack(nurseA), AGNES);
  });

  it("a witnessed high-alert dose given by B leaves A's identification alone", async () => {
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    await nurseB.scan(barcode('wristband-clara-fenwick'));
    const morphine = (await nurseB.scan(barcode('pack-morphine'))).body;
    expect(morphine.verdict.witness).toBe('required');
    checkedFor(await pack(nurseA), AGNES);
    const witnessed = await nurseB.witness(morphine.eventId, barcode('badge-demo-nurse'), '246810');
    expect(witnessed.status).toBe(200);
    checkedFor(await pack(nurseA), AGNES);
    const given = await nurseB.administerWith(morphine.eventId, morphine.verdict.prescriptionId, { indication: 'pain 7/10' });
    expect(given.status).toBe(201);
    checkedFor(await pack(nurseA), AGNES);
  });
});

describe('a timed-out identification stays ended', () => {
  it('a scan of a location that is not a bed does not bring it back', async () => {
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    server.clock.advance(301_000);
    // GLN 509999807999 with its check digit: on no ward of the demo hospital.
    const nowhere = (await nurseA.scan('4145099998079995')).body;
    expect(ruleOutcome(nowhere, 'wrong-bed')).toBe('warning');
    notIdentified(await pack(nurseA));
  });
});

describe('discharge', () => {
  it("ends every nurse's identification of the patient, and only of that patient", async () => {
    const admin = await server.signIn('demo-admin');
    const otherHandheld = handheld(server, await server.signIn('demo-nurse-2'));
    await nurseA.scan(barcode('wristband-agnes-morrow'));
    await nurseB.scan(barcode('wristband-agnes-morrow'));
    await otherHandheld.scan(barcode('wristband-bernard-quill'));
    checkedFor(await pack(nurseA), AGNES);
    checkedFor(await pack(nurseB), AGNES);

    const finished: Encounter = {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990010137' },
    };
    const res = await fhir(server, 'POST', '', { token: admin, body: { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: finished, request: { method: 'POST', url: 'Encounter' } }] } });
    expect(res.status).toBe(200);

    notIdentified(await pack(nurseA));
    notIdentified(await pack(nurseB));
    checkedFor(await pack(otherHandheld), BERNARD);
  });
});
