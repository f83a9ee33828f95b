import { SHARE_ENV, type Worker } from 'node:worker_threads';
import { createWorkerPool, startModuleWorker } from '../workers/worker-pool.js';
import type { PrepareReply, PrepareRequest } from './import-worker.js';
import type { PreparedImport } from './prepare-import.js';

/*
 * FHIR imports are prepared off the event loop (issue 16, "Nothing stalls the
 * verdict path"): parsing and validating a 2,000-entry bundle against R4 held
 * every bedside verdict for a third of a second or more. One thread (imports
 * are an interface engine's, not a ward's, and the event loop keeps the other
 * core; workers/worker-pool.ts). Only the SQLite apply stays on the event
 * loop: a database connection cannot cross threads, and the writes must be in
 * order with the bedside's.
 */

export interface ImportPreparer {
  /** prepareImportBytes(body), run on the thread. */
  prepare(body: Uint8Array): Promise<PreparedImport>;
  close(): Promise<void>;
}

/** Starts the thread. It shares the process's environment, so settings read when used (WARDSCAN_MRN_SYSTEM) are the server's as they stand. */
export const startImportWorker = (): Worker => startModuleWorker(new URL('./import-worker', import.meta.url), { env: SHARE_ENV });

/** A buffer of its own holding exactly the body, so it can be transferred rather than copied. */
function ownBuffer(body: Uint8Array): ArrayBuffer {
  if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer) return body.buffer;
  const copy = new Uint8Array(body.byteLength);
  copy.set(body);
  return copy.buffer;
}

export function createImportPreparer(start: () => Worker = startImportWorker): ImportPreparer {
  const pool = createWorkerPool<PrepareRequest, PrepareReply>({ size: 1, start, name: 'The FHIR import thread' });
  return {
    async prepare(body) {
      const reply = await pool.run({ body: ownBuffer(body) }, (request) => [request.body]);
      if ('error' in reply) throw new Error(`Preparing the FHIR import failed: ${reply.error}`);
      return reply.prepared;
    },
    close: () => pool.close(),
  };
}

let shared: ImportPreparer | undefined;
/** The process's preparer (the FHIR routes): created on first use, its thread started on the first import. */
export const importPreparer = (): ImportPreparer => (shared ??= createImportPreparer());
