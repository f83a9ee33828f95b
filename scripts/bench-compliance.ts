/*
 * Compliance report time (issue 15): `npm run bench:compliance -- [wards] [days]`
 * (default 30 wards of 30 beds over 90 days, about a million doses given)
 * boots the real app on a temp SQLite file, writes a generated trust through
 * the repositories (the same generator as the compliance tests: every dose's
 * fate chosen, rows copied from a real scan and administration, a wristband
 * scan per patient round), then times the compliance queries over HTTP as a
 * browser would call them, and prints the database size.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { addDays } from '../server/src/domain/ward-time.js';
import { generateTrust } from '../server/src/metrics/test/generate-trust.js';
import { captureTemplates } from '../server/src/metrics/test/templates.js';
import { MORNING, startTestServer } from '../server/src/test/harness.js';

const wards = Number(process.argv[2] ?? 30);
const days = Number(process.argv[3] ?? 90);
const today = MORNING.slice(0, 10);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const size = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

const server = await startTestServer({ doseWindowMinutes: 60 });
try {
  const templates = await captureTemplates(server);
  const t0 = performance.now();
  const plan = Array.from({ length: wards }, (_, i) => ({ id: `ward-bench-${String(i + 1).padStart(2, '0')}`, name: `Bench Ward ${i + 1}`, beds: 30 }));
  const gen = generateTrust(server.wardscan.repos, {
    wards: plan,
    timeZone: 'Europe/London',
    from: addDays(today, -(days - 1)),
    days,
    now: new Date(MORNING),
    windowMinutes: 60,
    seed: 2026,
    staffId: 'staff-demo-nurse',
    templates,
    ordersPerPatient: [5, 8],
    timesPerOrder: [2, 4],
    bandScans: true,
    keepTruth: false,
  });
  const db = server.wardscan.repos.db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(
    `generated ${wards} wards × 30 beds × ${days} days in ${((performance.now() - t0) / 1000).toFixed(0)} s: ` +
      `${gen.administrations.toLocaleString('en-GB')} doses given, ${gen.omissions.toLocaleString('en-GB')} not given, ${gen.scans.toLocaleString('en-GB')} scans`,
  );
  console.log(`database: ${mb(size(server.dbFile))} (+ WAL ${mb(size(`${server.dbFile}-wal`))}) at ${server.dbFile}`);
  const biggest = db
    .prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8')
    .all()
    .map((t) => `${t.name} ${mb(t.bytes)}`);
  console.log(`largest tables and indexes: ${biggest.join(', ')}`);
  // Generating held the event loop for minutes: let the client see its idle sockets closed.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const admin = await server.signIn('demo-admin');
  const timed = async (label: string, path: string, runs = 3) => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await server.api('GET', path, { token: admin });
      ms.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      bytes = typeof res.body === 'string' ? res.body.length : JSON.stringify(res.body).length;
    }
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`${label.padEnd(44)} first ${ms[0]?.toFixed(0)} ms, median of ${runs} ${sorted[Math.floor(runs / 2)]?.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KB)`);
  };
  const one = plan[0]?.id ?? 'ward-bench-01';
  // The report runs on its own thread: a bedside request made meanwhile is answered at once.
  {
    const t = performance.now();
    const report = server.api('GET', `/metrics/trust/compliance?days=${days}&to=${today}`, { token: admin }).then(() => performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const h = performance.now();
    await server.api('GET', '/health');
    const healthMs = performance.now() - h;
    console.log(`during a ${days}-day trust report (${(await report).toFixed(0)} ms), GET /api/health answered in ${healthMs.toFixed(0)} ms`);
  }
  await timed(`trust view, ${days} days (all ${wards} wards)`, `/metrics/trust/compliance?days=${days}&to=${today}`);
  await timed('trust view, 14 days', `/metrics/trust/compliance?days=14&to=${today}`);
  await timed(`trust CSV, ${days} days`, `/metrics/trust/compliance?days=${days}&to=${today}&format=csv`);
  await timed(`trust MeasureReport, ${days} days`, `/metrics/trust/measure-report?days=${days}&to=${today}`);
  await timed(`one ward, ${days} days (days and shifts)`, `/metrics/ward/${one}/compliance?from=${addDays(today, -(days - 1))}&to=${today}`);
  await timed('one ward, 14 days', `/metrics/ward/${one}/compliance?from=${addDays(today, -13)}&to=${today}`);
  const check = await server.api('GET', `/metrics/trust/compliance?days=${days}&to=${today}`, { token: admin });
  const given = (check.body.wards as { total: { counts: { given: number } } }[]).reduce((s, w) => s + w.total.counts.given, 0);
  console.log(`doses given in the ${days}-day trust view: ${given.toLocaleString('en-GB')}`);
} finally {
  await server.close();
}
