/**
 * The phone page's service worker (status/public/sw.js, served at /t/sw.js so that its scope is
 * every phone page, /t/): it shows the turn-near alerts pushed while the page is closed, and it
 * is how the page itself shows a notification where the browser allows them only through a
 * worker (Chrome on Android). Registering asks nothing of the citizen: the permission is asked
 * only from the tap that signs up (push.ts).
 */
export const WORKER_URL = '/t/sw.js';
export const WORKER_SCOPE = '/t/';

let active: ServiceWorkerRegistration | null = null;

/** Registers the worker and resolves once it is active (null where there are no service workers, or the page is not served by madoguchi). */
export async function registerWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  try {
    await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE });
    active = await navigator.serviceWorker.ready;
    return active;
  } catch {
    // a private window without workers, or the Vite dev server without /t/sw.js: the page works without
    return null;
  }
}

/** The active registration, once registerWorker has resolved; read synchronously by the call alert. */
export const workerRegistration = (): ServiceWorkerRegistration | null => active;
