import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { listApiRoutes } from './express-routes.js';
import { OPERATIONS } from './operations.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('OpenAPI document', () => {
  it('documents every /api route the server serves, and nothing it does not', () => {
    const served = listApiRoutes(server.wardscan.app);
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(served.length).toBeGreaterThan(15);
    expect(served).toEqual(documented);
  });

  it('is served at /api/openapi.json without signing in, as OpenAPI 3.1', async () => {
    const res = await server.api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/patients/{id}');
  });

  it('describes request bodies from the zod schemas the routes validate with', async () => {
    const { body } = await server.api('GET', '/openapi.json');
    const scan = body.paths['/api/scans'].post.requestBody.content['application/json'].schema;
    expect(scan.required).toEqual(expect.arrayContaining(['deviceId', 'eventId', 'raw', 'source']));
    expect(scan.properties.source.enum).toEqual(['camera', 'scanner', 'keyboard']);
    expect(scan.properties.raw.maxLength).toBe(4096);
    const audit = body.paths['/api/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(audit).toEqual(expect.arrayContaining(['wardId', 'rule', 'outcome', 'from', 'to', 'page', 'pageSize', 'format']));
  });

  it('says who may call each operation and documents 401/403 for signed-in routes', async () => {
    const { body } = await server.api('GET', '/openapi.json');
    const post = body.paths['/api/products'].post;
    expect(post['x-roles']).toEqual(['pharmacist', 'admin']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403']));
    expect(body.paths['/api/health'].get.security).toEqual([]);
  });

  it('serves a readable reference page at /api/docs', async () => {
    const res = await server.api('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.body).toContain('/api/administrations');
    expect(res.body).toContain('/api/openapi.json');
  });
});
