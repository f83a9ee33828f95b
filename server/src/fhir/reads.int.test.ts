import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientGsrn } from '@wardscan/shared';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { validateR4 } from './definitions.js';
import { admissionBundle, fhir } from './test/support.js';

let server: TestServer;
let admin: string;
let nurse: string;
let patientId: string;
const NHS = '9990030014';
const search = (path: string, token: string) => fhir(server, 'GET', path, { token });

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  nurse = await server.signIn('demo-nurse');
  const res = await fhir(server, 'POST', '', { token: admin, body: admissionBundle() });
  patientId = res.body.entry[3].response.location.replace('Patient/', '');
  // At the bedside: a wrong-drug stop (amoxicillin, allergy), then the omeprazole given.
  const device = handheld(server, nurse);
  await device.scan(`8018${patientGsrn('5099999', NHS)}`);
  await device.scan(barcode('pack-amoxicillin'));
  const pack = await device.scan('0105099997009993173012311' + '0OMEPZ\u001d21S0001');
  const rx = pack.body.verdict.prescriptionId ?? server.wardscan.repos.prescriptions.active(patientId, server.clock.now()).find((p) => p.drug === 'omeprazole')?.id;
  const given = await device.administer(pack.body.eventId, rx);
  expect(given.status).toBe(201);
});
afterAll(async () => server.close());

/** Every resource in a response, and the response itself, passes the R4 base definitions. */
function expectValid(body: any): void {
  expect(validateR4(body)).toEqual([]);
  for (const e of body.entry ?? []) expect(validateR4(e.resource)).toEqual([]);
}

describe('GET /fhir/r4/Patient', () => {
  it('finds the patient by NHS Number as a valid searchset', async () => {
    const res = await search(`/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${NHS}`, nurse);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/fhir+json');
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(res.body.entry[0].resource.identifier).toContainEqual({ system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS });
    expectValid(res.body);
  });

  it("finds a patient by the trust's configured hospital number system, and not by another", async () => {
    const trust = 'https://fhir.example-trust.nhs.uk/Id/mrn';
    process.env.WARDSCAN_MRN_SYSTEM = trust;
    try {
      const res = await search(`/Patient?identifier=${trust}|RX400100`, nurse);
      expect(res.body.total).toBe(1);
      expect(res.body.entry[0].resource.id).toBe('patient-agnes-morrow');
      expect(res.body.entry[0].resource.identifier).toContainEqual({ system: trust, value: 'RX400100' });
      expectValid(res.body);
      // Wardscan's default system is not this trust's: it names no one here.
      expect((await search('/Patient?identifier=https://fhir.wardscan.example/Id/mrn|RX400100', nurse)).body.total).toBe(0);
    } finally {
      delete process.env.WARDSCAN_MRN_SYSTEM;
    }
    expect((await search('/Patient?identifier=https://fhir.wardscan.example/Id/mrn|RX400100', nurse)).body.total).toBe(1);
    expect((await search(`/Patient?identifier=${trust}|RX400100`, nurse)).body.total).toBe(0);
  });

  it('reads a patient by id, and answers 404 for none', async () => {
    const res = await search(`/Patient/${patientId}`, nurse);
    expect(res.body).toMatchObject({ resourceType: 'Patient', id: patientId, birthDate: '1938-07-14' });
    expectValid(res.body);
    expect((await search('/Patient/nobody', admin)).status).toBe(404);
  });

  it('refuses a pharmacist (403), and an unsupported search parameter when asked to be strict (400)', async () => {
    const pharmacist = await server.signIn('demo-pharmacist');
    expect((await search(`/Patient/${patientId}`, pharmacist)).status).toBe(403);
    const strict = await fhir(server, 'GET', '/Patient?name=Ashworth', { token: admin, headers: { prefer: 'handling=strict' } });
    expect(strict.status).toBe(400);
    expect(strict.body.issue[0].code).toBe('not-supported');
    // Lenient (the default): name is ignored, and identifier is still required.
    const lenient = await search('/Patient?name=Ashworth', admin);
    expect(lenient.status).toBe(400);
    expect(lenient.body.issue[0].code).toBe('required');
  });
});

describe('GET /fhir/r4/MedicationAdministration', () => {
  it('lists the dose given with the scanned GTIN, batch, expiry and the nurse, and validates', async () => {
    const res = await search(`/MedicationAdministration?patient=Patient/${patientId}`, nurse);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const ma = res.body.entry[0].resource;
    expect(ma).toMatchObject({ status: 'completed', subject: { reference: `Patient/${patientId}` }, effectiveDateTime: server.clock.now().toISOString() });
    expect(ma.contained[0]).toMatchObject({ code: { coding: [{ system: 'https://www.gs1.org/gtin', code: '05099997009993' }] }, batch: { lotNumber: 'OMEPZ', expirationDate: '2030-12-31' } });
    expect(ma.performer[0].actor.reference).toBe('Practitioner/staff-demo-nurse');
    expect(ma.dosage.dose).toMatchObject({ value: 20, code: 'mg' });
    expectValid(res.body);
  });
});

describe('GET /fhir/r4/MedicationAdministration after an override', () => {
  it('carries the coded override reason and says so in a note', async () => {
    const device = handheld(server, nurse);
    await device.scan(barcode('wristband-agnes-morrow'));
    const pack = await device.scan(barcode('pack-amlodipine'));
    expect(pack.body.verdict.outcome).toBe('warning');
    const given = await device.administer(pack.body.eventId, 'rx-2', 'partial-tablet-prepared');
    expect(given.status).toBe(201);
    const res = await search('/MedicationAdministration?patient=Patient/patient-agnes-morrow', nurse);
    const ma = res.body.entry.map((e: { resource: { identifier: { value: string }[] } }) => e.resource).find((r: { identifier: { value: string }[] }) => r.identifier[0]?.value === `urn:uuid:${given.body.administration.eventId as string}`);
    expect(ma.extension[0].valueCoding).toMatchObject({ code: 'partial-tablet-prepared' });
    expect(ma.note[0].text).toContain('override reason');
    expectValid(res.body);
  });
});

describe('GET /fhir/r4/AuditEvent', () => {
  it('gives a ward manager the stops for a patient as valid AuditEvents', async () => {
    const manager = await server.signIn('demo-manager');
    const res = await search(`/AuditEvent?patient=${patientId}&outcome=8&date=ge2026-11-24`, manager);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const e of res.body.entry) expect(e.resource.outcome).toBe('8');
    expect(res.body.entry[0].resource.entity[0].what.reference).toBe(`Patient/${patientId}`);
    expectValid(res.body);
    const yesterday = await search(`/AuditEvent?patient=${patientId}&date=lt2026-11-24`, manager);
    expect(yesterday.body.total).toBe(0);
  });

  it('refuses a nurse (403) and a malformed date (400)', async () => {
    expect((await search('/AuditEvent', nurse)).status).toBe(403);
    expect((await search('/AuditEvent?date=yesterday', admin)).status).toBe(400);
  });
});

describe('GET /fhir/r4/metadata', () => {
  it('is public and a valid CapabilityStatement naming exactly what is implemented', async () => {
    const res = await fhir(server, 'GET', '/metadata');
    expect(res.status).toBe(200);
    expectValid(res.body);
    const resources = res.body.rest[0].resource.map((r: any) => [r.type, r.interaction.map((i: any) => i.code), (r.searchParam ?? []).map((p: any) => p.name)]);
    expect(resources).toEqual([
      ['Patient', ['read', 'search-type'], ['identifier']],
      ['MedicationAdministration', ['read', 'search-type'], ['patient', 'subject', '_lastUpdated', 'effective-time', 'status']],
      ['AuditEvent', ['search-type'], ['patient', 'date', '_lastUpdated', 'outcome']],
      ['MeasureReport', ['read', 'search-type'], ['period', 'date', 'subject', 'measure']],
      ['Measure', ['read'], []],
    ]);
    expect(res.body.rest[0].interaction).toEqual([{ code: 'transaction' }, { code: 'batch' }]);
  });

  it('declares SMART on FHIR: the security service and the token endpoint (oauth-uris), the same as .well-known/smart-configuration', async () => {
    const res = await fhir(server, 'GET', '/metadata');
    const security = res.body.rest[0].security;
    expect(security.service).toEqual([
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }], text: expect.stringMatching(/Backend Services/) },
    ]);
    const tokenUrl = `${server.baseUrl}/api/oauth/token`;
    expect(security.extension).toEqual([{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: [{ url: 'token', valueUri: tokenUrl }] }]);
    expect(validateR4(res.body)).toEqual([]);
    const smart = (await (await fetch(`${server.baseUrl}/fhir/r4/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
    expect(smart).toMatchObject({
      token_endpoint: tokenUrl,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    });
    expect(smart.scopes_supported).toEqual(expect.arrayContaining(['system/MedicationAdministration.read', 'system/MeasureReport.read', 'system/MedicationRequest.write']));
  });

  it("names the trust's hospital number system as configured (WARDSCAN_MRN_SYSTEM)", async () => {
    process.env.WARDSCAN_MRN_SYSTEM = 'https://fhir.example-trust.nhs.uk/Id/mrn';
    try {
      const res = await fhir(server, 'GET', '/metadata');
      expect(res.body.rest[0].resource[0].searchParam[0].documentation).toMatch(/https:\/\/fhir\.example-trust\.nhs\.uk\/Id\/mrn/);
      expect(res.body.rest[0].documentation).not.toMatch(/fhir\.wardscan\.example\/Id\/mrn/);
    } finally {
      delete process.env.WARDSCAN_MRN_SYSTEM;
    }
  });

  it('answers anything else with a 404 OperationOutcome', async () => {
    const res = await search('/Observation', admin);
    expect(res.status).toBe(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });
});

describe('GET /fhir/r4/MedicationAdministration of a pack dm+d knows', () => {
  it('codes the pack with its dm+d AMPP beside the GTIN (fixtures/dmd), and validates', async () => {
    const device = handheld(server, nurse);
    await device.scan(barcode('wristband-agnes-morrow'));
    const pack = await device.scan(barcode('pack-paracetamol'));
    expect((await device.administer(pack.body.eventId, pack.body.verdict.prescriptionId)).status).toBe(201);
    const res = await search('/MedicationAdministration?patient=Patient/patient-agnes-morrow', nurse);
    const ma = res.body.entry.map((e: { resource: any }) => e.resource).find((r: any) => r.contained[0].code.coding[0].code === '05099997000013');
    expect(ma.contained[0].code.coding).toEqual([
      expect.objectContaining({ system: 'https://www.gs1.org/gtin', code: '05099997000013' }),
      { system: 'https://dmd.nhs.uk', code: '1430311000001102', display: expect.stringMatching(/^Paracetamol 500mg tablets/) },
    ]);
    expect(ma.dosage.dose).toMatchObject({ value: 1, code: 'g', system: 'http://unitsofmeasure.org' });
    expectValid(res.body);
  });
});
