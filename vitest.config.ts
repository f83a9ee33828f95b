import { defineConfig } from 'vitest/config';

// One `vitest run` covers every package: each folder's vitest*.config.ts is a project.
export default defineConfig({
  test: {
    projects: ['shared/vitest.config.ts', 'server/vitest.config.ts', 'bedside-client/vitest*.config.ts'],
  },
});
