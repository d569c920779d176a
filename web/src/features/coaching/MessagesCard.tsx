// Employee home: a quiet way into the conversation with the coach, with a marker when the coach has replied and
// the time a reply is expected (counted in coaching hours) while the person is waiting. One small request.
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Card } from '../../app/ui';
import type { ExpectedReply } from './MessagesPage';
import './coaching.css';

interface Summary {
  started: boolean;
  unread: boolean;
  expectedReply: ExpectedReply | null;
}

export default function MessagesCard() {
  const { org } = useSession();
  const [summary, setSummary] = useState<Summary | null>(null);
  useEffect(() => {
    api.get<Summary>('coaching/thread/summary').then(setSummary, () => setSummary(null));
  }, []);
  return (
    <Card title="Talk to a coach">
      {summary?.unread ? (
        <p>
          <span className="marker">New reply</span> Your coach has replied to you.
        </p>
      ) : summary?.expectedReply ? (
        <p>
          You wrote to your coach. Expect a reply by <strong>{summary.expectedReply.label}</strong>.
        </p>
      ) : (
        <p>
          Write to a trained coach about anything on your mind. They reply{' '}
          {org?.coachReplyExpectation ?? 'within 24 hours'}. Only you and your coach can read it.
        </p>
      )}
      <Link to="/messages" className={`btn ${summary?.unread ? 'btn--primary' : 'btn--secondary'}`}>
        {summary?.unread ? 'Read the reply' : 'Open messages'}
      </Link>
    </Card>
  );
}
