/*
 * Import speed: `npm run bench:fhir-import -- [patients] [orders]` boots the real app on a temp
 * SQLite file and POSTs transactions admitting N patients (Patient + Encounter + `orders`
 * MedicationRequests, 2 by default, + an allergy each), as many bundles as the 2,000-entry limit
 * needs, then the same bundles again (all unchanged), and prints the figures: wall time, and the
 * longest the event loop was held while the imports ran (what every bedside verdict would wait
 * behind, issue 16). Request bodies are serialised before the clock starts, so the loop figure is
 * the server's work, not the bench's.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startTestServer } from '../server/src/test/harness.js';
import { admissionBundle, fhir } from '../server/src/fhir/test/support.js';
import { bigBundle } from './fhir-admissions.js';

const patients = Number(process.argv[2] ?? 200);
const orders = Number(process.argv[3] ?? 2);
const perBundle = Math.floor((2000 - 3) / (3 + orders));
const server = await startTestServer();
try {
  const admin = await server.signIn('demo-admin');
  await fhir(server, 'POST', '', { token: admin, body: admissionBundle() }); // warms the R4 definitions
  const bodies: { raw: string; entries: number }[] = [];
  for (let first = 0; first < patients; first += perBundle) {
    const bundle = bigBundle(Math.min(perBundle, patients - first), orders, first);
    bodies.push({ raw: JSON.stringify(bundle), entries: bundle.entry!.length });
  }
  const entries = bodies.reduce((n, b) => n + b.entries, 0);
  const mb = bodies.reduce((n, b) => n + b.raw.length, 0) / 1e6;
  for (const label of ['first import', 'repeat (unchanged)']) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const t = performance.now();
    for (const { raw } of bodies) {
      const res = await fhir(server, 'POST', '', { token: admin, raw });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body).slice(0, 500));
      const failed = (res.body.entry as { response: { status: string } }[]).filter((e) => !/^20/.test(e.response.status)).length;
      if (failed) throw new Error(`${failed} entries failed: ${JSON.stringify(res.body.entry.find((e: { response: { status: string } }) => !/^20/.test(e.response.status)))}`);
    }
    const ms = performance.now() - t;
    loop.disable();
    console.log(
      `${label}: ${entries} entries in ${bodies.length} bundle(s) (${patients} patients × ${orders} orders, ${mb.toFixed(2)} MB) in ${ms.toFixed(0)} ms = ${((ms / entries) * 1000).toFixed(0)} µs/entry; ` +
        `longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`,
    );
  }
} finally {
  await server.close();
}
