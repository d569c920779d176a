// HR invites line managers and sees only monthly figures for complete months, gated like every employer figure
// (functions/domain/employer/manager-figures.ts): how many managers have an account ("fewer than 10" below 10) and
// how many endorsement messages they sent together (hidden until 10 managers have an account). Never who sent,
// received, opened or acted on one.
import { type FormEvent, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Page, TextField } from '../../app/ui';
import { ManagerFigures } from './ManagerFigures';

export default function ManagersPage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  async function invite(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      await api.post('account/staff-invites', { email, role: 'manager' });
      setDone(`Invitation sent to ${email}.`);
      setEmail('');
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Page
      title="Line managers"
      intro="Managers can send their team a short note saying it is fine to use Respite in work time. It helps people feel allowed to take the time."
    >
      <ManagerFigures path="employer/managers" />
      <Card title="Invite a line manager">
        <form onSubmit={invite} noValidate>
          {done && <Alert kind="success">{done}</Alert>}
          {error && !error.fieldError('email') && <Alert kind="error">{error.message}</Alert>}
          <TextField
            label="Manager's work email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={error?.fieldError('email')}
          />
          <Button type="submit">Send invitation</Button>
        </form>
        <p className="field__hint">
          We email them a link to sign in. They will only ever see how many messages they sent.
        </p>
      </Card>
    </Page>
  );
}
