import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { validateR4 } from './definitions.js';
import { admissionBundle, fhir } from './test/support.js';

/*
 * Issue 13, search and HTTP conformance on the real server: Bundle.total is
 * every match, absolute self/first/previous/next/last links page through
 * (the audit trail past 500), _count has a maximum, unknown parameters are
 * ignored and reported unless the client asks to be strict, XML is 406, a
 * non-JSON body 415, an interaction not offered 405, and reads carry meta.
 */

let server: TestServer;
let admin: string;
let manager: string;
let patientId: string;

const get = (path: string, token = admin, headers: Record<string, string> = {}) => fhir(server, 'GET', path, { token, headers });

/** Follows `next` from a first page, returning every entry's resource and each page's self link and total. */
async function pageThrough(first: string, token = admin): Promise<{ resources: any[]; pages: any[] }> {
  const resources: any[] = [];
  const pages: any[] = [];
  let url: string | undefined = `${server.baseUrl}/fhir/r4${first}`;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as any;
    pages.push(bundle);
    resources.push(...(bundle.entry ?? []).filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource));
    url = bundle.link.find((l: any) => l.relation === 'next')?.url;
  }
  return { resources, pages };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  manager = await server.signIn('demo-manager');
  const res = await fhir(server, 'POST', '', { token: admin, body: admissionBundle() });
  patientId = res.body.entry[3].response.location.replace('Patient/', '');
  // 1,200 audit rows about one patient on the manager's ward: more than two pages of the maximum.
  const audit = server.wardscan.repos.audit;
  for (let i = 0; i < 1200; i++) audit.append({ type: 'scan', wardId: 'ward-7b', patientId, summary: `row ${i}` }, new Date(Date.UTC(2026, 10, 24, 6, 0, 0, i)));
});
afterAll(async () => server.close());

describe('paging a search', () => {
  it('reads the whole audit trail past 500 by following next links, each row once, total every match', async () => {
    const { resources, pages } = await pageThrough(`/AuditEvent?patient=${patientId}&_count=500`, manager);
    const expected = server.wardscan.repos.db.prepare('SELECT count(*) FROM audit_log WHERE patient_id = ?').pluck().get(patientId) as number;
    expect(expected).toBeGreaterThanOrEqual(1200);
    expect(pages).toHaveLength(Math.ceil(expected / 500));
    for (const page of pages) expect(page.total).toBe(expected);
    expect(pages[0].entry).toHaveLength(500);
    expect(new Set(resources.map((r) => r.id)).size).toBe(expected);
    // Newest first, no gaps.
    const seqs = resources.map((r) => Number(r.id));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const page of pages) expect(validateR4(page)).toEqual([]);
  });

  it('keeps later pages where they were while rows are added (the links pin the first page’s log)', async () => {
    const first = (await get(`/AuditEvent?patient=${patientId}&_count=100`, manager)).body;
    const firstIds = first.entry.map((e: any) => e.resource.id);
    server.wardscan.repos.audit.append({ type: 'scan', wardId: 'ward-7b', patientId, summary: 'written while the client pages' }, server.clock.now());
    const next = first.link.find((l: any) => l.relation === 'next').url as string;
    const second = (await (await fetch(next, { headers: { authorization: `Bearer ${manager}` } })).json()) as any;
    expect(second.total).toBe(first.total);
    const secondIds = second.entry.map((e: any) => e.resource.id);
    expect(secondIds.filter((id: string) => firstIds.includes(id))).toEqual([]);
    expect(Number(secondIds[0])).toBe(Number(firstIds[99]) - 1);
    // A new search sees the new row.
    expect((await get(`/AuditEvent?patient=${patientId}&_count=1`, manager)).body.total).toBe(first.total + 1);
  });

  it('writes absolute fullUrls and self, first, previous, next and last links on the request’s origin', async () => {
    const res = await get(`/AuditEvent?patient=${patientId}&_count=2&_offset=2`, manager);
    const base = `${server.baseUrl}/fhir/r4`;
    for (const e of res.body.entry) expect(e.fullUrl).toBe(`${base}/AuditEvent/${e.resource.id}`);
    const links = Object.fromEntries(res.body.link.map((l: any) => [l.relation, new URL(l.url)]));
    expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next', 'previous', 'self']);
    for (const url of Object.values(links) as URL[]) {
      expect(url.origin + url.pathname).toBe(`${base}/AuditEvent`);
      expect(url.searchParams.get('patient')).toBe(patientId);
      expect(url.searchParams.get('_count')).toBe('2');
    }
    expect(links.self.searchParams.get('_offset')).toBe('2');
    expect(links.previous.searchParams.get('_offset')).toBeNull();
    expect(links.next.searchParams.get('_offset')).toBe('4');
  });

  it('honours _count up to 500 (a larger one is served as 500), _count=0 gives the total alone, and a malformed _count is 400', async () => {
    const big = await get(`/AuditEvent?patient=${patientId}&_count=100000`, manager);
    expect(big.status).toBe(200);
    expect(big.body.entry).toHaveLength(500);
    expect(new URL(big.body.link[0].url).searchParams.get('_count')).toBe('500');
    const none = await get(`/AuditEvent?patient=${patientId}&_count=0`, manager);
    expect(none.body.total).toBeGreaterThanOrEqual(1200);
    expect(none.body.entry).toEqual([]);
    expect((await get(`/AuditEvent?_summary=count`, admin)).body.entry).toEqual([]);
    expect((await get('/AuditEvent?_count=-1', admin)).status).toBe(400);
    expect((await get('/AuditEvent?_offset=x', admin)).status).toBe(400);
  });

  it('filters the audit trail by _lastUpdated at the precision given', async () => {
    const at = '2026-11-24T06:00:00.100Z';
    const res = await get(`/AuditEvent?patient=${patientId}&_lastUpdated=ge${at}&_lastUpdated=lt2026-11-24T06:00:00.2Z&_count=500`, manager);
    expect(res.body.total).toBe(100);
    expect(res.body.entry.every((e: any) => e.resource.recorded >= at && e.resource.recorded < '2026-11-24T06:00:00.200Z')).toBe(true);
    expect(res.body.entry[0].resource.meta).toEqual({ versionId: '1', lastUpdated: res.body.entry[0].resource.recorded });
  });

  it('counts a Patient search’s every match in total', async () => {
    const res = await get('/Patient?identifier=9990030014&_count=1');
    expect(res.body).toMatchObject({ total: 1, entry: [{ fullUrl: `${server.baseUrl}/fhir/r4/Patient/${patientId}` }] });
    expect(validateR4(res.body)).toEqual([]);
  });
});

describe('unknown search parameters', () => {
  it('are ignored by default: left out of self and named in an OperationOutcome entry', async () => {
    const res = await get(`/AuditEvent?patient=${patientId}&colour=blue&outcome:not=8&_count=1`, manager);
    expect(res.status).toBe(200);
    const self = new URL(res.body.link[0].url);
    expect([...self.searchParams.keys()].sort()).toEqual(['_count', '_snapshot', 'patient']);
    const outcome = res.body.entry.find((e: any) => e.search.mode === 'outcome');
    expect(outcome.resource.resourceType).toBe('OperationOutcome');
    expect(outcome.resource.issue.map((i: any) => [i.severity, i.code, i.location[0]])).toEqual([
      ['warning', 'not-supported', 'http.colour'],
      ['warning', 'not-supported', 'http.outcome:not'],
    ]);
    expect(validateR4(res.body)).toEqual([]);
  });

  it('are ignored with Prefer: handling=lenient, and refused with handling=strict', async () => {
    expect((await get(`/AuditEvent?patient=${patientId}&colour=blue`, manager, { prefer: 'handling=lenient' })).status).toBe(200);
    const strict = await get(`/AuditEvent?patient=${patientId}&colour=blue`, manager, { prefer: 'handling=strict' });
    expect(strict.status).toBe(400);
    expect(strict.body.issue[0]).toMatchObject({ code: 'not-supported' });
    expect((await get(`/AuditEvent?patient=${patientId}&_count=5`, manager, { prefer: 'handling=strict' })).status).toBe(200);
  });

  it('do not excuse a malformed value of a parameter we do know', async () => {
    expect((await get('/AuditEvent?date=yesterday', admin)).status).toBe(400);
    expect((await get('/MedicationAdministration?_lastUpdated=recently', admin)).status).toBe(400);
  });
});

describe('HTTP semantics', () => {
  it('answers a request for XML with 406 (JSON is all we serve), by _format or Accept, metadata included', async () => {
    for (const [path, headers] of [
      ['/metadata?_format=xml', {}],
      ['/metadata?_format=application/fhir%2Bxml', {}],
      [`/Patient/${patientId}?_format=xml`, {}],
      [`/Patient/${patientId}`, { accept: 'application/fhir+xml' }],
      ['/AuditEvent', { accept: 'application/xml, text/xml' }],
    ] as const) {
      const res = await get(path, admin, headers);
      expect(res.status, path).toBe(406);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    expect((await get('/metadata?_format=json')).status).toBe(200);
    expect((await get(`/Patient/${patientId}?_format=application/fhir%2Bjson`, admin, { accept: 'application/fhir+xml' })).status).toBe(200);
    expect((await get(`/Patient/${patientId}`, admin, { accept: 'application/fhir+xml;q=1, application/fhir+json;q=0.5' })).status).toBe(200);
    expect((await get(`/Patient/${patientId}`, admin, { accept: '*/*' })).status).toBe(200);
  });

  it('answers a body that is not JSON with 415', async () => {
    const xml = '<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/></Bundle>';
    for (const type of ['application/fhir+xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fhir(server, 'POST', '', { token: admin, raw: xml, headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.body.issue[0].code).toBe('not-supported');
    }
    expect((await fhir(server, 'PUT', `/Patient/${patientId}`, { token: admin, raw: xml, headers: { 'content-type': 'application/fhir+xml' } })).status).toBe(415);
  });

  it('answers an interaction a supported type does not offer with 405 and Allow, and an unsupported type with 404', async () => {
    const cases: [string, string, string][] = [
      ['PUT', `/Patient/${patientId}`, 'GET'],
      ['DELETE', `/Patient/${patientId}`, 'GET'],
      ['POST', '/MedicationAdministration', 'GET'],
      ['GET', `/Patient/${patientId}/_history`, ''],
      ['GET', '/AuditEvent/1', ''],
      ['GET', '/Location', ''],
      ['GET', '/MedicationRequest/rx-1', ''],
      ['GET', '/', 'POST'],
      ['DELETE', '/metadata', 'GET'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fhir(server, method, path, { token: admin, ...(method === 'PUT' || method === 'POST' ? { body: { resourceType: 'Patient' } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    expect((await get('/Observation')).status).toBe(404);
    expect((await fhir(server, 'POST', '/Observation', { token: admin, body: { resourceType: 'Observation' } })).status).toBe(404);
  });
});

describe('meta on every resource read', () => {
  it('gives a Patient a versionId that counts its changes and the time of the last', async () => {
    const before = (await get(`/Patient/${patientId}`)).body;
    expect(before.meta).toEqual({ versionId: expect.stringMatching(/^\d+$/), lastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    const bundle = admissionBundle() as any;
    const patient = bundle.entry.find((e: any) => e.resource.resourceType === 'Patient').resource;
    patient.name[0].given = ['Marguerite'];
    expect((await fhir(server, 'POST', '', { token: admin, body: bundle })).status).toBe(200);
    const after = (await get(`/Patient/${patientId}`)).body;
    expect(Number(after.meta.versionId)).toBe(Number(before.meta.versionId) + 1);
    expect(after.meta.lastUpdated >= before.meta.lastUpdated).toBe(true);
    // An import that changes nothing is no new version.
    expect((await fhir(server, 'POST', '', { token: admin, body: bundle })).status).toBe(200);
    expect((await get(`/Patient/${patientId}`)).body.meta.versionId).toBe(after.meta.versionId);
    const searched = (await get(`/Patient?identifier=9990030014`)).body.entry[0].resource;
    expect(searched.meta).toEqual(after.meta);
    expect(validateR4(after)).toEqual([]);
  });
});
