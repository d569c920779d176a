// Practice reminders: a module's "try this week" as a reminder on days and a time the person picks. A reminder type
// of its own (functions/domain/reminders/practice.ts): "Remind me" sits in the module's try-this-week section, the
// Reminders page lists them with Cancel. The practice's name is shown here, in the app; the email names it only
// outside discreet mode, and never in its subject.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { PracticeReminder, ResponseOf, reminders } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './reminders.css';

type PracticeList = ResponseOf<typeof reminders.practices>;

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TIMES = Array.from(
  { length: 96 },
  (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
);

/** "Tuesday and Thursday at 18:00" */
export function ruleText(r: Pick<PracticeReminder, 'days' | 'time'>): string {
  const names = r.days.map((d) => DAY_NAMES[d - 1]!);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return names.length === 7 ? `every day at ${r.time}` : `${list} at ${r.time}`;
}

/** The "Remind me" control of a module's try-this-week section. */
export function RemindMe({ moduleId, practice }: { moduleId: string; practice: string }) {
  const id = useId();
  const list = useApi<PracticeList>('reminders/practices');
  // undefined while loading; null: none for this module (or the list could not be read: offer to set one)
  const existing = list.data
    ? (list.data.reminders.find((r) => r.moduleId === moduleId) ?? null)
    : list.error
      ? null
      : undefined;
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState<number[]>([2, 4]);
  const [time, setTime] = useState('18:00');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const dayBox = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) dayBox.current?.focus();
  }, [open]);

  const start = () => {
    if (existing) {
      setDays(existing.days);
      setTime(existing.time);
    }
    setDone('');
    setError(null);
    setOpen(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<PracticeReminder>(`reminders/practices/${moduleId}`, { days, time });
      list.setData((l) => ({
        max: l?.max ?? 0,
        reminders: [...(l?.reminders ?? []).filter((r) => r.moduleId !== moduleId), saved],
      }));
      setOpen(false);
      setDone(`Reminder set: ${ruleText(saved)}.`);
      requestAnimationFrame(() => result.current?.focus());
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (d: number) => setDays(days.includes(d) ? days.filter((x) => x !== d) : [...days, d].sort());

  return (
    <section className="practice-remind" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Turn this into a reminder</h3>
      <p className="rem-hint">
        We can email you on the days you choose to try “{practice}”. The email never names it in its subject, and in
        discreet mode not at all: it is shown here, after you sign in.
      </p>
      <div tabIndex={-1} ref={result}>
        {done && <Alert kind="success">{done}</Alert>}
        {existing && !done && <p>Your reminder: {ruleText(existing)}.</p>}
      </div>
      {!open && existing !== undefined && (
        <div className="rem-actions">
          <Button variant="secondary" onClick={start} id={`${id}-open`}>
            {existing ? 'Change my reminder' : 'Remind me'}
          </Button>
          {existing && <Link to="/reminders">See all my reminders</Link>}
        </div>
      )}
      {open && (
        <form onSubmit={submit} noValidate>
          <fieldset className="rem-group" aria-describedby={error?.fieldError('days') ? `${id}-days-error` : undefined}>
            <legend>Which days</legend>
            {error?.fieldError('days') && (
              <p className="rem-error" id={`${id}-days-error`}>
                Days: {error.fieldError('days')}
              </p>
            )}
            <div className="rem-days">
              {DAY_NAMES.map((name, i) => (
                <label className="rem-choice" key={name}>
                  <input
                    type="checkbox"
                    name="practice-days"
                    ref={i === 0 ? dayBox : undefined}
                    checked={days.includes(i + 1)}
                    onChange={() => toggle(i + 1)}
                  />
                  <span>{name}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <SelectField
            label="Time"
            hint="In steps of 15 minutes, in the time zone of your reminders (you can change it on the Reminders page)."
            value={time}
            error={error?.fieldError('time')}
            onChange={(e) => setTime(e.target.value)}
          >
            {TIMES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
          {error && !error.fields.length && <Alert kind="error">{error.message}</Alert>}
          <div className="rem-actions">
            <Button type="submit" disabled={busy}>
              {busy ? 'Setting…' : 'Set my reminder'}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => document.getElementById(`${id}-open`)?.focus()); // back to Remind me
              }}
            >
              Not now
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The Reminders page's list of practice reminders, each with Cancel. */
export function PracticeRemindersCard() {
  const { data: list, error: loadError, setData: setList } = useApi<PracticeList>('reminders/practices');
  const [failed, setError] = useState('');
  const error = failed || loadError?.message || '';
  const [done, setDone] = useState('');
  const heading = useRef<HTMLDivElement>(null);

  const cancel = async (r: PracticeReminder) => {
    setError('');
    try {
      await api.delete(`reminders/practices/${r.moduleId}`);
      setList((l) => l && { ...l, reminders: l.reminders.filter((x) => x.moduleId !== r.moduleId) });
      setDone(`Cancelled the reminder for “${r.title}”.`);
      requestAnimationFrame(() => heading.current?.focus()); // the button is gone: focus the result
    } catch (err) {
      setError((err as ApiError).message);
    }
  };

  return (
    <Card title="Practice reminders" className="rem-practices">
      <div tabIndex={-1} ref={heading}>
        {done && <Alert kind="success">{done}</Alert>}
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {list && list.reminders.length === 0 && (
        <p className="rem-hint">
          None yet. Each module ends with something to try this week; choose “Remind me” there to get a reminder for it
          (up to {list.max}).
        </p>
      )}
      {list && list.reminders.length > 0 && (
        <ul className="rem-practice-list">
          {list.reminders.map((r) => (
            <li key={r.moduleId}>
              <p>
                <strong>{r.title}</strong>
                <br />
                Module {r.moduleNumber}: {r.moduleTitle}. {ruleText(r)[0]!.toUpperCase() + ruleText(r).slice(1)}.
              </p>
              <div className="rem-actions">
                <Link to={`/course/${r.moduleId}`}>Open the module</Link>
                <Button
                  variant="secondary"
                  onClick={() => void cancel(r)}
                  aria-label={`Cancel the reminder for ${r.title}`}
                >
                  Cancel
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {list && list.reminders.length > 0 && (
        <p className="rem-hint">
          You can have up to {list.max} at once. They come by email; in discreet mode they do not name the practice.
        </p>
      )}
    </Card>
  );
}
