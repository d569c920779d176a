// Coach console: the three personal check-ins (weeks 1, 3 and 6) and the weekly ones due soon, and an editor to
// personalise one before it goes. Sent in the coach's name by the email engine; people who turned check-ins off never appear here.
import { type FormEvent, useEffect, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import { when } from './common';

interface Upcoming {
  ref: string;
  number: number;
  weekly: boolean;
  dueAt: string;
  person: string;
  threadId: string | null;
}

interface Checkin {
  ref: string;
  number: number;
  weekly: boolean;
  dueAt: string;
  sent: boolean;
  text: string;
  coachName: string | null;
  personalised: boolean;
  version: number;
}

const WEEK = { 1: 'week 1', 2: 'week 3', 3: 'week 6' } as Record<number, string>;
/** "check-in 2 (week 3)", or "weekly check-in" for the one a person chose on top of the planned ones. */
const nameOf = (c: { number: number; weekly: boolean }) =>
  c.weekly ? 'weekly check-in' : `check-in ${c.number} (${WEEK[c.number]})`;

export default function CheckinsPage() {
  const [list, setList] = useState<Upcoming[] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ checkins: Upcoming[] }>('coaching/checkins').then(
      (r) => setList(r.checkins),
      (e: ApiError) => setError(e.message),
    );
  }, []);
  return (
    <Page
      title="Check-ins"
      intro="Three personal check-ins go out in weeks 1, 3 and 6 after someone joins, and a weekly one to people who asked for it. You can make each one personal before it goes: a weekly one for that week only."
    >
      {error && <Alert kind="error">{error}</Alert>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <p>No check-ins are due.</p>}
      {list && list.length > 0 && (
        <ul className="inbox">
          {list.map((c) => (
            <li key={c.ref}>
              <span>
                <strong>{c.person}</strong>: {nameOf(c)}, due {when(c.dueAt)}
              </span>
              <Button
                variant="secondary"
                onClick={() => setOpen(open === c.ref ? null : c.ref)}
                aria-expanded={open === c.ref}
              >
                {open === c.ref ? 'Close' : 'Personalise'}{' '}
                <span className="visually-hidden">
                  {nameOf(c)} for {c.person}
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
  const [checkin, setCheckin] = useState<Checkin | null>(null);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.get<Checkin>(`coaching/checkins/${encodeURIComponent(checkinRef)}`).then(
      (c) => {
        setCheckin(c);
        setText(c.text);
        setName(c.coachName ?? '');
      },
      (e: ApiError) => setError(e),
    );
  }, [checkinRef]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!checkin) return;
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

  if (!checkin) return error ? <Alert kind="error">{error.message}</Alert> : <Loading />;
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
