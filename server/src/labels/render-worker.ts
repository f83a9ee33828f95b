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

// The thread runs at normal priority. A nice value of 10 was tried (it yields a busy core to the
// bedside answers), but on a loaded machine it starved the render: a label sheet took 16-20 s.

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
