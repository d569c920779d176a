// Coach home: how many people are waiting, and how many are overdue.
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import type { InboxRow } from './CoachInboxPage';

export default function CoachHomeCard() {
  const [waiting, setWaiting] = useState<InboxRow[] | null>(null);
  useEffect(() => {
    api.get<{ waiting: InboxRow[] }>('coaching/inbox').then(
      (r) => setWaiting(r.waiting),
      () => setWaiting([]),
    );
  }, []);
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
