// The installable app: registers the service worker (web/public/sw.js) once the first page has loaded, so it never
// slows the first visit, and keeps it told when the network is back (it then sends writes kept while offline).
// Loaded with import() from main.tsx after the load event: none of this is in the home page's first bundle.

/** What the worker tells pages about writes kept on this device while offline. */
export interface OutboxEvent {
  queued: number;
  sent?: number;
}
export const OUTBOX_EVENT = 'respite:outbox';
const RETRY_MS = 3000;

let registering: Promise<ServiceWorkerRegistration | null> | undefined;
/** Registers once (main.tsx after load; the reminders page asks again before subscribing to push). */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  registering ??= register().catch(() => null);
  return registering;
}

async function register(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return null;
  const registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
  const ready = await navigator.serviceWorker.ready;
  const flush = () => (registration.active ?? ready.active)?.postMessage({ type: 'flush' });
  let retry: ReturnType<typeof setTimeout> | undefined;
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent) => {
    if (e.data?.type !== 'outbox') return; // any other message must not cancel a pending retry
    // Still waiting although the browser says it is online (the network came back a moment later): try again soon.
    clearTimeout(retry);
    if (e.data.queued > 0 && navigator.onLine) retry = setTimeout(flush, RETRY_MS);
    if (e.data?.type === 'outbox')
      window.dispatchEvent(
        new CustomEvent<OutboxEvent>(OUTBOX_EVENT, { detail: { queued: e.data.queued, sent: e.data.sent } }),
      );
  });
  // Files this page loaded before the worker existed, so the shell works offline from the first visit on.
  const loaded = performance.getEntriesByType('resource').map((r) => r.name);
  ready.active?.postMessage({ type: 'cache', urls: [location.href.split('#')[0], ...loaded] });
  // Whether this device is discreet (discreet.tsx keeps it told of changes), for the notifications it shows.
  const stored = (k: string) => {
    try {
      return localStorage.getItem(k) === '1';
    } catch {
      return false;
    }
  };
  ready.active?.postMessage({ type: 'discreet', on: stored('respite.discreet') || stored('respite.discreet.account') });
  // "Need help now?" must work offline too: load its page once now, so the worker keeps it.
  void import('../features/enrolment/HelpNowPage').catch(() => undefined);
  window.addEventListener('online', flush);
  flush(); // anything left from an earlier visit
  return ready;
}
