// Respite's service worker (registered by web/src/app/pwa.ts after the first load). Three jobs, nothing more:
// 1. The app shell offline: pages (index.html) network-first with the last copy as fallback, built files (assets/,
//    icons, manifests) from the cache once fetched. API responses are never cached (they hold personal data), but for
//    the organisation's public details (name, crisis contacts), so that "Need help now?" works offline too.
// 2. Unsent writes: a diary entry or exercise answers sent while offline are kept in IndexedDB on this device (the
//    latest per address) and answered "202 queued"; they are sent when the network returns (Background Sync where
//    the browser has it, and whenever a page says it is online). Each write is idempotent on the server (a diary entry
//    carries its own id; answers replace the section's answers), so sending one twice changes nothing. Signing out
//    (or a 401 when sending) empties the queue, so nothing of one person is ever sent with another's session.
// 3. Reminder notifications (Web Push): show them with the neutral icon in discreet mode; a click opens the app.
const SHELL = `respite-shell-v1:${self.registration.scope}`;
const QUEUE_DB = 'respite-outbox';
const STORE = 'writes';
const SYNC_TAG = 'respite-outbox';

/** Writes that may wait for the network (path after the scope). */
const QUEUEABLE = [
  { method: 'POST', path: /^api\/programme\/diary$/ },
  { method: 'PUT', path: /^api\/programme\/diary\/[^/]+$/ },
  { method: 'PUT', path: /^api\/programme\/modules\/[^/]+\/sections\/[^/]+\/answers$/ },
];

const relative = (url) => (url.startsWith(self.registration.scope) ? url.slice(self.registration.scope.length) : null);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const page = await fetch('./', { cache: 'no-cache' });
      const html = await page.clone().text();
      // The page and the files it loads first; later pages' files are added as they are fetched (fileCacheFirst),
      // and those the page loaded before this worker existed are sent by the page ('cache' message).
      const files = [
        ...html.matchAll(/(?:src|href)="(?:\.\/)?((?:assets|icons)\/[^"]+|[a-z-]+\.(?:svg|webmanifest))"/g),
      ];
      await cache.put('./', page);
      await cache.addAll([
        ...new Set(['manifest-neutral.webmanifest', 'favicon-neutral.svg', ...files.map((m) => m[1])]),
      ]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('respite-shell-') && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const path = relative(request.url);
  if (path === null) return; // another origin or outside the scope: the browser handles it
  if (path === 'api/account/org' && request.method === 'GET') {
    // The organisation's name and crisis contacts (nothing about the person): kept so "Need help now?" works offline.
    event.respondWith(orgNetworkFirst(request));
    return;
  }
  if (path.startsWith('api/')) {
    if (QUEUEABLE.some((q) => q.method === request.method && q.path.test(path)))
      event.respondWith(sendOrQueue(request));
    return; // every other API request goes straight to the network, never cached
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(pageNetworkFirst(request));
  else event.respondWith(fileCacheFirst(request));
});

async function pageNetworkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put('./', response.clone());
    return response;
  } catch {
    return (await cache.match('./')) ?? Response.error();
  }
}

async function orgNetworkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}

async function fileCacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

/** Built files the page loaded before this worker controlled it (never API responses, never other origins). */
async function cacheFiles(urls) {
  const cache = await caches.open(SHELL);
  const files = urls.filter((u) => typeof u === 'string' && /^(assets|icons)\//.test(relative(u) ?? ''));
  await Promise.all(files.map(async (u) => (await cache.match(u)) || cache.add(u).catch(() => undefined)));
}

// ---- the queue of unsent writes -------------------------------------------------------------------------------

function openQueue() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(QUEUE_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore(mode, fn) {
  const db = await openQueue();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

async function sendOrQueue(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch {
    // Offline: keep it (the latest write per address wins) and say so; the page tells the person it is kept here.
    const key = `${request.method} ${request.url}`;
    await withStore('readwrite', (s) =>
      s.put({ key, url: request.url, method: request.method, body, queuedAt: Date.now() }),
    );
    try {
      await self.registration.sync?.register(SYNC_TAG);
    } catch {
      // no Background Sync here: the page's "online" message sends the queue
    }
    await tell({ type: 'outbox', queued: await count() });
    return new Response(JSON.stringify({ queued: true }), {
      status: 202,
      headers: { 'content-type': 'application/json', 'x-respite-queued': '1' },
    });
  }
}

const count = () => withStore('readonly', (s) => s.count());

let flushing = null;
/** Sends every queued write, oldest first; stops at the first network failure (still offline). */
function flush() {
  flushing ??= (async () => {
    try {
      const writes = ((await withStore('readonly', (s) => s.getAll())) ?? []).sort((a, b) => a.queuedAt - b.queuedAt);
      let sent = 0;
      for (const w of writes) {
        let response;
        try {
          response = await fetch(w.url, {
            method: w.method,
            headers: { 'content-type': 'application/json' },
            body: w.body,
            credentials: 'same-origin',
          });
        } catch {
          break; // still offline: keep the rest for later
        }
        if (response.status === 401) {
          await clearQueue(); // signed out meanwhile: never send it with someone else's session
          break;
        }
        // Sent (or refused for good, e.g. changed elsewhere meanwhile): either way it leaves the queue.
        await withStore('readwrite', (s) => s.delete(w.key));
        if (response.ok) sent++;
      }
      await tell({ type: 'outbox', queued: await count(), sent });
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

const clearQueue = () => withStore('readwrite', (s) => s.clear());

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(flush());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'flush') event.waitUntil(flush());
  else if (event.data?.type === 'cache' && Array.isArray(event.data.urls)) event.waitUntil(cacheFiles(event.data.urls));
  else if (event.data?.type === 'signed-out') event.waitUntil(clearQueue());
  else if (event.data?.type === 'discreet') event.waitUntil(setDeviceDiscreet(event.data.on === true));
});

// ---- reminder notifications ---------------------------------------------------------------------------------

// Discreet on this device (a page tells us; kept in the cache as a tiny flag, as a worker has no localStorage):
// notifications here are neutral even when the account is not discreet.
const DISCREET_FLAG = 'discreet-device';
async function setDeviceDiscreet(on) {
  const cache = await caches.open(SHELL);
  if (on) await cache.put(DISCREET_FLAG, new Response('1'));
  else await cache.delete(DISCREET_FLAG);
}
const deviceDiscreet = async () => !!(await (await caches.open(SHELL)).match(DISCREET_FLAG));

const NEUTRAL = { title: 'Your reminder', body: 'The time you set aside is here.' };

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data?.json() ?? {};
  } catch {
    // not ours: show the neutral reminder
  }
  event.waitUntil(
    (async () => {
      const discreet = data.discreet !== false || (await deviceDiscreet());
      const text = discreet || typeof data.title !== 'string' || typeof data.body !== 'string' ? NEUTRAL : data;
      await self.registration.showNotification(text.title, {
        body: text.body,
        tag: 'reminder',
        icon: discreet ? 'icons/icon-neutral-192.png' : 'icons/icon-192.png',
        data: { url: typeof data.url === 'string' ? data.url : './' },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only ever open this app: a URL elsewhere in a payload is ignored.
  const wanted = new URL(event.notification.data?.url ?? './', self.registration.scope);
  const url = wanted.href.startsWith(self.registration.scope) ? wanted.href : self.registration.scope;
  event.waitUntil(
    (async () => {
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        if (client.url.startsWith(self.registration.scope) && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(url);
    })(),
  );
});
