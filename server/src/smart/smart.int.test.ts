import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { MedicationRequest } from '@medplum/fhirtypes';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhir, fhirFixture, systemToken, transactionOf } from '../fhir/test/support.js';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { parseScope, parseScopes, permits, grantable } from './scopes.js';

/*
 * SMART Backend Services end to end against the real server: an admin
 * registers a client's public key, the client signs an assertion with its
 * private key (generated here), gets a 5-minute token and uses it on
 * /fhir/r4 within its scopes.
 */

let server: TestServer;
let admin: string;
let tokenUrl: string;
const rsa = {} as { privateKey: CryptoKey; publicJwk: JWK };
const ec = {} as { privateKey: CryptoKey; publicJwk: JWK };
const DESMOND_NHS = '9990040524';

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  tokenUrl = `${server.baseUrl}/api/oauth/token`;
  const r = await generateKeyPair('RS384', { extractable: true });
  Object.assign(rsa, { privateKey: r.privateKey, publicJwk: { ...(await exportJWK(r.publicKey)), kid: 'epr-2026' } });
  const e = await generateKeyPair('ES384', { extractable: true });
  Object.assign(ec, { privateKey: e.privateKey, publicJwk: { ...(await exportJWK(e.publicKey)), kid: 'pharmacy-1' } });
});
afterAll(async () => server.close());

const nowSeconds = () => Math.floor(server.clock.now().getTime() / 1000);

/** A client assertion as SMART Backend Services describes it; `change` bends one part of it for the refusals. */
async function assertion(clientId: string, key: { privateKey: CryptoKey; publicJwk: JWK }, change: { aud?: string; sub?: string; exp?: number; jti?: string; alg?: string } = {}): Promise<string> {
  const alg = change.alg ?? (key === ec ? 'ES384' : 'RS384');
  return new SignJWT({})
    .setProtectedHeader({ alg, kid: key.publicJwk.kid as string, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(change.sub ?? clientId)
    .setAudience(change.aud ?? tokenUrl)
    .setIssuedAt(nowSeconds())
    .setExpirationTime(change.exp ?? nowSeconds() + 240)
    .setJti(change.jti ?? randomUUID())
    .sign(key.privateKey);
}

async function tokenRequest(form: Record<string, string>) {
  const res = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

const credentials = async (clientId: string, key: typeof rsa, scope: string, change = {}) =>
  tokenRequest({
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await assertion(clientId, key, change),
  });

const paracetamolOrder = (value: string): MedicationRequest => ({
  ...fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json'),
  intent: 'order',
  status: 'active',
  identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value }],
  subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND_NHS}` },
  requester: undefined,
});

describe('registering a system client', () => {
  it('registers the EPR feed by its RS384 public key and scopes, and lists it with the key thumbprint and token URL', async () => {
    const res = await server.api('POST', '/smart-clients', {
      token: admin,
      body: { clientId: 'epr-feed', name: 'EPR interface engine', jwks: { keys: [rsa.publicJwk] }, scopes: 'system/Patient.write system/MedicationRequest.write system/*.read' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ clientId: 'epr-feed', active: true, tokenUrl, keys: [{ kid: 'epr-2026', alg: 'RS384' }] });
    expect(res.body.keys[0].thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await server.api('GET', '/smart-clients', { token: admin });
    expect(list.body.map((c: { clientId: string }) => c.clientId)).toContain('epr-feed');
    const audit = server.wardscan.repos.audit.query({ type: 'account' }, 1, 1).entries[0];
    expect(audit?.summary).toMatch(/registered system client epr-feed/);
  });

  it('registers a pharmacy system by one ES384 JWK with SMART v2 scopes', async () => {
    const res = await server.api('POST', '/smart-clients', { token: admin, body: { clientId: 'pharmacy', name: 'Pharmacy system', jwk: ec.publicJwk, scopes: 'system/MedicationAdministration.rs system/Patient.r' } });
    expect(res.status).toBe(201);
    expect(res.body.keys[0].alg).toBe('ES384');
  });

  it('refuses a private key, a P-256 key, an unknown scope and a small RSA key', async () => {
    const { privateKey } = await generateKeyPair('RS384', { extractable: true });
    const priv = await exportJWK(privateKey);
    const p256 = await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey);
    // jose will not make a key this small: node:crypto does.
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    for (const [body, text] of [
      [{ name: 'x', jwk: priv, scopes: 'system/Patient.read' }, /private key/],
      [{ name: 'x', jwk: p256, scopes: 'system/Patient.read' }, /RSA \(RS384\) or EC P-384/],
      [{ name: 'x', jwk: rsa.publicJwk, scopes: 'patient/Patient.read' }, /patient\/Patient.read/],
      [{ name: 'x', jwk: small, scopes: 'system/Patient.read' }, /2048/],
    ] as const) {
      const res = await server.api('POST', '/smart-clients', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(text);
    }
  });

  it('publishes how to get a token at /fhir/r4/.well-known/smart-configuration', async () => {
    const res = await fetch(`${server.baseUrl}/fhir/r4/.well-known/smart-configuration`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ token_endpoint: tokenUrl, grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['private_key_jwt'] });
    expect(body.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS384', 'ES384']);
    expect(body.capabilities).toContain('client-confidential-asymmetric');
  });
});

describe('the token endpoint', () => {
  it('issues a 5-minute bearer token for a signed assertion, granting the scopes asked for that were allowed', async () => {
    const res = await credentials('epr-feed', rsa, 'system/Patient.write system/MedicationRequest.write system/*.read system/AllergyIntolerance.write');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 300, scope: 'system/Patient.write system/MedicationRequest.write system/*.read' });
    expect(res.body.access_token).toMatch(/^\S{32,}$/);
  });

  it('refuses a replayed assertion (same jti)', async () => {
    const jti = randomUUID();
    expect((await credentials('epr-feed', rsa, 'system/*.read', { jti })).status).toBe(200);
    const again = await credentials('epr-feed', rsa, 'system/*.read', { jti });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: 'invalid_client' });
    expect(again.body.error_description).toMatch(/replay/);
  });

  it.each([
    ['aud is another URL', { aud: 'https://elsewhere.example/token' }, /aud/],
    ['sub is not the client', { sub: 'someone-else' }, /sub/],
    ['exp is 10 minutes away', { exp: 'far' }, /five minutes/],
    ['it has expired', { exp: 'past' }, /expired/],
  ])('refuses an assertion whose %s (401 invalid_client)', async (_what, change, reason) => {
    const exp = (change as { exp?: string }).exp === 'far' ? nowSeconds() + 600 : (change as { exp?: string }).exp === 'past' ? nowSeconds() - 120 : undefined;
    const res = await credentials('epr-feed', rsa, 'system/*.read', { ...change, ...(exp !== undefined ? { exp } : {}) });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
    expect(res.body.error_description).toMatch(reason);
  });

  it('refuses an assertion signed by a key that is not registered, or with RS256', async () => {
    const other = await generateKeyPair('RS384');
    const forged = await credentials('epr-feed', { privateKey: other.privateKey, publicJwk: rsa.publicJwk }, 'system/*.read');
    expect(forged.status).toBe(401);
    expect(forged.body.error_description).toMatch(/signature/);
    const rs256Key = await generateKeyPair('RS256');
    const rs256 = await credentials('epr-feed', { privateKey: rs256Key.privateKey, publicJwk: rsa.publicJwk }, 'system/*.read', { alg: 'RS256' });
    expect(rs256.status).toBe(401);
  });

  it('answers an unknown client, a wrong grant type and scopes none of which were allowed in OAuth terms', async () => {
    expect((await credentials('nobody', rsa, 'system/*.read')).body.error).toBe('invalid_client');
    const grant = await tokenRequest({ grant_type: 'password', username: 'demo-admin', password: 'demo-password' });
    expect(grant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    const scope = await credentials('pharmacy', ec, 'system/MedicationRequest.write');
    expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    const json = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect(json.status).toBe(400);
  });
});

describe('FHIR with a system token', () => {
  it('imports an order within its scopes, as the client (audited), and reads a patient', async () => {
    const { body } = await credentials('epr-feed', rsa, 'system/Patient.write system/MedicationRequest.write system/*.read');
    const token = body.access_token as string;
    const imported = await fhir(server, 'POST', '', { token, body: transactionOf(paracetamolOrder('smart-1')) });
    expect(imported.status).toBe(200);
    expect(imported.body.entry[0].response.status).toBe('201 Created');
    const audit = server.wardscan.repos.audit.query({ type: 'fhir-import' }, 1, 1).entries[0];
    expect(audit?.userId).toBe('smart:epr-feed');
    const read = await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token });
    expect(read.status).toBe(200);
    expect(read.body.resourceType).toBe('Patient');
  });

  it('refuses a transaction with a resource type outside its scopes (403), writing nothing', async () => {
    const { body } = await credentials('epr-feed', rsa, 'system/MedicationRequest.write');
    const before = server.wardscan.repos.db.prepare('SELECT count(*) FROM prescriptions').pluck().get();
    const allergy = { resourceType: 'AllergyIntolerance', patient: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND_NHS}` }, code: { text: 'Latex' } };
    const res = await fhir(server, 'POST', '', { token: body.access_token, body: transactionOf(paracetamolOrder('smart-2'), allergy) });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    expect(res.body.issue[0].details.text).toMatch(/AllergyIntolerance/);
    expect(server.wardscan.repos.db.prepare('SELECT count(*) FROM prescriptions').pluck().get()).toBe(before);
  });

  it('lets a read-only client read and search but not import, and only the types it was given', async () => {
    const { body } = await credentials('pharmacy', ec, 'system/MedicationAdministration.rs system/Patient.r');
    const token = body.access_token as string;
    expect((await fhir(server, 'GET', '/MedicationAdministration?patient=patient-desmond-harlow', { token })).status).toBe(200);
    expect((await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token })).status).toBe(200);
    // r without s: reading one patient, not searching for them.
    expect((await fhir(server, 'GET', `/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND_NHS}`, { token })).status).toBe(403);
    expect((await fhir(server, 'GET', '/AuditEvent', { token })).status).toBe(403);
    expect((await fhir(server, 'POST', '', { token, body: transactionOf(paracetamolOrder('smart-3')) })).status).toBe(403);
  });

  it('maps system/MedicationAdministration.read (v1) to read and search of MedicationAdministration, and nothing else', async () => {
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const pack = await nurse.scan(barcode('pack-paracetamol'));
    expect((await nurse.administer(pack.body.eventId, pack.body.verdict.prescriptionId)).status).toBe(201);
    const token = await systemToken(server, admin, 'mar-pull', 'system/MedicationAdministration.read');
    // Every patient's doses (an incremental pull): a system client is not tied to a ward or a patient.
    const pulled = await fhir(server, 'GET', `/MedicationAdministration?_lastUpdated=ge${server.clock.now().toISOString().slice(0, 10)}`, { token });
    expect(pulled.status).toBe(200);
    const given = pulled.body.entry.map((e: { resource: any }) => e.resource).find((r: any) => r.subject.reference === 'Patient/patient-agnes-morrow' && r.status === 'completed');
    expect(given).toBeDefined();
    const read = await fhir(server, 'GET', `/MedicationAdministration/${given.id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ resourceType: 'MedicationAdministration', id: given.id, status: 'completed' });
    expect((await fhir(server, 'GET', '/MedicationAdministration?patient=patient-agnes-morrow', { token })).body.total).toBeGreaterThan(0);
    for (const path of ['/Patient/patient-agnes-morrow', '/AuditEvent', '/MeasureReport']) expect((await fhir(server, 'GET', path, { token })).status).toBe(403);
    expect((await fhir(server, 'POST', '', { token, body: transactionOf(paracetamolOrder('smart-ma')) })).status).toBe(403);
  });

  it('is no session for /api, ends after 5 minutes, and ends when the client is deactivated', async () => {
    const first = (await credentials('epr-feed', rsa, 'system/*.read')).body.access_token as string;
    expect((await server.api('GET', '/me', { token: first })).status).toBe(401);
    expect((await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token: first })).status).toBe(200);
    server.clock.advance(301_000);
    expect((await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token: first })).status).toBe(401);
    const second = (await credentials('epr-feed', rsa, 'system/*.read')).body.access_token as string;
    expect((await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token: second })).status).toBe(200);
    const off = await server.api('DELETE', '/smart-clients/epr-feed', { token: admin });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await fhir(server, 'GET', '/Patient/patient-desmond-harlow', { token: second })).status).toBe(401);
    expect((await credentials('epr-feed', rsa, 'system/*.read')).body.error).toBe('invalid_client');
  });
});

describe('system scopes', () => {
  it('reads SMART v1 and v2 syntax', () => {
    expect([...parseScope('system/Patient.read')!.allows]).toEqual(['r', 's']);
    expect([...parseScope('system/*.write')!.allows]).toEqual(['c', 'u', 'd']);
    expect([...parseScope('system/MedicationRequest.cu')!.allows]).toEqual(['c', 'u']);
    expect(parseScope('system/Patient.rc')).toBeNull();
    expect(parseScope('user/Patient.read')).toBeNull();
    expect(parseScope('system/Patient.')).toBeNull();
  });

  it('grants what an allowed scope covers, and permits by type and interaction', () => {
    const allowed = parseScopes('system/*.read system/Patient.write').scopes;
    expect(grantable(allowed, parseScopes('system/Patient.rs system/Patient.cu system/MedicationRequest.write system/AuditEvent.read').scopes).map((s) => s.text)).toEqual([
      'system/Patient.rs',
      'system/Patient.cu',
      'system/AuditEvent.read',
    ]);
    expect(permits(allowed, 'MedicationAdministration', 's')).toBe(true);
    expect(permits(allowed, 'MedicationRequest', 'c')).toBe(false);
  });
});
