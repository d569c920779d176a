// Coach notes: private notes the coaching team keeps about one conversation (safety actions taken, follow-ups).
// Stored in the person's partition (keys.coachNote), so they are part of the person's data export and are removed
// with their account; never shown to the employer, a manager or the person in the app (docs/privacy.md).
// Every coach of the team may read a conversation's notes (so a handover keeps them); only the author changes them.
//
// Writes: a new note is one TransactWriteItems (note put if absent + note count ADD only while below MAX_NOTES), so
// "at most MAX_NOTES" holds under any burst; an edit is a conditional Put (same author, expected version); a delete
// is a conditional Delete + count decrement. Sending what is stored already changes nothing (idempotent retries).

import type { Db } from '../../shared/db.js';
import { conflict, forbidden } from '../../shared/errors.js';
import { keys } from '../keys.js';
import { MAX_NOTES, type NoteInput, NoteItem, type ThreadItem } from './schema.js';

export const listNotes = async (db: Db, userId: string): Promise<NoteItem[]> => {
  const p = keys.coachNotePrefix(userId);
  const notes = await db.query({ pk: p.pk, skPrefix: p.skPrefix, limit: MAX_NOTES + 20 }, NoteItem);
  return notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.noteId.localeCompare(b.noteId));
};

/** What the coach console shows of a note. */
export const publicNote = (n: NoteItem, me: string) => ({
  id: n.noteId,
  kind: n.kind,
  text: n.text,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
  version: n.version,
  /** The viewer wrote it (and so may change or delete it). */
  mine: n.authorId === me,
});

const getNote = (db: Db, userId: string, noteId: string) =>
  db.get(keys.coachNote(userId, noteId), NoteItem, { consistent: true });

const notYours = () => forbidden('Only the coach who wrote a note can change or delete it.');
const stale = () =>
  conflict(
    'This note was changed somewhere else (another tab or device). Reload to see the latest version.',
    'version_conflict',
  );

/** Creates or changes a note. `created` is false for an edit or a repeat of what is stored. */
export async function saveNote(
  db: Db,
  thread: ThreadItem,
  coachId: string,
  noteId: string,
  input: NoteInput,
  now: Date,
): Promise<{ note: NoteItem; created: boolean }> {
  const at = now.toISOString();
  const key = keys.coachNote(thread.userId, noteId);
  if (input.expectedVersion === 0) {
    const note: NoteItem = {
      noteId,
      threadId: thread.threadId,
      authorId: coachId,
      kind: input.kind,
      text: input.text,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const written = await db.transact([
      db.txPut({ ...key, ...note }, { ifAbsent: true }),
      {
        Update: {
          TableName: db.tableName,
          Key: keys.coachNoteCount(thread.userId),
          UpdateExpression: 'ADD n :one',
          ConditionExpression: 'attribute_not_exists(n) OR n < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': MAX_NOTES },
        },
      },
    ]);
    if (written) return { note, created: true };
    const existing = await getNote(db, thread.userId, noteId);
    if (!existing)
      throw conflict(
        `A conversation can hold at most ${MAX_NOTES} notes. Delete one you no longer need.`,
        'too_many_notes',
      );
    return { note: sameAsStored(existing, coachId, input), created: false };
  }
  const existing = await getNote(db, thread.userId, noteId);
  if (!existing) throw conflict('This note was deleted. Write it again as a new note.', 'note_deleted');
  if (existing.authorId !== coachId) throw notYours();
  if (existing.text === input.text && existing.kind === input.kind) return { note: existing, created: false };
  if (existing.version !== input.expectedVersion) throw stale();
  const next: NoteItem = {
    ...existing,
    kind: input.kind,
    text: input.text,
    updatedAt: at,
    version: existing.version + 1,
  };
  const ok = await db.transact([
    {
      Put: {
        TableName: db.tableName,
        Item: { ...key, ...next },
        ConditionExpression: '#v = :v AND authorId = :me',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': existing.version, ':me': coachId },
      },
    },
  ]);
  if (!ok) throw stale();
  return { note: next, created: false };
}

/** A repeated create: the same note again is fine; anything else under that id is a clash. */
function sameAsStored(existing: NoteItem, coachId: string, input: NoteInput): NoteItem {
  if (existing.authorId !== coachId) throw notYours();
  if (existing.text !== input.text || existing.kind !== input.kind) throw stale();
  return existing;
}

/** Deletes the viewer's own note; deleting one that is gone already changes nothing. */
export async function deleteNote(db: Db, thread: ThreadItem, coachId: string, noteId: string): Promise<void> {
  const existing = await getNote(db, thread.userId, noteId);
  if (!existing) return;
  if (existing.authorId !== coachId) throw notYours();
  await db.transact([
    {
      Delete: {
        TableName: db.tableName,
        Key: keys.coachNote(thread.userId, noteId),
        ConditionExpression: 'authorId = :me',
        ExpressionAttributeValues: { ':me': coachId },
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: keys.coachNoteCount(thread.userId),
        UpdateExpression: 'ADD n :minus',
        ConditionExpression: 'n > :zero',
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      },
    },
  ]); // false: a concurrent delete got there first; nothing left to do
}
