/*
 * Import speed: `npm run bench:fhir-import -- [patients]` boots the
 * real app on a temp SQLite file, POSTs a transaction of N admitted patients
 * (Patient + Encounter + two MedicationRequests + an allergy each), then the
 * same bundle again (all unchanged), and prints the figures.
 */
import { performance } from 'node:perf_hooks';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { startTestServer } from '../server/src/test/harness.js';
import { admissionBundle, fhir } from '../server/src/fhir/test/support.js';

function nhsNumber(i: number): string {
  for (let n = i; ; n++) {
    const stem = `9994${String(n).padStart(5, '0')}`;
    const sum = [...stem].reduce((s, d, k) => s + Number(d) * (10 - k), 0);
    const c = 11 - (sum % 11);
    if (c !== 10) return stem + (c === 11 ? '0' : String(c));
  }
}

function bigBundle(patients: number): Bundle {
  const base = admissionBundle().entry!;
  const [patient, encounter, allergy] = [base[3]!, base[4]!, base[9]!];
  const prn = base[8]!;
  const entries: BundleEntry[] = [base[0]!, base[1]!, base[6]!];
  const used = new Set<string>();
  for (let i = 0; i < patients; i++) {
    let nhs = nhsNumber(i * 3);
    while (used.has(nhs)) nhs = nhsNumber(Number(nhs.slice(4, 9)) + 1);
    used.add(nhs);
    const url = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const p = structuredClone(patient);
    Object.assign(p, { fullUrl: url });
    (p.resource as any).identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhs }];
    const e = structuredClone(encounter);
    (e.resource as any).subject = { reference: url };
    (e.resource as any).location = [{ location: { reference: base[0]!.fullUrl } }];
    const rx = [prn, structuredClone(base[7]!)].map((r, k) => {
      const c = structuredClone(r);
      (c.resource as any).identifier = [{ system: 'https://fhir.wardscan.example/Id/eprescribing', value: `B-${i}-${k}` }];
      (c.resource as any).subject = { reference: url };
      return c;
    });
    const a = structuredClone(allergy);
    (a.resource as any).patient = { reference: url };
    for (const x of [e, ...rx, a]) delete x.fullUrl;
    entries.push(p, e, ...rx, a);
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

const patients = Number(process.argv[2] ?? 200);
const server = await startTestServer();
try {
  const admin = await server.signIn('demo-admin');
  await fhir(server, 'POST', '', { token: admin, body: admissionBundle() }); // warms the R4 definitions
  const bundle = bigBundle(patients);
  for (const label of ['first import', 'repeat (unchanged)']) {
    const t = performance.now();
    const res = await fhir(server, 'POST', '', { token: admin, body: bundle });
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(JSON.stringify(res.body).slice(0, 500));
    console.log(`${label}: ${bundle.entry!.length} entries (${patients} patients) in ${ms.toFixed(0)} ms = ${((ms / bundle.entry!.length) * 1000).toFixed(0)} µs/entry`);
  }
} finally {
  await server.close();
}
