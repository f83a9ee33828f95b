/*
 * Wardscan service worker: keeps the app shell (HTML, JS, CSS, icons) so the
 * handheld opens on a ward with patchy Wi-Fi. It never caches /api or
 * socket.io: every clinical answer comes from the server, live.
 *
 * Built by Vite as its own entry (sw.js at the root, one file, no imports);
 * the build writes its manifest (build id and files, cache-plan.ts) at the
 * top of it, so every build is a new worker with a cache of its own, and the
 * old builds' caches and files are removed when it activates.
 */
import { belongsToBuild, cacheName, staleCaches, toPrune, type BuildManifest } from './cache-plan.js';

// The worker's own types, kept here so the app's DOM-typed project can check this file.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  __WARDSCAN_BUILD__?: BuildManifest;
}

const worker = globalThis as unknown as ServiceWorkerScope;
const build = worker.__WARDSCAN_BUILD__;
if (!build) throw new Error('sw.js has no build manifest: it is written by the Vite build (src/sw/vite-plugin.ts)');
const CACHE = cacheName(build.id);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // From the network, not the HTTP cache: the page and icons have fixed names.
      await cache.addAll(build.shell.map((path) => new Request(path, { cache: 'reload' })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleCaches(await caches.keys(), build.id)) await caches.delete(name);
      const cache = await caches.open(CACHE);
      const cached = (await cache.keys()).map((request) => request.url);
      for (const url of toPrune(cached, build)) await cache.delete(url);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (event.request.mode === 'navigate') {
    // Network first, so a new release is picked up; the cached shell when offline.
    event.respondWith(
      fetch(event.request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(CACHE)).put('/', response.clone());
          return response;
        })
        .catch(async () => (await (await caches.open(CACHE)).match('/')) ?? Response.error()),
    );
    return;
  }
  // This build's files never change under their names: cache first. Only this
  // build's files are kept: an older build's asset asked for by a page still
  // open is fetched, never stored (the server may answer it with index.html).
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(event.request);
      if (cached) return cached;
      const response = await fetch(event.request);
      if (response.ok && belongsToBuild(url.pathname, build)) await cache.put(event.request, response.clone());
      return response;
    })(),
  );
});
