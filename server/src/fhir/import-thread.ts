import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { PrepareReply, PrepareRequest } from './import-worker.js';
import type { PreparedImport } from './prepare-import.js';

/*
 * FHIR imports are prepared off the event loop (issue 16, "Nothing stalls the
 * verdict path"): parsing and validating a 2,000-entry bundle against R4 held
 * every bedside verdict for a third of a second or more. One thread (imports
 * are an interface engine's, not a ward's, and the event loop keeps the other
 * core), jobs in arrival order, as the label renderer does
 * (labels/render-pool.ts); it starts on the first import and, idle, keeps no
 * process alive. Only the SQLite apply stays on the event loop: a database
 * connection cannot cross threads, and the writes must be in order with the
 * bedside's.
 */

export interface ImportPreparer {
  /** prepareImportBytes(body), run on the thread. */
  prepare(body: Uint8Array): Promise<PreparedImport>;
  close(): Promise<void>;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Starts the thread: the built worker, or the TypeScript source through tsx (tests, tsx scripts). */
// The thread shares the process's environment, so settings read when used (WARDSCAN_MRN_SYSTEM) are the server's as they stand.
export function startImportWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL('./import-worker.js', import.meta.url), { env: SHARE_ENV });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const worker = new URL('./import-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`, { eval: true, env: SHARE_ENV });
}

interface Job {
  readonly request: PrepareRequest;
  readonly resolve: (prepared: PreparedImport) => void;
  readonly reject: (err: Error) => void;
}

/** A buffer of its own holding exactly the body, so it can be transferred rather than copied. */
function ownBuffer(body: Uint8Array): ArrayBuffer {
  if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer) return body.buffer;
  const copy = new Uint8Array(body.byteLength);
  copy.set(body);
  return copy.buffer;
}

export function createImportPreparer(start: () => Worker = startImportWorker): ImportPreparer {
  let worker: Worker | undefined;
  let running: Job | undefined;
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Worker {
    const w = start();
    w.unref();
    w.on('message', (reply: PrepareReply) => {
      const job = running;
      running = undefined;
      w.unref();
      if (job && job.request.id === reply.id) {
        if ('prepared' in reply) job.resolve(reply.prepared);
        else job.reject(new Error(`Preparing the FHIR import failed: ${reply.error}`));
      }
      dispatch();
    });
    // A thread that dies fails only its own job; the next job starts a new one.
    const gone = (err: Error) => {
      if (worker === w) worker = undefined;
      const job = running;
      running = undefined;
      job?.reject(err);
      dispatch();
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`The FHIR import thread stopped (exit code ${code}).`)));
    return w;
  }

  function dispatch(): void {
    if (closed || running || queue.length === 0) return;
    worker ??= spawn();
    running = queue.shift()!;
    worker.ref(); // a job in flight keeps the process alive until it is answered
    worker.postMessage(running.request, [running.request.body]);
  }

  return {
    prepare(body) {
      if (closed) return Promise.reject(new Error('The FHIR import thread is closed.'));
      return new Promise<PreparedImport>((resolve, reject) => {
        queue.push({ request: { id: nextId++, body: ownBuffer(body) }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('The FHIR import thread is closed.'));
      await worker?.terminate();
    },
  };
}

let shared: ImportPreparer | undefined;
/** The process's preparer (the FHIR routes): created on first use, its thread started on the first import. */
export const importPreparer = (): ImportPreparer => (shared ??= createImportPreparer());
