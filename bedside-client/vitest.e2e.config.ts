import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

// Real server child process + real Chromium: one file at a time, generous timeouts.
export default defineProject({
  resolve: { alias: { '@wardscan/shared': sharedEntry } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    // Last, on its own: Chromium and the server child need the machine's two cores.
    sequence: { groupOrder: 2 },
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
