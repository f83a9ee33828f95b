/*
 * npm run bench:verdict [-- --patients 200 --loops 3000 --cpu-prof FILE]
 *
 * The event-loop work behind one bedside ack, alone: what bench:bedside's verdict phases pay per
 * event, without sockets, fsync, pacing or a second process, so a change to the check shows in
 * a few seconds. In this process, on a fresh SQLite file (the demo ward and one bench patient per
 * handheld, scripts/bench-ward.ts), each loop does what the socket handler does for a wristband,
 * a pack and a confirmation: authenticate the session, then record the event in one transaction
 * (no fsync: the group commit's is measured by bench:fsync and bench:bedside). Prints µs per event
 * for each step (median and p99 of per-event times, and the mean from the total), after a warm-up.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { ScanResponse } from '@wardscan/shared';
import { DEFAULTS, type ServerConfig } from '../server/src/config.js';
import { authenticate } from '../server/src/auth/service.js';
import { newToken } from '../server/src/auth/passwords.js';
import { recordScan } from '../server/src/scans/service.js';
import { recordAdministration } from '../server/src/administrations/service.js';
import { PACK, seedBenchWard } from './bench-ward.js';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '200' },
    loops: { type: 'string', default: '3000' },
    /** Writes a V8 CPU profile of the measured loops to this file (open it in Chrome DevTools). */
    'cpu-prof': { type: 'string' },
  },
});
const PATIENTS = Number(values.patients);
const LOOPS = Number(values.loops);
const WARMUP = Math.min(500, LOOPS);

const dir = mkdtempSync(join(tmpdir(), 'wardscan-bench-verdict-'));
const { wristbands, repos, db } = seedBenchWard(join(dir, 'ward.db'), PATIENTS);
// The server's settings for the WAL; synchronous=OFF here because this bench leaves fsync out on purpose.
db.pragma('synchronous = OFF');
const config: ServerConfig = { ...DEFAULTS, nhsCompanyPrefixes: [...DEFAULTS.nhsCompanyPrefixes], gsSubstitutes: [], dbFile: join(dir, 'ward.db'), clientDir: null, now: () => new Date(), logger: pino({ level: 'silent' }) };
const nurse = repos.staff.byUsername('demo-nurse')!;
const { token, tokenHash } = newToken();
repos.sessions.create({ tokenHash, staffId: nurse.id, expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString() }, new Date().toISOString());

type Step = 'wristband' | 'pack' | 'administer';
const samples: Record<Step, number[]> = { wristband: [], pack: [], administer: [] };
const env = () => ({ repos, config, user: authenticate(repos, config, token).user, now: config.now() });
const timed = <T>(step: Step, keep: boolean, run: () => T): T => {
  const t0 = performance.now();
  const result = run();
  if (keep) samples[step].push((performance.now() - t0) * 1000);
  return result;
};

function loop(i: number, keep: boolean): void {
  const k = i % PATIENTS;
  const deviceId = `bench-${k}`;
  timed('wristband', keep, () => recordScan(env(), { deviceId, eventId: randomUUID(), raw: wristbands[k]!, source: 'camera' }));
  const pack = timed('pack', keep, () => recordScan(env(), { deviceId, eventId: randomUUID(), raw: PACK, source: 'camera' })).response as ScanResponse;
  const given = timed('administer', keep, () =>
    recordAdministration(env(), { deviceId, eventId: randomUUID(), productScanEventId: pack.eventId, prescriptionId: `bench-rx-${k}`, indication: 'dyspepsia' }),
  );
  if (!('administration' in given.response)) throw new Error(`bench-verdict: the dose was not recorded: ${JSON.stringify(given.response).slice(0, 300)}`);
}

for (let i = 0; i < WARMUP; i++) loop(i, false);

const profiler = values['cpu-prof'] ? new Session() : null;
const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => profiler!.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
if (profiler) {
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const started = performance.now();
for (let i = 0; i < LOOPS; i++) loop(WARMUP + i, true);
const elapsedMs = performance.now() - started;
if (profiler) {
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(values['cpu-prof']!, JSON.stringify(profile));
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const row = (step: Step) => ({ step, events: samples[step].length, 'median µs': Math.round(pct(samples[step], 0.5)), 'p99 µs': Math.round(pct(samples[step], 0.99)) });
console.log(`bench:verdict: ${LOOPS} loops (wristband → pack → administer) over ${PATIENTS} patients after ${WARMUP} warm-up loops, in-process, no fsync`);
console.table((['wristband', 'pack', 'administer'] as const).map(row));
console.log(`mean per event: ${Math.round((elapsedMs * 1000) / (3 * LOOPS))} µs (authenticate + record, each in its own transaction)`);
db.close();
rmSync(dir, { recursive: true, force: true });
