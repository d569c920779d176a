// Line manager home: the endorsement composer and how many messages they have sent (a count only).
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { Link } from '../../app/router';
import { Card } from '../../app/ui';

export default function ManagerHomeCard() {
  const [sent, setSent] = useState<number | null>(null);
  useEffect(() => {
    api.get<{ messagesSent: number }>('employer/endorsements').then(
      (d) => setSent(d.messagesSent),
      () => setSent(null),
    );
  }, []);
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
