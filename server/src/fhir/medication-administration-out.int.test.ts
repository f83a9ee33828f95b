import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientGsrn } from '@wardscan/shared';
import { AGNES, barcode, CLARA } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';
import { prescriptionIdFor } from './apply-import.js';
import { validateR4 } from './definitions.js';
import { recordOrderIdentifier } from './order-identifiers.js';
import { admissionBundle, fhir } from './test/support.js';

/*
 * Issue 13, what Wardscan records flows back as MedicationAdministration: a
 * dose given (completed, at the capture time, a late record said so), with
 * the witness and the EPR's order identifier; a dose documented as not given
 * (not-done, the reason coded, at the time it was due); searched by patient,
 * _lastUpdated, effective time and status, paged; each validated against R4.
 */

const MINUTE = 60_000;
const EDITH = 'patient-edith-pryce';
const NHS = '9990030014';
const ORDER = { system: 'https://fhir.wardscan.example/Id/eprescribing', value: 'EP-1001' };
let server: TestServer;
let admin: string;
let nurseToken: string;
let nurse: ReturnType<typeof handheld>;
let importedPatient: string;
const ids: Record<string, string> = {};

const get = (path: string, token = nurseToken) => fhir(server, 'GET', path, { token });
const notGiven = (body: Record<string, unknown>) => server.api('POST', '/not-given', { token: nurseToken, body: { deviceId: nurse.deviceId, eventId: uuid(), ...body } });
const byIdentifier = (bundle: any, eventId: string) => bundle.entry.map((e: any) => e.resource).find((r: any) => r.identifier[0].value === `urn:uuid:${eventId}`);
function expectValid(body: any): void {
  expect(validateR4(body)).toEqual([]);
  for (const e of body.entry ?? []) expect(validateR4(e.resource)).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer({}, '2026-11-24T07:30:00.000Z');
  admin = await server.signIn('demo-admin');
  nurseToken = await server.signIn('demo-nurse');
  nurse = handheld(server, nurseToken);
  const res = await fhir(server, 'POST', '', { token: admin, body: admissionBundle() });
  importedPatient = res.body.entry[3].response.location.replace('Patient/', '');
  // The import records the EPR's own identifier beside the order it charts (fhir/order-identifiers.ts): already there.
  expect(recordOrderIdentifier(server.wardscan.repos.db, prescriptionIdFor(ORDER.system, ORDER.value), ORDER)).toBe(false);
  expect(server.wardscan.repos.db.prepare('SELECT order_identifier_value FROM prescriptions WHERE id = ?').pluck().get(prescriptionIdFor(ORDER.system, ORDER.value))).toBe(ORDER.value);

  // 07:58: omeprazole for the imported patient, ordered as EP-1001.
  server.clock.set('2026-11-24T07:58:00.000Z');
  await nurse.scan(`8018${patientGsrn('5099999', NHS)}`);
  const omeprazole = (await nurse.scan('0105099997009993173012311' + '0OMEPZ\u001d21S0001')).body;
  const given = await nurse.administer(omeprazole.eventId, omeprazole.verdict.prescriptionId);
  expect(given.status).toBe(201);
  ids.omeprazole = given.body.administration.eventId;

  // 08:00: morphine for Clara, witnessed by a second nurse's badge and PIN, for pain.
  server.clock.set('2026-11-24T08:00:00.000Z');
  await nurse.scan(barcode('wristband-clara-fenwick'));
  const morphine = (await nurse.scan(barcode('pack-morphine'))).body;
  expect((await nurse.witness(morphine.eventId, barcode('badge-demo-nurse-2'), '246810')).status).toBe(200);
  const witnessed = await nurse.administerWith(morphine.eventId, 'rx-7', { indication: 'pain 8/10' });
  expect(witnessed.status).toBe(201);
  ids.morphine = witnessed.body.administration.eventId;

  // Paracetamol for Edith confirmed at 08:01, reaching the server at 08:10: documented late.
  const band = (await nurse.scan(barcode('wristband-edith-pryce'))).body;
  const paracetamol = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: band.eventId })).body;
  server.clock.set('2026-11-24T08:10:00.000Z');
  const late = await nurse.administerWith(paracetamol.eventId, 'rx-15', { heldForMs: 9 * MINUTE });
  expect(late.body.administration).toMatchObject({ givenAt: '2026-11-24T08:01:00.000Z', documentedLate: true });
  ids.late = late.body.administration.eventId;

  // Not given: Agnes refused her 08:00 rx-1 (documented at 08:15), and was nil by mouth for rx-2 (08:16).
  server.clock.set('2026-11-24T08:15:00.000Z');
  const refused = await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T08:00:00.000Z', reason: 'patient-refused' });
  expect(refused.status).toBe(201);
  ids.refused = refused.body.notGiven.eventId;
  server.clock.set('2026-11-24T08:16:00.000Z');
  const nbm = await notGiven({ prescriptionId: 'rx-2', slotAt: '2026-11-24T08:00:00.000Z', reason: 'nil-by-mouth', note: 'theatre at 10:00' });
  expect(nbm.status).toBe(201);
  ids.nbm = nbm.body.notGiven.eventId;
});
afterAll(async () => server.close());

describe('a dose given, as MedicationAdministration', () => {
  it('carries the EPR’s order identifier in request, the patient’s NHS Number, and meta', async () => {
    const res = await get(`/MedicationAdministration?patient=${importedPatient}`);
    expect(res.body.total).toBe(1);
    const ma = res.body.entry[0].resource;
    expect(ma).toMatchObject({
      status: 'completed',
      effectiveDateTime: '2026-11-24T07:58:00.000Z',
      meta: { versionId: '1', lastUpdated: '2026-11-24T07:58:00.000Z' },
      subject: { reference: `Patient/${importedPatient}`, identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS } },
      request: { reference: `MedicationRequest/${prescriptionIdFor(ORDER.system, ORDER.value)}`, identifier: ORDER },
      category: { coding: [{ code: 'inpatient' }] },
    });
    expect(ma.extension).toBeUndefined();
    expectValid(res.body);
  });

  it('names the witness beside the nurse, each with their badge, and what an as-needed dose was for', async () => {
    const res = await get(`/MedicationAdministration?patient=${CLARA}`);
    const ma = byIdentifier(res.body, ids.morphine!);
    expect(ma.performer.map((p: any) => [p.function.coding[0].code, p.actor.reference, p.actor.identifier.system])).toEqual([
      ['performer', 'Practitioner/staff-demo-nurse', 'https://www.gs1.org/gsrn'],
      ['witness', 'Practitioner/staff-demo-nurse-2', 'https://www.gs1.org/gsrn'],
    ]);
    expect(ma.reasonCode).toEqual([{ text: 'pain 8/10' }]);
    // A demo order, not from the EPR: our own prescription id stands in.
    expect(ma.request).toEqual({ reference: 'MedicationRequest/rx-7', identifier: { system: 'https://fhir.wardscan.example/Id/prescription', value: 'rx-7' } });
    expectValid(res.body);
  });

  it('gives a dose documented late the time it was given as effectiveDateTime, and says when it was recorded', async () => {
    const res = await get(`/MedicationAdministration?patient=${EDITH}`);
    const ma = byIdentifier(res.body, ids.late!);
    expect(ma.effectiveDateTime).toBe('2026-11-24T08:01:00.000Z');
    expect(ma.meta.lastUpdated).toBe('2026-11-24T08:10:00.000Z');
    expect(ma.extension).toContainEqual({ url: 'https://fhir.wardscan.example/StructureDefinition/documented-at', valueDateTime: '2026-11-24T08:10:00.000Z' });
    expect(ma.note.map((n: any) => n.text).join(' ')).toMatch(/Documented late: given at 2026-11-24T08:01:00.000Z, recorded on the server at 2026-11-24T08:10:00.000Z/);
    expectValid(res.body);
  });
});

describe('a dose documented as not given, as MedicationAdministration', () => {
  it('is not-done, at the time it was due, with the reason in SNOMED CT where a code exists', async () => {
    const res = await get(`/MedicationAdministration?patient=${AGNES}`);
    const refused = byIdentifier(res.body, ids.refused!);
    expect(refused).toMatchObject({
      status: 'not-done',
      effectiveDateTime: '2026-11-24T08:00:00.000Z',
      meta: { versionId: '1', lastUpdated: '2026-11-24T08:15:00.000Z' },
      statusReason: [
        {
          coding: [
            { system: 'http://snomed.info/sct', code: '182895007', display: 'Drug declined by patient' },
            { system: 'https://fhir.wardscan.example/CodeSystem/not-given-reason', code: 'patient-refused' },
          ],
          text: 'Patient refused',
        },
      ],
      performer: [{ actor: { reference: 'Practitioner/staff-demo-nurse' } }],
      request: { reference: 'MedicationRequest/rx-1' },
    });
    expect(refused.medicationCodeableConcept.text).toEqual(expect.any(String));
    expect(refused.dosage.dose).toMatchObject({ value: expect.any(Number) });
    // No published SNOMED CT code for nil by mouth: Wardscan's code and the words only.
    const nbm = byIdentifier(res.body, ids.nbm!);
    expect(nbm.statusReason[0].coding).toEqual([{ system: 'https://fhir.wardscan.example/CodeSystem/not-given-reason', code: 'nil-by-mouth', display: 'Nil by mouth' }]);
    expect(nbm.note).toEqual([{ text: 'theatre at 10:00' }]);
    expectValid(res.body);
  });

  it('is read by id like a dose given, and an unknown id is 404', async () => {
    const search = (await get(`/MedicationAdministration?patient=${AGNES}&status=not-done`)).body;
    expect(search.total).toBe(2);
    const read = await get(`/MedicationAdministration/${search.entry[0].resource.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(search.entry[0].resource);
    const given = (await get(`/MedicationAdministration?patient=${EDITH}`)).body.entry[0].resource;
    expect((await get(`/MedicationAdministration/${given.id}`)).body).toEqual(given);
    expect((await get('/MedicationAdministration/no-such-dose')).status).toBe(404);
  });
});

describe('searching MedicationAdministration', () => {
  it('filters by status, effective time and _lastUpdated (an incremental pull finds a late upload)', async () => {
    expect((await get(`/MedicationAdministration?patient=${AGNES}&status=completed`)).body.total).toBe(0);
    const admin8 = await fhir(server, 'GET', '/MedicationAdministration?effective-time=ge2026-11-24T08:00Z&effective-time=lt2026-11-24T08:01Z', { token: admin });
    // The morphine given at 08:00 and the two doses due at 08:00 that were not given; not the paracetamol given at 08:01.
    expect(admin8.body.total).toBe(3);
    const since = await fhir(server, 'GET', '/MedicationAdministration?_lastUpdated=gt2026-11-24T08:05:00Z', { token: admin });
    // The paracetamol confirmed at 08:01 but recorded at 08:10 is there: it changed after 08:05.
    expect(since.body.entry.map((e: any) => e.resource.identifier[0].value)).toEqual([ids.late, ids.refused, ids.nbm].map((i) => `urn:uuid:${i}`));
    expect(since.body.total).toBe(3);
    const lastUpdates = since.body.entry.map((e: any) => e.resource.meta.lastUpdated);
    expect(lastUpdates).toEqual([...lastUpdates].sort());
    expectValid(since.body);
  });

  it('pages every dose, given and not, oldest update first, each once', async () => {
    const all: any[] = [];
    let url: string | undefined = `${server.baseUrl}/fhir/r4/MedicationAdministration?_count=2`;
    let pages = 0;
    while (url) {
      const page = (await (await fetch(url, { headers: { authorization: `Bearer ${admin}` } })).json()) as any;
      expect(page.total).toBe(5);
      all.push(...page.entry.map((e: any) => e.resource));
      url = page.link.find((l: any) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(3);
    expect(all.map((r) => r.identifier[0].value)).toEqual([ids.omeprazole, ids.morphine, ids.late, ids.refused, ids.nbm].map((i) => `urn:uuid:${i}`));
  });

  it('asks a nurse to name the patient (admins may leave it out), and keeps a nurse to her own ward’s patients', async () => {
    const res = await get('/MedicationAdministration?_lastUpdated=ge2026-11-24');
    expect(res.status).toBe(400);
    expect(res.body.issue[0].code).toBe('required');
    const pharmacist = await server.signIn('demo-pharmacist');
    expect((await get(`/MedicationAdministration?patient=${AGNES}`, pharmacist)).status).toBe(403);
    expect((await get(`/MedicationAdministration/${(await get(`/MedicationAdministration?patient=${AGNES}`)).body.entry[0].resource.id}`, pharmacist)).status).toBe(403);
  });
});
