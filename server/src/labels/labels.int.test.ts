import { LIMITS } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGNES } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { wristbandLabelSpec } from './label-sheet.js';
import { renderLabelsPdf } from './render-labels-pdf.js';
import { scanLabelsPdf } from './scan-labels-pdf.js';

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
    const before = server.wardscan.durable.stats();
    const res = await pdf(`/patients/${AGNES}/wristband.pdf`, token);
    expect(res.status).toBe(200);
    // Its audit row went through the group commit (the fsync off the event loop) before the PDF was sent.
    expect(server.wardscan.durable.stats().syncs).toBeGreaterThan(before.syncs);
    expect(res.type).toContain('application/pdf');
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const admin = await server.signIn('demo-admin');
    const audit = await server.api('GET', `/audit?type=label-print&patientId=${AGNES}`, { token: admin });
    expect(audit.body.total).toBe(1);
    expect(audit.body.entries[0].summary).toContain('Agnes MORROW');
  });

  it('serves the PDF this thread would render for the band (rendered on the worker thread)', async () => {
    const token = await server.signIn('demo-nurse');
    const res = await pdf(`/patients/${AGNES}/wristband.pdf`, token);
    expect(res.status).toBe(200);
    const patient = server.wardscan.repos.patients.byId(AGNES)!;
    // The creation date (and the file ID made from it) is the moment of rendering: read it back, and blank the ID.
    const created = /\(D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z\)/.exec(res.bytes.toString('latin1'))!;
    const at = new Date(`${created[1]}-${created[2]}-${created[3]}T${created[4]}:${created[5]}:${created[6]}Z`);
    const here = await renderLabelsPdf([wristbandLabelSpec(patient, '5099999')], `Wristband ${patient.nhsNumber}`, { creationDate: at });
    const blankId = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, (id) => id.replace(/[0-9a-f]/g, '0')), 'latin1');
    expect(blankId(res.bytes).equals(blankId(here))).toBe(true);
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

  it('reprints the wristband of a patient whose names are as long as a record allows, and the band still identifies them', async () => {
    const admin = await server.signIn('demo-admin');
    const long = { familyName: `Ashworth-${'Q'.repeat(LIMITS.nameMaxLength - 9)}`, givenName: `Maria ${'é'.repeat(LIMITS.nameMaxLength - 6)}` };
    const created = await server.api('POST', '/patients', {
      token: admin,
      body: { nhsNumber: '9434765919', wristbandGsrn: null, mrn: 'RX999', ...long, birthDate: '1950-05-05', wardId: 'ward-7b', bedId: null, allergies: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = await server.signIn('demo-nurse');
    const res = await pdf(`/patients/${created.body.id}/wristband.pdf`, token);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The names do not fit the symbol's AI 93 (90 characters): they are left out of it, never cut short.
    const spec = wristbandLabelSpec({ id: created.body.id, nhsNumber: '9434765919', mrn: 'RX999', birthDate: '1950-05-05', ...long }, '5099999');
    // Read off the served PDF, printed (rasterised) as a ward printer would.
    const [printed] = await scanLabelsPdf(res.bytes, [spec]);
    if (!printed || !('text' in printed.read)) throw new Error(`The reprinted band did not decode: ${JSON.stringify(printed?.read)}`);
    const scan = await handheld(server, token).scan(printed.read.text);
    expect(scan.body.verdict.outcome, JSON.stringify(scan.body.verdict)).toBe('match');
    expect(scan.body.patient.id).toBe(created.body.id);
  });
});
