// Coach home: how many people are waiting, and how many are overdue.
import type { Inbox } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import { useApi } from '../../app/useApi';

export default function CoachHomeCard() {
  const inbox = useApi<Inbox>('coaching/inbox');
  // A failed check shows "0 waiting" rather than an error: the inbox page itself says what went wrong.
  const waiting = inbox.error ? [] : (inbox.data?.waiting ?? null);
  const overdue = waiting?.filter((r) => r.overdue).length ?? 0;
  return (
    <Card title="Inbox">
      <p>
        {waiting === null
          ? 'Checking your inbox…'
          : `${waiting.length} ${waiting.length === 1 ? 'person is' : 'people are'} waiting for a reply${overdue ? `, ${overdue} overdue` : ''}.`}
      </p>
      <Link to="/coach/inbox" className="btn btn--primary">
        Open the inbox
      </Link>
    </Card>
  );
}
