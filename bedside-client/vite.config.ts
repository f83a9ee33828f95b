import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The client compiles against shared's sources, so it never waits for shared's build.
const sharedEntry = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));

/** Lists every built asset in dist/asset-list.json, so the service worker can keep the whole app shell, lazy screens included. */
function assetList(): Plugin {
  return {
    name: 'wardscan-asset-list',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
        .map((file) => `/${file}`);
      this.emitFile({ type: 'asset', fileName: 'asset-list.json', source: JSON.stringify(assets) });
    },
  };
}

export default defineConfig({
  plugins: [react(), assetList()],
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
