// Employee home: a quiet way into the conversation with the coach, with a marker when the coach has replied and
// the time a reply is expected (counted in coaching hours) while the person is waiting. One small request.
import type { ThreadSummary } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Card } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './coaching.css';

export default function MessagesCard() {
  const { org } = useSession();
  // On an error the card shows its quiet default (no marker), as before.
  const { data: summary } = useApi<ThreadSummary>('coaching/thread/summary');
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
