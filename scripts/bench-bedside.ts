/*
 * npm run bench:bedside [-- --handhelds 200,1000 --seconds 10 --think-ms 500 --interference signin,labels,fhir
 *                          --flood-addresses 1 --fhir-patients 50 --server-cpu-prof DIR]
 *
 * For each count of handhelds (a fresh server and database each), N simulated handhelds (socket.io
 * clients in this process) run against the built server (dist/, as `npm start` runs it) in a child
 * process, with its own SQLite file. Phases, each --seconds long with the same clients and pacing
 * (think time ±50%), after a warm-up that is reported but not counted:
 *
 *  1. echo: a bare socket.io round trip that writes nothing (the network and socket.io floor);
 *  2. durable echo: one row appended to the same database through the same write batch and group
 *     commit, acknowledged after its WAL fsync, nothing else (the true floor of an acknowledged
 *     write; server/src/bench/durable-echo.ts, on only with WARDSCAN_BENCH_ECHO=on);
 *  3. verdicts: each handheld loops wristband → drug → administer (each event committed and its WAL
 *     fsynced before the ack);
 *  4. verdicts with interference: the same loop while the bench signs in with wrong passwords
 *     against existing accounts at the sign-in rate limit (never over it), has wristband and label
 *     sheet PDFs rendered back to back, and posts a FHIR transaction import of --fhir-patients;
 *  5. the loop with no think time, for the throughput ceiling.
 *
 * Prints p50/p99 per phase, verdict p99 ÷ echo p99 and ÷ durable-echo p99, verdict p99 with and
 * without interference, the server's CPU time per acknowledged event in each phase (its
 * process.cpuUsage() over `bench:stats`, every thread; the event loop's thread alone from
 * /proc/<pid>/task), and how late its event loop ran in each phase (a main-thread stall shows there
 * however loaded the machine is), then one summary line per count of handhelds.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ScanResponse, ServerToClientEvents } from '@wardscan/shared';
import { DEFAULTS } from '../server/src/config.js';
import type { GroupCommitWindow } from '../server/src/db/group-commit.js';
import { BENCH_DURABLE_ECHO, BENCH_STATS, type BenchStats } from '../server/src/bench/durable-echo.js';
import { startChildServer, exited, type ChildServer } from '../server/src/test/child-server.js';
import { bigBundle } from './fhir-admissions.js';
import { PACK, seedBenchWard } from './bench-ward.js';

const { values } = parseArgs({
  options: {
    /** One run (a fresh server and database) per count, in order. */
    handhelds: { type: 'string', default: '200,1000' },
    seconds: { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '500' },
    'warmup-seconds': { type: 'string', default: '5' },
    /** Which interference to run beside the bedside loop in phase 4: any of signin, labels, fhir (or none). */
    interference: { type: 'string', default: 'signin,labels,fhir' },
    /** Loopback addresses the sign-in flood comes from (127.0.0.2, …), each at the per-address rate limit. */
    'flood-addresses': { type: 'string', default: '1' },
    /** Patients in the FHIR transaction imported during the interference phase (5 entries each). */
    'fhir-patients': { type: 'string', default: '50' },
    /** Writes a V8 CPU profile of the server process into this directory (open it in Chrome DevTools). */
    'server-cpu-prof': { type: 'string' },
  },
});
const COUNTS = values.handhelds.split(',').map((n) => Number(n.trim())).filter((n) => n > 0);
const SECONDS = Number(values.seconds);
const THINK_MS = Number(values['think-ms']);
const WARMUP_SECONDS = Number(values['warmup-seconds']);
const INTERFERENCE = new Set(values.interference.split(',').map((s) => s.trim()).filter((s) => s && s !== 'none'));
for (const kind of INTERFERENCE) if (!['signin', 'labels', 'fhir'].includes(kind)) throw new Error(`--interference: unknown "${kind}" (signin, labels, fhir or none)`);
const FLOOD_ADDRESSES = Number(values['flood-addresses']);
const FHIR_PATIENTS = Number(values['fhir-patients']);
// The sign-in rate limit the child server runs with (it inherits this environment).
const LOGIN_LIMIT = {
  max: Number(process.env.WARDSCAN_LOGIN_RATE_LIMIT || DEFAULTS.loginRateLimit.max),
  windowMs: DEFAULTS.loginRateLimit.windowMs,
};

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Spread think time ±50% so the handhelds do not march in lockstep. */
const think = (ms: number) => (ms > 0 ? sleep(ms * (0.5 + Math.random())) : Promise.resolve());

/** The accounts the bench signs in as; the sign-in flood guesses at every other demo account. */
const SIGNED_IN = { nurse: 'demo-nurse', pharmacist: 'demo-pharmacist', admin: 'demo-admin' } as const;

function seed(dbFile: string, n: number): { wristbands: string[]; floodAccounts: string[] } {
  const { wristbands, repos, db } = seedBenchWard(dbFile, n);
  const signedIn: readonly string[] = Object.values(SIGNED_IN);
  const floodAccounts = repos.staff.demoSignIns().filter((u) => !signedIn.includes(u));
  db.close();
  return { wristbands, floodAccounts };
}

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
interface CpuMs {
  /** The whole server process: every thread (the fsyncs and scrypt on libuv's pool, workers, the checkpointer). */
  readonly all: number;
  /** Its main thread alone: the event loop every verdict waits on. */
  readonly main: number;
  /** This (bench) process: the simulated handhelds and the interference, for judging noise. */
  readonly bench: number;
}
/** CPU time used so far, in ms. A diagnostic from /proc: it reads, and changes no load. */
function cpuNow(pid: number | undefined): CpuMs | null {
  const all = cpuMsFrom(`/proc/${pid}/stat`);
  const main = cpuMsFrom(`/proc/${pid}/task/${pid}/stat`);
  const own = process.cpuUsage();
  return all === null || main === null ? null : { all, main, bench: (own.user + own.system) / 1000 };
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

function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (v: number) => +v.toFixed(2);
const largest = (xs: readonly number[]) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
function summary(label: string, samples: readonly number[], events: number, seconds: number): Record<string, string | number> {
  return { phase: label, events, 'events/s': Math.round(events / seconds), 'p50 ms': ms(percentile(samples, 50)), 'p99 ms': ms(percentile(samples, 99)), 'max ms': ms(largest(samples)) };
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

/**
 * emitWithAck, refused at once on a closed socket: socket.io-client would buffer the event for a
 * reconnection that never comes (reconnection is off), and the handheld would wait for ever.
 * A socket that closes with the event in flight rejects it itself.
 */
function ask(c: Client | Socket, event: string, payload: unknown): Promise<unknown> {
  if (!c.connected) return Promise.reject(new Error('socket has been disconnected'));
  return (c as Socket).emitWithAck(event, payload);
}

/** Handhelds whose socket the server closed (e.g. a ping timeout on an overloaded machine): they sit out the rest of the run. */
const dropped = new Map<Client, string>();
let phaseName = '';

async function runPhase(name: string, clients: Client[], seconds: number, step: (c: Client, i: number) => Promise<void>): Promise<void> {
  phaseName = name;
  console.error(`  ${new Date().toISOString().slice(11, 19)} ${name} (${seconds}s)`);
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c, i) => {
      await sleep(Math.random() * Math.max(THINK_MS, 50)); // staggered start
      while (performance.now() < end && !dropped.has(c)) {
        try {
          await step(c, i);
        } catch (err) {
          if (c.connected) throw err;
          dropped.set(c, `${name}: ${(err as Error).message}`);
        }
      }
    }),
  );
}

/** One HTTP request (node:http, so the flood can come from its own loopback address); the body is read and dropped. */
function httpRequest(
  origin: string,
  path: string,
  opts: { method?: string; token?: string; json?: unknown; localAddress?: string } = {},
): Promise<{ status: number; bytes: number }> {
  const body = opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json));
  const headers: Record<string, string | number> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (body) Object.assign(headers, { 'content-type': path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json', 'content-length': body.length });
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: opts.method ?? 'GET', headers, agent: false, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo-password' }) });
  if (res.status !== 201) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface InterferenceReport {
  /** Sign-in answers by HTTP status (401 wrong password, 423/403 locked, 429 over the rate limit: there should be none). */
  signIns: Record<string, number>;
  signInMs: number[];
  wristbands: number[];
  sheets: number[];
  pdfErrors: number;
  fhir: { status: number; ms: number; entries: number } | null;
}

/**
 * Interference for `seconds`: a sign-in flood at the rate limit from each of FLOOD_ADDRESSES
 * loopback addresses (wrong passwords for existing accounts, one every windowMs/max per address,
 * never more), wristband and label-sheet PDFs requested back to back (one of each in flight), and a
 * FHIR transaction import posted a quarter of the way in. Resolves once all it started has answered.
 */
async function interfere(
  origin: string,
  seconds: number,
  tokens: { nurse: string; pharmacist: string; admin: string },
  floodAccounts: readonly string[],
  handhelds: number,
): Promise<InterferenceReport> {
  const report: InterferenceReport = { signIns: {}, signInMs: [], wristbands: [], sheets: [], pdfErrors: 0, fhir: null };
  const end = performance.now() + seconds * 1000;
  const jobs: Promise<unknown>[] = [];

  if (INTERFERENCE.has('signin')) {
    const everyMs = (LOGIN_LIMIT.windowMs / LOGIN_LIMIT.max) * 1.02; // at the limit, a hair under it
    let guess = 0;
    for (let a = 0; a < FLOOD_ADDRESSES; a++) {
      const localAddress = `127.0.0.${2 + a}`;
      jobs.push(
        (async () => {
          await sleep((a * everyMs) / Math.max(FLOOD_ADDRESSES, 1));
          const attempts: Promise<void>[] = [];
          let sent = 0;
          // Never more than `max` from one address, whatever the window: under the limit by construction.
          while (performance.now() < end && sent < LOGIN_LIMIT.max) {
            const username = floodAccounts[guess++ % floodAccounts.length]!;
            const t0 = performance.now();
            sent++;
            attempts.push(
              httpRequest(origin, '/api/sessions', { method: 'POST', json: { username, password: `wrong-${randomUUID()}` }, localAddress }).then(({ status }) => {
                report.signIns[status] = (report.signIns[status] ?? 0) + 1;
                report.signInMs.push(performance.now() - t0);
              }),
            );
            await sleep(everyMs);
          }
          await Promise.all(attempts);
        })(),
      );
    }
  }

  if (INTERFERENCE.has('labels')) {
    const pdfLoop = async (path: (k: number) => string, token: string, into: number[]) => {
      for (let k = 0; performance.now() < end; k++) {
        const t0 = performance.now();
        const { status, bytes } = await httpRequest(origin, path(k), { token });
        if (status === 200 && bytes > 0) into.push(performance.now() - t0);
        else report.pdfErrors++;
      }
    };
    jobs.push(pdfLoop((k) => `/api/patients/bench-patient-${k % handhelds}/wristband.pdf`, tokens.nurse, report.wristbands));
    jobs.push(pdfLoop(() => '/api/labels/demo-ward.pdf', tokens.pharmacist, report.sheets));
  }

  if (INTERFERENCE.has('fhir')) {
    const bundle = bigBundle(FHIR_PATIENTS);
    jobs.push(
      (async () => {
        await sleep((seconds * 1000) / 4);
        const t0 = performance.now();
        const { status } = await httpRequest(origin, '/fhir/r4', { method: 'POST', token: tokens.admin, json: bundle });
        report.fhir = { status, ms: performance.now() - t0, entries: bundle.entry?.length ?? 0 };
      })(),
    );
  }

  await Promise.all(jobs);
  return report;
}

interface Row {
  handhelds: number;
  echoP99: number;
  durableP99: number;
  verdictP99: number;
  interferedP99: number;
  cpu: Record<string, string>;
  loopMax: Record<string, number>;
  /** Handhelds whose socket was dropped during the run (and the phase it happened in). */
  lost: string;
}

async function benchAt(n: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-bench-'));
  const dbFile = join(dir, 'bench.db');
  const { wristbands, floodAccounts } = seed(dbFile, n);
  const profDir = values['server-cpu-prof'];
  // The built server, as `npm start` runs it (the script builds it first), with the durable echo on.
  const server = await startChildServer({ WARDSCAN_DB: dbFile, LOG_LEVEL: 'info', WARDSCAN_BENCH_ECHO: 'on' }, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [], 'built');
  const origin = `http://127.0.0.1:${server.port}`;
  const tokens = { nurse: await signIn(origin, SIGNED_IN.nurse), pharmacist: await signIn(origin, SIGNED_IN.pharmacist), admin: await signIn(origin, SIGNED_IN.admin) };

  const clients: Client[] = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Client>((resolve, reject) => {
          const s: Client = connect(origin, { auth: { token: tokens.nurse }, transports: ['websocket'], reconnection: false, forceNew: true });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
          s.on('disconnect', (reason) => {
            if (!dropped.has(s)) dropped.set(s, `${phaseName}: ${reason}`);
          });
        }),
    ),
  );
  // Asks the server for its CPU time and event-loop delay at each phase boundary (not one of the handhelds).
  const statsClient: Socket = connect(origin, { auth: { token: tokens.nurse }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    statsClient.once('connect', () => resolve());
    statsClient.once('connect_error', reject);
  });
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\n=== ${n} handhelds ===`);
  console.log(`load average before: ${load()} (figures are only comparable on an otherwise idle machine)`);
  console.log(`bench:bedside: ${n} handhelds connected to a child server (port ${server.port}), ${SECONDS}s per phase, think time ${THINK_MS} ms ±50%`);

  // The bedside loop, paced like nurses; its samples go where the phase says.
  let verdicts: number[] = [];
  let administrations: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const loop = (pace: number) => async (c: Client, i: number) => {
    const deviceId = `bench-${i}`;
    let t0 = performance.now();
    await ask(c, 'scan', { deviceId, eventId: randomUUID(), raw: wristbands[i]!, source: 'camera' });
    verdicts.push(performance.now() - t0);
    await think(pace);
    t0 = performance.now();
    const drug = (await ask(c, 'scan', { deviceId, eventId: randomUUID(), raw: PACK, source: 'camera' })) as ScanResponse;
    verdicts.push(performance.now() - t0);
    await think(pace);
    t0 = performance.now();
    // Omeprazole is as needed here, so the nurse says what for (servers that do not ask ignore it).
    const dose = { deviceId, eventId: randomUUID(), productScanEventId: drug.eventId, prescriptionId: `bench-rx-${i}`, indication: 'dyspepsia' };
    const given = await ask(c, 'administer', dose);
    administrations.push(performance.now() - t0);
    if ('error' in (given as object)) {
      errors++;
      firstError ??= JSON.stringify((given as { error: unknown }).error).slice(0, 300);
    }
    await think(pace);
  };
  const fresh = () => {
    const taken = { verdicts, administrations, errors };
    verdicts = [];
    administrations = [];
    errors = 0;
    return taken;
  };

  // Warm-up, not measured: the first seconds JIT-compile the check path and fill SQLite's caches.
  await runPhase('warm-up', clients, WARMUP_SECONDS, loop(THINK_MS));
  const warmed = fresh();
  const warm = summary('warm-up (not counted)', warmed.verdicts, warmed.verdicts.length + warmed.administrations.length, WARMUP_SECONDS);

  const cpu: (CpuMs | null)[] = [];
  const stats: (BenchStats | null)[] = [];
  const mark = async () => {
    cpu.push(cpuNow(server.child.pid));
    stats.push((await ask(statsClient, BENCH_STATS, null).catch(() => null)) as BenchStats | null);
  };

  // Phase 1, the network floor: a bare echo, same clients, same pacing.
  const echo: number[] = [];
  await groupCommitWindow(server); // forget the warm-up
  await mark();
  await runPhase('echo', clients, SECONDS, async (c) => {
    const t0 = performance.now();
    await ask(c, 'echo', { deviceId: 'x', eventId: randomUUID(), raw: PACK, source: 'scanner' });
    echo.push(performance.now() - t0);
    await think(THINK_MS);
  });
  await mark();
  await groupCommitWindow(server); // the echo writes nothing

  // Phase 2, the durable floor: one row through the same batch, group commit and fsync; nothing else.
  const durable: number[] = [];
  let durableErrors = 0;
  await runPhase('durable echo', clients, SECONDS, async (c) => {
    const t0 = performance.now();
    const answer = await ask(c, BENCH_DURABLE_ECHO, { deviceId: 'x', eventId: randomUUID(), raw: PACK, source: 'scanner' });
    durable.push(performance.now() - t0);
    if (answer && typeof answer === 'object' && 'error' in answer) durableErrors++;
    await think(THINK_MS);
  });
  await mark();
  const durableCommits = await groupCommitWindow(server);

  // Phase 3, verdicts.
  await runPhase('verdicts', clients, SECONDS, loop(THINK_MS));
  await mark();
  const pacedCommits = await groupCommitWindow(server);
  const paced = fresh();

  // Phase 4, verdicts with interference; what the interference started is finished before the next phase.
  const [, report] = await Promise.all([runPhase('verdicts with interference', clients, SECONDS, loop(THINK_MS)), interfere(origin, SECONDS, tokens, floodAccounts, n)]);
  await mark();
  const interferedCommits = await groupCommitWindow(server);
  const interfered = fresh();

  // Phase 5: no think time, for the throughput ceiling.
  const ceilingSeconds = Math.min(SECONDS, 10);
  await runPhase('no think time', clients, ceilingSeconds, loop(0));
  await mark();
  const ceilingCommits = await groupCommitWindow(server);
  const ceiling = fresh();

  const interferenceLabel = `verdict: scan (paced, with ${[...INTERFERENCE].join('+') || 'no'} interference)`;
  console.table([
    warm,
    summary('echo (paced)', echo, echo.length, SECONDS),
    summary('durable echo (paced)', durable, durable.length, SECONDS),
    summary('verdict: scan (paced)', paced.verdicts, paced.verdicts.length + paced.administrations.length, SECONDS),
    summary('administer (paced)', paced.administrations, paced.administrations.length, SECONDS),
    summary(interferenceLabel, interfered.verdicts, interfered.verdicts.length + interfered.administrations.length, SECONDS),
    summary('administer (paced, with interference)', interfered.administrations, interfered.administrations.length, SECONDS),
    summary('verdict: scan (no think time)', ceiling.verdicts, ceiling.verdicts.length + ceiling.administrations.length, ceilingSeconds),
    summary('administer (no think time)', ceiling.administrations, ceiling.administrations.length, ceilingSeconds),
  ]);
  const row: Row = {
    handhelds: n,
    echoP99: percentile(echo, 99),
    durableP99: percentile(durable, 99),
    verdictP99: percentile(paced.verdicts, 99),
    interferedP99: percentile(interfered.verdicts, 99),
    cpu: {},
    loopMax: {},
    lost: '0',
  };
  console.log(
    `verdict p99 ÷ echo p99 = ${(row.verdictP99 / row.echoP99).toFixed(2)}×; verdict p99 ÷ durable-echo p99 = ${(row.verdictP99 / row.durableP99).toFixed(2)}× ` +
      `(p99: verdict ${ms(row.verdictP99)} ms, echo ${ms(row.echoP99)} ms, durable echo ${ms(row.durableP99)} ms)`,
  );
  console.log(
    `verdict p99 with interference ${ms(row.interferedP99)} ms vs without ${ms(row.verdictP99)} ms = ${(row.interferedP99 / row.verdictP99).toFixed(2)}× (goal ≤ 1.5×)`,
  );
  const signInSummary = Object.entries(report.signIns).map(([status, count]) => `${count}× ${status}`).join(', ') || 'none';
  const spread = (xs: number[]) => (xs.length ? `p50 ${Math.round(percentile(xs, 50))} / max ${Math.round(largest(xs))} ms` : '-');
  console.log(
    `interference: sign-ins from ${FLOOD_ADDRESSES} address(es) at ${LOGIN_LIMIT.max}/${LOGIN_LIMIT.windowMs / 1000}s each: ${signInSummary} (${spread(report.signInMs)}); ` +
      `wristband PDFs ${report.wristbands.length} (${spread(report.wristbands)}), label sheets ${report.sheets.length} (${spread(report.sheets)}), PDF errors ${report.pdfErrors}; ` +
      `FHIR import ${report.fhir ? `${report.fhir.entries} entries → ${report.fhir.status} in ${Math.round(report.fhir.ms)} ms` : 'not run'}`,
  );
  if (report.signIns['429']) console.log('WARNING: the sign-in flood went over the rate limit (429s): those attempts cost the server almost nothing');
  console.log(
    `errors: administrations paced ${paced.errors}, with interference ${interfered.errors}, no-think ${ceiling.errors}; durable echo ${durableErrors}` +
      (firstError ? `; the first administration error: ${firstError}` : ''),
  );

  if (stats.includes(null)) console.log('(the server stats socket was dropped: no CPU or event-loop figures for this count)');
  else {
    const proc = cpu.includes(null) ? null : (cpu as CpuMs[]);
    const phases: [string, number, number, number, number][] = [
      // name, index of the mark before it, acks, verdicts (scans), seconds
      ['echo', 0, echo.length, echo.length, SECONDS],
      ['durable echo', 1, durable.length, durable.length, SECONDS],
      ['verdict (paced)', 2, paced.verdicts.length + paced.administrations.length, paced.verdicts.length, SECONDS],
      ['verdict (with interference)', 3, interfered.verdicts.length + interfered.administrations.length, interfered.verdicts.length, SECONDS],
      ['verdict (no think time)', 4, ceiling.verdicts.length + ceiling.administrations.length, ceiling.verdicts.length, ceilingSeconds],
    ];
    const cpuMs = (s: BenchStats) => (s.cpuMicros.user + s.cpuMicros.system) / 1000;
    const us = (ms: number, count: number) => Math.round((ms * 1000) / Math.max(count, 1));
    console.table(
      phases.map(([phase, k, acks, scans, secs]) => {
        const serverMs = cpuMs(stats[k + 1]!) - cpuMs(stats[k]!);
        const loop = stats[k + 1]!.eventLoopDelayMs;
        row.cpu[phase] = `${us(serverMs, acks)}`;
        row.loopMax[phase] = loop.max;
        return {
          phase,
          acks,
          'server CPU µs/ack': us(serverMs, acks),
          'µs/verdict (÷ scans only)': us(serverMs, scans),
          'event loop µs/ack': proc ? us(proc[k + 1]!.main - proc[k]!.main, acks) : '-',
          'server CPU %': Math.round((serverMs / (secs * 1000)) * 100),
          'bench CPU %': proc ? Math.round(((proc[k + 1]!.bench - proc[k]!.bench) / (secs * 1000)) * 100) : '-',
          'loop delay p99 ms': loop.p99,
          'loop delay max ms': loop.max,
        };
      }),
    );
    console.log(
      "server CPU: the server's process.cpuUsage() (every thread) over the phase ÷ its acknowledged events; a verdict phase acks scans and administrations, " +
        'and the interference phase includes the interference work. Event loop: its main thread alone (/proc, 10 ms ticks). ' +
        'Loop delay: how late the server\'s event loop ran during the phase (monitorEventLoopDelay): a stall of the main thread shows as its max.',
    );
  }
  const lost = [...dropped.entries()].filter(([c]) => clients.includes(c)).map(([, why]) => why);
  if (lost.length) row.lost = `${lost.length} (from ${lost[0]!.split(':')[0]})`;
  if (lost.length) console.log(`WARNING: ${lost.length} of ${n} handhelds lost their socket and sat out the rest of the run (first: ${lost[0]}); the figures after that count fewer handhelds`);
  console.log(describeWindow('group commit (durable echo)', durableCommits));
  console.log(describeWindow('group commit (paced)', pacedCommits));
  console.log(describeWindow('group commit (with interference)', interferedCommits));
  console.log(describeWindow('group commit (no think time)', ceilingCommits));
  console.log(`load average after: ${load()}`);

  for (const c of clients) c.disconnect();
  statsClient.disconnect();
  server.child.kill('SIGTERM');
  await exited(server.child);
  rmSync(dir, { recursive: true, force: true });
  return row;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const n of COUNTS) rows.push(await benchAt(n));
  console.log(`\nSummary (paced at ${THINK_MS} ms ±50%, ${SECONDS}s phases; interference: ${[...INTERFERENCE].join(', ') || 'none'})`);
  console.table(
    rows.map((r) => ({
      handhelds: r.handhelds,
      'echo p99': ms(r.echoP99),
      'durable echo p99': ms(r.durableP99),
      'verdict p99': ms(r.verdictP99),
      'verdict ÷ echo': +(r.verdictP99 / r.echoP99).toFixed(2),
      'verdict ÷ durable echo': +(r.verdictP99 / r.durableP99).toFixed(2),
      'verdict p99 with interference': ms(r.interferedP99),
      'with ÷ without (≤ 1.5)': +(r.interferedP99 / r.verdictP99).toFixed(2),
      'CPU µs/ack echo': r.cpu['echo'] ?? '-',
      'durable echo': r.cpu['durable echo'] ?? '-',
      verdict: r.cpu['verdict (paced)'] ?? '-',
      'verdict + interference': r.cpu['verdict (with interference)'] ?? '-',
      'loop stall max ms, verdicts': r.loopMax['verdict (paced)'] ?? '-',
      'with interference': r.loopMax['verdict (with interference)'] ?? '-',
      'sockets lost': r.lost,
    })),
  );
  console.log('events are acknowledged only once on disk (committed, then its WAL fsynced by the group commit); echo writes nothing.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
