import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { createWorkerPool, startModuleWorker } from '../workers/worker-pool.js';
import type { LabelSpec } from './label-sheet.js';
import type { RenderOptions } from './render-labels-pdf.js';
import type { RenderReply, RenderRequest } from './render-worker.js';

/*
 * Label PDFs are rendered on worker threads, never on the event loop (issue
 * 16, "Nothing stalls the verdict path"): bwip-js and pdfkit are synchronous,
 * ~10 ms for a wristband and ~0.4 s for the demo ward's sheet (bench:labels;
 * 1.5-2.4 s while symbols were PNG images), and every bedside verdict waited
 * behind them (workers/worker-pool.ts).
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

/** Labels back to back take at most half a core: after each render the thread rests as long (workers/worker-pool.ts). */
export const LABEL_RENDER_REST_RATIO = 1;

/** Starts one renderer thread. */
export const startRenderWorker = (): Worker => startModuleWorker(new URL('./render-worker', import.meta.url));

export function createLabelRenderPool(size = LABEL_RENDER_THREADS, start: () => Worker = startRenderWorker): LabelRenderPool {
  const pool = createWorkerPool<RenderRequest, RenderReply>({ size, start, name: 'The label renderer', restRatio: LABEL_RENDER_REST_RATIO });
  return {
    async render(specs, title, options = {}) {
      const reply = await pool.run({ specs, ...(title === undefined ? {} : { title }), ...(options.creationDate ? { creationDate: options.creationDate } : {}) });
      if ('error' in reply) throw new Error(`Rendering the labels failed: ${reply.error}`);
      return Buffer.from(reply.pdf);
    },
    close: () => pool.close(),
  };
}

let shared: LabelRenderPool | undefined;
/** The process's pool (label routes): created on first use, threads started on the first print. */
export const labelRenderer = (): LabelRenderPool => (shared ??= createLabelRenderPool());
