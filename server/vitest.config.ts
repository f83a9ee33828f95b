import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@wardscan/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Integration tests boot real servers with SQLite files; two cores, so keep it modest.
    pool: 'forks',
    maxWorkers: 2,
    // Runs after the unit projects, and before the browser tests, so the servers don't compete.
    sequence: { groupOrder: 1 },
    // Two test files run at once: a worker thread niced below them would wait on the other file, not on its own event loop (workers/worker-pool.ts).
    env: { WARDSCAN_WORKER_NICE: '0' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
