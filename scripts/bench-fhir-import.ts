/*
 * Import speed: `npm run bench:fhir-import -- [patients]` boots the real app
 * on a temp SQLite file, POSTs a transaction of N admitted patients (Patient +
 * Encounter + two MedicationRequests + an allergy each; at most 399, the
 * 2,000-entry limit), then the same bundle again (all unchanged), and prints
 * the figures: wall time, and the longest the event loop was held while the
 * import ran (what every bedside verdict would wait behind, issue 16). The
 * request body is serialised before the clock starts, so the loop figure is
 * the server's work, not the bench's.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startTestServer } from '../server/src/test/harness.js';
import { admissionBundle, fhir } from '../server/src/fhir/test/support.js';
import { bigBundle } from './fhir-admissions.js';

const patients = Number(process.argv[2] ?? 200);
const server = await startTestServer();
try {
  const admin = await server.signIn('demo-admin');
  await fhir(server, 'POST', '', { token: admin, body: admissionBundle() }); // warms the R4 definitions
  const bundle = bigBundle(patients);
  const raw = JSON.stringify(bundle);
  for (const label of ['first import', 'repeat (unchanged)']) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const t = performance.now();
    const res = await fhir(server, 'POST', '', { token: admin, raw });
    const ms = performance.now() - t;
    loop.disable();
    if (res.status !== 200) throw new Error(JSON.stringify(res.body).slice(0, 500));
    const failed = (res.body.entry as { response: { status: string } }[]).filter((e) => !/^20/.test(e.response.status)).length;
    if (failed) throw new Error(`${failed} entries failed: ${JSON.stringify(res.body.entry.find((e: { response: { status: string } }) => !/^20/.test(e.response.status)))}`);
    console.log(
      `${label}: ${bundle.entry!.length} entries (${patients} patients, ${(raw.length / 1e6).toFixed(2)} MB) in ${ms.toFixed(0)} ms = ${((ms / bundle.entry!.length) * 1000).toFixed(0)} µs/entry; ` +
        `longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`,
    );
  }
} finally {
  await server.close();
}
