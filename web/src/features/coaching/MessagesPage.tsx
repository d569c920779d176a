// The employee's private thread with their coach: read and write messages, share an item, stop sharing it.
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { EmployeeThread, ExpectedReply, Shareables, SharedItem } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { notifyUnreadChanged } from '../../app/layout';
import { Link } from '../../app/router';
import { Alert, Button, Card, Loading, Page, SelectField, TextArea } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { CharsLeft, MAX_CHARS, MessageList, newClientId, SharedItemCard } from './common';

type CoachContact = EmployeeThread['coachContact'];

export default function MessagesPage() {
  const { data: view, error: loadError, reload: load } = useApi<EmployeeThread>('coaching/thread');
  // Opening the thread reads the coach's reply: the marker on the home card goes.
  useEffect(() => {
    if (view?.unread)
      void api
        .post('coaching/thread/read')
        .catch(() => undefined)
        .then(() => notifyUnreadChanged()); // the navigation's "1 unread" goes too
  }, [view]);

  return (
    <Page
      title="Messages"
      intro="Write to your coach about anything that is on your mind. Only you and your coach can read this. Your employer never sees it."
    >
      {loadError && <Alert kind="error">{loadError.message}</Alert>}
      {!view && !loadError && <Loading />}
      {view && (
        <>
          <p>
            Your coach replies <strong>{view.replyExpectation}</strong>. Your coach is not an emergency service: if you
            need help now, <Link to="/help">see who to contact</Link>.
          </p>
          {view.unread && (
            <Alert kind="info">Your coach has replied. Their reply is at the end of the conversation.</Alert>
          )}
          <h2>Your conversation</h2>
          <MessageList messages={view.messages} viewer="employee" />
          {view.expectedReply && (
            <p className="expected-reply">
              You are waiting for a reply. Expect one by <strong>{view.expectedReply.label}</strong>.
            </p>
          )}
          <Composer onSent={load} />
          <Sharing shares={view.shares} onChange={load} />
          <CheckinChoice choice={view.coachContact} onChange={load} />
        </>
      )}
    </Page>
  );
}

function Composer({ onSent }: { onSent: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [expected, setExpected] = useState<ExpectedReply | null>(null);
  // One id per message being written: pressing Send twice (or a retry) stores it once.
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const countId = useId();
  const urgentHint = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSent(false);
    setSending(true);
    try {
      const res = await api.post<{ expectedReply: ExpectedReply | null }>('coaching/messages', {
        id: clientId,
        text,
        ...(urgent ? { urgent: true } : {}),
      });
      setExpected(res.expectedReply);
      setText('');
      setUrgent(false);
      setClientId(newClientId());
      setSent(true);
      await onSent();
    } catch (err) {
      setError(err as ApiError); // the text stays in the box
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Write a message">
      {sent && (
        <Alert kind="success">
          Sent. {expected ? `Expect a reply by ${expected.label}.` : 'Your coach will reply soon.'}
        </Alert>
      )}
      {error && !error.fieldError('text') && <Alert kind="error">{error.message}</Alert>}
      <TextArea
        label="Your message"
        hint={`Up to ${MAX_CHARS.toLocaleString('en-GB')} characters.`}
        value={text}
        rows={6}
        onChange={(e) => setText(e.target.value)}
        error={error?.fieldError('text')}
      />
      <CharsLeft length={text.length} id={countId} />
      <div className="urgent-choice">
        <label>
          <input type="checkbox" checked={urgent} onChange={() => setUrgent(!urgent)} aria-describedby={urgentHint} />{' '}
          This is urgent: I need a reply today
        </label>
        <p id={urgentHint} className="field__hint">
          Your coach and the lead coach are told at once. If you are in danger now, call 999 or{' '}
          <Link to="/help">see who to contact</Link>.
        </p>
      </div>
      <Button
        type="submit"
        disabled={sending || text.trim() === '' || text.length > MAX_CHARS}
        disabledReason={text.trim() === '' ? 'Write a message to send it.' : 'Shorten the message to send it.'}
      >
        {sending ? 'Sending…' : 'Send message'}
      </Button>
    </form>
  );
}

function Sharing({ shares, onChange }: { shares: SharedItem[]; onChange: () => Promise<void> }) {
  const shareable = useApi<Shareables>('coaching/shareable');
  // Nothing to offer if the list cannot be read: sharing is optional, the conversation still works.
  const items = shareable.error ? [] : (shareable.data?.items ?? null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const sharedIds = new Set(shares.map((s) => s.shareId));
  const choices = (items ?? []).filter((i) => !sharedIds.has(`${i.itemType}~${i.itemId}`));

  async function share(e: FormEvent) {
    e.preventDefault();
    const item = choices.find((i) => `${i.itemType}~${i.itemId}` === choice);
    if (!item) return;
    setError('');
    setBusy(true);
    try {
      await api.post('coaching/shares', { itemType: item.itemType, itemId: item.itemId });
      setChoice('');
      await onChange();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  async function stop(shareId: string) {
    setError('');
    try {
      await api.delete(`coaching/shares/${encodeURIComponent(shareId)}`);
      await onChange();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <Card title="Share something with your coach">
      <p>
        Your coach only sees what you choose to share here. You can stop sharing at any time, and your coach will no
        longer see it.
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      {shares.length > 0 && (
        <>
          <h3>What you are sharing</h3>
          {shares.map((s) => (
            <SharedItemCard key={s.shareId} item={s}>
              <Button variant="secondary" onClick={() => void stop(s.shareId)}>
                Stop sharing <span className="visually-hidden">{s.title}</span>
              </Button>
            </SharedItemCard>
          ))}
        </>
      )}
      {items === null ? (
        <Loading />
      ) : choices.length === 0 ? (
        <p>
          When you write a diary entry, do an exercise or fill in a check-up questionnaire, you can share it from here.
        </p>
      ) : (
        <form onSubmit={share} noValidate>
          <SelectField label="Choose something to share" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose…</option>
            {choices.map((i) => (
              <option key={`${i.itemType}~${i.itemId}`} value={`${i.itemType}~${i.itemId}`}>
                {i.title} ({new Date(i.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })})
              </option>
            ))}
          </SelectField>
          <Button
            type="submit"
            disabled={!choice || busy}
            disabledReason={choice ? undefined : 'Choose something first.'}
          >
            Share with my coach
          </Button>
        </form>
      )}
    </Card>
  );
}

const CONTACT_CHOICES: { value: CoachContact; label: string; hint: string }[] = [
  {
    value: 'on_request',
    label: 'Only when I write',
    hint: 'Your coach replies whenever you write, and never writes first.',
  },
  {
    value: 'planned',
    label: 'Check-ins as planned',
    hint: 'A short personal message in your first, third and sixth week.',
  },
  {
    value: 'weekly',
    label: 'A weekly check-in',
    hint: 'The planned check-ins, and a short note every Wednesday morning.',
  },
];

/** How proactive the coach is: the person chooses, and the check-in schedule follows. */
function CheckinChoice({ choice, onChange }: { choice: CoachContact; onChange: () => Promise<void> }) {
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  async function set(next: CoachContact) {
    setError('');
    setSaved('');
    try {
      await api.put('reminders/coach-contact', { choice: next });
      await onChange();
      setSaved('Saved. Your coach will follow this.');
    } catch (err) {
      setError((err as ApiError).message);
    }
  }
  return (
    <Card title="How often your coach gets in touch">
      {error && <Alert kind="error">{error}</Alert>}
      {saved && <Alert kind="success">{saved}</Alert>}
      <fieldset className="contact-choice">
        <legend>Choose how proactive your coach should be</legend>
        {CONTACT_CHOICES.map((c) => (
          <label key={c.value} className="contact-choice__option">
            <input type="radio" name="coach-contact" checked={choice === c.value} onChange={() => void set(c.value)} />
            <span>
              <strong>{c.label}</strong>
              <br />
              {c.hint}
            </span>
          </label>
        ))}
      </fieldset>
    </Card>
  );
}
