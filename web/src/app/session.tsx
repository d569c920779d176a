// Who is signed in, and what anyone may know about the organisation (name, statement, crisis resources).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Me, OrgInfo } from '../../../functions/contract';
import { api, onUnauthorised } from './api';
import { latestOnly } from './useApi';

interface SessionValue {
  me: Me | null;
  org: OrgInfo | null;
  loading: boolean;
  /** The last "who am I" could not reach the server (offline): not the same as signed out. */
  offline: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [org, setOrg] = useState<OrgInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [offline, setOffline] = useState(false);

  // Not a page's data but the app's own state, kept across pages (so not useApi), with useApi's rule: a refresh
  // aborts the one before it and only the latest answer counts (the start, sign-in and "back online" can overlap).
  const asker = useMemo(
    () =>
      latestOnly(
        (_key, signal) =>
          Promise.allSettled([api.get<Me>('account/me', signal), api.get<OrgInfo>('account/org', signal)]),
        ({ data }) => {
          if (!data) return; // allSettled never fails
          const [meResult, orgResult] = data;
          setMe(meResult.status === 'fulfilled' ? meResult.value : null);
          setOffline(meResult.status === 'rejected' && (meResult.reason as { status?: number }).status === 0);
          if (orgResult.status === 'fulfilled') setOrg(orgResult.value);
          setLoading(false);
        },
      ),
    [],
  );
  const refresh = useCallback(() => asker.load('session'), [asker]);

  const signOut = useCallback(async () => {
    // Writes still waiting offline on this device are dropped (never sent with someone else's session), and its
    // reminder notifications stop, while the session still holds.
    navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
    await import('./forget-device')
      .then((m) => m.forgetThisDevice((endpoint) => api.post('reminders/push/remove', { endpoint })))
      .catch(() => undefined);
    await api.post('account/sign-out').catch(() => undefined);
    setMe(null);
    window.location.hash = '#/sign-in';
  }, []);

  useEffect(() => {
    void refresh();
    const stop = onUnauthorised(() => setMe(null));
    // Opened offline (the service worker served the page): ask again as soon as the network is back.
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => {
      stop();
      window.removeEventListener('online', online);
      asker.cancel();
    };
  }, [refresh, asker]);

  return (
    <SessionContext.Provider value={{ me, org, loading, offline, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
