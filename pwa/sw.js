// Pace's service worker: keeps one build of the app in the cache so that the page opens and
// works with the network off. scripts/offline.mjs writes the real sw.js from this template at
// each build, filling in BUILD (the build's id, a hash of every file) and FILES (every file of
// the build), so the browser sees a new sw.js whenever anything changed.
//
// One cache per build: a new build is downloaded whole into its own cache while the old one
// keeps serving, and only replaces it when the page asks (the 刷新 button) — never old js with
// new wasm.
const BUILD = '__PACE_BUILD__';
const FILES = __PACE_FILES__;
const CACHE = `pace-${BUILD}`;

self.addEventListener('install', (event) => {
  // `reload`: past the HTTP cache, which may still hold the previous build's unhashed files
  // (the spreadsheet workers).
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('pace-') && name !== CACHE) await caches.delete(name);
      }
      // The first visit's page is controlled at once, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

// The page's 刷新 button: the waiting build takes over; the page then reloads itself.
self.addEventListener('message', (event) => {
  if (event.data === 'pace-activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every address inside the app's folder opens the app (a share link's #… is not sent).
      const hit =
        request.mode === 'navigate'
          ? await cache.match('./', { ignoreSearch: true })
          : await cache.match(request, { ignoreSearch: true });
      return hit ?? fetch(request);
    })(),
  );
});
