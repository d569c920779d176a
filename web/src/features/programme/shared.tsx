// Pieces shared by the programme pages: client ids, content paragraphs, crisis resources.
import { type ReactNode, useEffect, useRef } from 'react';
import type { CrisisResource } from '../../../../functions/contract';
import { useSession } from '../../app/session';
import './programme.css';

/** Ids made on this device so a retried save is recognised by the server and changes nothing. */
export function clientId(prefix: string): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
}

// ---- picking up a parked thought: a new thought record starts from it (kept in this tab only, never in the URL) ----

const PICK_UP_KEY = 'respite.pickUp';
export function handOverPickUp(text: string) {
  try {
    sessionStorage.setItem(PICK_UP_KEY, text);
  } catch {
    // storage refused: the thought record simply starts empty
  }
}
/** The parked thought being picked up ('' when none); clearPickUp() once it is in the form. */
export function peekPickUp(): string {
  try {
    return sessionStorage.getItem(PICK_UP_KEY) ?? '';
  } catch {
    return '';
  }
}
export function clearPickUp() {
  try {
    sessionStorage.removeItem(PICK_UP_KEY);
  } catch {
    // nothing stored
  }
}

// ---- content text: plain paragraphs with **bold** and "- " bullet lines only ----

function Inline({ text }: { text: string }) {
  return <>{text.split('**').map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part))}</>;
}

export function Paragraph({ text }: { text: string }) {
  const lines = text.split('\n');
  if (lines.every((l) => l.startsWith('- ')))
    return (
      <ul>
        {lines.map((l, i) => (
          <li key={i}>
            <Inline text={l.slice(2)} />
          </li>
        ))}
      </ul>
    );
  return (
    <p>
      <Inline text={text} />
    </p>
  );
}

export const plain = (text: string) => text.replace(/^- /gm, '').replaceAll('**', '');

// ---- crisis resources (shown before any score when PHQ-9 item 9 is above 0) ----

/**
 * The crisis panel. With `takeFocus` (the PHQ-9 result) its heading takes focus as soon as it is shown, and the
 * heading's description is the message, so a screen reader speaks both before anything else on the page.
 */
export function CrisisResources({
  resources,
  children,
  takeFocus = false,
}: {
  resources?: CrisisResource[];
  children?: ReactNode;
  takeFocus?: boolean;
}) {
  const { org } = useSession();
  const list = resources ?? org?.crisisResources ?? [];
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) title.current?.focus();
  }, [takeFocus]);
  return (
    <section className="crisis-panel" aria-labelledby="crisis-title">
      <h2 id="crisis-title" tabIndex={-1} ref={title} aria-describedby="crisis-message crisis-now">
        You don't have to face this alone
      </h2>
      {children && <div id="crisis-message">{children}</div>}
      <p id="crisis-now">
        If you are thinking about harming yourself, please talk to someone now. These services are free and
        confidential:
      </p>
      <ul className="crisis-list">
        {list.map((r) => (
          <li key={r.name} className="card">
            <h3 className="card__title">{r.name}</h3>
            <p>{r.description}</p>
            <a href={r.href}>{r.contact}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---- time ----

export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "2026-11-23T09:00" for a datetime-local input: tomorrow at 9 in the person's own time zone. */
export function tomorrowAtNine(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
