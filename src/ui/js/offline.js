// Offline use (see src/ui/offline.rs): registers the service worker that scripts/offline.mjs
// writes at each build (sw.js), and tells the app when a new build is waiting.

// Set when this page asked the waiting build to take over: only then does it reload itself.
let reloading = false;

/**
 * Starts offline use. Returns "on", or why it is not available: "insecure" (plain http on a
 * host that is not this computer: browsers allow service workers only on https and localhost)
 * or "unsupported" (a browser without them). Calls `onReady()` when a new build is ready to
 * take over (also when another tab let it take over, so this page runs an old build).
 */
export function watchUpdates(onReady) {
  if (!window.isSecureContext) return 'insecure';
  if (!('serviceWorker' in navigator)) return 'unsupported';
  const container = navigator.serviceWorker;
  const hadController = !!container.controller;
  container.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
    else if (hadController) onReady();
  });
  container
    .register('./sw.js', { updateViaCache: 'none' })
    .then((registration) => {
      // `controller`: a waiting build replaces one that runs, not the first install.
      const tell = () => {
        if (registration.waiting && container.controller) onReady();
      };
      tell();
      registration.addEventListener('updatefound', () => {
        const incoming = registration.installing;
        incoming?.addEventListener('statechange', () => {
          if (incoming.state === 'installed') tell();
        });
      });
      // A page left open for days still hears of a new build when it is looked at again.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    })
    .catch((e) => console.warn('Pace: offline use is not available:', e));
  return 'on';
}

/** The 刷新 button: the waiting build takes over and the page reloads into it. */
export function applyUpdate() {
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (registration?.waiting) {
      reloading = true;
      registration.waiting.postMessage('pace-activate');
    } else {
      location.reload();
    }
  });
}
