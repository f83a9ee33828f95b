import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LabelSpec } from './label-sheet.js';
import type { RenderOptions } from './render-labels-pdf.js';
import type { RenderReply, RenderRequest } from './render-worker.js';

/*
 * Label PDFs are rendered on worker threads, never on the event loop (issue
 * 16, "Nothing stalls the verdict path"): bwip-js and pdfkit are synchronous,
 * ~75 ms for a wristband and ~3 s for the demo ward's sheet on the bench
 * machine, and every bedside verdict waited behind them. Jobs queue here in
 * arrival order; each worker renders one at a time. The threads start on the
 * first print, and an idle pool keeps no process alive.
 */

export interface LabelRenderPool {
  /** The same bytes as `renderLabelsPdf(specs, title, options)`, rendered off the event loop. */
  render(specs: readonly LabelSpec[], title?: string, options?: RenderOptions): Promise<Buffer>;
  /** Stops the threads; queued and running jobs fail. */
  close(): Promise<void>;
}

/**
 * One thread on a two-core server, two at most: the event loop keeps a core of its own, as the
 * password hashing on libuv's pool does (auth/passwords.ts).
 */
export const LABEL_RENDER_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** Starts one renderer thread: the built worker, or the TypeScript source through tsx. */
export function startRenderWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL('./render-worker.js', import.meta.url));
  // Run from the TypeScript source (tests, tsx): the thread registers tsx before loading the worker.
  // tsx's ESM API (its `import` export; the CommonJS one cannot register from an eval'd thread).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const worker = new URL('./render-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`, { eval: true });
}

interface Job {
  readonly request: RenderRequest;
  readonly resolve: (pdf: Buffer) => void;
  readonly reject: (err: Error) => void;
}
interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

export function createLabelRenderPool(size = LABEL_RENDER_THREADS, start: () => Worker = startRenderWorker): LabelRenderPool {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const slot: Slot = { worker: start(), job: null };
    slots.push(slot);
    slot.worker.unref();
    slot.worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      slot.job = null;
      slot.worker.unref();
      if (job && job.request.id === reply.id) {
        if ('pdf' in reply) job.resolve(Buffer.from(reply.pdf));
        else job.reject(new Error(`Rendering the labels failed: ${reply.error}`));
      }
      dispatch();
    });
    // A thread that dies fails only its own job; the next job starts a new one.
    const gone = (err: Error) => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      const job = slot.job;
      slot.job = null;
      job?.reject(err);
      dispatch();
    };
    slot.worker.on('error', gone);
    slot.worker.on('exit', (code) => gone(new Error(`The label renderer stopped (exit code ${code}).`)));
    return slot;
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? spawn() : undefined);
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // a job in flight keeps the process alive until it is answered
      slot.worker.postMessage(job.request);
    }
  }

  return {
    render(specs, title, options = {}) {
      if (closed) return Promise.reject(new Error('The label renderer is closed.'));
      return new Promise<Buffer>((resolve, reject) => {
        const request: RenderRequest = { id: nextId++, specs, ...(title === undefined ? {} : { title }), ...(options.creationDate ? { creationDate: options.creationDate } : {}) };
        queue.push({ request, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('The label renderer is closed.'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

let shared: LabelRenderPool | undefined;
/** The process's pool (label routes): created on first use, threads started on the first print. */
export const labelRenderer = (): LabelRenderPool => (shared ??= createLabelRenderPool());
