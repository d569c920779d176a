// Coach console: the three personal check-ins (weeks 1, 3 and 6) due soon, and an editor to personalise one before
// it goes. Sent in the coach's name by the email engine; people who turned check-ins off never appear here.
import { type FormEvent, useState } from 'react';
import type { Checkin, UpcomingCheckins } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import { when } from './common';

const WEEK = { 1: 'week 1', 2: 'week 3', 3: 'week 6' } as Record<number, string>;

export default function CheckinsPage() {
  const { data, error } = useApi<UpcomingCheckins>('coaching/checkins');
  const list = data?.checkins ?? null;
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Page
      title="Check-ins"
      intro="Three personal check-ins go out in weeks 1, 3 and 6 after someone joins. You can make each one personal before it goes."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <p>No check-ins are due.</p>}
      {list && list.length > 0 && (
        <ul className="inbox">
          {list.map((c) => (
            <li key={c.ref}>
              <span>
                <strong>{c.person}</strong>: check-in {c.number} ({WEEK[c.number]}), due {when(c.dueAt)}
              </span>
              <Button
                variant="secondary"
                onClick={() => setOpen(open === c.ref ? null : c.ref)}
                aria-expanded={open === c.ref}
              >
                {open === c.ref ? 'Close' : 'Personalise'}{' '}
                <span className="visually-hidden">
                  check-in {c.number} for {c.person}
                </span>
              </Button>
              {open === c.ref && <Editor checkinRef={c.ref} />}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function Editor({ checkinRef }: { checkinRef: string }) {
  const loaded = useApi<Checkin>(`coaching/checkins/${encodeURIComponent(checkinRef)}`);
  return <LoadGate state={loaded}>{(c) => <EditorForm checkinRef={checkinRef} loaded={c} />}</LoadGate>;
}

/** The form starts from the loaded check-in; after a save it keeps the saved one (and its version). */
function EditorForm({ checkinRef, loaded }: { checkinRef: string; loaded: Checkin }) {
  const [checkin, setCheckin] = useState(loaded);
  const [text, setText] = useState(loaded.text);
  const [name, setName] = useState(loaded.coachName ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const next = await api.put<Checkin>(`coaching/checkins/${encodeURIComponent(checkinRef)}`, {
        text,
        coachName: name,
        expectedVersion: checkin.version,
      });
      setCheckin(next);
      setSaved(true);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Card>
      <form onSubmit={save} noValidate>
        {saved && <Alert kind="success">Saved. This text will go on {when(checkin.dueAt)}.</Alert>}
        {checkin.sent && <Alert kind="info">This check-in has already been sent.</Alert>}
        {error && !error.fieldError('text') && !error.fieldError('coachName') && (
          <Alert kind="error">{error.message}</Alert>
        )}
        <TextField
          label="Your name, as it appears on the email"
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          error={error?.fieldError('coachName')}
        />
        <TextArea
          label="Check-in message"
          hint="20 to 2,000 characters."
          value={text}
          rows={8}
          onChange={(e) => setText(e.target.value)}
          error={error?.fieldError('text')}
        />
        <Button type="submit" disabled={checkin.sent} disabledReason="Already sent.">
          Save check-in
        </Button>
      </form>
    </Card>
  );
}
