// "Your goals": the goals chosen (or skipped) in the first run, to change at any time. Same store and route as the
// first run (PUT /api/programme/welcome); saving here never re-offers or finishes the first run, it keeps its state.
import { type FormEvent, useState } from 'react';
import type { Welcome } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import '../reminders/reminders.css';

function GoalsForm({ welcome }: { welcome: Welcome }) {
  const [goals, setGoals] = useState<string[]>(welcome.goals);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = (id: string) => {
    setSaved(false);
    setGoals(goals.includes(id) ? goals.filter((g) => g !== id) : [...goals, id]);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api.put<Welcome>('programme/welcome', { goals, finished: welcome.finished });
      setGoals(next.goals);
      setSaved(true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="rem-group">
        <legend>What would you like to get from this? Choose any, or none.</legend>
        {welcome.options.map((o) => (
          <label key={o.id} className="rem-choice">
            <input type="checkbox" checked={goals.includes(o.id)} onChange={() => toggle(o.id)} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <Alert kind="error">{error.fields[0]?.message ? `Goals: ${error.fields[0].message}` : error.message}</Alert>
      )}
      {saved && (
        <Alert kind="success">
          {goals.length ? 'Saved. Your goals are up to date.' : 'Saved. You have no goals chosen, and that is fine.'}
        </Alert>
      )}
      <div className="rem-actions">
        <Button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save my goals'}
        </Button>
        <Link to="/course">Go to the course</Link>
      </div>
    </form>
  );
}

export function GoalsPage() {
  const state = useApi<Welcome>('programme/welcome');
  return (
    <Page
      title="Your goals"
      intro="What you hope to get from Respite. Change them whenever you like. Only you can see them; they are part of your data download."
    >
      <LoadGate state={state}>{(welcome) => <GoalsForm welcome={welcome} />}</LoadGate>
    </Page>
  );
}
