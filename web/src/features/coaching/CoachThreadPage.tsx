// Coach console: one conversation — what the person wrote and chose to share, the safety banner when a shared
// PHQ-9 needs it, and the reply box with templates.
import { type FormEvent, useEffect, useState } from 'react';
import type { CoachThread, Templates } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, announce, Button, Loading, Page, SelectField, TextArea } from '../../app/ui';
import { useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { Flags } from './CoachInboxPage';
import { CharsLeft, MAX_CHARS, MessageList, newClientId, SharedItemCard, waited, when } from './common';
import { HandOver } from './HandOver';
import { NotesSection } from './NotesSection';

export default function CoachThreadPage({ params }: PageProps) {
  const path = `coaching/threads/${encodeURIComponent(params.threadId ?? '')}`;
  const { data: thread, error, reload: load } = useApi<CoachThread>(path);
  // Opened (and after each reload, which may show something new): what they wrote is no longer "New" in the inbox.
  useEffect(() => {
    if (thread) void api.post(`coaching/threads/${encodeURIComponent(thread.threadId)}/read`).catch(() => undefined);
  }, [thread]);

  return (
    <Page title={thread ? thread.label : 'Conversation'}>
      <p>
        <Link to="/coach/inbox">Back to the inbox</Link>
      </p>
      {error && <Alert kind="error">{error.message}</Alert>}
      {!thread && !error && <Loading />}
      {thread && (
        <>
          {thread.safetyBanner && <SafetyBanner banner={thread.safetyBanner} />}
          {thread.waitingMinutes !== null && (
            <p>
              Waiting for a reply for {waited(thread.waitingMinutes)}.
              {thread.dueAt && (
                <>
                  {' '}
                  {thread.overdue ? 'Was due' : 'Reply due by'}{' '}
                  <time dateTime={thread.dueAt}>{when(thread.dueAt)}</time> (coaching hours).
                </>
              )}{' '}
              <Flags row={{ ...thread, safety: false }} />
            </p>
          )}
          <h2>Messages</h2>
          <MessageList messages={thread.messages} viewer="coach" />
          <h2>Shared with you</h2>
          {thread.shares.length === 0 ? (
            <p>Nothing shared at the moment.</p>
          ) : (
            thread.shares.map((s) => <SharedItemCard key={s.shareId} item={s} />)
          )}
          <Reply threadId={thread.threadId} onSent={load} />
          <HandOver threadId={thread.threadId} coachId={thread.coachId} onMoved={load} />
          <NotesSection
            threadId={thread.threadId}
            notes={thread.notes}
            onChanged={load}
            safety={thread.safetyBanner !== null}
          />
        </>
      )}
    </Page>
  );
}

function SafetyBanner({ banner }: { banner: NonNullable<CoachThread['safetyBanner']> }) {
  // Safety comes first: spoken assertively through the app's live region as the thread opens.
  useEffect(() => announce('Safety: follow the crisis protocol for this conversation.', 'assertive'), []);
  return (
    <section className="safety-banner" aria-labelledby="safety-title">
      <h2 id="safety-title">Safety: follow the crisis protocol</h2>
      <ol>
        {banner.protocol.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ol>
      <h3>Crisis contacts for this organisation</h3>
      <ul>
        {banner.crisisResources.map((r) => (
          <li key={r.name}>
            <strong>{r.name}</strong>: <a href={r.href}>{r.contact}</a>. {r.description}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * An unsent reply is kept in this tab (sessionStorage) as it is typed, so a session that times out, a reload or a lost
 * connection never loses it; signing in again in the same tab brings it back. It never leaves the device, is gone
 * when the tab closes, and is removed once the reply is sent. The message id is kept with it, so sending it again
 * after an unanswered attempt cannot post it twice.
 */
const draftKey = (threadId: string) => `respite.coach-reply.${threadId}`;
type Draft = { text: string; clientId: string };
function readDraft(threadId: string): Draft | null {
  try {
    const d = JSON.parse(sessionStorage.getItem(draftKey(threadId)) ?? 'null') as Draft | null;
    return d && typeof d.text === 'string' && typeof d.clientId === 'string' && d.text.trim() ? d : null;
  } catch {
    return null;
  }
}
function writeDraft(threadId: string, draft: Draft | null) {
  try {
    if (draft?.text.trim()) sessionStorage.setItem(draftKey(threadId), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(threadId));
  } catch {
    // storage full or blocked: the reply box still works, only without the safety net
  }
}

function Reply({ threadId, onSent }: { threadId: string; onSent: () => Promise<void> }) {
  const [restored] = useState(() => readDraft(threadId));
  const [text, setTextState] = useState(restored?.text ?? '');
  const [clientId, setClientId] = useState(() => restored?.clientId ?? newClientId());
  const setText = (next: string | ((current: string) => string)) =>
    setTextState((current) => {
      const value = typeof next === 'function' ? next(current) : next;
      writeDraft(threadId, { text: value, clientId });
      return value;
    });
  // The templates are a help, not a need: if they cannot be read, the reply box works without them.
  const templates = useApi<Templates>('coaching/templates').data?.templates ?? [];
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  function insertTemplate() {
    const t = templates.find((x) => x.templateId === choice);
    if (t) setText((current) => current + t.text);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSent(false);
    setSending(true);
    try {
      await api.post(`coaching/threads/${encodeURIComponent(threadId)}/messages`, { id: clientId, text });
      writeDraft(threadId, null);
      setTextState('');
      setClientId(newClientId());
      setSent(true);
      await onSent();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Reply">
      <h2>Reply</h2>
      {restored && !sent && text === restored.text && (
        <Alert kind="info">Your unsent reply was kept on this device. Check it, then send it.</Alert>
      )}
      {sent && (
        <Alert kind="success">
          Reply sent. They will get an email saying there is a new message (without its text).
        </Alert>
      )}
      {error && !error.fieldError('text') && <Alert kind="error">{error.message}</Alert>}
      {templates.length > 0 && (
        <div className="actions">
          <SelectField label="Start from a template" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a template…</option>
            {templates.map((t) => (
              <option key={t.templateId} value={t.templateId}>
                {t.title}
              </option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            onClick={insertTemplate}
            disabled={!choice}
            disabledReason="Choose a template first."
          >
            Add template text
          </Button>
        </div>
      )}
      <TextArea
        label="Your reply"
        hint={`Up to ${MAX_CHARS.toLocaleString('en-GB')} characters.`}
        value={text}
        rows={8}
        onChange={(e) => setText(e.target.value)}
        error={error?.fieldError('text')}
      />
      <CharsLeft length={text.length} id="reply-chars" />
      <Button
        type="submit"
        disabled={sending || text.trim() === '' || text.length > MAX_CHARS}
        disabledReason={text.trim() === '' ? 'Write a reply to send it.' : 'Shorten the reply to send it.'}
      >
        {sending ? 'Sending…' : 'Send reply'}
      </Button>
    </form>
  );
}
