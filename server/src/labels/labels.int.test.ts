import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGNES } from '../test/fixtures.js';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const pdf = async (path: string, token: string) => {
  const res = await fetch(`${server.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('printable labels', () => {
  it("reprints a patient's wristband for a nurse on their ward, and audits it", async () => {
    const token = await server.signIn('demo-nurse');
    const res = await pdf(`/patients/${AGNES}/wristband.pdf`, token);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/pdf');
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const admin = await server.signIn('demo-admin');
    const audit = await server.api('GET', `/audit?type=label-print&patientId=${AGNES}`, { token: admin });
    expect(audit.body.total).toBe(1);
    expect(audit.body.entries[0].summary).toContain('Agnes MORROW');
  });

  it('refuses a wristband to a nurse from another ward', async () => {
    const token = await server.signIn('demo-nurse-8a');
    const res = await pdf(`/patients/${AGNES}/wristband.pdf`, token);
    expect(res.status).toBe(403);
  });

  it('answers 404 for a patient who does not exist', async () => {
    const token = await server.signIn('demo-nurse');
    expect((await pdf('/patients/patient-nobody/wristband.pdf', token)).status).toBe(404);
  });

  it('gives pharmacists the demo label sheet and refuses nurses', async () => {
    const ok = await pdf('/labels/demo-ward.pdf', await server.signIn('demo-pharmacist'));
    expect(ok.status).toBe(200);
    expect(ok.bytes.length).toBeGreaterThan(10_000);
    expect((await pdf('/labels/demo-ward.pdf', await server.signIn('demo-nurse'))).status).toBe(403);
  });
});
