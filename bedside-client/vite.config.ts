import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './src/sw/vite-plugin.js';

// The client compiles against shared's sources, so it never waits for shared's build.
const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

export default defineConfig({
  // serviceWorker(): sw.js, built from src/sw/sw.ts with this build's id and files written into it.
  plugins: [react(), serviceWorker()],
  resolve: { alias: { '@wardscan/shared': sharedEntry } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The camera decoder's .wasm (imported with ?url) stays a file of our own, never a data: URL,
    // which the CSP (default-src 'self') would not let the page fetch.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
