// Offline use (see src/ui/offline.rs): registers the service worker that scripts/offline.mjs
// writes at each build (sw.js), and tells the app how offline use stands and when a new build is
// waiting.

// Set when this page asked the waiting build to take over (`applyUpdate`, which then reloads it).
let reloading = false;
// Set when another tab let a new build take over: this page still runs the old build, whose
// files are no longer cached (see `isStale`).
let stale = false;

/**
 * Starts offline use. Returns how it stands now: "on" (a build is kept), "preparing" (the first
 * visit: the worker is being installed),
 * "insecure" (plain http on a host that is not this computer: browsers allow service workers
 * only on https and localhost) or "unsupported" (a browser without them). Later changes come to
 * `onState`: "on" once a build is kept, "failed" when keeping it failed (a file missing or not
 * the build's on the server). Calls `onReady('waiting')` when a new build is ready to take over,
 * and `onReady('stale')` when another tab let it take over while this page runs the old one.
 */
export function watchUpdates(onReady, onState) {
  if (!window.isSecureContext) return 'insecure';
  if (!('serviceWorker' in navigator)) return 'unsupported';
  const container = navigator.serviceWorker;
  // Whether a build already answers this page: the first visit's page gets one only when the
  // new worker claims it, which is not an update.
  let controlled = !!container.controller;
  container.addEventListener('controllerchange', () => {
    // This page's own 刷新 (`applyUpdate` reloads it), not an update taken elsewhere.
    if (reloading) return;
    if (controlled) {
      stale = true;
      onReady('stale');
    }
    controlled = true;
  });
  container.ready.then(() => onState('on'));
  container
    .register('./sw.js', { updateViaCache: 'none' })
    .then((registration) => {
      // Some browsers (and a test browser with workers blocked) settle register() with
      // nothing: no offline use then, said as for any other failure.
      if (!registration) throw new Error('no registration');
      // `controller`: a waiting build replaces one that runs, not the first install.
      const offerWaiting = () => {
        if (registration.waiting && container.controller) onReady('waiting');
      };
      offerWaiting();
      // Each install once: the first visit's may already be under way when register() settles
      // (and `updatefound` has then fired for it too).
      const watched = new WeakSet();
      const watchInstall = (incoming) => {
        if (!incoming || watched.has(incoming)) return;
        watched.add(incoming);
        incoming.addEventListener('statechange', () => {
          if (incoming.state === 'installed') offerWaiting();
          // The first install failed: nothing is kept.
          if (incoming.state === 'redundant' && !registration.active) onState('failed');
        });
      };
      watchInstall(registration.installing);
      registration.addEventListener('updatefound', () => watchInstall(registration.installing));
      // A page left open for days still hears of a new build when it is looked at again.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    })
    .catch((e) => {
      console.warn('Pace: offline use is not available:', e);
      onState('failed');
    });
  return container.controller ? 'on' : 'preparing';
}

/**
 * Whether another tab let a new build take over while this page runs an old one: its workers
 * (loaded when a spreadsheet is opened or written) would then come from the new build.
 */
export function isStale() {
  return stale;
}

/**
 * The 刷新 button, and the crash screen's 重新载入 (js/crash.js): a waiting build takes over and
 * the page reloads into it; without one, the page just reloads. Works whether or not
 * `watchUpdates` ran (a page that crashed at start never got that far).
 */
export function applyUpdate() {
  const container = navigator.serviceWorker;
  if (!container) {
    location.reload();
    return;
  }
  container
    .getRegistration()
    .then((registration) => {
      if (!registration?.waiting) {
        location.reload();
        return;
      }
      reloading = true;
      container.addEventListener('controllerchange', () => location.reload());
      registration.waiting.postMessage('pace-activate');
    })
    .catch(() => location.reload());
}
