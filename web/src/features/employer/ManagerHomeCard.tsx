// Line manager home: the endorsement composer and how many messages they have sent (a count only).
import type { Endorsements } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import { useApi } from '../../app/useApi';

export default function ManagerHomeCard() {
  // The count is left out if it cannot be read.
  const sent = useApi<Endorsements>('employer/endorsements').data?.messagesSent ?? null;
  return (
    <Card title="Tell your team it's OK">
      <p>Send your team a short note saying they can use Respite during work hours. You will never know who uses it.</p>
      {sent !== null && (
        <p>You have sent {sent === 1 ? '1 message' : `${sent.toLocaleString('en-GB')} messages`} so far.</p>
      )}
      <p>
        <Link to="/endorse">Write a message to your team</Link>
      </p>
    </Card>
  );
}
