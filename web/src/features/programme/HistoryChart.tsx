// A small hand-drawn SVG line chart of one questionnaire's scores over time, with the score ranges shaded, and
// the same numbers as a table for screen readers and anyone who prefers text.
import { useId } from 'react';
import { TableScroll } from '../../app/ui';
import { formatDate } from './shared';

export interface ChartPoint {
  score: number;
  submittedAt: string;
}

const W = 320;
const H = 150;
const PAD = { left: 34, right: 10, top: 10, bottom: 22 };

export function HistoryChart({
  name,
  points,
  range,
  bands,
}: {
  name: string;
  points: ChartPoint[];
  range: { min: number; max: number };
  bands: readonly { min: number; max: number; label: string }[];
}) {
  const id = useId();
  if (points.length === 0) return null;
  const x = (i: number) =>
    PAD.left +
    (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + ((range.max - v) * (H - PAD.top - PAD.bottom)) / (range.max - range.min);
  const summary = `${name} scores, oldest to newest: ${points.map((p) => `${p.score} on ${formatDate(p.submittedAt)}`).join(', ')}. Possible range ${range.min} to ${range.max}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={`chart-${name}`}>
        <title id={`${id}-t`}>{`${name} history`}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {bands.map((b, i) => (
          <rect
            key={b.label}
            x={PAD.left}
            width={W - PAD.left - PAD.right}
            y={y(b.max)}
            height={Math.max(0, y(b.min) - y(b.max))}
            className={`chart__band chart__band--${i % 2}`}
          />
        ))}
        {[range.min, range.max].map((v) => (
          <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart__axis">
            {v}
          </text>
        ))}
        {points.length > 1 && (
          <polyline
            className="chart__line"
            fill="none"
            points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')}
          />
        )}
        {points.map((p, i) => (
          <g key={p.submittedAt}>
            <circle cx={x(i)} cy={y(p.score)} r={4} className="chart__dot" />
            <text x={x(i)} y={Math.max(y(p.score) - 8, 10)} textAnchor="middle" className="chart__label">
              {p.score}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} className="chart__axis">
          {formatDate(points[0]!.submittedAt)}
        </text>
        {points.length > 1 && (
          <text x={W - PAD.right} y={H - 6} textAnchor="end" className="chart__axis">
            {formatDate(points.at(-1)!.submittedAt)}
          </text>
        )}
      </svg>
      <details>
        <summary>Show as a table</summary>
        <TableScroll label={`${name} scores`}>
          <table className="chart-table">
            <caption className="visually-hidden">{name} scores</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.submittedAt}>
                  <td>{formatDate(p.submittedAt)}</td>
                  <td>{p.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
