// The released statistics, as HR sees them and as employees see them (same data, same cells, same words).
// Each figure has a small inline SVG trend chart (the value with its 90 % band) and, as its text alternative, a real
// table of the numbers with their ranges; "fewer than 10" and hidden cells show as text. Ranges and their words come
// from the server (functions/domain/stats/present.ts), so the screen, the CSV and the employee's page agree.
import { useEffect, useId, useState } from 'react';
import type { DashboardView, DepartmentView, RangedCell } from '../../../../functions/contract';
import { api } from '../../app/api';
import { Alert, Card, Loading, SelectField, TableScroll } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './stats.css';

type Kind = DashboardView['kind'];
export type Cell = RangedCell;

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
  const [metric, setMetric] = useState('enrolled');
  const [period, setPeriod] = useState('');
  // Switching quickly between week, month and half-year: only the answer for the choice now made is shown.
  const { data, error } = useApi<DashboardView>(`${base}?kind=${kind}`);
  useEffect(() => {
    if (!data) return;
    setPeriod(data.periods.at(-1)?.period ?? '');
    setMetric((m) =>
      data.figures.some((f) => f.metric === m && f.byDepartment)
        ? m
        : (data.figures.find((f) => f.byDepartment)?.metric ?? ''),
    );
  }, [data]);

  const deptBase = base === 'stats/dashboard' ? 'stats/departments' : `${base}/departments`;
  const hasBreakdown = !!data?.figures.some((f) => f.byDepartment);
  const { data: departments } = useApi<DepartmentView>(
    period && metric && hasBreakdown ? `${deptBase}?kind=${kind}&period=${period}&metric=${metric}` : null,
  );

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
            <Alert kind="warning">
              This year's privacy allowance is used up, so no new figures will appear until{' '}
              {Number(data.budget.year) + 1}. Figures already released stay here.
            </Alert>
          )}
          {data.periods.length === 0 && (
            <Alert>No figures yet. Figures appear after each {KIND_WORD[kind]} ends.</Alert>
          )}
          <div className="stats-figures">
            {data.figures.map((f) => (
              <Card key={f.metric} title={f.label}>
                <p className="stats-figure__explain">{f.explanation}</p>
                <FigureChart
                  periods={data.periods.map((p) => ({
                    period: p.period,
                    cell: p.cells.find((c) => c.metric === f.metric)!.cell,
                  }))}
                  label={f.label}
                  halfWidth={f.halfWidth}
                />
              </Card>
            ))}
          </div>
          {data.periods.length > 0 && hasBreakdown && (
            <Card title="By department">
              <div className="stats-controls">
                <SelectField label="Figure" value={metric} onChange={(e) => setMetric(e.target.value)}>
                  {data.figures
                    .filter((f) => f.byDepartment)
                    .map((f) => (
                      <option key={f.metric} value={f.metric}>
                        {f.label}
                      </option>
                    ))}
                </SelectField>
                <SelectField
                  label={kind === 'month' ? 'Month' : 'Period'}
                  value={period}
                  onChange={(e) => setPeriod(e.target.value)}
                >
                  {[...data.periods].reverse().map((p) => (
                    <option key={p.period} value={p.period}>
                      {periodName(p.period)}
                    </option>
                  ))}
                </SelectField>
                {allowDownload && departments && (
                  <a
                    className="btn btn--secondary"
                    href={api.url(`${deptBase}?kind=${kind}&period=${period}&metric=${metric}&format=csv`)}
                    download
                  >
                    Download this table (CSV)
                  </a>
                )}
              </div>
              {!departments ? (
                <Loading />
              ) : (
                <TableScroll label={`${departments.label}, ${periodName(departments.period)}`}>
                  <table className="stats-table">
                    <caption>
                      {departments.label}, {periodName(departments.period)}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Department</th>
                        <th scope="col">People</th>
                        <th scope="col">Likely range (9 times in 10)</th>
                      </tr>
                    </thead>
                    <tbody>
                      {departments.rows.map((r) => (
                        <tr key={r.departmentId ?? '_other'}>
                          <th scope="row">{r.name}</th>
                          <td className={r.cell.state === 'hidden' ? 'stats-hidden' : undefined}>{r.cell.display}</td>
                          <td className="stats-table__range">{rangeText(r.cell)}</td>
                        </tr>
                      ))}
                      <tr className="stats-table__total">
                        <th scope="row">Whole organisation</th>
                        <td>{departments.total.display}</td>
                        <td className="stats-table__range">{rangeText(departments.total)}</td>
                      </tr>
                    </tbody>
                  </table>
                </TableScroll>
              )}
            </Card>
          )}
        </>
      )}
    </section>
  );
}

const rangeText = (cell: Cell) => (cell.range ? `${cell.range.low} to ${cell.range.high}` : '');

function FigureChart({
  periods,
  label,
  halfWidth,
}: {
  periods: { period: string; cell: Cell }[];
  label: string;
  halfWidth: number;
}) {
  if (periods.length === 0) return null;
  const latest = periods.at(-1)!;
  const [value, range] = latest.cell.words.split(' — ');
  return (
    <>
      <p className="stats-latest">
        <span className="stats-latest__value">{value}</span>
        {range && <span className="stats-latest__range">— {range}</span>}
        <span className="stats-latest__period">{periodName(latest.period)}</span>
      </p>
      {latest.cell.state === 'hidden' && latest.cell.reason === 'not_enough_staff' ? (
        <p className="stats-figure__explain">
          The blur that protects people in this figure is about {halfWidth} either way. Your organisation is not large
          enough for a figure that blurred to tell you anything, so it is not shown.
        </p>
      ) : (
        <p className="stats-figure__explain">
          Figures are blurred on purpose to protect people: 9 times in 10 the true number is within {halfWidth} of the
          one shown.
        </p>
      )}
      <TrendChart periods={periods} label={label} />
      <TableScroll label={`${label} by period`}>
        <table className="stats-chart">
          <caption className="visually-hidden">{label} by period</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">People</th>
              <th scope="col">Likely range</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.period}>
                <th scope="row">{periodName(p.period)}</th>
                <td className={`stats-chart__value${p.cell.state === 'hidden' ? ' stats-hidden' : ''}`}>
                  {p.cell.display}
                </td>
                <td className="stats-chart__range">{rangeText(p.cell)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** "2026-11" → "Nov 26", "2026-H2" → "H2 26", "2026-W47" → "W47": short axis labels. */
const shortPeriod = (period: string) => {
  const [year, part] = period.split('-') as [string, string];
  if (part.startsWith('W')) return part;
  if (part.startsWith('H')) return `${part} ${year.slice(2)}`;
  return `${new Date(Date.UTC(Number(year), Number(part) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${year.slice(2)}`;
};

const W = 320;
const H = 150;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

/**
 * The figure over the released periods: a line through the shown values inside a shaded band of their 90 % ranges.
 * Periods showing "fewer than 10" or hidden get a hollow mark on the axis and break the line. The SVG is one image
 * with a title and a description; the table after it is the full text alternative.
 */
export function TrendChart({ periods, label }: { periods: { period: string; cell: Cell }[]; label: string }) {
  const id = useId();
  // Nothing to draw until two periods exist, or while no period can show a number at all (the table says why).
  if (periods.length < 2 || periods.every((p) => p.cell.state === 'hidden')) return null;
  const top = Math.max(10, ...periods.map((p) => p.cell.range?.high ?? 0));
  const scaleTop = Math.ceil(top / 10) * 10;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (periods.length - 1);
  const y = (v: number) => PAD.top + (1 - v / scaleTop) * (H - PAD.top - PAD.bottom);
  // Runs of consecutive periods with a number: each run is one band and one line.
  type Point = { i: number; value: number; low: number; high: number };
  const runs: Point[][] = [];
  let run: Point[] = [];
  periods.forEach((p, i) => {
    if (p.cell.state === 'shown' && p.cell.range && p.cell.value != null)
      run.push({ i, value: p.cell.value, low: p.cell.range.low, high: p.cell.range.high });
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  const shown = runs.flat();
  const latest = periods.at(-1)!;
  const description =
    `${periods.length} periods from ${periodName(periods[0]!.period)} to ${periodName(latest.period)}. ` +
    (shown.length
      ? `Shown values go from ${Math.min(...shown.map((s) => s.value))} to ${Math.max(...shown.map((s) => s.value))}. `
      : 'No period shows a number yet. ') +
    `Latest: ${latest.cell.words}. The shaded band is the range the true figure is in 9 times out of 10. Every value is in the table below.`;
  return (
    <svg
      className="stats-trend"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      focusable="false"
    >
      <title id={`${id}-t`}>{`${label}: trend chart`}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {[0, scaleTop / 2, scaleTop].map((v) => (
        <g key={v}>
          <line className="stats-trend__grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text className="stats-trend__label" x={PAD.left - 4} y={y(v) + 3} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      {runs.map((r) => (
        <g key={r[0]!.i}>
          {r.length > 1 ? (
            <polygon
              className="stats-trend__band"
              points={[
                ...r.map((s) => `${x(s.i)},${y(s.high)}`),
                ...[...r].reverse().map((s) => `${x(s.i)},${y(s.low)}`),
              ].join(' ')}
            />
          ) : (
            <rect
              className="stats-trend__band"
              x={x(r[0]!.i) - 3}
              width={6}
              y={y(r[0]!.high)}
              height={Math.max(1, y(r[0]!.low) - y(r[0]!.high))}
            />
          )}
          {r.length > 1 && (
            <polyline className="stats-trend__line" points={r.map((s) => `${x(s.i)},${y(s.value)}`).join(' ')} />
          )}
          {r.map((s) => (
            <circle key={s.i} className="stats-trend__point" cx={x(s.i)} cy={y(s.value)} r={2.5} />
          ))}
        </g>
      ))}
      {periods.map((p, i) =>
        p.cell.range ? null : <circle key={p.period} className="stats-trend__none" cx={x(i)} cy={y(0)} r={2.5} />,
      )}
      {[0, periods.length - 1].map((i) => (
        <text key={i} className="stats-trend__label" x={x(i)} y={H - 6} textAnchor={i === 0 ? 'start' : 'end'}>
          {shortPeriod(periods[i]!.period)}
        </text>
      ))}
    </svg>
  );
}

/** The protections in plain words (shown to HR and employees alike). */
export function HowWeProtectPeople() {
  return (
    <Card title="How these numbers protect people" className="stats-protect">
      <ul>
        <li>Nobody at your employer can see who uses Respite, or what anyone does in it. Not HR, not managers.</li>
        <li>
          Figures are only shown for groups of 20 staff or more, and for the whole organisation only if it has 50 or
          more staff.
        </li>
        <li>Small numbers show as “fewer than 10”. Other numbers are rounded to the nearest 5.</li>
        <li>
          We add random “blur” to every number before it is shown, so no single person can change what anyone sees. Each
          number comes with the range the true figure is in 9 times out of 10; read the range, not the single number.
        </li>
        <li>
          If a small team is hidden, we hide another team too, so nobody can work out the hidden number by subtracting.
        </li>
        <li>
          Joiners and people using Respite are shown each month. How people use it is only shown every six months, for
          the whole organisation, never by team.
        </li>
        <li>Figures are worked out once and never change, however often the page is opened.</li>
        <li>
          There is a yearly limit on how much can be shown. When it is used up, no new figures appear until next year.
        </li>
      </ul>
    </Card>
  );
}
