/*
 * Wardscan service worker: keeps the app shell (HTML, JS, CSS, icons) so the
 * handheld opens on a ward with patchy Wi-Fi. It never caches /api or
 * socket.io: every clinical answer comes from the server, live.
 */
const SHELL_CACHE = 'wardscan-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(SHELL);
      // The built assets have hashed names: the build lists them all in asset-list.json.
      const assets = await (await fetch('/asset-list.json', { cache: 'no-store' })).json();
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== SHELL_CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (event.request.mode === 'navigate') {
    // Network first, so a new release is picked up; the cached shell when offline.
    event.respondWith(
      fetch(event.request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(SHELL_CACHE)).put('/', response.clone());
          return response;
        })
        .catch(async () => (await caches.match('/')) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change: cache first, and keep what is fetched.
  event.respondWith(
    (async () => {
      const cached = await caches.match(event.request);
      if (cached) return cached;
      const response = await fetch(event.request);
      if (response.ok && url.pathname.startsWith('/assets/')) await (await caches.open(SHELL_CACHE)).put(event.request, response.clone());
      return response;
    })(),
  );
});
