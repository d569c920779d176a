// HR's line-manager figures (functions/domain/employer/manager-figures.ts): per complete month, gated like every
// employer figure. HR reads them on the Line managers page; employees read the very same bytes on "What my employer
// sees" (path stats/what-my-employer-sees/managers).
import type { ManagerFigures as ManagerFiguresView } from '../../../../functions/contract';
import { Alert, Card, Loading, TableScroll } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { periodName, TrendChart } from '../stats/StatsView';
import '../stats/stats.css';

export function ManagerFigures({ path }: { path: string }) {
  const { data, error } = useApi<ManagerFiguresView>(path);
  if (error) return <Alert kind="error">{error.message}</Alert>;
  if (!data) return <Loading />;
  return (
    <>
      <div className="stats-figures">
        {data.figures.map((f) => {
          const series = data.periods.map((p) => ({
            period: p.period,
            cell: p.cells.find((c) => c.metric === f.metric)!.cell,
          }));
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
              <TableScroll label={`${f.label} by month`}>
                <table className="stats-chart">
                  <caption className="visually-hidden">{f.label} by month</caption>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Shown</th>
                      <th scope="col">Likely range</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...series].reverse().map((p) => (
                      <tr key={p.period}>
                        <th scope="row">{periodName(p.period)}</th>
                        <td className={`stats-chart__value${p.cell.state === 'hidden' ? ' stats-hidden' : ''}`}>
                          {p.cell.display}
                        </td>
                        <td className="stats-chart__range">
                          {p.cell.range ? `${p.cell.range.low} to ${p.cell.range.high}` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </Card>
          );
        })}
      </div>
      <p className="field__hint">
        Figures appear after each month ends. They are rounded to the nearest 5, small numbers show as “fewer than 10”,
        and the number of messages is hidden until at least 10 line managers have an account, so nobody can tell what
        one manager did. Nobody — not HR, not the manager — can see who received a message, opened it or joined.
      </p>
    </>
  );
}
