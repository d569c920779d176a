// "Book it in": downloads an .ics event with a neutral title ("Focus time") for the module's estimated length; in
// discreet mode it has no link back to the app.
import { useId, useState } from 'react';
import { api } from '../../app/api';
import { useDiscreet } from '../../app/discreet';
import { tomorrowAtNine } from './shared';

export function AddToCalendar({ moduleId, minutes }: { moduleId: string; minutes: number }) {
  const id = useId();
  const { device } = useDiscreet(); // the account setting is read by the server itself
  const [when, setWhen] = useState(tomorrowAtNine);
  const start = when ? new Date(when) : null;
  const valid = start !== null && !Number.isNaN(start.getTime());
  return (
    <div className="calendar-box">
      <div className="field">
        <label htmlFor={id}>Book {minutes} minutes in your calendar</label>
        <p className="field__hint" id={`${id}-hint`}>
          The event is called "Focus time", so nobody can tell what it is for.
        </p>
        <input
          id={id}
          type="datetime-local"
          value={when}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setWhen(e.target.value)}
        />
      </div>
      {valid ? (
        <a
          className="btn btn--secondary"
          href={api.url(
            `programme/modules/${moduleId}/calendar.ics?start=${encodeURIComponent(start.toISOString())}${device ? '&discreet=1' : ''}`,
          )}
          download="focus-time.ics"
        >
          Add to calendar (.ics)
        </a>
      ) : (
        <p className="field__error">Choose a date and time first.</p>
      )}
    </div>
  );
}
