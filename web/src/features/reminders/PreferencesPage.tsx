// Employee: reminder emails (days, time, time zone, frequency), the Monday note and coach check-ins. Discreet email is
// part of discreet mode (DiscreetPage); this page sends the stored value back unchanged.
// Everything is opt-in except check-ins; the time zone defaults to the browser's until the person saves.
import { type FormEvent, useEffect, useState } from 'react';
import type { Delivery, PreferencesView as View } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, Loading, Page, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { PracticeRemindersCard } from './PracticeReminders';
import { PushSettings } from './PushSettings';
import './reminders.css';

/** The form's copy of the preferences (the version goes back to the server by itself, in the view). */
type Prefs = Omit<View['preferences'], 'version'>;
type Frequency = Prefs['frequency'];

/** Says plainly when no email is reaching the person, why, and lets them ask for email again. */
function DeliveryStopped() {
  // Whether email reaches this address: after a bounce or a spam report nothing is sent until the person asks again.
  // Not known (loading, or it failed): nothing shows.
  const { data, setData } = useApi<Delivery>('reminders/delivery');
  const delivery = data?.delivery ?? 'ok';
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  if (delivery === 'ok') return null;
  const resume = async () => {
    setBusy(true);
    setFailed('');
    try {
      setData(await api.post<Delivery>('reminders/resume-delivery'));
    } catch (err) {
      setFailed((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert kind="warning">
      <p>
        <strong>We are not sending you any emails at the moment.</strong>{' '}
        {delivery === 'bounced'
          ? 'The last one could not be delivered: your email provider said the address does not accept mail.'
          : 'An email from us was reported as spam from your inbox, so we stopped sending to be safe.'}{' '}
        Reminders, Monday messages and check-ins below will not arrive until you start emails again.
      </p>
      <Button onClick={() => void resume()} disabled={busy}>
        Start sending me emails again
      </Button>
      {failed && <p>{failed}</p>}
    </Alert>
  );
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TIMES = Array.from(
  { length: 96 },
  (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
);
const FREQUENCIES: { value: Frequency; label: string; hint: string }[] = [
  { value: 'weekly', label: 'Once a week', hint: 'Choose one day.' },
  { value: 'twice-weekly', label: 'Twice a week', hint: 'Choose two days.' },
  { value: 'weekdays', label: 'Every weekday', hint: 'Monday to Friday.' },
  { value: 'custom', label: 'On days I choose', hint: 'Any days you like.' },
];

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  } catch {
    return 'Europe/London';
  }
};

function zones(current: string): string[] {
  const all =
    (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([current, 'Europe/London', ...all])].sort();
}

const when = (iso: string | null, zone: string) =>
  iso
    ? new Date(iso).toLocaleString('en-GB', {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      })
    : null;

function Choice({
  type,
  name,
  checked,
  onChange,
  label,
}: {
  type: 'checkbox' | 'radio';
  name: string;
  checked: boolean;
  onChange: () => void;
  label: string;
}) {
  return (
    <label className="rem-choice">
      <input type={type} name={name} checked={checked} onChange={onChange} />
      <span>{label}</span>
    </label>
  );
}

export default function PreferencesPage() {
  const { data: view, error: loadError, setData: setView } = useApi<View>('reminders/preferences');
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  // The form starts from the first answer; later answers (after a save) leave what the person is editing alone.
  useEffect(() => {
    if (!view) return;
    setPrefs((current) => {
      if (current) return current;
      const { version: _v, ...p } = view.preferences;
      return view.saved ? p : { ...p, timeZone: browserZone() };
    });
  }, [view]);

  if (!prefs)
    return (
      <Page title="Reminders and emails">
        {loadError ? <Alert kind="error">{loadError.message}</Alert> : <Loading />}
      </Page>
    );

  const set = (patch: Partial<Prefs>) => {
    setSaved(false);
    setPrefs({ ...prefs, ...patch });
  };
  const setFrequency = (frequency: Frequency) => {
    const days =
      frequency === 'weekdays'
        ? [1, 2, 3, 4, 5]
        : frequency === 'weekly'
          ? prefs.days.slice(0, 1)
          : frequency === 'twice-weekly'
            ? prefs.days.slice(0, 2)
            : prefs.days;
    set({ frequency, days: days.length ? days : [2] });
  };
  const toggleDay = (d: number) =>
    set({ days: prefs.days.includes(d) ? prefs.days.filter((x) => x !== d) : [...prefs.days, d].sort() });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const v = await api.put<View>('reminders/preferences', prefs);
      setView(v);
      setSaved(true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => error?.fieldError(name);
  const next = view && saved ? when(view.nextReminderAt, prefs.timeZone) : null;

  return (
    <Page
      title="Reminders and emails"
      intro="Choose what we send you, and when. You can change this at any time, and every email has a one-click unsubscribe."
    >
      <DeliveryStopped />
      <form className="rem-form" onSubmit={submit} noValidate>
        <Card title="Reminders">
          <Choice
            type="checkbox"
            name="remindersOn"
            checked={prefs.remindersOn}
            onChange={() => set({ remindersOn: !prefs.remindersOn })}
            label={prefs.channel === 'push' ? 'Send me a reminder' : 'Send me a reminder email'}
          />
          {prefs.remindersOn && (
            <>
              <fieldset className="rem-group">
                <legend>How often</legend>
                {FREQUENCIES.map((f) => (
                  <Choice
                    key={f.value}
                    type="radio"
                    name="frequency"
                    checked={prefs.frequency === f.value}
                    onChange={() => setFrequency(f.value)}
                    label={`${f.label} – ${f.hint}`}
                  />
                ))}
              </fieldset>
              <fieldset className="rem-group" aria-describedby={fieldError('days') ? 'days-error' : undefined}>
                <legend>Which days</legend>
                {fieldError('days') && (
                  <p className="rem-error" id="days-error">
                    Days: {fieldError('days')}
                  </p>
                )}
                <div className="rem-days">
                  {DAY_NAMES.map((name, i) => (
                    <Choice
                      key={name}
                      type="checkbox"
                      name="days"
                      checked={prefs.days.includes(i + 1)}
                      onChange={() => toggleDay(i + 1)}
                      label={name}
                    />
                  ))}
                </div>
              </fieldset>
              <SelectField
                label="Time"
                hint="Your local time, in steps of 15 minutes."
                value={prefs.time}
                error={fieldError('time')}
                onChange={(e) => set({ time: e.target.value })}
              >
                {TIMES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Time zone"
                hint={view?.saved ? undefined : 'We guessed this from your device.'}
                value={prefs.timeZone}
                error={fieldError('timeZone')}
                onChange={(e) => set({ timeZone: e.target.value })}
              >
                {zones(prefs.timeZone).map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, ' ')}
                  </option>
                ))}
              </SelectField>
            </>
          )}
        </Card>
        {prefs.remindersOn && (
          <PushSettings
            channel={prefs.channel ?? 'email'}
            onChannel={(channel) => {
              // Saved on its own (the server re-indexes the reminder), so the form's copy follows without a save.
              setPrefs((p) => (p ? { ...p, channel } : p));
              setView((v) => (v ? { ...v, preferences: { ...v.preferences, channel } } : v));
            }}
          />
        )}
        <Card title="Other emails">
          <Choice
            type="checkbox"
            name="mondayOn"
            checked={prefs.mondayOn}
            onChange={() => set({ mondayOn: !prefs.mondayOn })}
            label={`A short Monday note with one idea to try (Mondays at ${view?.mondayTime ?? '08:30'})`}
          />
          <Choice
            type="checkbox"
            name="checkinsOn"
            checked={prefs.checkinsOn}
            onChange={() => set({ checkinsOn: !prefs.checkinsOn })}
            label="Three short check-ins from a coach in my first eight weeks"
          />
          <p className="rem-hint" data-testid="discreet-emails">
            {prefs.discreet
              ? 'Discreet mode is on for your account: emails come from "Notifications" with plain subjects. '
              : 'If other people can see your inbox, discreet mode gives every email a plain sender name and subject. '}
            <Link to="/discreet">Discreet mode settings</Link>
          </p>
        </Card>
        {error && !error.fields.length && <Alert kind="error">{error.message}</Alert>}
        {error && error.fields.length > 0 && <Alert kind="error">Please check the highlighted choices.</Alert>}
        {saved && <Alert kind="success">Saved.{next ? ` Your next reminder: ${next}.` : ''}</Alert>}
        <div className="rem-actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save my choices'}
          </Button>
        </div>
      </form>
      <PracticeRemindersCard />
    </Page>
  );
}
