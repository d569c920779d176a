// Coach console: the team's private notes about one conversation (safety actions, follow-ups). The person never
// sees them in the app (they are in their data export); the employer never sees them. Every coach of the team can
// read them; only the author can change or delete a note.
import { type FormEvent, useState } from 'react';
import type { CoachNote } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, SelectField, TextArea } from '../../app/ui';
import { CharsLeft, MAX_CHARS, newClientId, when } from './common';

export type NoteKind = CoachNote['kind'];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  note: 'Note',
  safety_action: 'Safety action',
  follow_up: 'Follow-up',
};

const notePath = (threadId: string, noteId: string) =>
  `coaching/threads/${encodeURIComponent(threadId)}/notes/${encodeURIComponent(noteId)}`;

export function NotesSection({
  threadId,
  notes,
  onChanged,
  safety,
}: {
  threadId: string;
  notes: CoachNote[];
  onChanged: () => Promise<void>;
  safety: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState('');

  async function remove(note: CoachNote) {
    setError('');
    try {
      await api.delete(notePath(threadId, note.id));
      await onChanged();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <section aria-labelledby="notes-title" className="notes">
      <h2 id="notes-title">Coaching notes</h2>
      <p className="notes__about">
        Private to the coaching team. The person does not see them here, but they are in their data export and are
        deleted with their account. Never seen by their employer.
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      {notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ol className="notes__list" aria-label="Notes">
          {notes.map((n) =>
            editing === n.id ? (
              <li key={n.id}>
                <NoteForm
                  threadId={threadId}
                  note={n}
                  onDone={async () => {
                    setEditing(null);
                    await onChanged();
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={n.id} className={`note note--${n.kind}`}>
                <p className="note__meta">
                  <strong>{NOTE_KIND_LABELS[n.kind]}</strong> · {n.mine ? 'you' : 'another coach'} ·{' '}
                  <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                  {n.updatedAt !== n.createdAt && (
                    <>
                      {' '}
                      · changed <time dateTime={n.updatedAt}>{when(n.updatedAt)}</time>
                    </>
                  )}
                </p>
                <p className="note__text">{n.text}</p>
                {n.mine && (
                  <div className="actions">
                    <Button
                      variant="link"
                      onClick={() => setEditing(n.id)}
                      aria-label={`Change note from ${when(n.createdAt)}`}
                    >
                      Change
                    </Button>
                    <Button
                      variant="link"
                      onClick={() => void remove(n)}
                      aria-label={`Delete note from ${when(n.createdAt)}`}
                    >
                      Delete
                    </Button>
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
      )}
      <NoteForm
        key={notes.length}
        threadId={threadId}
        initialKind={safety ? 'safety_action' : 'note'}
        onDone={onChanged}
      />
    </section>
  );
}

function NoteForm({
  threadId,
  note,
  initialKind = 'note',
  onDone,
  onCancel,
}: {
  threadId: string;
  note?: CoachNote;
  initialKind?: NoteKind;
  onDone: () => Promise<void>;
  onCancel?: () => void;
}) {
  const [noteId] = useState(() => note?.id ?? newClientId());
  const [text, setText] = useState(note?.text ?? '');
  const [kind, setKind] = useState<NoteKind>(note?.kind ?? initialKind);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const prefix = note ? `edit-${note.id}` : 'new-note';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaving(true);
    try {
      await api.put(notePath(threadId, noteId), { text, kind, expectedVersion: note?.version ?? 0 });
      if (!note) setText('');
      await onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={note ? 'Change note' : 'Add a note'}>
      {!note && <h3>Add a note</h3>}
      {error && !error.fieldError('text') && <Alert kind="error">{error.message}</Alert>}
      <SelectField label="Kind of note" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
        {(Object.keys(NOTE_KIND_LABELS) as NoteKind[]).map((k) => (
          <option key={k} value={k}>
            {NOTE_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={note ? 'Note' : 'New note'}
        value={text}
        rows={4}
        onChange={(e) => setText(e.target.value)}
        error={error?.fieldError('text')}
      />
      <CharsLeft length={text.length} id={`${prefix}-chars`} />
      <div className="actions">
        <Button
          type="submit"
          variant="secondary"
          disabled={saving || text.trim() === '' || text.length > MAX_CHARS}
          disabledReason={text.trim() === '' ? 'Write a note to save it.' : 'Shorten the note to save it.'}
        >
          {saving ? 'Saving…' : note ? 'Save changes' : 'Save note'}
        </Button>
        {onCancel && (
          <Button variant="link" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
