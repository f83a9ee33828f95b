import { parentPort } from 'node:worker_threads';
import { prepareImportBytes, type PreparedImport } from './prepare-import.js';

/*
 * The FHIR import's worker thread (import-thread.ts): prepares one body per
 * message, one after another (decode, parse, validate against R4, map), and
 * sends the plain result back. The R4 definitions load once, on the first
 * body, and stay loaded for the next.
 */

export interface PrepareRequest {
  readonly id: number;
  readonly body: ArrayBuffer;
}
export type PrepareReply = { readonly id: number; readonly prepared: PreparedImport } | { readonly id: number; readonly error: string };

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread (import-thread.ts starts it).');

port.on('message', (job: PrepareRequest) => {
  try {
    port.postMessage({ id: job.id, prepared: prepareImportBytes(new Uint8Array(job.body)) } satisfies PrepareReply);
  } catch (err) {
    port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies PrepareReply);
  }
});
