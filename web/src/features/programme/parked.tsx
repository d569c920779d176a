// Parked thoughts: what the person set aside during a back-to-work step, to pick up when they have more time.
// The page lists them (waiting first), to pick up (a thought record starting from it), mark done or delete; the home
// card shows the few still waiting. Every action is idempotent on the server, so a double tap changes nothing.

import { useState } from 'react';
import type { ParkedThought } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { useDiscreet } from '../../app/discreet';
import { Link, navigate } from '../../app/router';
import { Alert, Button, Card, focusWhenReady, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import { formatDateTime, handOverPickUp } from './shared';

/** A thought record opened from a parked thought starts with it as the situation. */
function pickUp(t: ParkedThought) {
  handOverPickUp(t.text);
  navigate('/diary/new/thought');
}

export function ParkedThoughtsPage() {
  const state = useApi<{ thoughts: ParkedThought[] }>('programme/parked');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const replace = (next: ParkedThought[]) => state.setData({ thoughts: next });
  async function setDone(t: ParkedThought, done: boolean) {
    setError(null);
    try {
      const saved = await api.put<ParkedThought>(`programme/parked/${encodeURIComponent(t.thoughtId)}`, { done });
      const rest = (state.data?.thoughts ?? []).filter((x) => x.thoughtId !== t.thoughtId);
      replace(done ? [...rest, saved] : [saved, ...rest]);
      setStatus(done ? 'Marked as done.' : 'Moved back to waiting.');
      focusWhenReady(`parked-${t.thoughtId}`);
    } catch (err) {
      setError((err as ApiError).message);
    }
  }
  async function remove(t: ParkedThought) {
    setError(null);
    try {
      await api.delete(`programme/parked/${encodeURIComponent(t.thoughtId)}`);
      replace((state.data?.thoughts ?? []).filter((x) => x.thoughtId !== t.thoughtId));
      setStatus('Deleted.');
      focusWhenReady('parked-list-title');
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <Page
      title="Parked thoughts"
      intro="Things you set aside to get back to work. Pick one up when you have a little more time, or let it go."
    >
      {error && <Alert kind="error">{error}</Alert>}
      {status && <Alert kind="success">{status}</Alert>}
      <LoadGate state={state}>
        {({ thoughts }) => {
          const waiting = thoughts.filter((t) => !t.doneAt);
          const done = thoughts.filter((t) => t.doneAt);
          return (
            <>
              <h2 id="parked-list-title" tabIndex={-1}>
                Waiting ({waiting.length})
              </h2>
              {waiting.length === 0 ? (
                <p>
                  Nothing waiting. When a thought gets in the way after an exercise, you can park it in the "Before you
                  go back to work" step.
                </p>
              ) : (
                <ul className="parked-list">
                  {waiting.map((t) => (
                    <li key={t.thoughtId} className="card parked">
                      <p className="parked__text" id={`parked-${t.thoughtId}`} tabIndex={-1}>
                        {t.text}
                      </p>
                      <p className="field__hint">Parked {formatDateTime(t.createdAt)}</p>
                      <div className="actions">
                        <Button onClick={() => pickUp(t)} aria-describedby={`parked-${t.thoughtId}`}>
                          Pick it up
                        </Button>
                        <Button
                          variant="secondary"
                          onClick={() => void setDone(t, true)}
                          aria-describedby={`parked-${t.thoughtId}`}
                        >
                          Mark as done
                        </Button>
                        <Button
                          variant="link"
                          onClick={() => void remove(t)}
                          aria-describedby={`parked-${t.thoughtId}`}
                        >
                          Delete
                        </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              {done.length > 0 && (
                <>
                  <h2>Done ({done.length})</h2>
                  <ul className="parked-list">
                    {done.map((t) => (
                      <li key={t.thoughtId} className="card parked parked--done">
                        <p className="parked__text" id={`parked-${t.thoughtId}`} tabIndex={-1}>
                          {t.text}
                        </p>
                        <p className="field__hint">Done {formatDateTime(t.doneAt!)}</p>
                        <div className="actions">
                          <Button
                            variant="secondary"
                            onClick={() => void setDone(t, false)}
                            aria-describedby={`parked-${t.thoughtId}`}
                          >
                            Not done yet
                          </Button>
                          <Button
                            variant="link"
                            onClick={() => void remove(t)}
                            aria-describedby={`parked-${t.thoughtId}`}
                          >
                            Delete
                          </Button>
                        </div>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p className="field__hint">
                "Pick it up" opens a thought record that starts from it. Parked thoughts are in your data download, and
                go when you delete your account.
              </p>
            </>
          );
        }}
      </LoadGate>
    </Page>
  );
}

/** Home: the thoughts still waiting (up to three), or nothing at all when none are. */
export function ParkedThoughtsCard() {
  const state = useApi<{ thoughts: ParkedThought[] }>('programme/parked');
  const { discreet } = useDiscreet();
  const waiting = state.data?.thoughts.filter((t) => !t.doneAt) ?? [];
  if (!state.data || waiting.length === 0) return null;
  return (
    <Card title="Parked thoughts">
      <p>
        {waiting.length === 1 ? 'One thought is' : `${waiting.length} thoughts are`} waiting for when you have more
        time.
      </p>
      {!discreet && (
        // In discreet mode the home screen shows only how many; the words stay on their own page.
        <ul className="parked-preview">
          {waiting.slice(0, 3).map((t) => (
            <li key={t.thoughtId}>{t.text.length > 80 ? `${t.text.slice(0, 79)}…` : t.text}</li>
          ))}
        </ul>
      )}
      <Link to="/parked">See parked thoughts</Link>
    </Card>
  );
}
