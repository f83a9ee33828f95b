import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testGtin } from '../test/fixtures.js';
import { startTestServer, type TestServer } from '../test/harness.js';

/* Pharmacy's view of dm+d (fixtures/dmd: real VMP codes, see its SOURCES.md). */

let server: TestServer;
let pharmacist: string;
beforeEach(async () => {
  server = await startTestServer();
  pharmacist = await server.signIn('demo-pharmacist');
});
afterEach(async () => server.close());

describe('GET /api/dmd/products', () => {
  it('finds VMPs by name with their strength as a ratio, and the pack a GTIN is', async () => {
    const byName = await server.api('GET', '/dmd/products?q=gentamicin', { token: pharmacist });
    expect(byName.status).toBe(200);
    expect(byName.body.products).toEqual([
      expect.objectContaining({
        vmp: { code: '36051011000001102', name: 'Gentamicin 80mg/2ml solution for injection ampoules' },
        unitDose: { size: { value: '2', unit: 'mL' }, container: 'ampoule' },
        ingredients: [expect.objectContaining({ strength: { numerator: { value: '40', unit: 'mg' }, denominator: { value: '1', unit: 'mL' } } })],
      }),
    ]);
    const byGtin = await server.api('GET', '/dmd/products?gtin=05099997000037', { token: pharmacist });
    expect(byGtin.body.products).toEqual([expect.objectContaining({ vmp: expect.objectContaining({ code: '39732411000001106' }), ampp: expect.objectContaining({ code: '1477111000001100' }) })]);
    expect((await server.api('GET', '/dmd/products?gtin=05099997000990', { token: pharmacist })).body.products).toEqual([]);
  });

  it('is for pharmacy and admins only, and validates its query', async () => {
    expect((await server.api('GET', '/dmd/products?q=para', { token: await server.signIn('demo-nurse') })).status).toBe(403);
    expect((await server.api('GET', '/dmd/products?gtin=123', { token: pharmacist })).status).toBe(400);
  });
});

describe('local packs in the catalogue', () => {
  const base = { kind: 'drug', name: 'Hospital-made morphine 10 mg/1 mL syringe', drug: null, strength: null, form: 'injection', routes: ['sc'], highAlert: true, scored: false };

  it('adds a local pack by its dm+d VMP and a local GTIN, and refuses a code the release does not hold', async () => {
    const ok = await server.api('POST', '/products', { token: pharmacist, body: { ...base, gtins: [testGtin()], dmdCode: '36128211000001109' } });
    expect(ok.status).toBe(201);
    expect(ok.body.dmd).toMatchObject({ vmp: { code: '36128211000001109' }, routes: expect.arrayContaining(['sc']) });
    const unknown = await server.api('POST', '/products', { token: pharmacist, body: { ...base, gtins: [testGtin()], dmdCode: '999999999999' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'dmdCode', message: expect.stringMatching(/not a VMP or AMP in this server's dm\+d release/) });
  });

  it('needs a strength with what it is per for a product without a dm+d code', async () => {
    const res = await server.api('POST', '/products', { token: pharmacist, body: { ...base, gtins: [testGtin()], dmdCode: null, drug: 'morphine' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('strength');
  });
});
