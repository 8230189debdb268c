// Pace's service worker: keeps one build of the app in the cache so that the page opens and
// works with the network off. scripts/offline.mjs writes the real sw.js from this template at
// each build, filling in BUILD (the build's id, a hash of every file) and FILES (every file of
// the build with its sha384), so the browser sees a new sw.js whenever anything changed.
//
// One cache per build: a new build is downloaded whole into its own cache while the old one
// keeps serving, and only replaces it when the page asks (the 刷新 button) — never old js with
// new wasm.
const BUILD = '__PACE_BUILD__';
const FILES = __PACE_FILES__;
// Named by this worker's folder too: other copies of Pace on the same server (a test copy, one
// per department) have caches of their own, which this one never touches.
const PREFIX = `pace ${self.registration.scope} `;
const CACHE = PREFIX + BUILD;

// Files whose names carry their build's hash (Trunk's main-<hash>.css; scripts/split.mjs's
// pace-<hash>…).
const HASHED = /(^|\/)(main|pace)-[0-9a-f]{16}[._]/;

self.addEventListener('install', (event) => {
  // Each file must be the one this build listed (`integrity`): a copy that is half-updated on
  // the server (a deployment copying files for a while) fails the install instead of caching a
  // mix of builds; the page keeps the build it has and the next visit tries again. `reload`:
  // past the HTTP cache, which may hold another build's unhashed files (the workers).
  // Everything is fetched before anything is stored, so a failed install leaves no cache behind
  // (and never touches the cache of the build that runs).
  event.waitUntil(
    (async () => {
      const responses = await Promise.all(
        FILES.map(async ([file, integrity]) => {
          // A server that never answers fails the install after two minutes rather than
          // leaving it pending for good (browsers without AbortSignal.timeout wait).
          const signal = AbortSignal.timeout?.(120000);
          // A file named by its build's hash cannot be another build's: the copy the page has
          // just fetched (the parts on demand) is taken from the HTTP cache, not downloaded again.
          const cache = HASHED.test(file) ? 'default' : 'reload';
          const response = await fetch(new Request(file, { cache, integrity, signal }));
          if (!response.ok) throw new Error(`${file}: ${response.status}`);
          // A page reached through a redirect (a server sending the folder on to index.html)
          // may not answer a navigation as it is: stored as a plain response instead.
          return response.redirected
            ? new Response(await response.blob(), { status: 200, headers: response.headers })
            : response;
        }),
      );
      const cache = await caches.open(CACHE);
      await Promise.all(responses.map((response, i) => cache.put(FILES[i][0], response)));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
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
