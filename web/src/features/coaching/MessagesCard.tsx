// Employee home: a quiet way into the conversation with the coach.
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Card } from '../../app/ui';

export default function MessagesCard() {
  const { org } = useSession();
  return (
    <Card title="Talk to a coach">
      <p>Write to a trained coach about anything on your mind. They reply {org?.coachReplyExpectation ?? 'within 24 hours'}. Only you and your coach can read it.</p>
      <Link to="/messages" className="btn btn--secondary">
        Open messages
      </Link>
    </Card>
  );
}
