import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

/* For worker-pool.test.ts: answers each job with this thread's own priority (nice value). */
parentPort?.on('message', (job: { id: number }) => parentPort?.postMessage({ id: job.id, nice: getPriority() }));
