// The released statistics, as HR sees them and as employees see them (same data, same cells, same words).
// Charts are small SVG bars beside a real table of the numbers; "fewer than 10" and hidden cells show as text.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { Alert, Card, Loading, SelectField } from '../../app/ui';
import './stats.css';

type Kind = 'month' | 'half' | 'week';
interface Cell {
  state: 'shown' | 'hidden';
  display: string;
  value?: number | null;
}
interface Dashboard {
  kind: Kind;
  figures: { metric: string; label: string; explanation: string; byDepartment: boolean; halfWidth: number }[];
  periods: { period: string; releasedAt: string; cells: { metric: string; cell: Cell }[] }[];
  budget: { status: 'available' | 'exhausted'; year: string };
}
interface Departments {
  period: string;
  label: string;
  total: Cell;
  rows: { departmentId: string | null; name: string; cell: Cell }[];
}

const KIND_WORD: Record<Kind, string> = { month: 'month', half: 'half-year', week: 'week' };

/** "2026-11" → "November 2026", "2026-H2" → "July to December 2026", "2026-W47" → "Week 47, 2026". */
export function periodName(period: string): string {
  const [year, part] = period.split('-') as [string, string];
  if (part.startsWith('W')) return `Week ${Number(part.slice(1))}, ${year}`;
  if (part.startsWith('H')) return `${part === 'H1' ? 'January to June' : 'July to December'} ${year}`;
  return `${new Date(Date.UTC(Number(year), Number(part) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
}

/** `base` is "stats/dashboard" for HR or "stats/what-my-employer-sees" for employees; both return the same bytes. */
export function StatsView({ base, allowDownload }: { base: string; allowDownload: boolean }) {
  const [kind, setKind] = useState<Kind>('month');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [metric, setMetric] = useState('enrolled');
  const [period, setPeriod] = useState('');
  const [departments, setDepartments] = useState<Departments | null>(null);

  useEffect(() => {
    setData(null);
    api.get<Dashboard>(`${base}?kind=${kind}`).then((d) => {
      setData(d);
      setPeriod(d.periods.at(-1)?.period ?? '');
      setMetric((m) => (d.figures.some((f) => f.metric === m && f.byDepartment) ? m : (d.figures.find((f) => f.byDepartment)?.metric ?? '')));
    }, setError);
  }, [base, kind]);

  const deptBase = base === 'stats/dashboard' ? 'stats/departments' : `${base}/departments`;
  const hasBreakdown = !!data?.figures.some((f) => f.byDepartment);
  useEffect(() => {
    setDepartments(null);
    if (!period || !metric || !hasBreakdown) return;
    api.get<Departments>(`${deptBase}?kind=${kind}&period=${period}&metric=${metric}`).then(setDepartments, () => setDepartments(null));
  }, [deptBase, kind, period, metric, hasBreakdown]);

  if (error) return <Alert kind="error">{error.message}</Alert>;
  return (
    <section aria-label="Figures">
      <div className="stats-controls">
        <SelectField label="Show figures by" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="month">Month: joiners and people using Respite</option>
          <option value="half">Half-year: activity</option>
          <option value="week">Week: new joiners</option>
        </SelectField>
        {allowDownload && data && (
          <a className="btn btn--secondary" href={api.url(`${base}?kind=${kind}&format=csv`)} download>
            Download these figures (CSV)
          </a>
        )}
      </div>
      {!data ? (
        <Loading />
      ) : (
        <>
          {data.budget.status === 'exhausted' && (
            <Alert kind="warning">This year's privacy allowance is used up, so no new figures will appear until {Number(data.budget.year) + 1}. Figures already released stay here.</Alert>
          )}
          {data.periods.length === 0 && <Alert>No figures yet. Figures appear after each {KIND_WORD[kind]} ends.</Alert>}
          <div className="stats-figures">
            {data.figures.map((f) => (
              <Card key={f.metric} title={f.label}>
                <p className="stats-figure__explain">{f.explanation}</p>
                <FigureChart periods={data.periods.map((p) => ({ period: p.period, cell: p.cells.find((c) => c.metric === f.metric)!.cell }))} label={f.label} halfWidth={f.halfWidth} />
              </Card>
            ))}
          </div>
          {data.periods.length > 0 && hasBreakdown && (
            <Card title="By department">
              <div className="stats-controls">
                <SelectField label="Figure" value={metric} onChange={(e) => setMetric(e.target.value)}>
                  {data.figures.filter((f) => f.byDepartment).map((f) => (
                    <option key={f.metric} value={f.metric}>{f.label}</option>
                  ))}
                </SelectField>
                <SelectField label={kind === 'month' ? 'Month' : 'Period'} value={period} onChange={(e) => setPeriod(e.target.value)}>
                  {[...data.periods].reverse().map((p) => (
                    <option key={p.period} value={p.period}>{periodName(p.period)}</option>
                  ))}
                </SelectField>
                {allowDownload && departments && (
                  <a className="btn btn--secondary" href={api.url(`${deptBase}?kind=${kind}&period=${period}&metric=${metric}&format=csv`)} download>
                    Download this table (CSV)
                  </a>
                )}
              </div>
              {!departments ? (
                <Loading />
              ) : (
                <table className="stats-table">
                  <caption>{departments.label}, {periodName(departments.period)}</caption>
                  <thead>
                    <tr><th scope="col">Department</th><th scope="col">People</th></tr>
                  </thead>
                  <tbody>
                    {departments.rows.map((r) => (
                      <tr key={r.departmentId ?? '_other'}>
                        <th scope="row">{r.name}</th>
                        <td className={r.cell.state === 'hidden' ? 'stats-hidden' : undefined}>{r.cell.display}</td>
                      </tr>
                    ))}
                    <tr className="stats-table__total"><th scope="row">Whole organisation</th><td>{departments.total.display}</td></tr>
                  </tbody>
                </table>
              )}
            </Card>
          )}
        </>
      )}
    </section>
  );
}

/** "about 130 — somewhere between 25 and 235": the shown value with its 90 % range, never below 0. */
export function inWords(cell: Cell, halfWidth: number): string {
  if (cell.state !== 'shown' || cell.value == null) return cell.display;
  return `about ${cell.value} — somewhere between ${Math.max(0, cell.value - halfWidth)} and ${cell.value + halfWidth}`;
}
const rangeText = (cell: Cell, halfWidth: number) =>
  cell.state === 'shown' && cell.value != null ? `${Math.max(0, cell.value - halfWidth)} to ${cell.value + halfWidth}` : '';

function FigureChart({ periods, label, halfWidth }: { periods: { period: string; cell: Cell }[]; label: string; halfWidth: number }) {
  if (periods.length === 0) return null;
  const latest = periods.at(-1)!;
  const max = Math.max(10, ...periods.map((p) => p.cell.value ?? 0));
  return (
    <>
      <p className="stats-latest">
        <span className="stats-latest__value">{inWords(latest.cell, halfWidth).split(' — ')[0]}</span>
        {inWords(latest.cell, halfWidth).includes(' — ') && <span className="stats-latest__range">— {inWords(latest.cell, halfWidth).split(' — ')[1]}</span>}
        <span className="stats-latest__period">{periodName(latest.period)}</span>
      </p>
      <p className="stats-figure__explain">
        Figures are blurred on purpose to protect people: 9 times in 10 the true number is within {halfWidth} of the one shown.
      </p>
      <table className="stats-chart">
        <caption className="visually-hidden">{label} by period</caption>
        <thead>
          <tr><th scope="col">Period</th><th scope="col">People</th><th scope="col">Likely range</th><th scope="col"><span className="visually-hidden">Chart</span></th></tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.period}>
              <th scope="row">{periodName(p.period)}</th>
              <td className={`stats-chart__value${p.cell.state === 'hidden' ? ' stats-hidden' : ''}`}>{p.cell.display}</td>
              <td className="stats-chart__range">{rangeText(p.cell, halfWidth)}</td>
              <td className="stats-chart__bar" aria-hidden="true">
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                  {p.cell.value ? <rect x="0" y="0" height="10" width={Math.max(1, Math.round((p.cell.value / max) * 100))} /> : null}
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The protections in plain words (shown to HR and employees alike). */
export function HowWeProtectPeople() {
  return (
    <Card title="How these numbers protect people" className="stats-protect">
      <ul>
        <li>Nobody at your employer can see who uses Respite, or what anyone does in it. Not HR, not managers.</li>
        <li>Figures are only shown for groups of 20 staff or more, and for the whole organisation only if it has 50 or more staff.</li>
        <li>Small numbers show as “fewer than 10”. Other numbers are rounded to the nearest 5.</li>
        <li>We add random “blur” to every number before it is shown, so no single person can change what anyone sees. Each number comes with the range the true figure is in 9 times out of 10; read the range, not the single number.</li>
        <li>If a small team is hidden, we hide another team too, so nobody can work out the hidden number by subtracting.</li>
        <li>Joiners and people using Respite are shown each month. How people use it is only shown every six months, for the whole organisation, never by team.</li>
        <li>Figures are worked out once and never change, however often the page is opened.</li>
        <li>There is a yearly limit on how much can be shown. When it is used up, no new figures appear until next year.</li>
      </ul>
    </Card>
  );
}
