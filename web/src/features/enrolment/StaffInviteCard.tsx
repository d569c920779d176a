// HR home: invite line managers or other HR admins by email.
import { type FormEvent, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, SelectField, TextField } from '../../app/ui';

export default function StaffInviteCard() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'manager' | 'hr_admin'>('manager');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      await api.post('account/staff-invites', { email, role });
      setDone(`Invitation sent to ${email}.`);
      setEmail('');
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Card title="Invite a line manager or HR admin">
      <form onSubmit={submit} noValidate>
        {done && <Alert kind="success">{done}</Alert>}
        {error && !error.fieldError('email') && <Alert kind="error">{error.message}</Alert>}
        <TextField
          label="Work email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={error?.fieldError('email')}
        />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as 'manager' | 'hr_admin')}>
          <option value="manager">Line manager</option>
          <option value="hr_admin">HR admin</option>
        </SelectField>
        <Button type="submit">Send invitation</Button>
      </form>
    </Card>
  );
}
