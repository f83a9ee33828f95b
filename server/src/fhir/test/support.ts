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
