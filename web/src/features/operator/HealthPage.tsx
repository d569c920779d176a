// Platform operator: the coaching service's health this month, as numbers only. A count under 5 reads "fewer than 5"
// so that no figure can point at one person; there is no message text, no conversation and no coach per row here.
import type { ServiceHealth } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Alert, Loading, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './operator.css';

const monthName = (period: string) =>
  new Date(`${period}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export default function HealthPage() {
  const { data: health, error } = useApi<ServiceHealth>('coaching/operator/health');
  const few = health ? `fewer than ${health.suppressedBelow}` : '';
  // A suppressed or missing figure is words, set smaller than a number.
  const figure = (text: string, words: boolean) => <dd className={words ? 'op-words' : undefined}>{text}</dd>;
  const count = (n: number | null) => figure(n === null ? few : String(n), n === null);
  const share = (n: number | null, show: (n: number) => string) =>
    figure(n === null ? 'not enough replies' : show(n), n === null);

  return (
    <Page
      title="Service health"
      intro="How the coaching service is doing, as numbers only. Small counts are not shown exactly, so no figure can point at one person."
    >
      {error && <Alert kind="error">{error.message}</Alert>}
      {!health && !error && <Loading />}
      {health && (
        <>
          <h2>{monthName(health.period)}</h2>
          <dl className="op-figures">
            <div>
              <dt>Waiting for a reply now</dt>
              {count(health.openThreads)}
            </div>
            <div>
              <dt>Overdue now</dt>
              {count(health.overdue)}
            </div>
            <div>
              <dt>Coach alerts sent</dt>
              {count(health.alertsSent)}
            </div>
            <div>
              <dt>First replies</dt>
              {count(health.replies)}
            </div>
            <div>
              <dt>Within the promise</dt>
              {share(health.percentWithinPromise, (n) => `${n}%`)}
            </div>
            <div>
              <dt>Median reply time</dt>
              {share(health.medianReplyMinutes, duration)}
            </div>
          </dl>
          <p>
            Reply times count coaching hours only. The promise is a reply within {health.replyWithinWorkingHours}{' '}
            coaching hours. <Link to="/operator/service">Change the roster or the hours</Link>.
          </p>
        </>
      )}
    </Page>
  );
}
