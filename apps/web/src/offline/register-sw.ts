import { startSync } from './sync';

/** Asks the browser not to evict the device copy (unsent records live there). */
async function persistStorage(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) {
      await navigator.storage.persist();
    }
  } catch {
    // not supported: the browser decides
  }
}

/** Hands the already-loaded app files to the service worker so they work offline at once. */
function cacheLoadedAssets(worker: ServiceWorker | null) {
  if (!worker) return;
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  worker.postMessage({ type: 'cache-assets', urls });
}

/** Registers public/sw.js (production build only), keeps storage, starts sending records. */
export function startOffline(): void {
  void persistStorage();
  startSync();
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(async () => {
        const ready = await navigator.serviceWorker.ready;
        cacheLoadedAssets(ready.active);
      })
      .catch(() => {
        // no offline shell: the app still works online
      });
  };
  // This module loads on demand: the page may have finished loading already.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
