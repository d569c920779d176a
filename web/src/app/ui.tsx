// Small shared UI pieces. Every input has a visible label; errors are announced and linked to their field.
import {
  type ButtonHTMLAttributes,
  Component,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTitle } from './discreet';
import { takePendingFocus, useLocation } from './router';

export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useTitle(title);
  const { path } = useLocation();
  const h1 = useRef<HTMLHeadingElement>(null);
  // After a route change, focus the new page's h1 once it has rendered (lazy pages render after the shell).
  useEffect(() => {
    if (takePendingFocus()) h1.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={h1}>
        {title}
      </h1>
      {intro && <p className="lead">{intro}</p>}
      {children}
    </section>
  );
}

export function Card({ title, children, className = '' }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`card ${className}`}>
      {title && <h2 className="card__title">{title}</h2>}
      {children}
    </div>
  );
}

// ---- announcements: one pair of live regions for the whole app ----
//
// Every status or error message is spoken through these two regions, which exist from the first paint (a live region
// added together with its text is often skipped). Polite messages are throttled: within `GAP_MS` of the previous one
// only the latest is spoken, so typing never produces a stream of "Saving…". The same text twice is spoken twice.

const GAP_MS = 1500;
let lastPolite = 0;
let politeTimer: ReturnType<typeof setTimeout> | undefined;

function speakInto(id: string, message: string) {
  const region = document.getElementById(id);
  if (!region) return;
  region.textContent = '';
  setTimeout(() => (region.textContent = message), 50);
}

/** Speaks `message` to screen readers: 'assertive' for errors and safety, 'polite' (throttled) for status. */
export function announce(message: string, politeness: 'polite' | 'assertive' = 'polite') {
  if (!message.trim()) return;
  if (politeness === 'assertive') return speakInto('live-assertive', message);
  clearTimeout(politeTimer);
  const wait = Math.max(0, lastPolite + GAP_MS - Date.now());
  politeTimer = setTimeout(() => {
    lastPolite = Date.now();
    speakInto('live-polite', message);
  }, wait);
}

/**
 * Speaks `message` (politely, throttled) when it changes, not when it first renders: a count or a status line that
 * is part of the page is read with the page, and its changes are announced without being a live region itself.
 */
export function useAnnounceChange(message: string) {
  const previous = useRef(message);
  useEffect(() => {
    if (message === previous.current) return;
    previous.current = message;
    announce(message);
  }, [message]);
}

/** Rendered once by the layout. */
export function LiveRegions() {
  return (
    <div className="visually-hidden">
      <div id="live-polite" role="status" aria-live="polite" aria-atomic="true" data-testid="live-polite" />
      <div id="live-assertive" role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-assertive" />
    </div>
  );
}

/**
 * A message box. Errors, warnings and successes are announced when they appear or change (errors assertively);
 * 'info' boxes are part of the page and are read with it.
 */
export function Alert({
  kind = 'info',
  id,
  children,
}: {
  kind?: 'info' | 'error' | 'success' | 'warning';
  id?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const spoken = useRef('');
  useEffect(() => {
    const text = box.current?.textContent ?? '';
    if (kind === 'info' || text === spoken.current) return;
    spoken.current = text;
    announce(text, kind === 'error' ? 'assertive' : 'polite');
  });
  return (
    <div className={`alert alert--${kind}`} id={id} ref={box}>
      {children}
    </div>
  );
}

/**
 * A button. `disabled` never takes the button out of the focus order (focus would fall to <body>): it is announced
 * as unavailable (aria-disabled) and a press does nothing. A button that is unavailable for a reason the person can
 * change (an empty field) says why next to it (`disabledReason`, also its description); a busy one says so in its
 * label ("Sending…"). The focus rule for every action in the app: focus stays on the control, or moves to the result
 * or the next step when the control goes away.
 */
export function Button({
  variant = 'primary',
  disabled,
  disabledReason,
  onClick,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'link' | 'danger';
  disabledReason?: string;
}) {
  const reasonId = useId();
  const why = disabled && disabledReason ? disabledReason : undefined;
  const button = (
    <button
      type="button"
      {...rest}
      aria-disabled={disabled ? true : undefined}
      aria-describedby={why ? reasonId : rest['aria-describedby']}
      onClick={(e) => {
        if (disabled) e.preventDefault();
        else onClick?.(e);
      }}
      className={`btn btn--${variant} ${rest.className ?? ''}`}
    />
  );
  if (!why) return button;
  return (
    <>
      {button}
      <span className="field__hint btn__reason" id={reasonId}>
        {why}
      </span>
    </>
  );
}

/**
 * Every data table sits in one of these, so a table wider than a 320 px screen scrolls sideways inside its own box
 * and never widens the page (WCAG 1.4.10 lets a data table keep its two dimensions). The box is a labelled region
 * that takes focus, so it can be scrolled from the keyboard.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Moves focus to the element with `id` once it is in the page (after React has rendered it). */
export function focusWhenReady(id: string, tries = 20) {
  const el = document.getElementById(id);
  if (el) {
    if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName))
      el.setAttribute('tabindex', '-1');
    el.focus();
  } else if (tries > 0) setTimeout(() => focusWhenReady(id, tries - 1), 25);
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
}

function FieldShell({ id, label, hint, error, children }: FieldProps & { id: string; children: ReactNode }) {
  // A field's error is announced when it appears (and stays tied to the field through aria-describedby).
  useEffect(() => {
    if (error) announce(`${label}: ${error}`, 'assertive');
  }, [error, label]);
  return (
    <div className={`field ${error ? 'field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

const describedBy = (id: string, hint?: string, error?: string, advice = false) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : '', advice ? `${id}-advice` : ''].filter(Boolean).join(' ') ||
  undefined;

/**
 * A text input. `advice` is a non-blocking warning shown under the field while it applies: an Alert (so it is
 * announced politely when it appears) that is also tied to the input through aria-describedby.
 */
export function TextField({
  label,
  hint,
  error,
  advice,
  ...input
}: FieldProps & { advice?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, Boolean(advice))}
        {...input}
      />
      {advice && (
        <Alert kind="warning" id={`${id}-advice`}>
          {advice}
        </Alert>
      )}
    </FieldShell>
  );
}

export function TextArea({ label, hint, error, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        rows={4}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...input
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      >
        {children}
      </select>
    </FieldShell>
  );
}

/**
 * The whole page while the session is being read (usually one short request): nothing at first, so the header is
 * drawn once in its final shape instead of jumping when the organisation and navigation arrive; a loading line
 * only if it takes longer than half a second.
 */
export function PageLoading() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 500);
    return () => clearTimeout(timer);
  }, []);
  return <main id="main">{slow && <Loading />}</main>;
}

/**
 * Catches a page that fails to render (or to load), so the header, navigation and "Need help now?" stay usable.
 * Keyed by route in the app, so moving to another page starts afresh; "Try again" renders the page again.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('page failed', error instanceof Error ? error.name : 'error');
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1} ref={(h) => h?.focus({ preventScroll: true })}>
          Something went wrong on this page
        </h1>
        <p>Nothing you saved is lost. You can try again, or go to another page.</p>
        <p>
          If you need to talk to someone now, <a href="#/help">see who you can contact</a>.
        </p>
        <div className="actions">
          <button type="button" className="btn btn--primary" onClick={() => this.setState({ failed: false })}>
            Try again
          </button>
          <a className="btn btn--secondary" href="#/">
            Home
          </a>
        </div>
      </section>
    );
  }
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
