// Stress diary and thought diary (CBT thought record): list, write, edit, delete. Private to the person.
// Edits carry the version being edited; if another tab saved first the server says so (409) and what the person
// typed stays on screen, so nothing is silently lost.

import { useEffect, useState } from 'react';
import type { DiaryEntry as EntryView } from '../../../../functions/contract';
import { type ApiError, api, isQueued, type Queued } from '../../app/api';
import { Link, navigate } from '../../app/router';
import { Alert, Button, Card, Page, TextArea, TextField } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { clearPickUp, clientId, formatDateTime, peekPickUp } from './shared';

type Entry = EntryView['entry'];
type Kind = Entry['kind'];

const TITLES: Record<Kind, string> = { stress: 'Stress diary entry', thought: 'Thought record' };
const blank = (kind: Kind): Entry =>
  kind === 'stress'
    ? { kind, situation: '', stress: 5, bodyAndFeelings: '', whatHelped: '' }
    : {
        kind,
        situation: '',
        automaticThought: '',
        emotion: '',
        intensityBefore: 50,
        evidenceFor: '',
        evidenceAgainst: '',
        balancedThought: '',
        intensityAfter: null,
      };

export function DiaryPage() {
  const state = useApi<{ entries: EntryView[] }>('programme/diary');
  return (
    <Page
      title="Diary"
      intro="Write down what happened and how it felt. Over time you may spot patterns. Only you can see this."
    >
      <div className="actions">
        <Link className="btn btn--primary" to="/diary/new/stress">
          New stress diary entry
        </Link>
        <Link className="btn btn--secondary" to="/diary/new/thought">
          New thought record
        </Link>
      </div>
      <LoadGate state={state}>
        {({ entries }) =>
          entries.length === 0 ? (
            <p className="field__hint">Nothing here yet. Your entries will appear here, newest first.</p>
          ) : (
            <ul className="entry-list">
              {entries.map((e) => (
                <li key={e.entryId} className="card">
                  <h2 className="card__title">
                    <Link to={`/diary/${e.entryId}`}>{TITLES[e.entry.kind]}</Link>
                  </h2>
                  <p className="field__hint">{formatDateTime(e.occurredAt)}</p>
                  <p>{e.entry.situation}</p>
                  <p className="field__hint">
                    {e.entry.kind === 'stress'
                      ? `Stress ${e.entry.stress} out of 10`
                      : `${e.entry.emotion} ${e.entry.intensityBefore}%${e.entry.intensityAfter !== null ? ` → ${e.entry.intensityAfter}%` : ''}`}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </LoadGate>
    </Page>
  );
}

function NumberChoice({
  label,
  value,
  max,
  step,
  onChange,
  hint,
}: {
  label: string;
  value: number | null;
  max: number;
  step: number;
  onChange: (v: number) => void;
  hint?: string;
}) {
  return (
    <fieldset className="field scale">
      <legend>{label}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      <div className="scale__row">
        {Array.from({ length: max / step + 1 }, (_, i) => i * step).map((n) => (
          <label key={n} className="chip">
            <input type="radio" name={label} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span>{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function EntryForm({
  initial,
  version,
  entryId,
  isNew,
}: {
  initial: Entry;
  version: number | null;
  entryId: string;
  isNew: boolean;
}) {
  const [entry, setEntry] = useState<Entry>(initial);
  const [currentVersion, setCurrentVersion] = useState(version);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<false | 'sent' | 'queued'>(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends string>(key: K, value: unknown) => {
    setEntry({ ...entry, [key]: value } as Entry);
    setSaved(false);
  };
  const fieldError = (name: string) => error?.fieldError(`entry.${name}`);

  async function save() {
    setBusy(true);
    try {
      const view = isNew
        ? await api.post<EntryView | Queued>('programme/diary', { entryId, entry })
        : await api.put<EntryView | Queued>(`programme/diary/${entryId}`, { entry, version: currentVersion });
      setError(null);
      if (isQueued(view)) {
        // Offline: the service worker keeps it on this device and sends it when the network is back.
        setSaved('queued');
      } else {
        setCurrentVersion(view.version);
        setSaved('sent');
        if (isNew) navigate('/diary');
      }
    } catch (err) {
      setError(err as ApiError);
    }
    setBusy(false);
  }

  async function loadLatest() {
    const latest = await api.get<EntryView>(`programme/diary/${entryId}`);
    setEntry(latest.entry);
    setCurrentVersion(latest.version);
    setError(null);
  }

  async function remove() {
    if (!window.confirm('Delete this entry? This cannot be undone.')) return;
    await api.delete(`programme/diary/${entryId}`);
    navigate('/diary');
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      {error?.code === 'version_conflict' ? (
        <Alert kind="warning">
          {error.message} What you typed is still below. You can copy anything you want to keep, then{' '}
          <Button variant="link" onClick={() => void loadLatest()}>
            load the latest version
          </Button>
          .
        </Alert>
      ) : (
        error && (
          <Alert kind="error">{error.fields.length ? 'Please check the fields marked below.' : error.message}</Alert>
        )
      )}
      {saved === 'sent' && <Alert kind="success">Saved.</Alert>}
      {saved === 'queued' && (
        <Alert kind="success">
          You are offline, so this entry is saved on this device for now. It will be sent as soon as you are back
          online.
        </Alert>
      )}
      <TextArea
        label="What happened?"
        hint="Where were you, who was there, what was going on?"
        value={entry.situation}
        error={fieldError('situation')}
        onChange={(e) => set('situation', e.target.value)}
      />
      {entry.kind === 'stress' ? (
        <>
          <NumberChoice
            label="How stressed did you feel? (0 = not at all, 10 = the most ever)"
            value={entry.stress}
            max={10}
            step={1}
            onChange={(v) => set('stress', v)}
          />
          <TextArea
            label="What did you notice in your body and feelings?"
            value={entry.bodyAndFeelings}
            error={fieldError('bodyAndFeelings')}
            onChange={(e) => set('bodyAndFeelings', e.target.value)}
          />
          <TextArea
            label="What helped, even a little?"
            value={entry.whatHelped}
            error={fieldError('whatHelped')}
            onChange={(e) => set('whatHelped', e.target.value)}
          />
        </>
      ) : (
        <>
          <TextArea
            label="What went through your mind?"
            hint="The first thought that popped up, in your own words."
            value={entry.automaticThought}
            error={fieldError('automaticThought')}
            onChange={(e) => set('automaticThought', e.target.value)}
          />
          <TextField
            label="What did you feel?"
            hint="One word is fine, for example worried, angry or low."
            value={entry.emotion}
            error={fieldError('emotion')}
            onChange={(e) => set('emotion', e.target.value)}
          />
          <NumberChoice
            label="How strong was the feeling? (0–100)"
            value={entry.intensityBefore}
            max={100}
            step={10}
            onChange={(v) => set('intensityBefore', v)}
          />
          <TextArea
            label="What makes the thought seem true?"
            value={entry.evidenceFor}
            error={fieldError('evidenceFor')}
            onChange={(e) => set('evidenceFor', e.target.value)}
          />
          <TextArea
            label="What doesn't fit the thought?"
            value={entry.evidenceAgainst}
            error={fieldError('evidenceAgainst')}
            onChange={(e) => set('evidenceAgainst', e.target.value)}
          />
          <TextArea
            label="A more balanced thought"
            hint="What would you say to a friend who had this thought?"
            value={entry.balancedThought}
            error={fieldError('balancedThought')}
            onChange={(e) => set('balancedThought', e.target.value)}
          />
          <NumberChoice
            label="How strong is the feeling now? (0–100)"
            value={entry.intensityAfter}
            max={100}
            step={10}
            onChange={(v) => set('intensityAfter', v)}
          />
        </>
      )}
      <div className="actions">
        <Button type="submit" disabled={busy}>
          Save entry
        </Button>
        <Link to="/diary">Back to the diary</Link>
        {!isNew && (
          <Button variant="danger" onClick={() => void remove()}>
            Delete
          </Button>
        )}
      </div>
    </form>
  );
}

export function NewDiaryEntryPage(props: PageProps) {
  return <NewDiaryEntry key={props.params.kind} {...props} />;
}

function NewDiaryEntry({ params }: PageProps) {
  const kind: Kind = params.kind === 'thought' ? 'thought' : 'stress';
  const [entryId] = useState(() => clientId('entry'));
  // Picked up from the parked thoughts page: the thought is where the record starts.
  const [initial] = useState(() => {
    const picked = kind === 'thought' ? peekPickUp() : '';
    return picked ? { ...blank(kind), situation: picked } : blank(kind);
  });
  useEffect(clearPickUp, []);
  return (
    <Page title={kind === 'stress' ? 'New stress diary entry' : 'New thought record'}>
      <EntryForm key={kind} initial={initial} version={null} entryId={entryId} isNew />
    </Page>
  );
}

export function DiaryEntryPage(props: PageProps) {
  return <DiaryEntry key={props.params.entryId} {...props} />;
}

function DiaryEntry({ params }: PageProps) {
  const state = useApi<EntryView>(`programme/diary/${encodeURIComponent(params.entryId ?? '')}`);
  return (
    <Page title={state.data ? TITLES[state.data.entry.kind] : 'Diary entry'}>
      <LoadGate state={state}>
        {(view) => (
          <Card>
            <p className="field__hint">
              Written {formatDateTime(view.createdAt)}
              {view.version > 1 ? `, last changed ${formatDateTime(view.updatedAt)}` : ''}.
            </p>
            <EntryForm initial={view.entry} version={view.version} entryId={view.entryId} isNew={false} />
          </Card>
        )}
      </LoadGate>
    </Page>
  );
}
