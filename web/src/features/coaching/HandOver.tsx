// Coach console, one conversation: hand it to a colleague who is in. Its coach (or anyone while it is unassigned)
// and lead coaches can; the history stays with the conversation.
import { type FormEvent, useState } from 'react';
import type { Team } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';

export function HandOver({
  threadId,
  coachId,
  onMoved,
}: {
  threadId: string;
  coachId: string | null;
  onMoved: () => Promise<void>;
}) {
  // Shown only once the team is known (not at all if it cannot be read).
  const { data: team } = useApi<Team>('coaching/team');
  const [to, setTo] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  if (!team?.me.onTeam) return null;
  const mayMove = coachId === null || coachId === team.me.coachId || team.me.lead;
  const current = team.coaches.find((c) => c.coachId === coachId);
  const choices = team.coaches.filter((c) => !c.away && c.coachId !== coachId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError('');
    setDone('');
    try {
      await api.post(`coaching/threads/${encodeURIComponent(threadId)}/assign`, { coachId: to });
      setDone(`Handed over to ${team!.coaches.find((c) => c.coachId === to)?.email ?? 'a colleague'}.`);
      setTo('');
      await onMoved();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <section aria-labelledby="handover-title">
      <h2 id="handover-title">Coach</h2>
      <p>
        {current
          ? current.coachId === team.me.coachId
            ? 'This conversation is yours.'
            : `This conversation is with ${current.email}.`
          : 'Nobody has this conversation yet.'}
      </p>
      {done && <Alert kind="success">{done}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {mayMove && choices.length > 0 && (
        <form onSubmit={submit} className="actions" aria-label="Hand over this conversation">
          <SelectField label="Hand over to" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">Choose a coach who is in…</option>
            {choices.map((c) => (
              <option key={c.coachId} value={c.coachId}>
                {c.email}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" disabled={!to} disabledReason="Choose a coach first.">
            Hand over
          </Button>
        </form>
      )}
    </section>
  );
}
