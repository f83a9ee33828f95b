/*
 * Import speed: `npm run bench:fhir-import -- [patients]` boots the
 * real app on a temp SQLite file, POSTs a transaction of N admitted patients
 * (Patient + Encounter + two MedicationRequests + an allergy each), then the
 * same bundle again (all unchanged), and prints the figures.
 */
import { performance } from 'node:perf_hooks';
import { startTestServer } from '../server/src/test/harness.js';
import { admissionBundle, fhir } from '../server/src/fhir/test/support.js';
import { bigBundle } from './fhir-admissions.js';

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
