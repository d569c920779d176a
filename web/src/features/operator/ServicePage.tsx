// Platform operator: the organisation's coach roster and coaching hours, changed here without a redeploy. The next
// conversation assigned and the next reply time follow a saved change. Each form keeps its own edits (saving one
// never resets the other) and sends the service's current version. Coaches are staff: their addresses are shown;
// nothing here is about the people who write to them.
import { type FormEvent, useState } from 'react';
import type { OperatorService as ServiceView } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, Loading, Page, TextArea, TextField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { DAY_NAMES } from './common';

type CoachingHours = ServiceView['hours'];

function RosterForm({ service, onSaved }: { service: ServiceView; onSaved: (s: ServiceView, note: string) => void }) {
  const [coaches, setCoaches] = useState(service.coaches);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = () => {
    const email = adding.trim().toLowerCase();
    if (!email) return;
    if (!coaches.some((c) => c.email === email)) setCoaches([...coaches, { email, lead: false }]);
    setAdding('');
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await api.put<ServiceView>('coaching/operator/roster', {
        expectedVersion: service.version,
        coaches,
      });
      setCoaches(saved.coaches);
      onSaved(saved, 'The roster is saved. The next new conversation goes to a coach on it.');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  const rowError = (i: number) => error?.fields.find((f) => f.field.startsWith(`body.coaches.${i}`))?.message;
  const listError = error?.fields.find((f) => f.field === 'body.coaches')?.message;

  return (
    <Card title="Coach roster">
      <form onSubmit={save} noValidate>
        {error && <Alert kind="error">{error.fields.length ? 'Please check the roster.' : error.message}</Alert>}
        {listError && <p className="op-error">Roster: {listError}</p>}
        <ul className="op-roster" aria-label="Coaches on the roster">
          {coaches.map((c, i) => (
            <li key={c.email}>
              <span>{c.email}</span>
              <label className="op-choice">
                <input
                  type="checkbox"
                  checked={c.lead}
                  onChange={() => setCoaches(coaches.map((x) => (x.email === c.email ? { ...x, lead: !x.lead } : x)))}
                />
                <span>
                  Lead coach<span className="visually-hidden"> ({c.email})</span>
                </span>
              </label>
              <Button
                variant="link"
                onClick={() => setCoaches(coaches.filter((x) => x.email !== c.email))}
                aria-label={`Remove ${c.email} from the roster`}
              >
                Remove
              </Button>
              {rowError(i) && <p className="op-error">{rowError(i)}</p>}
            </li>
          ))}
        </ul>
        <TextField
          label="Add a coach"
          hint="Their work address. They can sign in as a coach once the roster is saved."
          type="email"
          autoComplete="off"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <div className="actions">
          <Button variant="secondary" onClick={add}>
            Add to the list
          </Button>
          <Button type="submit" disabled={busy}>
            Save the roster
          </Button>
        </div>
      </form>
    </Card>
  );
}

function HoursForm({ service, onSaved }: { service: ServiceView; onSaved: (s: ServiceView, note: string) => void }) {
  const [hours, setHours] = useState<CoachingHours>(service.hours);
  const [closed, setClosed] = useState(service.hours.closedDates.join('\n'));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const toggleDay = (d: number) =>
    setHours({ ...hours, days: hours.days.includes(d) ? hours.days.filter((x) => x !== d) : [...hours.days, d] });

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const closedDates = closed
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const saved = await api.put<ServiceView>('coaching/operator/hours', {
        expectedVersion: service.version,
        hours: { ...hours, closedDates },
      });
      setHours(saved.hours);
      setClosed(saved.hours.closedDates.join('\n'));
      onSaved(saved, 'The coaching hours are saved. Reply times count them from now on.');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  const f = (name: string) => error?.fieldError(`hours.${name}`);
  const closedError = error?.fields.find((x) => x.field.startsWith('body.hours.closedDates'))?.message;
  const daysError = error?.fields.find((x) => x.field.startsWith('body.hours.days'))?.message;

  return (
    <Card title="Coaching hours">
      <form onSubmit={save} noValidate>
        {error && <Alert kind="error">{error.fields.length ? 'Please check the hours.' : error.message}</Alert>}
        <fieldset className="op-group" aria-describedby={daysError ? 'op-days-error' : undefined}>
          <legend>Coaching days</legend>
          {daysError && (
            <p className="op-error" id="op-days-error">
              Days: {daysError}
            </p>
          )}
          <div className="op-days">
            {DAY_NAMES.map((name, i) => (
              <label key={name} className="op-choice">
                <input type="checkbox" checked={hours.days.includes(i + 1)} onChange={() => toggleDay(i + 1)} />
                <span>{name}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label="Start"
          hint="24-hour local time, for example 09:00."
          value={hours.start}
          error={f('start')}
          onChange={(e) => setHours({ ...hours, start: e.target.value })}
        />
        <TextField
          label="End"
          hint="24-hour local time, for example 17:00."
          value={hours.end}
          error={f('end')}
          onChange={(e) => setHours({ ...hours, end: e.target.value })}
        />
        <TextField
          label="Time zone"
          hint="A name such as Europe/London."
          value={hours.timeZone}
          error={f('timeZone')}
          onChange={(e) => setHours({ ...hours, timeZone: e.target.value })}
        />
        <TextArea
          label="Closed dates"
          hint="One date a line, as YYYY-MM-DD (for example public holidays)."
          value={closed}
          error={closedError}
          onChange={(e) => setClosed(e.target.value)}
        />
        <div className="actions">
          <Button type="submit" disabled={busy}>
            Save the hours
          </Button>
        </div>
      </form>
    </Card>
  );
}

export default function ServicePage() {
  const { data: service, error, setData: setService } = useApi<ServiceView>('coaching/operator/service');
  const [done, setDone] = useState('');
  // A save answers with the whole service (and its new version): shown without another round trip.
  const onSaved = (s: ServiceView, note: string) => {
    setService(s);
    setDone(note);
  };

  return (
    <Page
      title="Coaching service"
      intro="The coaches and coaching hours of this organisation. Changes apply to the next new conversation, with no redeploy."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {!service && !error && <Loading />}
      {service && (
        <>
          <p>
            {service.seed
              ? 'These are the starting settings from the organisation’s set-up file.'
              : `Last changed ${new Date(service.updatedAt!).toLocaleString('en-GB')}.`}{' '}
            <Link to="/operator/health">See service health</Link>.
          </p>
          <RosterForm service={service} onSaved={onSaved} />
          <HoursForm service={service} onSaved={onSaved} />
        </>
      )}
    </Page>
  );
}
