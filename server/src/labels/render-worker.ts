import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { LabelSpec } from './label-sheet.js';
import { renderLabelsPdf } from './render-labels-pdf.js';

/*
 * The label renderer's worker thread (render-pool.ts): renders one PDF per
 * message, one after another, and sends the bytes back (transferred, not
 * copied), or the error's message.
 */

export interface RenderRequest {
  readonly id: number;
  readonly specs: readonly LabelSpec[];
  readonly title?: string;
  readonly creationDate?: Date;
}
export type RenderReply = { readonly id: number; readonly pdf: ArrayBuffer } | { readonly id: number; readonly error: string };

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread (render-pool.ts starts it).');

/**
 * Below the event loop on the CPU: on Linux a thread has its own nice value, so this thread alone
 * yields a busy core to the bedside answers (a print waits a little longer instead). Elsewhere,
 * or where it is not allowed, the thread runs at normal priority.
 */
export const RENDER_NICE = 10;
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, RENDER_NICE);
} catch {
  // not Linux, or not permitted: normal priority
}

port.on('message', (job: RenderRequest) => {
  renderLabelsPdf(job.specs, job.title, job.creationDate ? { creationDate: job.creationDate } : {}).then(
    (pdf) => {
      // A copy of its own (a small Buffer may sit in Node's shared pool), so it can be transferred.
      const bytes = new Uint8Array(pdf.byteLength);
      bytes.set(pdf);
      port.postMessage({ id: job.id, pdf: bytes.buffer } satisfies RenderReply, [bytes.buffer]);
    },
    (err: unknown) => port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies RenderReply),
  );
});
