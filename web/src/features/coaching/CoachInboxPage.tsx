// Coach console: every conversation waiting for a reply (safety and urgent first, then longest wait) with its due
// time in coaching hours, overdue, near-due, new and safety flags; then recently answered ones. Conversations are known only by an opaque label.
import type { Inbox, InboxRow } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Alert, Loading, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { waited, when } from './common';

export function Flags({
  row,
}: {
  row: Pick<InboxRow, 'overdue' | 'nearDue' | 'safety'> & Partial<Pick<InboxRow, 'urgent' | 'unread'>>;
}) {
  return (
    <>
      {row.safety && <span className="flag flag--safety">Safety: read first</span>}
      {row.urgent && <span className="flag flag--safety">Marked urgent</span>}
      {row.unread && <span className="flag flag--new">New</span>}
      {row.overdue && <span className="flag flag--overdue">Overdue</span>}
      {row.nearDue && <span className="flag flag--near">Due soon</span>}
    </>
  );
}

export default function CoachInboxPage() {
  const { data: inbox, error } = useApi<Inbox>('coaching/inbox');
  // The server lists safety and urgent threads first, then the longest wait.
  const waiting = inbox?.waiting ?? [];
  return (
    <Page
      title="Inbox"
      intro="People waiting for a reply: safety and urgent first, then the longest wait. Reply times count coaching hours only."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
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
                  {r.dueAt && (
                    <span>
                      {r.overdue ? 'Was due' : 'Reply due by'} <time dateTime={r.dueAt}>{when(r.dueAt)}</time>
                    </span>
                  )}
                  {r.mine && <span className="flag flag--mine">Yours</span>}
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
