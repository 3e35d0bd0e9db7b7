/* global self, caches */
/* Tổ Số service worker: keeps the app shell so the field screen opens with no signal.
 * Data never goes through here: the field screen keeps its copy in IndexedDB, and /api/ is not
 * cached. Navigations: network first, the cached shell when offline. /assets/* (hashed by Vite,
 * never changed in place): cache first. */
const SHELL = 'toso-shell-v1';
const ASSETS = 'toso-assets-v1';
const KEEP = [SHELL, ASSETS];
const SHELL_URLS = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-maskable.svg'];

async function cacheShell() {
  const cache = await caches.open(SHELL);
  await cache.addAll(SHELL_URLS);
  // The built files named by index.html, so the first offline start needs nothing more.
  const html = await (await cache.match('/')).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  if (assets.length) await (await caches.open(ASSETS)).addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (!KEEP.includes(key)) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

/** Files the page loaded before this worker controlled it. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSETS);
      for (const url of data.urls) {
        if (typeof url !== 'string' || !url.startsWith('/assets/')) continue;
        if (!(await cache.match(url))) {
          try {
            await cache.add(url);
          } catch {
            // offline now: it will be cached when next fetched
          }
        }
      }
    })(),
  );
});

async function networkFirstShell(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      // Every page of this single-page app is the same index.html.
      await cache.put('/', response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match('/');
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached || fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, ASSETS));
  } else if (SHELL_URLS.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request));
  }
});
