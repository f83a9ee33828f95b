import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/*
 * Work that would hold the event loop (label PDFs, FHIR import validation,
 * compliance reports) runs on worker threads, so that no bedside verdict waits
 * behind it (issue 16). Each kind has a pool: jobs in arrival order, each
 * thread one job at a time; threads start on the first job, and idle keep no
 * process alive. A thread that dies fails only its own job; the next job
 * starts a new one.
 */

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * How much lower than the event loop a worker thread runs (Linux nice, per thread): what a worker
 * does (a PDF, an import's validation, a report) can wait a few milliseconds; a bedside verdict
 * should not. On two cores a label sheet's thread and 200 handhelds' clients left the event loop
 * short of a core, and verdicts queued behind them (issue 16). WARDSCAN_WORKER_NICE (0–19, default
 * 10) sets it; the test suites set 0, because there the threads compete with other test files
 * running at the same time, not with their own event loop.
 */
export const WORKER_NICE_INCREMENT = niceFrom(process.env.WARDSCAN_WORKER_NICE);

export function niceFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  if (!/^\d+$/.test(value) || Number(value) > 19) throw new Error(`WARDSCAN_WORKER_NICE: "${value}" is not a nice increment from 0 to 19`);
  return Number(value);
}

/**
 * The code a worker thread runs first: it lowers its own priority (on Linux, setpriority on the
 * calling thread changes only that thread; elsewhere, or if refused, it runs at the process's).
 */
const lowerPriority = (increment: number) => `{ const os = require('node:os'); try { os.setPriority(Math.min(19, os.getPriority() + ${increment})); } catch {} }`;

/**
 * Starts the worker module `base` names without its extension (e.g. `new URL('./render-worker',
 * import.meta.url)`) `niceIncrement` below the event loop's priority: the built `.js`, or from the
 * TypeScript source (tests, tsx scripts) the `.ts` through tsx, which the thread registers first
 * (its ESM API: the CommonJS one cannot register from an eval'd thread).
 */
export function startModuleWorker(base: URL, options: WorkerOptions = {}, niceIncrement = WORKER_NICE_INCREMENT): Worker {
  const load = FROM_SOURCE
    ? `import(${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs'))}).then((api) => { api.register(); return import(${JSON.stringify(`${base.href}.ts`)}); })`
    : `import(${JSON.stringify(`${base.href}.js`)})`;
  return new Worker(`${lowerPriority(niceIncrement)}\n${load};`, { ...options, eval: true });
}

/** What every job and its answer carry: the id that pairs them. */
export interface Numbered {
  readonly id: number;
}

export interface WorkerPool<Request extends Numbered, Reply extends Numbered> {
  /** Runs one job (its id is given here) on a thread; `transfer` lists buffers moved to it, not copied. */
  run(request: Omit<Request, 'id'>, transfer?: (request: Request) => ArrayBuffer[]): Promise<Reply>;
  /** Stops the threads; queued and running jobs fail. */
  close(): Promise<void>;
}

interface Job<Request, Reply> {
  readonly request: Request;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (reply: Reply) => void;
  readonly reject: (err: Error) => void;
}
interface Slot<Request, Reply> {
  readonly worker: Worker;
  job: Job<Request, Reply> | null;
  /** When its job started (performance.now()). */
  startedAt: number;
  /** It takes no job before this (performance.now()): resting after the last one. */
  restUntil: number;
}

export interface WorkerPoolOptions {
  readonly size: number;
  readonly start: () => Worker;
  /** Whose threads, in errors ("The label renderer"). */
  readonly name: string;
  /**
   * After each job a thread rests this many times as long as the job took before it takes the next
   * one (0, the default: none). On two cores a thread rendering PDFs back to back leaves the event
   * loop and everything else one core between them; resting as long as it worked leaves them about
   * one and a half (issue 16). A job waits longer only when jobs come back to back.
   */
  readonly restRatio?: number;
}

/** A pool of up to `size` threads started by `start`. */
export function createWorkerPool<Request extends Numbered, Reply extends Numbered>(options: WorkerPoolOptions): WorkerPool<Request, Reply> {
  const slots: Slot<Request, Reply>[] = [];
  const queue: Job<Request, Reply>[] = [];
  const restRatio = options.restRatio ?? 0;
  let nextId = 1;
  let closed = false;
  let wake: NodeJS.Timeout | null = null;

  function spawn(): Slot<Request, Reply> {
    const slot: Slot<Request, Reply> = { worker: options.start(), job: null, startedAt: 0, restUntil: 0 };
    slots.push(slot);
    slot.worker.unref();
    slot.worker.on('message', (reply: Reply) => {
      const job = slot.job;
      slot.job = null;
      slot.worker.unref();
      const now = performance.now();
      slot.restUntil = now + (now - slot.startedAt) * restRatio;
      if (job && job.request.id === reply.id) job.resolve(reply);
      dispatch();
    });
    const gone = (err: Error) => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      const job = slot.job;
      slot.job = null;
      job?.reject(err);
      dispatch();
    };
    slot.worker.on('error', gone);
    slot.worker.on('exit', (code) => gone(new Error(`${options.name} stopped (exit code ${code}).`)));
    return slot;
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const now = performance.now();
      const slot = slots.find((s) => s.job === null && s.restUntil <= now) ?? (slots.length < options.size ? spawn() : undefined);
      if (!slot) {
        // Every thread is busy or resting: come back when the first rest ends (a busy one dispatches when it answers).
        const resting = slots.filter((s) => s.job === null).map((s) => s.restUntil);
        if (resting.length > 0 && !wake) {
          wake = setTimeout(() => {
            wake = null;
            dispatch();
          }, Math.ceil(Math.min(...resting) - now));
        }
        return;
      }
      const job = queue.shift()!;
      slot.job = job;
      slot.startedAt = now;
      slot.worker.ref(); // a job in flight keeps the process alive until it is answered
      slot.worker.postMessage(job.request, job.transfer);
    }
  }

  return {
    run(partial, transfer) {
      if (closed) return Promise.reject(new Error(`${options.name} is closed.`));
      return new Promise<Reply>((resolve, reject) => {
        const request = { ...partial, id: nextId++ } as Request;
        queue.push({ request, transfer: transfer?.(request) ?? [], resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      if (wake) clearTimeout(wake);
      for (const job of queue.splice(0)) job.reject(new Error(`${options.name} is closed.`));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
