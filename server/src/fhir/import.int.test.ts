import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { patientGsrn } from '@wardscan/shared';
import { validateR4 } from './definitions.js';
import { admissionBundle, auditCount, fhir, fhirFixture, snapshot, transactionOf } from './test/support.js';

let server: TestServer;
let admin: string;
let patientId: string;
const NHS = '9990030014';
const OMEPRAZOLE_GTIN = '05099997009993';

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterAll(async () => server.close());

describe('POST /fhir/r4 transaction import', () => {
  it('imports the admission bundle and answers a transaction-response, one entry per entry', async () => {
    const before = server.wardscan.durable.stats();
    const res = await fhir(server, 'POST', '', { token: admin, body: admissionBundle() });
    expect(res.status).toBe(200);
    // Committed through the group commit (its fsync off the event loop), and answered once that fsync is done.
    const after = server.wardscan.durable.stats();
    expect(after.commits).toBeGreaterThan(before.commits);
    expect(after.syncs).toBeGreaterThan(before.syncs);
    expect(res.contentType).toContain('application/fhir+json');
    expect(res.body.type).toBe('transaction-response');
    expect(validateR4(res.body)).toEqual([]);
    const statuses = res.body.entry.map((e: any) => e.response.status);
    // The Encounter (index 4) is applied to the patient, not stored as a resource.
    expect(statuses).toEqual(['201 Created', '201 Created', '201 Created', '201 Created', '200 OK', '201 Created', '201 Created', '201 Created', '201 Created', '201 Created']);
    patientId = res.body.entry[3].response.location.replace('Patient/', '');
    const patient = server.wardscan.repos.patients.byId(patientId);
    expect(patient).toMatchObject({ nhsNumber: NHS, mrn: 'RX400500', familyName: 'Ashworth', givenName: 'Harold', birthDate: '1938-07-14', wardId: 'ward-7b', bedLabel: 'Bed 20' });
    expect(patient?.wristbandGsrn).toBe(patientGsrn('5099999', NHS));
    expect(patient?.allergies).toEqual([{ substance: 'Penicillin', code: '890458001', reaction: 'Urticarial rash' }]);
    expect(server.wardscan.repos.wards.get('ward-gln-5099998090006')?.beds.map((b) => b.gln)).toEqual(['5099998091010']);
  });

  it('creates an imported prescriber inactive and without credentials', async () => {
    const staff = server.wardscan.repos.staff.byBadge('509999800000012347');
    expect(staff).toMatchObject({ name: 'Dr Grace Okafor', active: false, pinHash: null, role: 'nurse', wardId: null });
    const res = await server.api('POST', '/sessions', { body: { badge: '509999800000012347', pin: '1234' } });
    expect(res.status).toBe(401);
  });

  it('lets a ward nurse see the imported chart and scan the imported pack to a match', async () => {
    const nurse = await server.signIn('demo-nurse');
    const summary = await server.api('GET', `/patients/${patientId}`, { token: nurse });
    expect(summary.status).toBe(200);
    const doses = summary.body.doses.map((d: any) => [d.drugName, d.doseText, d.status]);
    expect(doses).toEqual(expect.arrayContaining([['omeprazole', '20 mg oral', 'due'], ['Paracetamol', '1 g oral', 'prn']]));
    const device = handheld(server, nurse);
    const band = await device.scan(`8018${patientGsrn('5099999', NHS)}`);
    expect(band.body.verdict.outcome).toBe('match');
    const pack = await device.scan(`01${OMEPRAZOLE_GTIN}17301231` + '10OMEPZ\u001d21S0001');
    expect(pack.body.verdict.checks.filter((c: any) => c.outcome !== 'pass')).toEqual([]);
    expect(pack.body.verdict.outcome).toBe('match');
    // The imported penicillin allergy (class from the extension) stops amoxicillin.
    const amoxicillin = await device.scan(barcode('pack-amoxicillin'));
    expect(amoxicillin.body.verdict.outcome).toBe('stop');
    expect(amoxicillin.body.verdict.checks.find((c: any) => c.rule === 'allergy')?.outcome).toBe('stop');
  });

  it('changes nothing when the same bundle is imported again: 200 OK for each entry, and the audit says so', async () => {
    const before = snapshot(server);
    const rows = auditCount(server);
    const res = await fhir(server, 'POST', '', { token: admin, body: admissionBundle() });
    expect(res.status).toBe(200);
    expect(res.body.entry.every((e: any) => e.response.status === '200 OK')).toBe(true);
    expect(res.body.entry[3].response.location).toBe(`Patient/${patientId}`);
    expect(snapshot(server)).toBe(before);
    expect(auditCount(server)).toBe(rows + 1);
    const last = server.wardscan.repos.audit.query({ type: 'fhir-import' }, 1, 1).entries[0];
    expect(last?.summary).toBe('FHIR import: 0 created, 0 updated, 10 unchanged');
    expect(last?.detail.changed).toEqual([]);
  });

  it('updates by identifier: a new dose replaces the old one, and stopped ends the prescription', async () => {
    const bundle = admissionBundle();
    const rx = bundle.entry![7]!.resource as any;
    rx.dosageInstruction[0].doseAndRate[0].doseQuantity = { value: 40, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' };
    let res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    expect(res.body.entry[7].response.status).toBe('200 OK');
    expect(server.wardscan.repos.prescriptions.active(patientId, server.clock.now()).find((p) => p.drug === 'omeprazole')?.dose).toEqual({ kind: 'fixed', value: '40', unit: 'mg' });
    rx.status = 'stopped';
    res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    expect(res.status).toBe(200);
    expect(server.wardscan.repos.prescriptions.active(patientId, server.clock.now()).map((p) => p.drug)).toEqual(['Paracetamol']);
  });
});

describe('a bad entry is named and nothing is written', () => {
  it('refuses an NHS Number that fails mod 11, naming the entry and element (422)', async () => {
    const before = snapshot(server);
    const bundle = admissionBundle();
    const p = bundle.entry![3]!.resource as any;
    p.identifier[0].value = '9990030015';
    const res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    expect(res.status).toBe(422);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[3].resource.identifier[0].value']);
    expect(res.body.issue[0].details.text).toMatch(/mod 11/);
    expect(validateR4(res.body)).toEqual([]);
    expect(snapshot(server)).toBe(before);
  });

  it('refuses a resource that is not valid FHIR R4 (400), naming the element', async () => {
    const bundle = admissionBundle();
    (bundle.entry![3]!.resource as any).birthDate = '1938-13-40';
    (bundle.entry![6]!.resource as any).colour = 'red';
    const res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    expect(res.status).toBe(400);
    const expressions = res.body.issue.flatMap((i: any) => i.expression);
    expect(expressions).toEqual(expect.arrayContaining(['Bundle.entry[3].resource.birthDate', 'Bundle.entry[6].resource.colour']));
  });

  it('rolls back every entry when a late one fails against the database (all or nothing)', async () => {
    const before = snapshot(server);
    const rows = auditCount(server);
    const bundle = admissionBundle();
    (bundle.entry![3]!.resource as any).identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990030022' }];
    bundle.entry![3]!.request!.url = 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990030022';
    (bundle.entry![3]!.resource as any).name[0].family = 'Newcomer';
    (bundle.entry![0]!.resource as any).name = 'Ward 9 renamed';
    (bundle.entry![4]!.resource as any).location[0].location.reference = bundle.entry![1]!.fullUrl;
    (bundle.entry![7]!.resource as any).identifier[0].value = 'EP-2001';
    bundle.entry![7]!.request!.url = 'MedicationRequest?identifier=https://fhir.wardscan.example/Id/eprescribing|EP-2001';
    const rx = bundle.entry![8]!.resource as any;
    rx.identifier[0].value = 'EP-2002';
    bundle.entry![8]!.request!.url = 'MedicationRequest?identifier=https://fhir.wardscan.example/Id/eprescribing|EP-2002';
    rx.medicationCodeableConcept = { coding: [{ system: 'https://www.gs1.org/gtin', code: '05099997009986' }], text: 'Unlisted' };
    const res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    expect(res.status).toBe(422);
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[8\]\.resource/);
    expect(res.body.issue[0].details.text).toMatch(/05099997009986/);
    expect(snapshot(server)).toBe(before);
    expect(auditCount(server)).toBe(rows);
  });

  it('answers a body that is not a transaction or batch Bundle with 400, and junk JSON too', async () => {
    expect((await fhir(server, 'POST', '', { token: admin, body: { resourceType: 'Patient' } })).status).toBe(400);
    expect((await fhir(server, 'POST', '', { token: admin, body: { resourceType: 'Bundle', type: 'collection', entry: [] } })).body.issue[0].expression).toEqual(['Bundle.type']);
    const junk = await fhir(server, 'POST', '', { token: admin, raw: '{"resourceType": "Bundle", ' });
    expect(junk.status).toBe(400);
    expect(junk.body.resourceType).toBe('OperationOutcome');
  });
});

describe('official HL7 R4 examples over HTTP', () => {
  it.each(['patient-example', 'allergyintolerance-example', 'medicationrequest0301'])('answers %s with a 422 OperationOutcome, never a 500, and writes nothing', async (name) => {
    const before = snapshot(server);
    const res = await fhir(server, 'POST', '', { token: admin, body: transactionOf(fhirFixture(`hl7-examples/${name}.json`)) });
    expect(res.status).toBe(422);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression[0]).toMatch(/^Bundle\.entry\[0\]\.resource/);
    expect(snapshot(server)).toBe(before);
  });

  it('says which patient the example allergy names that is not on record', async () => {
    const res = await fhir(server, 'POST', '', { token: admin, body: transactionOf(fhirFixture('hl7-examples/allergyintolerance-example.json')) });
    expect(res.body.issue[0]).toMatchObject({ code: 'not-found', expression: ['Bundle.entry[0].resource.patient'] });
    expect(res.body.issue[0].details.text).toMatch(/Patient\/example/);
  });
});

describe('who may import', () => {
  it.each(['demo-nurse', 'demo-pharmacist', 'demo-manager'])('refuses %s with 403 as an OperationOutcome', async (username) => {
    const token = await server.signIn(username);
    const before = snapshot(server);
    const res = await fhir(server, 'POST', '', { token, body: admissionBundle() });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    expect(snapshot(server)).toBe(before);
  });

  it('refuses an unauthenticated import with 401', async () => {
    const res = await fhir(server, 'POST', '', { body: admissionBundle() });
    expect(res.status).toBe(401);
    expect(res.body.issue[0].code).toBe('login');
  });
});
