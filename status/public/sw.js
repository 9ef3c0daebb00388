// The phone page's service worker (served at /t/sw.js, scope /t/; status/src/service-worker.ts
// registers it). It shows a turn-near alert pushed by the server while the page is closed — the
// payload is docs/api.md's { title, body, url, label, kind }, already in the ticket's language —
// and a tap on the notification brings the ticket's page forward, or opens it.
// Plain JavaScript: Vite copies status/public as it is, and a worker needs a fixed address.
/* global self -- the worker's global scope (ServiceWorkerGlobalScope) */

/** the kinds that must not be missed: they sound again, and the call stays until touched */
const RENOTIFY = new Set(['called', 'recalled']);

self.addEventListener('install', () => {
  // a new version takes over at once: it holds no cache that could be out of step with the page
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload as sent; a message that is not JSON still shows as its text. */
function readPush(data) {
  if (!data) return null;
  try {
    const m = data.json();
    return m && typeof m.title === 'string' ? m : null;
  } catch {
    return { title: data.text(), body: '', url: '/t/', label: 'madoguchi', kind: 'near' };
  }
}

self.addEventListener('push', (event) => {
  const m = readPush(event.data);
  if (!m) return;
  const url = new URL(m.url || '/t/', self.location.origin).href;
  event.waitUntil(
    self.registration.showNotification(m.title, {
      body: m.body || '',
      // one notification per ticket: the call replaces the near alert instead of piling up
      tag: m.label || 'madoguchi',
      renotify: RENOTIFY.has(m.kind),
      requireInteraction: m.kind === 'called',
      data: { url },
      // the ticket's language, so that a screen reader reads the notification in it
      ...(typeof m.lang === 'string' ? { lang: m.lang } : {}),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (!url) return;
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const tab = open.find((c) => c.url.split('?')[0] === url.split('?')[0]);
      if (tab) return tab.focus();
      return self.clients.openWindow(url);
    })(),
  );
});
