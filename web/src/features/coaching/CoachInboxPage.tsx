// Coach console: every conversation waiting for a reply, longest wait first, with overdue (> 24 h), near-due and
// safety flags; then recently answered ones. Conversations are known only by an opaque label.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Loading, Page } from '../../app/ui';
import { waited, when } from './common';

export interface InboxRow {
  threadId: string;
  label: string;
  lastMessageAt: string;
  lastFrom: 'employee' | 'coach';
  waitingSince: string | null;
  waitingMinutes: number | null;
  overdue: boolean;
  nearDue: boolean;
  safety: boolean;
}

export function Flags({ row }: { row: Pick<InboxRow, 'overdue' | 'nearDue' | 'safety'> }) {
  return (
    <>
      {row.safety && <span className="flag flag--safety">Safety: read first</span>}
      {row.overdue && <span className="flag flag--overdue">Overdue</span>}
      {row.nearDue && <span className="flag flag--near">Due soon</span>}
    </>
  );
}

export default function CoachInboxPage() {
  const [inbox, setInbox] = useState<{ waiting: InboxRow[]; answered: InboxRow[] } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.get<{ waiting: InboxRow[]; answered: InboxRow[] }>('coaching/inbox').then(setInbox, (e: ApiError) => setError(e.message));
  }, []);
  // Safety first, then the longest wait (the server already sorts by wait).
  const waiting = inbox ? [...inbox.waiting].sort((a, b) => Number(b.safety) - Number(a.safety)) : [];
  return (
    <Page title="Inbox" intro="People waiting for a reply, longest wait first. Aim to reply within 24 hours.">
      {error && <Alert kind="error">{error}</Alert>}
      {!inbox && !error && <Loading />}
      {inbox && (
        <>
          <h2>Waiting for a reply ({waiting.length})</h2>
          {waiting.length === 0 ? (
            <p>Nobody is waiting. Well done.</p>
          ) : (
            <ul className="inbox">
              {waiting.map((r) => (
                <li key={r.threadId}>
                  <Link to={`/coach/threads/${r.threadId}`}>{r.label}</Link>
                  <span>Waiting {waited(r.waitingMinutes ?? 0)}</span>
                  <Flags row={r} />
                </li>
              ))}
            </ul>
          )}
          <h2>Recently answered</h2>
          {inbox.answered.length === 0 ? (
            <p>No answered conversations yet.</p>
          ) : (
            <ul className="inbox">
              {inbox.answered.map((r) => (
                <li key={r.threadId}>
                  <Link to={`/coach/threads/${r.threadId}`}>{r.label}</Link>
                  <span>Last message {when(r.lastMessageAt)}</span>
                  <Flags row={r} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
