// HR invites line managers and sees only monthly figures for complete months, gated like every employer figure
// (functions/domain/employer/manager-figures.ts): how many managers have an account ("fewer than 10" below 10) and
// how many endorsement messages they sent together (hidden until 10 managers have an account). Never who sent,
// received, opened or acted on one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TextField } from '../../app/ui';
import { periodName, TrendChart, type Cell } from '../stats/StatsView';
import '../stats/stats.css';

interface ManagerCounts {
  figures: { metric: string; label: string; explanation: string; halfWidth: number }[];
  periods: { period: string; cells: { metric: string; cell: Cell }[] }[];
}

export default function ManagersPage() {
  const [counts, setCounts] = useState<ManagerCounts | null>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  const load = useCallback(() => api.get<ManagerCounts>('employer/managers').then(setCounts, setError), []);
  useEffect(() => void load(), [load]);

  async function invite(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      await api.post('account/staff-invites', { email, role: 'manager' });
      setDone(`Invitation sent to ${email}.`);
      setEmail('');
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Page title="Line managers" intro="Managers can send their team a short note saying it is fine to use Respite in work time. It helps people feel allowed to take the time.">
      {!counts ? (
        <Loading />
      ) : (
        <div className="stats-figures">
          {counts.figures.map((f) => {
            const series = counts.periods.map((p) => ({ period: p.period, cell: p.cells.find((c) => c.metric === f.metric)!.cell }));
            const latest = series.at(-1)!;
            const [value, range] = latest.cell.words.split(' — ');
            return (
              <Card key={f.metric} title={f.label}>
                <p className="stats-figure__explain">{f.explanation}</p>
                <p className="stats-latest">
                  <span className="stats-latest__value">{value}</span>
                  {range && <span className="stats-latest__range">— {range}</span>}
                  <span className="stats-latest__period">{periodName(latest.period)}</span>
                </p>
                <TrendChart periods={series} label={f.label} />
                <table className="stats-chart">
                  <caption className="visually-hidden">{f.label} by month</caption>
                  <thead>
                    <tr><th scope="col">Month</th><th scope="col">Shown</th></tr>
                  </thead>
                  <tbody>
                    {[...series].reverse().map((p) => (
                      <tr key={p.period}>
                        <th scope="row">{periodName(p.period)}</th>
                        <td className={`stats-chart__value${p.cell.state === 'hidden' ? ' stats-hidden' : ''}`}>{p.cell.display}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            );
          })}
        </div>
      )}
      <p className="field__hint">
        Figures appear after each month ends. They are rounded to the nearest 5, small numbers show as “fewer than 10”, and the number of messages is hidden until at least 10 line managers have an account, so nobody can tell what one manager did. Nobody — not you, not the manager — can see who received a message, opened it or joined.
      </p>
      <Card title="Invite a line manager">
        <form onSubmit={invite} noValidate>
          {done && <Alert kind="success">{done}</Alert>}
          {error && !error.fieldError('email') && <Alert kind="error">{error.message}</Alert>}
          <TextField label="Manager's work email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldError('email')} />
          <Button type="submit" disabled={!email.includes('@')}>
            Send invitation
          </Button>
        </form>
        <p className="field__hint">We email them a link to sign in. They will only ever see how many messages they sent.</p>
      </Card>
    </Page>
  );
}
