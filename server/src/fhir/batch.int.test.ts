import type { AllergyIntolerance, Bundle, BundleEntry, MedicationRequest, Patient } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { validateR4 } from './definitions.js';
import { fhir, fhirFixture, snapshot } from './test/support.js';

/*
 * Bundle.type batch (FHIR R4 http.html, batch): each entry is processed on its
 * own, one that fails fails alone, and the answer is a batch-response with
 * each entry's status (and an OperationOutcome for a failure), with the
 * published UK Core and HL7 examples as the entries.
 */

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const AGNES = { id: 'patient-agnes-morrow', nhs: '9990010137' };
const DESMOND = { id: 'patient-desmond-harlow', nhs: '9990040524' };
const byNhs = (nhs: string) => ({ reference: `Patient?identifier=${NHS}|${nhs}` });

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterAll(async () => server.close());

const batch = (...entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'batch', entry });
const post = (resource: object, fullUrl?: string): BundleEntry =>
  ({ ...(fullUrl ? { fullUrl } : {}), resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType } }) as BundleEntry;
const put = (resource: object, url: string): BundleEntry => ({ resource, request: { method: 'PUT', url } }) as BundleEntry;
const send = (b: Bundle, token = admin) => fhir(server, 'POST', '', { token, body: b });
const statuses = (res: { body: Bundle }) => res.body.entry!.map((e) => e.response!.status);

/** The UK Core paracetamol order, changed only as Wardscan needs to chart it (an order, active, with an identifier) and pointed at a demo patient. */
const paracetamol = (value: string, nhs = DESMOND.nhs): MedicationRequest => ({
  ...fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json'),
  intent: 'order',
  status: 'active',
  identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value }],
  subject: byNhs(nhs),
  requester: undefined,
});
const amoxicillinAllergy = (nhs: string): AllergyIntolerance => ({
  ...fhirFixture<AllergyIntolerance>('published/uk-core/AllergyIntolerance-Amoxicillin.json'),
  patient: byNhs(nhs),
  encounter: undefined,
  recorder: undefined,
  asserter: undefined,
});
const charted = (patientId: string) => server.wardscan.repos.prescriptions.active(patientId, server.clock.now()).filter((p) => p.medication.level === 'vtm');

describe('POST /fhir/r4 with a batch', () => {
  it('processes each entry on its own: the good ones are written, each bad one fails alone with its status and an OperationOutcome', async () => {
    const rows = server.wardscan.repos.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const res = await send(
      batch(
        post(amoxicillinAllergy(AGNES.nhs)),
        // The HL7 example patient has no NHS Number or hospital number: valid FHIR Wardscan cannot identify (422).
        post(fhirFixture<Patient>('hl7-examples/patient-example.json')),
        // As published, the UK Core order is an option: answered, kept off the chart.
        post({ ...fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json'), subject: byNhs(DESMOND.nhs), requester: undefined }),
        post(paracetamol('batch-1')),
        // Not valid R4: a birth date that is no date (400).
        post({ ...fhirFixture<Patient>('published/uk-core/Patient-RichardSmith.json'), birthDate: 'yesterday' }),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'batch-response' });
    expect(statuses(res)).toEqual(['201 Created', '422 Unprocessable Entity', '200 OK', '201 Created', '400 Bad Request']);
    expect(validateR4(res.body)).toEqual([]);
    const [allergy, hl7, option, order, invalid] = (res.body as Bundle).entry!.map((e) => e.response!);
    expect(allergy!.location).toMatch(/^AllergyIntolerance\//);
    expect(hl7!.outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', expression: [expect.stringMatching(/^Bundle\.entry\[1\]\.resource/)] }] });
    expect((option!.outcome as { issue: { diagnostics: string }[] }).issue[0]!.diagnostics).toMatch(/intent "option" is not an order to give/);
    expect(order!.location).toMatch(/^MedicationRequest\//);
    expect((invalid!.outcome as { issue: { expression: string[] }[] }).issue[0]!.expression[0]).toMatch(/^Bundle\.entry\[4\]\.resource\.birthDate/);

    expect(server.wardscan.repos.patients.byNhsNumber(AGNES.nhs)?.allergies).toEqual(expect.arrayContaining([expect.objectContaining({ code: '372687004' })]));
    expect(charted(DESMOND.id).map((p) => (p.medication as { code?: string }).code)).toEqual(['777067000']);
    const audit = server.wardscan.repos.audit.query({ type: 'fhir-import' }, 1, 1).entries[0];
    expect(audit?.summary).toBe('FHIR batch: 2 created, 0 updated, 1 unchanged, 2 failed');
    expect(server.wardscan.repos.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rows + 1);
  });

  it('undoes a failing entry’s own writes (a PUT to Patient/<id> whose identifiers are another patient’s: 409) and keeps the others', async () => {
    const desmond = server.wardscan.repos.patients.byId(DESMOND.id)!;
    const agnesOrders = charted(AGNES.id).length;
    const res = await send(
      batch(
        // Applied first (the update lands on Desmond's record), then found to be for another patient than the URL names.
        put({ resourceType: 'Patient', identifier: [{ system: NHS, value: DESMOND.nhs }], name: [{ family: 'Renamed', given: ['Wrong'] }], birthDate: desmond.birthDate }, `Patient/${AGNES.id}`),
        post(paracetamol('batch-2', AGNES.nhs)),
      ),
    );
    expect(statuses(res)).toEqual(['409 Conflict', '201 Created']);
    expect(res.body.entry![0]!.response!.outcome).toMatchObject({ issue: [{ code: 'conflict' }] });
    expect(server.wardscan.repos.patients.byId(DESMOND.id)).toMatchObject({ familyName: desmond.familyName, givenName: desmond.givenName });
    expect(charted(AGNES.id)).toHaveLength(agnesOrders + 1);
  });

  it('fails an entry that refers to another entry of the batch (non-conformant in a batch), and takes the one it refers to', async () => {
    const richard = fhirFixture<Patient>('published/uk-core/Patient-RichardSmith.json');
    const url = `urn:uuid:${randomUUID()}`;
    const encounter = { resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject: { reference: url } };
    const res = await send(batch(post(richard, url), post(encounter)));
    expect(statuses(res)).toEqual(['201 Created', '400 Bad Request']);
    const issue = (res.body.entry![1]!.response!.outcome as { issue: { details: { text: string }; expression: string[] }[] }).issue[0]!;
    expect(issue.expression).toEqual(['Bundle.entry[1].resource.subject.reference']);
    expect(issue.details.text).toMatch(/names entry 0 of the same batch.*transaction/);
  });

  it('refuses the whole request only for a fault in the Bundle itself', async () => {
    const before = snapshot(server);
    const empty = await send(batch());
    expect(empty.status).toBe(400);
    expect(empty.body.issue[0].expression).toEqual(['Bundle.entry']);
    const collection = await send({ ...batch(post(paracetamol('batch-3'))), type: 'collection' });
    expect(collection.status).toBe(400);
    expect(snapshot(server)).toBe(before);
  });

  it('answers 200 with every entry failed, writing nothing but the audit row', async () => {
    const before = snapshot(server);
    const res = await send(batch(post(fhirFixture('hl7-examples/medicationrequest0301.json')), post(fhirFixture('hl7-examples/allergyintolerance-example.json'))));
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(['422 Unprocessable Entity', '422 Unprocessable Entity']);
    expect(snapshot(server)).toBe(before);
  });
});

describe('a batch from a SMART system client', () => {
  it('fails only the entries outside its scopes (403), and writes the rest', async () => {
    const keys = await generateKeyPair('ES384', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'batch-1' };
    const registered = await server.api('POST', '/smart-clients', { token: admin, body: { clientId: 'orders-feed', name: 'Orders feed', jwk, scopes: 'system/MedicationRequest.write' } });
    expect(registered.status).toBe(201);
    const tokenUrl = `${server.baseUrl}/api/oauth/token`;
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid: 'batch-1', typ: 'JWT' })
      .setIssuer('orders-feed')
      .setSubject('orders-feed')
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 240)
      .setJti(randomUUID())
      .sign(keys.privateKey);
    const form = { grant_type: 'client_credentials', scope: 'system/MedicationRequest.write', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion };
    const token = (await (await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })).json()) as { access_token: string };

    const res = await send(batch(post(amoxicillinAllergy(DESMOND.nhs)), post(paracetamol('batch-smart-1', DESMOND.nhs))), token.access_token);
    expect(res.status).toBe(200);
    expect(statuses(res)).toEqual(['403 Forbidden', '201 Created']);
    expect(res.body.entry![0]!.response!.outcome).toMatchObject({ issue: [{ code: 'forbidden', details: { text: expect.stringMatching(/AllergyIntolerance/) } }] });
    expect(server.wardscan.repos.patients.byId(DESMOND.id)?.allergies.some((a) => a.code === '372687004')).toBe(false);
    // The same two as a transaction: refused whole.
    const transaction = await send({ ...batch(post(amoxicillinAllergy(DESMOND.nhs)), post(paracetamol('batch-smart-2', DESMOND.nhs))), type: 'transaction' }, token.access_token);
    expect(transaction.status).toBe(403);
  });
});
