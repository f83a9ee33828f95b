import { readFileSync } from 'node:fs';
import type { Bundle, Dosage, MedicationRequest, Timing } from '@medplum/fhirtypes';
import type { TestServer } from '../../test/harness.js';

const fixtures = new URL('../../../../fixtures/fhir/', import.meta.url);

/** A fresh copy of a JSON fixture under fixtures/fhir/, e.g. `fhirFixture('hl7-examples/patient-example.json')`. */
export const fhirFixture = <T = Bundle>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as T;

/** The synthetic admission bundle (a fresh copy each call, so tests may edit it). */
export const admissionBundle = (): Bundle => fhirFixture('ward-7b-admission.bundle.json');

/** A transaction Bundle of the given resources, each POSTed. */
export const transactionOf = (...resources: object[]): Bundle =>
  ({ resourceType: 'Bundle', type: 'transaction', entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType } })) }) as Bundle;

/** A request to /fhir/r4 on the real test server; FHIR JSON in and out. */
export async function fhir(server: TestServer, method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { accept: 'application/fhir+json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers['content-type'] ??= 'application/fhir+json';
  const res = await fetch(`${server.baseUrl}/fhir/r4${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

/** Every row of the tables an import writes, for before/after comparison. */
export function snapshot(server: TestServer): string {
  const db = server.wardscan.repos.db;
  const tables = ['wards', 'beds', 'patients', 'allergies', 'staff', 'products', 'product_gtins', 'prescriptions'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

export const auditCount = (server: TestServer): number => (server.wardscan.repos.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

/**
 * A SMART Backend Services client end to end: an admin registers a fresh ES384 public key with
 * `scopes`, the client signs an assertion with its private key and is issued an access token.
 */
export async function systemToken(server: TestServer, adminToken: string, clientId: string, scopes: string): Promise<string> {
  const { exportJWK, generateKeyPair, SignJWT } = await import('jose');
  const keys = await generateKeyPair('ES384', { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: `${clientId}-key` };
  const registered = await server.api('POST', '/smart-clients', { token: adminToken, body: { clientId, name: clientId, jwk, scopes } });
  if (registered.status !== 201 && registered.status !== 200) throw new Error(`registering ${clientId}: ${JSON.stringify(registered.body)}`);
  const tokenUrl = `${server.baseUrl}/api/oauth/token`;
  const now = Math.floor(server.clock.now().getTime() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 240)
    .setJti(crypto.randomUUID())
    .sign(keys.privateKey);
  const form = { grant_type: 'client_credentials', scope: scopes, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion };
  const res = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const body = (await res.json()) as { access_token?: string; scope?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`token for ${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Desmond Harlow, on the demo ward (7B), for whom the order tests prescribe. */
export const DESMOND = { id: 'patient-desmond-harlow', nhs: '9990040524' } as const;
/** The identifier system the order tests' EPR gives its orders. */
export const ORDER_SYSTEM = 'https://fhir.example-trust.nhs.uk/Id/prescription';

/**
 * The published UK Core oral paracetamol example as an active order for Desmond, with this
 * identifier, written at `authoredOn`; `edit` says what a test changes (its dosage, its status).
 */
export function paracetamolOrder(value: string, edit: (r: MedicationRequest) => void = () => {}, authoredOn = '2026-11-24T06:00:00Z'): MedicationRequest {
  const r: MedicationRequest = {
    ...fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json'),
    intent: 'order',
    status: 'active',
    identifier: [{ system: ORDER_SYSTEM, value }],
    subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND.nhs}` },
    authoredOn,
    requester: undefined,
  };
  edit(r);
  return r;
}

/** 1 g by mouth (SNOMED CT oral route, UCUM g) on this timing: a dosage every reader charts in full. */
export const oralGram = (timing: Timing): Dosage => ({
  timing,
  route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] },
  doseAndRate: [{ doseQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'g' } }],
});

/** The id on record of the order with this identifier value (its first step; later steps are `<id>-s<n>`). */
export const prescriptionIdOf = (server: TestServer, value: string): string =>
  server.wardscan.repos.db.prepare("SELECT id FROM prescriptions WHERE order_identifier_value = ? AND id NOT LIKE '%-s%'").pluck().get(value) as string;
