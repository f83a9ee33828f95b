import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

export default defineProject({
  plugins: [react()],
  resolve: { alias: { '@wardscan/shared': sharedEntry } },
  test: {
    name: 'client',
    environment: 'jsdom',
    // Port 9 (discard) refuses connections: a socket opened by a screen under test reaches nothing real.
    environmentOptions: { jsdom: { url: 'http://127.0.0.1:9/' } },
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
