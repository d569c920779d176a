// HR invites line managers and sees only totals: how many managers have signed in and how many endorsement
// messages they have sent together. Never who received, opened or acted on one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextField } from '../../app/ui';

interface ManagerCounts {
  managersSignedIn: number;
  endorsementMessagesSent: number;
}

export default function ManagersPage() {
  const [counts, setCounts] = useState<ManagerCounts | null>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  const load = useCallback(() => api.get<ManagerCounts>('employer/managers').then(setCounts, setError), []);
  useEffect(() => void load(), [load]);

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
    <Page title="Line managers" intro="Managers can send their team a short note saying it is fine to use Respite in work time. It helps people feel allowed to take the time.">
      <Card title="So far">
        {!counts ? (
          <Loading />
        ) : (
          <>
            <p className="big-number">{counts.endorsementMessagesSent.toLocaleString('en-GB')}</p>
            <p>endorsement messages sent by line managers, all together. It is never shown per manager.</p>
            <p className="field__hint">Nobody — not you, not the manager — can see who received a message, opened it or joined.</p>
          </>
        )}
      </Card>
      <Card title="Invite a line manager">
        <form onSubmit={invite} noValidate>
          {done && <Alert kind="success">{done}</Alert>}
          {error && !error.fieldError('email') && <Alert kind="error">{error.message}</Alert>}
          <TextField label="Manager's work email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldError('email')} />
          <Button type="submit" disabled={!email.includes('@')}>
            Send invitation
          </Button>
        </form>
        <p className="field__hint">We email them a link to sign in. They will only ever see how many messages they sent.</p>
      </Card>
    </Page>
  );
}
