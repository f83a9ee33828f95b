import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandListKeySchema, bandListSchema, signedBandListSchema, type BandListKey, type SignedBandList } from '@wardscan/shared';
import { MORNING, startTestServer, type TestServer } from '../test/harness.js';
import { bandListKeyFile, openBandListSigner } from './band-list-key.js';

/*
 * The band list is verified here exactly as the handheld verifies it: WebCrypto
 * (node's globalThis.crypto.subtle), the JWK the server publishes, ECDSA
 * P-256 / SHA-256 over the UTF-8 of the payload text.
 */

const subtle = globalThis.crypto.subtle;

async function verifies(key: BandListKey, envelope: SignedBandList): Promise<boolean> {
  const publicKey = await subtle.importKey('jwk', key.jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, Buffer.from(envelope.signature, 'base64url'), new TextEncoder().encode(envelope.payload));
}

/** RFC 7638 thumbprint, computed with WebCrypto as a browser would. */
async function thumbprint(jwk: BandListKey['jwk']): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return Buffer.from(await subtle.digest('SHA-256', new TextEncoder().encode(canonical))).toString('base64url');
}

let server: TestServer;
let nurse: string;
beforeAll(async () => {
  server = await startTestServer();
  nurse = await server.signIn('demo-nurse');
});
afterAll(() => server.close());

describe('GET /api/wards/:id/band-list', () => {
  it("gives a nurse her ward's patients, signed so that WebCrypto verifies them, valid 12 hours, not cached", async () => {
    const keyRes = await server.api('GET', '/band-list-key', { token: nurse });
    expect(keyRes.status).toBe(200);
    const key = bandListKeySchema.parse(keyRes.body);
    expect(key.keyId).toBe(await thumbprint(key.jwk));

    const res = await server.api('GET', '/wards/ward-7b/band-list', { token: nurse });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const envelope = signedBandListSchema.parse(res.body);
    expect(envelope.keyId).toBe(key.keyId);
    expect(Buffer.from(envelope.signature, 'base64url')).toHaveLength(64); // P1363: r || s
    expect(await verifies(key, envelope)).toBe(true);

    const list = bandListSchema.parse(JSON.parse(envelope.payload));
    expect(list.wardId).toBe('ward-7b');
    expect(list.keyId).toBe(key.keyId);
    expect(list.issuedAt).toBe(MORNING);
    expect(list.expiresAt).toBe('2026-11-24T20:00:00.000Z');
    expect(list.patients).toHaveLength(10);
    expect(list.patients.every((p) => p.id !== 'patient-kathleen-lowry')).toBe(true); // Ward 8A's
    expect(list.patients).toContainEqual({
      id: 'patient-agnes-morrow',
      nhsNumber: '9990010137',
      wristbandGsrn: '509999999900101371',
      familyName: 'Morrow',
      givenName: 'Agnes',
      birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      bedLabel: expect.any(String),
    });
    // Only what identification needs: no allergies, MRN or doses.
    expect(Object.keys(list.patients[0]!).sort()).toEqual(['bedLabel', 'birthDate', 'familyName', 'givenName', 'id', 'nhsNumber', 'wristbandGsrn']);
  });

  it('fails verification when the payload, the signature or the key is not the one signed', async () => {
    const key = bandListKeySchema.parse((await server.api('GET', '/band-list-key', { token: nurse })).body);
    const envelope = signedBandListSchema.parse((await server.api('GET', '/wards/ward-7b/band-list', { token: nurse })).body);
    expect(await verifies(key, envelope)).toBe(true);

    const renamed = envelope.payload.replace('"familyName":"Morrow"', '"familyName":"Morris"');
    expect(renamed).not.toBe(envelope.payload);
    expect(await verifies(key, { ...envelope, payload: renamed })).toBe(false);
    // Same JSON value, different text: the signature covers the text.
    expect(await verifies(key, { ...envelope, payload: `${envelope.payload} ` })).toBe(false);
    const later = envelope.payload.replace(/"expiresAt":"[^"]+"/, '"expiresAt":"2099-01-01T00:00:00.000Z"');
    expect(await verifies(key, { ...envelope, payload: later })).toBe(false);

    const sig = Buffer.from(envelope.signature, 'base64url');
    sig[10] = sig[10]! ^ 1;
    expect(await verifies(key, { ...envelope, signature: sig.toString('base64url') })).toBe(false);

    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' });
    expect(await verifies({ keyId: 'x', jwk: { kty: 'EC', crv: 'P-256', x: String(other.x), y: String(other.y) } }, envelope)).toBe(false);
  });

  it('signs each list afresh at the server clock: a later list has a later expiry', async () => {
    server.clock.advance(5 * 60_000);
    const envelope = signedBandListSchema.parse((await server.api('GET', '/wards/ward-7b/band-list', { token: nurse })).body);
    const list = bandListSchema.parse(JSON.parse(envelope.payload));
    expect(list.issuedAt).toBe('2026-11-24T08:05:00.000Z');
    expect(list.expiresAt).toBe('2026-11-24T20:05:00.000Z');
    server.clock.set(MORNING);
  });

  it("forbids a nurse another ward's list (403), and gives her her own", async () => {
    const nurse8a = await server.signIn('demo-nurse-8a');
    const res = await server.api('GET', '/wards/ward-7b/band-list', { token: nurse8a });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const own = signedBandListSchema.parse((await server.api('GET', '/wards/ward-8a/band-list', { token: nurse8a })).body);
    expect(JSON.parse(own.payload).patients.map((p: { id: string }) => p.id)).toEqual(['patient-kathleen-lowry']);
  });

  it('is for bedside nurses only: ward managers (even of the ward), pharmacists and admins get 403, but may read the public key', async () => {
    for (const who of ['demo-manager', 'demo-pharmacist', 'demo-admin']) {
      const token = await server.signIn(who);
      const res = await server.api('GET', '/wards/ward-7b/band-list', { token });
      expect(res.status, who).toBe(403);
      expect((await server.api('GET', '/band-list-key', { token })).status, who).toBe(200);
    }
  });

  it('needs a sign-in (401) and a well-formed ward id (400)', async () => {
    expect((await server.api('GET', '/wards/ward-7b/band-list')).status).toBe(401);
    expect((await server.api('GET', '/band-list-key')).status).toBe(401);
    expect((await server.api('GET', `/wards/${'w'.repeat(65)}/band-list`, { token: nurse })).status).toBe(400);
  });

  it('keeps its key beside the database (mode 0600) and signs with the same key after a restart', async () => {
    const file = bandListKeyFile(server.dbFile);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = (await server.api('GET', '/band-list-key', { token: nurse })).body as BandListKey;
    const again = openBandListSigner({ name: server.dbFile, memory: false }, {});
    expect(again.publicKey).toEqual(before);
  });
});

describe('openBandListSigner', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardscan-band-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a key file on first start, and refuses one others can read', () => {
    const db = { name: join(dir, 'a.db'), memory: false };
    const first = openBandListSigner(db, {});
    expect(readFileSync(bandListKeyFile(db.name), 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(openBandListSigner(db, {}).keyId).toBe(first.keyId);
    chmodSync(bandListKeyFile(db.name), 0o644);
    expect(() => openBandListSigner(db, {})).toThrow(/readable by others/);
  });

  it('takes WARDSCAN_BAND_LIST_KEY over the file, and only a P-256 key', () => {
    const db = { name: join(dir, 'b.db'), memory: false };
    const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const signer = openBandListSigner(db, { WARDSCAN_BAND_LIST_KEY: pem });
    expect(openBandListSigner(db, { WARDSCAN_BAND_LIST_KEY: pem }).keyId).toBe(signer.keyId);
    expect(() => statSync(bandListKeyFile(db.name))).toThrow(); // no file made
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => openBandListSigner(db, { WARDSCAN_BAND_LIST_KEY: p384 })).toThrow(/P-256/);
    expect(() => openBandListSigner(db, { WARDSCAN_BAND_LIST_KEY: 'not a key' })).toThrow(/PEM private key/);
  });

  it('gives an in-memory database a key for this run only', () => {
    const a = openBandListSigner({ name: ':memory:', memory: true }, {});
    const b = openBandListSigner({ name: ':memory:', memory: true }, {});
    expect(a.keyId).not.toBe(b.keyId);
  });
});
