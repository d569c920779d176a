// Lead coach: the whole coaching service at a glance — load per coach, waiting, due soon, overdue, safety — and the
// waiting conversations by label with their coach, so the lead can move one. Numbers and labels only.
import type { Board } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Alert, Loading, Page, TableScroll } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { Flags } from './CoachInboxPage';
import { waited, when } from './common';

export default function BoardPage() {
  const { data: board, error } = useApi<Board>('coaching/board');
  const coachName = (id: string | null) =>
    id === null ? 'Nobody yet' : (board?.coaches.find((c) => c.coachId === id)?.email ?? 'Nobody yet');

  return (
    <Page
      title="Lead coach’s board"
      intro="The whole coaching service: who holds how many waiting conversations, and what is due. No message text is shown here."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {!board && !error && <Loading />}
      {board && (
        <>
          <dl className="sla-figures">
            <div>
              <dt>Waiting</dt>
              <dd>{board.totals.waiting}</dd>
            </div>
            <div>
              <dt>Overdue</dt>
              <dd>{board.totals.overdue}</dd>
            </div>
            <div>
              <dt>Due soon</dt>
              <dd>{board.totals.nearDue}</dd>
            </div>
            <div>
              <dt>Safety or urgent</dt>
              <dd>{board.totals.safety}</dd>
            </div>
            <div>
              <dt>Coaches in</dt>
              <dd>
                {board.totals.available} of {board.totals.coaches}
              </dd>
            </div>
          </dl>
          <h2>By coach</h2>
          <TableScroll label="Waiting conversations per coach">
            <table className="board">
              <caption className="visually-hidden">Waiting conversations per coach</caption>
              <thead>
                <tr>
                  <th scope="col">Coach</th>
                  <th scope="col">Status</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Due soon</th>
                  <th scope="col">Overdue</th>
                  <th scope="col">Safety or urgent</th>
                </tr>
              </thead>
              <tbody>
                {board.coaches.map((c) => (
                  <tr key={c.coachId}>
                    <th scope="row">
                      {c.email}
                      {c.lead ? ' (lead)' : ''}
                    </th>
                    <td>{c.away ? 'Away' : 'In'}</td>
                    <td>{c.waiting}</td>
                    <td>{c.nearDue}</td>
                    <td>{c.overdue}</td>
                    <td>{c.safety}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Not assigned</th>
                  <td>—</td>
                  <td>{board.unassigned.waiting}</td>
                  <td>{board.unassigned.nearDue}</td>
                  <td>{board.unassigned.overdue}</td>
                  <td>{board.unassigned.safety}</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <h2>Waiting conversations</h2>
          {board.threads.length === 0 ? (
            <p>Nobody is waiting.</p>
          ) : (
            <ul className="inbox">
              {board.threads.map((t) => (
                <li key={t.threadId}>
                  <Link to={`/coach/threads/${t.threadId}`}>{t.label}</Link>
                  <span>{coachName(t.coachId)}</span>
                  <span>Waiting {waited(t.waitingMinutes ?? 0)}</span>
                  {t.dueAt && (
                    <span>
                      {t.overdue ? 'Was due' : 'Due by'} <time dateTime={t.dueAt}>{when(t.dueAt)}</time>
                    </span>
                  )}
                  <Flags row={t} />
                </li>
              ))}
            </ul>
          )}
          <h2>Reply times this month</h2>
          <p>
            {board.replyTimes.replies === 0
              ? 'No first replies yet this month.'
              : `${board.replyTimes.replies} first ${board.replyTimes.replies === 1 ? 'reply' : 'replies'}; ${Math.round((board.replyTimes.shareWithin24h ?? 0) * 100)}% within the promise; median ${waited(Math.round(board.replyTimes.medianMinutes ?? 0))} of coaching hours.`}{' '}
            <Link to="/coach/reply-times">All reply times</Link>
          </p>
        </>
      )}
    </Page>
  );
}
