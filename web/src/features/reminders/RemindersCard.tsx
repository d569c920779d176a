// Employee home: a small card pointing to reminder and email choices.
import { Link } from '../../app/router';
import { Card } from '../../app/ui';

export default function RemindersCard() {
  return (
    <Card title="Reminders">
      <p>Get a nudge at a time that suits you, and choose which emails you get.</p>
      <Link to="/reminders">Choose reminders</Link>
    </Card>
  );
}
