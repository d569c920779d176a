// Who is signed in, and what anyone may know about the organisation (name, statement, crisis resources).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onUnauthorised } from './api';

export type Role = 'employee' | 'hr_admin' | 'manager' | 'coach';

export interface Me {
  role: Role;
  email: string;
  departmentId: string | null;
  orgName: string;
  joinedAt: string;
  /** Idle timeout (extended by any request) and the absolute end of this session. */
  session: { idleTimeoutMs: number; endsAt: string };
}

export interface CrisisResource {
  name: string;
  contact: string;
  description: string;
  href: string;
}

export interface OrgInfo {
  orgName: string;
  permissionStatement: { version: number; text: string; publishedAt: string | null };
  departments: { id: string; name: string }[];
  crisisResources: CrisisResource[];
  coachReplyExpectation: string;
  /** The organisation's own email domains: the join and sign-in pages advise a personal address for these. */
  workEmailDomains: string[];
}

interface SessionValue {
  me: Me | null;
  org: OrgInfo | null;
  loading: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [org, setOrg] = useState<OrgInfo | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    const [meResult, orgResult] = await Promise.allSettled([
      api.get<Me>('account/me'),
      api.get<OrgInfo>('account/org'),
    ]);
    setMe(meResult.status === 'fulfilled' ? meResult.value : null);
    if (orgResult.status === 'fulfilled') setOrg(orgResult.value);
    setLoading(false);
  }, []);

  const signOut = useCallback(async () => {
    await api.post('account/sign-out').catch(() => undefined);
    navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' }); // drops writes still waiting offline
    setMe(null);
    window.location.hash = '#/sign-in';
  }, []);

  useEffect(() => {
    void refresh();
    const stop = onUnauthorised(() => setMe(null));
    return () => {
      stop();
    };
  }, [refresh]);

  return <SessionContext.Provider value={{ me, org, loading, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
