import { readFileSync } from 'node:fs';
import type { Bundle } from '@medplum/fhirtypes';
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
