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
 * Off (the default, and every production start), the event is not
 * registered: a socket that sends it gets no answer, and nothing is written.
 */

/** The event's name; not in the shared socket types, so no client build knows of it. */
export const BENCH_DURABLE_ECHO = 'bench:durable-echo';

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

/** Registers `bench:durable-echo` on a connected socket when WARDSCAN_BENCH_ECHO=on; otherwise does nothing. */
export function registerBenchDurableEcho(socket: object, db: Db, batch: WriteBatch): void {
  if (!on()) return;
  const append = appendTo(db);
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
