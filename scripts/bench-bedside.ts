/*
 * npm run bench:bedside [-- --handhelds 200 --seconds 20 --think-ms 500 --server-cpu-prof DIR]
 *
 * N simulated handhelds (socket.io clients in this process) each loop
 * wristband → drug → administer against the built server (dist/, as `npm start` runs it) in a child process
 * (its own SQLite file; each event committed and its WAL fsynced before the ack). Prints p50/p99
 * verdict latency and events/s, and in the same run a bare socket.io `echo`
 * with the same clients and pacing as the floor; then the same loop with no
 * think time for the throughput ceiling. A warm-up of the bedside loop runs
 * first and is reported but not counted.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ScanResponse, ServerToClientEvents } from '@wardscan/shared';
import { patientGsrn } from '@wardscan/shared';
import { openDatabase, migrate } from '../server/src/db/database.js';
import { createRepositories } from '../server/src/repositories.js';
import { seedDemoWard } from '../server/src/fixtures/demo-ward.js';
import type { GroupCommitWindow } from '../server/src/db/group-commit.js';
import { startChildServer, exited, type ChildServer } from '../server/src/test/child-server.js';

const { values } = parseArgs({
  options: {
    handhelds: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '500' },
    'warmup-seconds': { type: 'string', default: '5' },
    /** Writes a V8 CPU profile of the server process into this directory (open it in Chrome DevTools). */
    'server-cpu-prof': { type: 'string' },
  },
});
const N = Number(values.handhelds);
const SECONDS = Number(values.seconds);
const THINK_MS = Number(values['think-ms']);
const WARMUP_SECONDS = Number(values['warmup-seconds']);

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Spread think time ±50% so the handhelds do not march in lockstep. */
const think = (ms: number) => (ms > 0 ? sleep(ms * (0.5 + Math.random())) : Promise.resolve());

function nhsNumber(i: number): string {
  for (let k = i * 10; ; k++) {
    const stem = `9998${String(k).padStart(5, '0')}`;
    const sum = [...stem].reduce((s, d, j) => s + Number(d) * (10 - j), 0);
    const c = 11 - (sum % 11);
    if (c !== 10) return stem + (c === 11 ? '0' : String(c));
  }
}

/**
 * One patient per handheld, each with omeprazole 20 mg (its dm+d VMP, fixtures/dmd) as needed with no
 * minimum interval, so every loop can give a dose: omeprazole has no 24-hour maximum that would stop it.
 */
function seed(dbFile: string): { wristbands: string[] } {
  const db = openDatabase(dbFile);
  migrate(db);
  const repos = createRepositories(db);
  seedDemoWard(repos, { passwordHashCost: 16384, now: new Date() });
  const wristbands: string[] = [];
  const used = new Set<string>();
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      let nhs = nhsNumber(i);
      while (used.has(nhs)) nhs = nhsNumber(i + 100_000 + used.size);
      used.add(nhs);
      const gsrn = patientGsrn('5099999', nhs);
      const id = `bench-patient-${i}`;
      repos.patients.insert({ id, nhsNumber: nhs, wristbandGsrn: gsrn, mrn: null, familyName: `Bench${i}`, givenName: 'Handheld', birthDate: '1960-01-01', wardId: 'ward-7b', bedId: null, allergies: [], allergyStatus: 'nkda' });
      repos.prescriptions.insert({ id: `bench-rx-${i}`, patientId: id, drug: 'Omeprazole 20mg gastro-resistant capsules', medicationCode: '42356411000001102', productId: null, dose: { value: '20', unit: 'mg' }, route: 'oral', schedule: { kind: 'prn', minIntervalMinutes: 0, maxDailyDose: null }, startsAt: '2026-01-01T00:00:00.000Z', stopsAt: null });
      wristbands.push(`8018${gsrn}`);
    }
  })();
  db.close();
  return { wristbands };
}

// An omeprazole 20 mg pack (demo GTIN, mapped to its AMPP in fixtures/dmd).
const PACK = '01050999970001431735123110OM2611A\u001d21SN100001';

/** User + system CPU time in ms from a /proc stat file, or null where there is none. */
function cpuMsFrom(statFile: string): number | null {
  try {
    const stat = readFileSync(statFile, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}
/**
 * CPU time the server has used so far, in ms: the whole process (every thread: the fsyncs on
 * libuv's pool, the checkpointer) and its main thread (the event loop) alone. A diagnostic from
 * /proc: it reads, and changes no load.
 */
function serverCpuMs(pid: number | undefined): { all: number; main: number } | null {
  const all = cpuMsFrom(`/proc/${pid}/stat`);
  const main = cpuMsFrom(`/proc/${pid}/task/${pid}/stat`);
  return all === null || main === null ? null : { all, main };
}
let ticks: number | undefined;
function clockTicks(): number {
  try {
    ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticks = 100;
  }
  return ticks;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(label: string, samples: number[], events: number, seconds: number): Record<string, string | number> {
  const s = [...samples].sort((a, b) => a - b);
  return { phase: label, events, 'events/s': Math.round(events / seconds), 'p50 ms': +percentile(s, 50).toFixed(2), 'p99 ms': +percentile(s, 99).toFixed(2), 'max ms': +(s.at(-1) ?? NaN).toFixed(2) };
}

/** The server's group-commit figures since the last call (main.ts logs them on SIGUSR2). */
async function groupCommitWindow(server: ChildServer): Promise<GroupCommitWindow> {
  const isFigures = (line: string) => line.includes('"msg":"group commit figures"');
  const before = server.logs.filter(isFigures).length;
  server.child.kill('SIGUSR2');
  for (let waited = 0; waited < 5000; waited += 10) {
    const lines = server.logs.filter(isFigures);
    if (lines.length > before) return (JSON.parse(lines.at(-1)!) as { groupCommit: GroupCommitWindow }).groupCommit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the server did not log its group commit figures');
}

const describeWindow = (label: string, w: GroupCommitWindow): string =>
  `${label}: ${w.commits} commits in ${w.syncs} fsyncs; fsync p50 ${w.fsyncMs.p50} / p99 ${w.fsyncMs.p99} / max ${w.fsyncMs.max} ms; ` +
  `after its commit a write waited for its fsync p50 ${w.waitMs.p50} / p99 ${w.waitMs.p99} / max ${w.waitMs.max} ms`;

async function runPhase(clients: Client[], seconds: number, step: (c: Client, i: number) => Promise<void>): Promise<void> {
  const end = performance.now() + seconds * 1000;
  await Promise.all(clients.map(async (c, i) => {
    await sleep(Math.random() * Math.max(THINK_MS, 50)); // staggered start
    while (performance.now() < end) await step(c, i);
  }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-bench-'));
  const dbFile = join(dir, 'bench.db');
  const { wristbands } = seed(dbFile);
  const profDir = values['server-cpu-prof'];
  // The built server, as `npm start` runs it (the script builds it first).
  const server = await startChildServer({ WARDSCAN_DB: dbFile, LOG_LEVEL: 'info' }, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [], 'built');
  const origin = `http://127.0.0.1:${server.port}`;
  const res = await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-nurse', password: 'demo-password' }) });
  const { token } = (await res.json()) as { token: string };

  const clients: Client[] = await Promise.all(
    Array.from({ length: N }, () => new Promise<Client>((resolve, reject) => {
      const s: Client = connect(origin, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    })),
  );
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`load average before: ${load()} (figures are only comparable on an otherwise idle machine)`);
  console.log(`bench:bedside: ${N} handhelds connected to a child server (port ${server.port}), ${SECONDS}s per phase, think time ${THINK_MS} ms ±50%`);

  // Phase 2: the bedside loop, paced like nurses.
  const verdicts: number[] = [];
  const administrations: number[] = [];
  let errors = 0;
  const loop = (pace: number) => async (c: Client, i: number) => {
    const deviceId = `bench-${i}`;
    let t0 = performance.now();
    await c.emitWithAck('scan', { deviceId, eventId: randomUUID(), raw: wristbands[i]!, source: 'camera' });
    verdicts.push(performance.now() - t0);
    await think(pace);
    t0 = performance.now();
    const drug = (await c.emitWithAck('scan', { deviceId, eventId: randomUUID(), raw: PACK, source: 'camera' })) as ScanResponse;
    verdicts.push(performance.now() - t0);
    await think(pace);
    t0 = performance.now();
    const given = await c.emitWithAck('administer', { deviceId, eventId: randomUUID(), productScanEventId: drug.eventId, prescriptionId: `bench-rx-${i}` });
    administrations.push(performance.now() - t0);
    if ('error' in (given as object)) errors++;
    await think(pace);
  };
  // Warm-up, not measured: the first seconds JIT-compile the check path and fill SQLite's caches.
  await runPhase(clients, WARMUP_SECONDS, loop(THINK_MS));
  const warm = summary('warm-up (not counted)', verdicts, verdicts.length + administrations.length, WARMUP_SECONDS);
  verdicts.length = 0;
  administrations.length = 0;
  errors = 0;

  // The floor, measured between warm-up and the bedside phase. A bare echo, same clients, same pacing.
  const echo: number[] = [];
  await groupCommitWindow(server); // forget the warm-up
  const cpu = [serverCpuMs(server.child.pid)];
  await runPhase(clients, SECONDS, async (c) => {
    const t0 = performance.now();
    await c.emitWithAck('echo', { deviceId: 'x', eventId: randomUUID(), raw: PACK, source: 'scanner' });
    echo.push(performance.now() - t0);
    await think(THINK_MS);
  });
  cpu.push(serverCpuMs(server.child.pid));

  await groupCommitWindow(server); // the echo writes nothing
  await runPhase(clients, SECONDS, loop(THINK_MS));
  cpu.push(serverCpuMs(server.child.pid));
  const pacedCommits = await groupCommitWindow(server);
  const paced = { verdicts: [...verdicts], administrations: [...administrations], errors };

  // Phase 3: no think time, for the throughput ceiling.
  verdicts.length = 0;
  administrations.length = 0;
  errors = 0;
  const ceilingSeconds = Math.min(SECONDS, 10);
  await runPhase(clients, ceilingSeconds, loop(0));
  cpu.push(serverCpuMs(server.child.pid));
  const ceilingCommits = await groupCommitWindow(server);

  console.table([
    warm,
    summary('echo (floor, paced)', echo, echo.length, SECONDS),
    summary('verdict: scan (paced)', paced.verdicts, paced.verdicts.length + paced.administrations.length, SECONDS),
    summary('administer (paced)', paced.administrations, paced.administrations.length, SECONDS),
    summary('verdict: scan (no think time)', verdicts, verdicts.length + administrations.length, ceilingSeconds),
    summary('administer (no think time)', administrations, administrations.length, ceilingSeconds),
  ]);
  const echoP99 = percentile([...echo].sort((a, b) => a - b), 99);
  const verdictP99 = percentile([...paced.verdicts].sort((a, b) => a - b), 99);
  console.log(`verdict p99 / echo p99 (paced) = ${(verdictP99 / echoP99).toFixed(2)}× (target ≤ 2×); administration errors: paced ${paced.errors}, no-think ${errors}`);
  if (!cpu.includes(null)) {
    const [a, b, c, d] = cpu as { all: number; main: number }[];
    const perEvent = (from: { all: number; main: number }, to: { all: number; main: number }, events: number) =>
      `${Math.round(((to.all - from.all) * 1000) / Math.max(events, 1))} µs (event loop ${Math.round(((to.main - from.main) * 1000) / Math.max(events, 1))} µs)`;
    console.log(
      `server CPU per event (user+system from /proc; all threads, then the main thread): echo ${perEvent(a!, b!, echo.length)}, ` +
        `bedside paced ${perEvent(b!, c!, paced.verdicts.length + paced.administrations.length)}, ` +
        `no think time ${perEvent(c!, d!, verdicts.length + administrations.length)}`,
    );
  }
  console.log(describeWindow('group commit (paced)', pacedCommits));
  console.log(describeWindow('group commit (no think time)', ceilingCommits));
  console.log(`load average after: ${load()}`);
  console.log('events/s counts every acknowledged scan and administration, each on disk before its ack (committed, then its WAL fsynced by the group commit).');

  for (const c of clients) c.disconnect();
  server.child.kill('SIGTERM');
  await exited(server.child);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
