// An interactive exercise: fields from the content (text, long text, 0–10 scale, choices, short lists), autosaved.
import { useId } from 'react';
import type { ExerciseField, Section } from '../../../../functions/contract';
import { Alert } from '../../app/ui';
import { visibleFields } from './fieldVisibility';
import { Paragraph } from './shared';
import { type Answers, type SaveStatus, useAutosave } from './useAutosave';

/** The points of a 0–10 scale; each is its own key. */
const SCALE = Array.from({ length: 11 }, (_, n) => n);

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  unsaved: 'Saving soon…',
  saving: 'Saving…',
  offline: 'Not saved yet',
  invalid: 'Not saved',
};

function Field({ field, value, onChange }: { field: ExerciseField; value: unknown; onChange: (v: unknown) => void }) {
  const id = useId();
  const hint = field.help ? (
    <p className="field__hint" id={`${id}-hint`}>
      {field.help}
    </p>
  ) : null;
  const describedBy = field.help ? `${id}-hint` : undefined;
  switch (field.type) {
    case 'text':
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          {hint}
          <input
            id={id}
            type="text"
            maxLength={300}
            value={(value as string) ?? ''}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      );
    case 'longtext':
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          {hint}
          <textarea
            id={id}
            rows={5}
            maxLength={4000}
            value={(value as string) ?? ''}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      );
    case 'scale':
      return (
        <fieldset className="field scale" aria-describedby={describedBy}>
          <legend>{field.label}</legend>
          {hint}
          <div className="scale__row">
            {SCALE.map((n) => (
              <label key={n} className="chip">
                <input type="radio" name={id} value={n} checked={value === n} onChange={() => onChange(n)} />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <p className="scale__ends">
            <span>0 = {field.minLabel}</span>
            <span>10 = {field.maxLabel}</span>
          </p>
        </fieldset>
      );
    case 'choice': {
      const selected = field.multiple ? ((value as string[] | undefined) ?? []) : value;
      return (
        <fieldset className="field" aria-describedby={describedBy}>
          <legend>{field.label}</legend>
          {hint}
          <div className="choices">
            {field.options.map((o) => (
              <label key={o.id} className="choice">
                <input
                  type={field.multiple ? 'checkbox' : 'radio'}
                  name={id}
                  value={o.id}
                  checked={field.multiple ? (selected as string[]).includes(o.id) : selected === o.id}
                  onChange={(e) =>
                    onChange(
                      field.multiple
                        ? e.target.checked
                          ? [...(selected as string[]), o.id]
                          : (selected as string[]).filter((x) => x !== o.id)
                        : o.id,
                    )
                  }
                />
                <span>{o.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'list': {
      const items = (value as string[] | undefined) ?? [];
      return (
        <fieldset className="field" aria-describedby={describedBy}>
          <legend>{field.label}</legend>
          {hint}
          {Array.from({ length: field.count }, (_, i) => (
            <div key={i} className="list-item">
              <label htmlFor={`${id}-${i}`} className="visually-hidden">
                {field.label}: item {i + 1} of {field.count}
              </label>
              <span aria-hidden="true" className="list-item__n">
                {i + 1}.
              </span>
              <input
                id={`${id}-${i}`}
                type="text"
                maxLength={200}
                value={items[i] ?? ''}
                onChange={(e) => {
                  const next = Array.from({ length: field.count }, (_, j) =>
                    j === i ? e.target.value : (items[j] ?? ''),
                  );
                  while (next.length && next[next.length - 1] === '') next.pop();
                  onChange(next);
                }}
              />
            </div>
          ))}
        </fieldset>
      );
    }
  }
}

export function ExerciseForm({
  moduleId,
  section,
  saved,
  onAutosave,
}: {
  moduleId: string;
  section: Extract<Section, { kind: 'exercise' }>;
  saved: Answers | undefined;
  /** Gives the page a way to make sure everything is sent before moving on. */
  onAutosave: (flush: () => Promise<void>) => void;
}) {
  const { answers, change, status, message, flush } = useAutosave(moduleId, section.id, saved);
  onAutosave(flush);
  return (
    <div className="exercise">
      {section.intro.map((p, i) => (
        <Paragraph key={i} text={p} />
      ))}
      <p className="privacy-note">Only you can see what you write here.</p>
      {visibleFields(section.fields, answers).map((f) => (
        <Field key={f.id} field={f} value={answers[f.id]} onChange={(v) => change({ ...answers, [f.id]: v })} />
      ))}
      {/* Not a live region (it would speak "Saving…" on every pause in typing); problems are announced by the Alert. */}
      <p className={`save-status save-status--${status}`} data-testid="save-status">
        {STATUS_TEXT[status]}
      </p>
      {message && <Alert kind={status === 'invalid' ? 'error' : 'warning'}>{message}</Alert>}
    </div>
  );
}
