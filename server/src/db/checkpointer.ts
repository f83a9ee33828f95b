import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * WAL checkpoints copy committed pages into the main file and fsync it. Run
 * on the request thread (SQLite's default auto-checkpoint) they stall every
 * socket for hundreds of milliseconds now and then; here a worker thread with
 * its own connection runs PASSIVE checkpoints, which never block the writer.
 * Durability does not depend on them: a commit is on disk in the WAL before
 * its acknowledgement is sent (synchronous=FULL, or the group commit's fsync).
 */

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.lib);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); process.exit(0); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const lib = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, lib, intervalMs } });
  worker.on('message', (m: unknown) => onError(String(m)));
  worker.on('error', (err) => onError(String(err)));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.ref(); // keep the process alive until the worker has closed its connection
        worker.postMessage('stop');
      }),
  };
}
