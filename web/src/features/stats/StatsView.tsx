// The released statistics, as HR sees them and as employees see them (same data, same cells, same words).
// Charts are simple bars with the numbers in a real table beside them; "fewer than 10" and hidden cells show as text.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { Alert, Card, Loading, SelectField } from '../../app/ui';

type Kind = 'week' | 'month';
interface Cell {
  state: 'shown' | 'hidden';
  display: string;
  value?: number | null;
}
interface Dashboard {
  kind: Kind;
  figures: { metric: string; label: string; explanation: string; byDepartment: boolean }[];
  periods: { period: string; releasedAt: string; cells: { metric: string; cell: Cell }[] }[];
  budget: { status: 'available' | 'exhausted'; year: string };
}
interface Departments {
  period: string;
  label: string;
  total: Cell;
  rows: { departmentId: string | null; name: string; cell: Cell }[];
}

/** `base` is "stats/dashboard" for HR or "stats/what-my-employer-sees" for employees; both return the same bytes. */
export function StatsView({ base, allowDownload }: { base: string; allowDownload: boolean }) {
  const [kind, setKind] = useState<Kind>('month');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [metric, setMetric] = useState('new_enrolments');
  const [period, setPeriod] = useState('');
  const [departments, setDepartments] = useState<Departments | null>(null);

  useEffect(() => {
    setData(null);
    api.get<Dashboard>(`${base}?kind=${kind}`).then((d) => {
      setData(d);
      setPeriod(d.periods.at(-1)?.period ?? '');
      if (!d.figures.some((f) => f.metric === metric && f.byDepartment)) setMetric(d.figures.find((f) => f.byDepartment)?.metric ?? '');
    }, setError);
  }, [base, kind]);

  const deptBase = base === 'stats/dashboard' ? 'stats/departments' : `${base}/departments`;
  useEffect(() => {
    setDepartments(null);
    if (!period || !metric) return;
    api.get<Departments>(`${deptBase}?kind=${kind}&period=${period}&metric=${metric}`).then(setDepartments, () => setDepartments(null));
  }, [deptBase, kind, period, metric]);

  if (error) return <Alert kind="error">{error.message}</Alert>;
  return (
    <>
      <div className="stats-controls">
        <SelectField label="Show figures by" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="month">Month</option>
          <option value="week">Week (new joiners only)</option>
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
          {data.periods.length === 0 && <Alert>No figures yet. Figures appear after each {kind} ends.</Alert>}
          {data.figures.map((f) => (
            <Card key={f.metric} title={f.label}>
              <p>{f.explanation}</p>
              <FigureChart periods={data.periods.map((p) => ({ period: p.period, cell: p.cells.find((c) => c.metric === f.metric)!.cell }))} label={f.label} />
            </Card>
          ))}
          {data.periods.length > 0 && (
            <Card title="By department">
              <div className="stats-controls">
                <SelectField label="Figure" value={metric} onChange={(e) => setMetric(e.target.value)}>
                  {data.figures.filter((f) => f.byDepartment).map((f) => (
                    <option key={f.metric} value={f.metric}>{f.label}</option>
                  ))}
                </SelectField>
                <SelectField label={kind === 'week' ? 'Week' : 'Month'} value={period} onChange={(e) => setPeriod(e.target.value)}>
                  {[...data.periods].reverse().map((p) => (
                    <option key={p.period} value={p.period}>{p.period}</option>
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
                  <caption>{departments.label}, {departments.period}</caption>
                  <thead>
                    <tr><th scope="col">Department</th><th scope="col">People</th></tr>
                  </thead>
                  <tbody>
                    {departments.rows.map((r) => (
                      <tr key={r.departmentId ?? '_other'}><th scope="row">{r.name}</th><td>{r.cell.display}</td></tr>
                    ))}
                    <tr><th scope="row">Whole organisation</th><td>{departments.total.display}</td></tr>
                  </tbody>
                </table>
              )}
            </Card>
          )}
        </>
      )}
    </>
  );
}

function FigureChart({ periods, label }: { periods: { period: string; cell: Cell }[]; label: string }) {
  if (periods.length === 0) return null;
  const max = Math.max(10, ...periods.map((p) => p.cell.value ?? 0));
  return (
    <table className="stats-chart">
      <caption className="visually-hidden">{label} by period</caption>
      <thead>
        <tr><th scope="col">Period</th><th scope="col">People</th><th scope="col" aria-hidden="true"></th></tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.period}>
            <th scope="row">{p.period}</th>
            <td>{p.cell.display}</td>
            <td aria-hidden="true">
              <span style={{ display: 'inline-block', height: '0.8em', background: 'currentColor', opacity: 0.5, width: `${Math.round(((p.cell.value ?? 0) / max) * 100)}%`, minWidth: p.cell.value ? 2 : 0 }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The protections in plain words (shown to HR and employees alike). */
export function HowWeProtectPeople() {
  return (
    <Card title="How these numbers protect people">
      <ul>
        <li>Nobody at your employer can see who uses Respite, or what anyone does in it. Not HR, not managers.</li>
        <li>Figures are only shown for groups of 20 staff or more, and for the whole organisation only if it has 50 or more staff.</li>
        <li>Small numbers show as “fewer than 10”. Other numbers are rounded to the nearest 5.</li>
        <li>We add a little random “blur” to every number before it is shown, so no single person can change what anyone sees.</li>
        <li>If a small team is hidden, we hide another team too, so nobody can work out the hidden number by subtracting.</li>
        <li>Each month's figures are worked out once and never change, however often the page is opened.</li>
        <li>There is a yearly limit on how much can be shown. When it is used up, no new figures appear until next year.</li>
      </ul>
    </Card>
  );
}
