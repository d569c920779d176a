// Pieces shared by the programme pages: API types, a load hook, client ids, content paragraphs, crisis resources.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { type CrisisResource, useSession } from '../../app/session';
import { Alert, Loading } from '../../app/ui';
import type { ShowIf } from './fieldVisibility';
import './programme.css';

// ---- API shapes (mirror functions/domain/programme) ----

export type ModuleStatus = 'not_started' | 'in_progress' | 'completed';
export interface ModuleSummary {
  id: string;
  number: number;
  title: string;
  summary: string;
  kind: 'core' | 'optional';
  minutes: number;
  sectionCount: number;
  status: ModuleStatus;
  sectionId: string | null;
  doneSections: number;
}
export interface CourseOverview {
  modules: ModuleSummary[];
  /** What the person wrote in each module's closing "what I'll take from this", in course order. */
  takeaways: { moduleId: string; number: number; title: string; text: string; updatedAt: string }[];
  resume: { moduleId: string; sectionId: string } | null;
  next: { moduleId: string; title: string; number: number; minutes: number } | null;
  pace: { weeks: number; week: number | null; completed: number; core: number };
}

export interface ScriptLine {
  text: string;
  pauseAfterSeconds?: number;
}
type FieldBase = { id: string; label: string; help?: string; showIf?: ShowIf };
export type ExerciseField = FieldBase &
  (
    | { type: 'text' | 'longtext' }
    | { type: 'scale'; minLabel: string; maxLabel: string }
    | { type: 'choice'; multiple: boolean; options: { id: string; label: string }[] }
    | { type: 'list'; count: number }
  );
export type Section = { id: string; title: string; minutes: number } & (
  | { kind: 'reading'; paragraphs: string[] }
  | { kind: 'listen'; intro: string; script: ScriptLine[] }
  | {
      kind: 'exercise';
      intro: string[];
      fields: ExerciseField[];
      reflective: boolean;
      /** A "try this week" only: the practice's short name (the "Remind me" control names it). */
      practice?: string;
    }
);
export interface ModuleContent {
  id: string;
  number: number;
  title: string;
  summary: string;
  kind: 'core' | 'optional';
  minutes: number;
  goals: string[];
  sections: Section[];
}
export interface BackToWorkContent {
  intro: string;
  groundings: {
    id: string;
    title: string;
    seconds: number;
    atDesk: boolean;
    steps: { text: string; seconds: number }[];
  }[];
  parkThought: { title: string; prompt: string; placeholder: string; parked: string };
  handBack: string[];
}
export interface ModuleDetail {
  module: ModuleContent;
  progress: ModuleSummary;
  doneSectionIds: string[];
  answers: Record<string, { answers: Record<string, unknown>; updatedAt: string }>;
  backToWork: BackToWorkContent | null;
}

export interface LibraryItem {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  tags: { needsPrivacy: boolean; usesAudio: boolean; involvesWriting: boolean; atDesk: boolean };
  format: 'paragraphs' | 'steps';
  body: string[];
  relatedModuleId?: string;
  /** The guided listening practice it plays (a listen section of a module), served with its script. */
  practice?: { moduleId: string; sectionId: string };
  listen?: { id: string; title: string; minutes: number; intro: string; script: ScriptLine[] };
}

// ---- loading ----

/** Loads once (and on `reload`), with error and loading states. */
export function useLoad<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    if (!path) return;
    try {
      setData(await api.get<T>(path));
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}

/** Shows loading, an error or the content. `placeholder` is a class that keeps the content's height while loading. */
export function LoadGate<T>({
  state,
  children,
  placeholder,
}: {
  state: { data: T | null; error: ApiError | null };
  children: (data: T) => ReactNode;
  placeholder?: string;
}) {
  if (state.error) return <Alert kind="error">{state.error.message}</Alert>;
  if (!state.data)
    return placeholder ? (
      <div className={placeholder}>
        <Loading />
      </div>
    ) : (
      <Loading />
    );
  return <>{children(state.data)}</>;
}

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
