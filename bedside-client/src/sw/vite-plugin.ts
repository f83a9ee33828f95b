/*
 * Build-time only (vite.config.ts): builds the service worker (sw.ts) as its
 * own entry, sw.js at the root of dist/, and writes the build's manifest at
 * its top: a build id hashed from every file of the build, and the files the
 * worker keeps (cache-plan.ts). Any change to the app changes sw.js, so the
 * handheld installs a new worker with a cache of its own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { SHELL_FILES, shellOf, type BuildManifest } from './cache-plan.js';

const SW_ENTRY = fileURLToPath(new URL('./sw.ts', import.meta.url));
const SW_FILE = 'sw.js';

/** A short hash over file names and contents, independent of their order: the same files give the same id. */
export function buildIdOf(files: Iterable<readonly [name: string, content: string | Uint8Array]>): string {
  const hash = createHash('sha256');
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The first line of sw.js. */
export function manifestLine(manifest: BuildManifest): string {
  return `globalThis.__WARDSCAN_BUILD__ = ${JSON.stringify(manifest)};\n`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'wardscan-service-worker',
    apply: 'build',
    config(user) {
      const root = resolve(user.root ?? process.cwd());
      return {
        build: {
          rolldownOptions: {
            input: { index: join(root, 'index.html'), sw: SW_ENTRY },
            output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? SW_FILE : 'assets/[name]-[hash].js') },
          },
        },
      };
    },
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (sw?.type !== 'chunk') return this.error(`the build has no ${SW_FILE} chunk`);
      if (sw.imports.length || sw.dynamicImports.length) {
        return this.error(`${SW_FILE} must be one file (a service worker cannot import chunks); it imports ${[...sw.imports, ...sw.dynamicImports].join(', ')}`);
      }
      const files: [string, string | Uint8Array][] = [];
      for (const [name, output] of Object.entries(bundle)) {
        if (!name.endsWith('.map')) files.push([name, output.type === 'chunk' ? output.code : output.source]);
      }
      // public/ is copied as it is, outside the bundle: its files count too.
      const fromPublic = publicDir && existsSync(publicDir) ? filesUnder(publicDir) : [];
      for (const file of fromPublic) files.push([`public/${relative(publicDir, file)}`, readFileSync(file)]);
      const inPublic = new Set(fromPublic.map((file) => `/${relative(publicDir, file).split('\\').join('/')}`));
      const missing = SHELL_FILES.filter((path) => path !== '/' && !inPublic.has(path));
      if (missing.length) return this.error(`the service worker's shell lists ${missing.join(', ')}, not in public/`);

      const line = manifestLine({ id: buildIdOf(files), shell: shellOf(Object.keys(bundle)) });
      sw.code = line + sw.code;
      // Keep sw.js.map in step: one more generated line at the top.
      const map = bundle[`${SW_FILE}.map`];
      if (map?.type === 'asset' && typeof map.source === 'string') {
        const parsed = JSON.parse(map.source) as { mappings: string };
        map.source = JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` });
      }
    },
  };
}
