import { parentPort } from 'node:worker_threads';

/* For worker-pool.test.ts: keeps its thread busy for `ms`, then says when it started and ended (ms since the epoch). */
parentPort?.on('message', (job: { id: number; ms: number }) => {
  const startedAt = Date.now();
  while (Date.now() - startedAt < job.ms);
  parentPort?.postMessage({ id: job.id, startedAt, endedAt: Date.now() });
});
