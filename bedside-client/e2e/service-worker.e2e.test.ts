import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Two real builds of the handheld app, served in turn at one origin the way
 * the ward server serves dist/ (a path with no file gets index.html), in real
 * Chromium: after the second build's worker activates, the handheld holds one
 * cache, the second build's, with exactly its files.
 */
const CLIENT = fileURLToPath(new URL('..', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.wasm': 'application/wasm',
};

/** A client build whose main module differs by `release`, so its hashed assets differ as a new release's would. */
async function buildClient(outDir: string, release: string): Promise<void> {
  // A production build, as `npm run build` makes it: vitest has set NODE_ENV=test, which Vite would follow.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildWith(outDir, release);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function buildWith(outDir: string, release: string): Promise<void> {
  await build({
    mode: 'production',
    root: CLIENT,
    configFile: join(CLIENT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
    plugins: [
      {
        name: 'e2e-release',
        transform: (code, id) => (id.endsWith(`${sep}src${sep}main.tsx`) ? `${code}\nglobalThis.__wardscanRelease = ${JSON.stringify(release)};\n` : null),
      },
    ],
  });
}

/** What the worker of the build in `dir` should keep: the page, public/'s shell files and every asset. */
function expectedShell(dir: string): string[] {
  const assets = readdirSync(join(dir, 'assets')).filter((f) => !f.endsWith('.map')).map((f) => `/assets/${f}`);
  return ['/', '/icon-192.png', '/icon-512.png', '/icon.svg', '/manifest.webmanifest', ...assets].sort();
}

/** The build id the build wrote into its sw.js. */
function buildIdOf(dir: string): string {
  const id = /"id":"([0-9a-f]+)"/.exec(readFileSync(join(dir, 'sw.js'), 'utf8').split('\n')[0] ?? '')?.[1];
  if (!id) throw new Error(`${dir}/sw.js has no build id on its first line`);
  return id;
}

/** Serves one build directory at a time; `down` makes every request fail as a dropped network does. */
function staticServer(): { server: Server; serve(dir: string | 'down'): void; listen(): Promise<string> } {
  let current: string | 'down' = 'down';
  const server = createServer((req, res) => {
    if (current === 'down') return void req.socket.destroy();
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = resolve(current, `.${path}`);
    if (!file.startsWith(current) || !statSync(file, { throwIfNoEntry: false })?.isFile()) file = join(current, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  });
  return {
    server,
    serve: (dir) => void (current = dir),
    listen: () =>
      new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as { port: number }).port}`))),
  };
}

/** Every cache the page's origin holds, with the paths in each. */
function cachesOf(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const all: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      all[name] = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname).sort();
    }
    return all;
  });
}

describe('service worker cache by build', () => {
  const work = mkdtempSync(join(tmpdir(), 'wardscan-sw-'));
  const first = join(work, 'first');
  const second = join(work, 'second');
  const site = staticServer();
  let origin = '';
  let browser: Browser;

  beforeAll(async () => {
    await buildClient(first, 'first');
    await buildClient(second, 'second');
    origin = await site.listen();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    site.server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("keeps one cache, the running build's: a second build's worker deletes the first's cache and never stores an old asset", async () => {
    const firstId = buildIdOf(first);
    const secondId = buildIdOf(second);
    expect(secondId).not.toBe(firstId);
    const firstOnly = expectedShell(first).filter((path) => !expectedShell(second).includes(path));
    expect(firstOnly.length).toBeGreaterThan(0);

    site.serve(first);
    const page = await (await browser.newContext()).newPage();
    await page.goto(origin);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await cachesOf(page)).toEqual({ [`wardscan-shell-${firstId}`]: expectedShell(first) });
    // As an earlier release left a handheld: one unversioned cache, piling up every old asset.
    await page.evaluate(async () => (await caches.open('wardscan-shell-v1')).put('/assets/index-0ld.js', new Response('old')));

    // The second release is deployed; the handheld checks for a new worker, as it does on each navigation.
    site.serve(second);
    await page.evaluate(async () => {
      const replaced = new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      await (await navigator.serviceWorker.getRegistration())?.update();
      await replaced;
      // The new worker controls the page from the start of its activation; its clean-up is done once it is 'activated'.
      const worker = navigator.serviceWorker.controller;
      if (worker && worker.state !== 'activated') {
        await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done(null)));
      }
    });
    expect(await cachesOf(page)).toEqual({ [`wardscan-shell-${secondId}`]: expectedShell(second) });

    // The page still open is the first build's: its lazy screens are not the second build's files.
    // The server answers a path it no longer has with index.html, which must not go into the cache.
    for (const path of firstOnly.slice(0, 3)) await page.evaluate(async (p) => void (await fetch(p)).status, path);
    expect(await cachesOf(page)).toEqual({ [`wardscan-shell-${secondId}`]: expectedShell(second) });

    // Offline, a reload opens the second build from its cache.
    site.serve('down');
    await page.reload();
    await page.waitForFunction(() => (globalThis as { __wardscanRelease?: string }).__wardscanRelease !== undefined);
    expect(await page.evaluate(() => (globalThis as { __wardscanRelease?: string }).__wardscanRelease)).toBe('second');
  });
});
