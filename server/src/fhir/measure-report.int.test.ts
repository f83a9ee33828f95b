import type { Bundle, MeasureReport } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { validateR4 } from './definitions.js';
import { fhir, systemToken } from './test/support.js';

/*
 * Compliance as FHIR quality reporting over the FHIR API (issues 13 and 15):
 * /fhir/r4/MeasureReport serves the very MeasureReports that
 * GET /api/metrics/trust/measure-report exports, searched by period, ward and
 * page, for admins and for system clients holding system/MeasureReport.read.
 */

let server: TestServer;
let admin: string;
const TODAY = '2026-11-24'; // the harness's morning, in London
const search = (path: string, token = admin) => fhir(server, 'GET', path, { token });
const withoutDate = ({ date: _d, ...rest }: MeasureReport) => rest;
const reportsOf = (b: Bundle) => (b.entry ?? []).map((e) => e.resource).filter((r): r is MeasureReport => r?.resourceType === 'MeasureReport');

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  // Something to count: the 08:00 paracetamol given to Agnes with her band and the pack scanned.
  const nurse = handheld(server, await server.signIn('demo-nurse'));
  await nurse.scan(barcode('wristband-agnes-morrow'));
  const pack = await nurse.scan(barcode('pack-paracetamol'));
  expect((await nurse.administer(pack.body.eventId, pack.body.verdict.prescriptionId)).status).toBe(201);
});
afterAll(async () => server.close());

describe('GET /fhir/r4/MeasureReport', () => {
  it('serves the same reports as the trust export for the same period, one per ward in a valid searchset', async () => {
    const res = await search(`/MeasureReport?period=ge2026-11-11&period=le${TODAY}`);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/fhir+json');
    const exported = await server.api('GET', `/metrics/trust/measure-report?days=14&to=${TODAY}`, { token: admin });
    const expected = reportsOf(exported.body as Bundle).sort((a, b) => (a.subject!.reference! < b.subject!.reference! ? -1 : 1));
    expect(expected.length).toBeGreaterThan(1);
    expect(res.body.total).toBe(expected.length);
    expect(reportsOf(res.body).map(withoutDate)).toEqual(expected.map(withoutDate));
    const seven = reportsOf(res.body).find((r) => r.subject?.reference === 'Location/ward-7b')!;
    expect(seven).toMatchObject({ id: `ward-7b-2026-11-11-${TODAY}`, period: { start: expect.any(String), end: expect.any(String) }, measure: 'https://fhir.wardscan.example/Measure/bcma-scan-compliance' });
    const both = seven.group!.find((g) => g.code?.coding?.[0]?.code === 'both-scanned')!;
    expect(both.population!.map((p) => p.count)).toEqual([1, 1]);
    expect(validateR4(res.body)).toEqual([]);
    for (const r of reportsOf(res.body)) expect(validateR4(r)).toEqual([]);
    expect(res.body.entry[0].fullUrl).toBe(`${server.baseUrl}/fhir/r4/MeasureReport/${reportsOf(res.body)[0]!.id}`);
  });

  it('defaults to the last 14 days, as the trust view, and takes date as period', async () => {
    const plain = await search('/MeasureReport?subject=Location/ward-7b');
    expect(plain.body.total).toBe(1);
    expect(reportsOf(plain.body)[0]!.id).toBe(`ward-7b-2026-11-11-${TODAY}`);
    const month = await search('/MeasureReport?date=2026-10&subject=ward-7b');
    expect(reportsOf(month.body)[0]!.id).toBe('ward-7b-2026-10-01-2026-10-31');
    const openStart = await search('/MeasureReport?period=le2026-11-20&subject=ward-7b');
    expect(reportsOf(openStart.body)[0]!.id).toBe('ward-7b-2026-11-07-2026-11-20');
  });

  it('pages with _count and absolute next links to the last ward', async () => {
    const first = await search('/MeasureReport?_count=1');
    const total = first.body.total as number;
    expect(total).toBeGreaterThan(1);
    const seen: string[] = [];
    let page = first;
    for (let i = 0; i < total; i++) {
      expect(page.body.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'match')).toHaveLength(1);
      seen.push(reportsOf(page.body)[0]!.subject!.reference!);
      const next = page.body.link.find((l: { relation: string }) => l.relation === 'next');
      if (i === total - 1) expect(next).toBeUndefined();
      else {
        expect(next.url).toMatch(new RegExp(`^${server.baseUrl}/fhir/r4/MeasureReport\\?`));
        page = await fhir(server, 'GET', next.url.slice(`${server.baseUrl}/fhir/r4`.length), { token: admin });
      }
    }
    expect(seen).toEqual([...new Set(seen)].sort());
  });

  it('finds no report for a ward not on record or another measure, and refuses an instant or a period over 366 days', async () => {
    expect((await search('/MeasureReport?subject=Location/ward-nowhere')).body.total).toBe(0);
    expect((await search('/MeasureReport?subject=Location/ward-7b&subject=Location/ward-8a')).body.total).toBe(0);
    expect((await search('/MeasureReport?measure=https://example.org/Measure/other')).body.total).toBe(0);
    expect((await search('/MeasureReport?subject=Patient/patient-agnes-morrow')).status).toBe(400);
    const instant = await search('/MeasureReport?period=ge2026-11-01T08:00:00Z');
    expect(instant.status).toBe(400);
    expect(instant.body.issue[0].details.text).toMatch(/whole ward days/);
    expect((await search('/MeasureReport?period=ge2025-01-01&period=le2026-11-01')).status).toBe(400);
    expect((await search('/MeasureReport?period=ge2026-11-20&period=le2026-11-10')).status).toBe(400);
  });

  it('reads a report by the id a search gave, and the Measure it names', async () => {
    const read = await search(`/MeasureReport/ward-7b-2026-11-11-${TODAY}`);
    expect(read.status).toBe(200);
    const searched = reportsOf((await search(`/MeasureReport?subject=ward-7b`)).body)[0]!;
    expect(withoutDate(read.body)).toEqual(withoutDate(searched));
    expect((await search('/MeasureReport/ward-nowhere-2026-11-11-2026-11-24')).status).toBe(404);
    expect((await search('/MeasureReport/ward-7b-2026-02-30-2026-03-01')).status).toBe(404);
    const measure = await search('/Measure/bcma-scan-compliance');
    expect(measure.status).toBe(200);
    expect(measure.body).toMatchObject({ resourceType: 'Measure', url: searched.measure });
    expect(validateR4(measure.body)).toEqual([]);
    expect((await search('/Measure/other')).status).toBe(404);
    // Measure is read, not searched: 405 with Allow naming nothing.
    expect((await search('/Measure')).status).toBe(405);
  });

  it('is for admins: a ward manager and a nurse are refused (403)', async () => {
    for (const user of ['demo-manager', 'demo-nurse']) {
      const token = await server.signIn(user);
      expect((await search('/MeasureReport', token)).status).toBe(403);
      expect((await search('/Measure/bcma-scan-compliance', token)).status).toBe(403);
    }
  });

  it('serves a system client holding system/MeasureReport.read (a signed-JWT client), the Measure too, and refuses one without it', async () => {
    const token = await systemToken(server, admin, 'quality-reporting', 'system/MeasureReport.read');
    const res = await search('/MeasureReport?subject=Location/ward-7b', token);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect((await search('/Measure/bcma-scan-compliance', token)).status).toBe(200);
    expect((await search('/Patient/patient-agnes-morrow', token)).status).toBe(403);
    const other = await systemToken(server, admin, 'patient-reader', 'system/Patient.read');
    expect((await search('/MeasureReport', other)).status).toBe(403);
    expect((await search('/Measure/bcma-scan-compliance', other)).status).toBe(403);
  });
});
