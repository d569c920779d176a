// Pieces shared by the employee's message page and the coach console: times, the message list and shared
// item cards. Every message is rendered as plain text (React escapes it); nothing here ever injects HTML.
import { type ReactNode, useEffect, useRef } from 'react';
import type { SharedItem, ThreadMessage } from '../../../../functions/contract';
import { announce } from '../../app/ui';
import './coaching.css';

export const MAX_CHARS = 4000;

/** A fresh client id for a message or template, so a retried send is stored once. */
export const newClientId = () => crypto.randomUUID();

const dateTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
export const when = (iso: string) => dateTime.format(new Date(iso));

export function waited(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  if (h < 48) return `${h} h ${minutes % 60} min`;
  return `${Math.floor(h / 24)} days ${h % 24} h`;
}

export function MessageList({ messages, viewer }: { messages: ThreadMessage[]; viewer: 'employee' | 'coach' }) {
  if (messages.length === 0) return <p className="thread__empty">No messages yet.</p>;
  return (
    <ol className="thread" aria-label="Messages">
      {messages.map((m) => {
        const mine = m.from === viewer;
        const who =
          m.from === 'coach'
            ? viewer === 'coach'
              ? 'You'
              : 'Your coach'
            : viewer === 'employee'
              ? 'You'
              : 'They wrote';
        return (
          <li key={m.id} className={`msg ${mine ? 'msg--mine' : 'msg--theirs'}`}>
            <p className="msg__meta">
              <span className="msg__who">{who}</span> · <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
            </p>
            <p className="msg__text">{m.text}</p>
          </li>
        );
      })}
    </ol>
  );
}

export function SharedItemCard({ item, children }: { item: SharedItem; children?: ReactNode }) {
  return (
    <article className="shared" aria-label={`Shared: ${item.title}`}>
      <h3 className="shared__title">{item.title}</h3>
      <p className="shared__meta">
        From <time dateTime={item.itemDate}>{when(item.itemDate)}</time> · shared{' '}
        <time dateTime={item.sharedAt}>{when(item.sharedAt)}</time>
      </p>
      <dl className="shared__lines">
        {item.lines.map((l) => (
          <div key={l.label}>
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </article>
  );
}

/** Below this many characters left, the counter is announced (once, not on every keystroke). */
const NEAR_LIMIT = 100;

/**
 * Characters left, part of the field's description. Not a live region: it is announced only when the message
 * reaches the last 100 characters or goes over the limit, so typing is never talked over.
 */
export function CharsLeft({ length, id }: { length: number; id: string }) {
  const left = MAX_CHARS - length;
  const count = (n: number) => `${n.toLocaleString('en-GB')} character${n === 1 ? '' : 's'}`;
  const text = left >= 0 ? `${count(left)} left` : `${count(-left)} too many`;
  const band = left < 0 ? 'over' : left <= NEAR_LIMIT ? 'near' : 'ok';
  const spoken = useRef(band);
  useEffect(() => {
    if (band === spoken.current) return;
    spoken.current = band;
    if (band !== 'ok') announce(text);
  }, [band, text]);
  return (
    <p id={id} className={`chars-left ${left < 0 ? 'chars-left--over' : ''}`}>
      {text}
    </p>
  );
}
