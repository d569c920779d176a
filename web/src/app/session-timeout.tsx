// Warns before a session times out and offers to extend it (WCAG 2.2.1 Timing adjustable). Staff sessions end after
// a few idle hours (functions/shared/session-token.ts, SESSION_LIMITS); any answered request extends the idle timeout,
// so "Stay signed in" is one request. The absolute end cannot be extended: the warning then says so, in good time to
// save or send what is being written.
import { useEffect, useState } from 'react';
import type { Me } from '../../../functions/contract';
import { api, lastAnsweredAt } from './api';
import { useSession } from './session';
import { Button } from './ui';

/** How long before the end the warning shows: far more than the 20 seconds WCAG asks for. */
export const WARN_BEFORE_MS = 5 * 60_000;
const CHECK_EVERY_MS = 10_000;

type Warning = { kind: 'idle' | 'end'; at: number } | null;

function warningFor(session: Me['session'], nowMs: number): Warning {
  const idleAt = lastAnsweredAt() + session.idleTimeoutMs;
  const endAt = Date.parse(session.endsAt);
  const first = idleAt < endAt ? { kind: 'idle' as const, at: idleAt } : { kind: 'end' as const, at: endAt };
  return nowMs >= first.at - WARN_BEFORE_MS ? first : null;
}

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

export function SessionTimeoutWarning() {
  const { me, refresh } = useSession();
  const [warning, setWarning] = useState<Warning>(null);
  const [dismissedEnd, setDismissedEnd] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!me) return setWarning(null);
    const check = () => {
      const now = Date.now();
      const w = warningFor(me.session, now);
      // Past the end: the server has signed this session out; asking it returns the person to sign-in.
      if (w && now >= w.at) void refresh();
      setWarning(w);
    };
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [me, refresh]);

  if (!warning || (warning.kind === 'end' && dismissedEnd)) return null;

  const stay = async () => {
    setBusy(true);
    try {
      await api.get('account/me');
      setWarning(me ? warningFor(me.session, Date.now()) : null);
    } catch {
      // A 401 returns the person to sign-in (session.tsx); anything else leaves the warning up to try again.
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="alert alert--warning session-warning" role="alert">
      {warning.kind === 'idle' ? (
        <>
          <p>
            <strong>You will be signed out at {clockTime(warning.at)}</strong> because nothing has happened for a while.
            Anything you have not saved or sent would be lost.
          </p>
          <Button onClick={() => void stay()} disabled={busy}>
            Stay signed in
          </Button>
        </>
      ) : (
        <>
          <p>
            <strong>This session ends at {clockTime(warning.at)}</strong> and cannot be extended, for your security.
            Save or send what you are writing, then sign in again.
          </p>
          <Button variant="secondary" onClick={() => setDismissedEnd(true)}>
            OK
          </Button>
        </>
      )}
    </div>
  );
}
