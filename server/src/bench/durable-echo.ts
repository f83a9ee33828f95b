import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';
import type { WriteBatch } from '../scans/write-batch.js';

/*
 * bench:bedside's durable echo (issue 16, "Measure the verdict against its true floor").
 *
 * With WARDSCAN_BENCH_ECHO=on, and only then, each socket also answers
 * `bench:durable-echo`: the payload is appended as one row to a table of its
 * own (bench_echo, created on first use in the bench's throwaway database),
 * through the very write batch and group commit the bedside writes use, and
 * acknowledged only once that commit's WAL fsync is done. Nothing else: no
 * session check, no validation, no interpretation, no audit. The verdict's
 * latency over this one's is what checking a scan costs; what remains is the
 * disk's.
 *
 * `bench:stats` answers this process's CPU time (process.cpuUsage: every
 * thread) and how late the event loop ran since the last call (p50, p99,
 * max in ms, from monitorEventLoopDelay): a stall on the main thread shows
 * there whatever else the machine is doing.
 *
 * Off (the default, and every production start), neither event is
 * registered: a socket that sends one gets no answer, nothing is written,
 * and nothing is monitored.
 */

/** The events' names; not in the shared socket types, so no client build knows of them. */
export const BENCH_DURABLE_ECHO = 'bench:durable-echo';
export const BENCH_STATS = 'bench:stats';

export interface BenchStats {
  /** process.cpuUsage() now, µs. */
  readonly cpuMicros: { readonly user: number; readonly system: number };
  /** How late the event loop ran since the last call, ms. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

const on = (): boolean => process.env.WARDSCAN_BENCH_ECHO === 'on';

interface Listening {
  on(event: string, listener: (payload: unknown, ack: unknown) => void): unknown;
}

const appends = new WeakMap<Db, Statement>();
function appendTo(db: Db): Statement {
  let append = appends.get(db);
  if (!append) {
    db.exec('CREATE TABLE IF NOT EXISTS bench_echo (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    append = db.prepare('INSERT INTO bench_echo (payload) VALUES (?)');
    appends.set(db, append);
  }
  return append;
}

let loopDelay: IntervalHistogram | undefined;
function statsNow(): BenchStats {
  if (!loopDelay) throw new Error('not monitoring');
  const at = (p: number) => +(loopDelay!.percentile(p) / 1e6).toFixed(2);
  const stats = { cpuMicros: process.cpuUsage(), eventLoopDelayMs: { p50: at(50), p99: at(99), max: +(loopDelay.max / 1e6).toFixed(2) } };
  loopDelay.reset();
  return stats;
}

/** Registers `bench:durable-echo` and `bench:stats` on a connected socket when WARDSCAN_BENCH_ECHO=on; otherwise does nothing. */
export function registerBenchDurableEcho(socket: object, db: Db, batch: WriteBatch): void {
  if (!on()) return;
  const append = appendTo(db);
  if (!loopDelay) {
    loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
  }
  (socket as Listening).on(BENCH_STATS, (_payload, ack) => {
    if (typeof ack === 'function') (ack as (s: BenchStats) => void)(statsNow());
  });
  (socket as Listening).on(BENCH_DURABLE_ECHO, (payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (r: unknown) => void;
    batch
      .write(() => append.run(JSON.stringify(payload ?? null)))
      .then(
        () => reply(payload),
        (err: unknown) => reply({ error: { code: 'INTERNAL', message: (err as Error).message } }),
      );
  });
}
