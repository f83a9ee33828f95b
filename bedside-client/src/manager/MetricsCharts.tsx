import type { WardMetrics } from '@wardscan/shared';
import { meanRate, overridePoints, overrideSummary, percent, stopsByRule, type RatePoint, type RuleCount } from './charts.resource.js';
import { formatDate } from '../ui/format.js';

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/**
 * Override rate and stops by rule over the period. Scan compliance is the
 * chart-based figure of ComplianceSection: doses recorded here could only be
 * recorded by scanning, so their share could not fall below 100%.
 */
export function MetricsCharts({ metrics }: { metrics: WardMetrics }) {
  if (metrics.days.length === 0) return <p className="card">No figures for this period yet.</p>;
  return (
    <div className="charts">
      <RateChart id="overrides" title="Override rate" points={overridePoints(metrics)} summary={overrideSummary(metrics)} />
      <StopsChart counts={stopsByRule(metrics)} />
    </div>
  );
}

export interface RateChartProps {
  id: string;
  title: string;
  points: RatePoint[];
  /** The spoken and written summary; by default the mean of the days that had doses, saying how many. */
  summary?: string;
  /** A target drawn as a line, e.g. 0.95. */
  target?: number;
  /** How a value reads in the table; whole percent by default. */
  format?: (value: number | null) => string;
}

/** A rate per day as a line, with its figures as a table under it (the chart's text equivalent). */
export function RateChart({ id, title, points, summary: given, target, format = percent }: RateChartProps) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => PAD.top + plotH * (1 - v);
  const measured = points.map((p, i) => ({ ...p, i })).filter((p): p is { date: string; value: number; i: number } => p.value !== null);
  const first = points[0];
  const last = points[points.length - 1];
  const mean = meanRate(points);
  // Days with nothing to measure are not averaged in, and the summary says how many days were.
  const summary =
    given ??
    (mean === null
      ? `${title}: no doses given in these ${points.length} days.`
      : `${title}: average ${percent(mean)} over ${measured.length} day${measured.length === 1 ? '' : 's'} with doses given (of ${points.length})${last ? `, latest day ${percent(last.value)}` : ''}.`);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong> · {summary.startsWith(`${title}: `) ? summary.slice(title.length + 2) : summary}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#aeb7bd" strokeDasharray={v === 0 ? undefined : '3 3'} />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#212b32">
              {v * 100}%
            </text>
          </g>
        ))}
        {target !== undefined ? (
          <g>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target)} y2={y(target)} stroke="#007f3b" strokeWidth="2" strokeDasharray="6 3" />
            <text x={WIDTH - PAD.right} y={y(target) - 4} textAnchor="end" fontSize="11" fill="#007f3b">
              target {Math.round(target * 100)}%
            </text>
          </g>
        ) : null}
        {mean === null ? (
          <text x={(PAD.left + WIDTH) / 2} y={HEIGHT / 2} textAnchor="middle" fontSize="13" fill="#4c6272">
            No doses given yet
          </text>
        ) : null}
        <polyline fill="none" stroke="#005eb8" strokeWidth="3" points={measured.map((p) => `${x(p.i)},${y(p.value)}`).join(' ')} />
        {measured.map((p) => (
          <circle key={p.date} cx={x(p.i)} cy={y(p.value)} r="4" fill="#005eb8" />
        ))}
        {first ? (
          <text x={PAD.left} y={HEIGHT - 6} fontSize="11" fill="#212b32">
            {formatDate(first.date)}
          </text>
        ) : null}
        {last && points.length > 1 ? (
          <text x={WIDTH - PAD.right} y={HEIGHT - 6} fontSize="11" textAnchor="end" fill="#212b32">
            {formatDate(last.date)}
          </text>
        ) : null}
      </svg>
      <details>
        <summary>Figures by day</summary>
        <table>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <th scope="row">{formatDate(p.date)}</th>
                <td>{format(p.value)}</td>
                {p.detail !== undefined ? <td>{p.detail}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function StopsChart({ counts }: { counts: RuleCount[] }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const rowH = 26;
  const labelW = 150;
  const height = Math.max(1, counts.length) * rowH + 4;
  const summary = counts.length === 0 ? 'No stops in this period.' : counts.map((c) => `${c.label}: ${c.count}`).join(', ');
  return (
    <figure className="chart" aria-labelledby="stops-caption">
      <figcaption id="stops-caption">
        <strong>Stops by rule</strong>
      </figcaption>
      {counts.length === 0 ? (
        <p>No stops in this period.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Stops by rule: ${summary}`}>
          {counts.map((c, i) => {
            const w = ((WIDTH - labelW - 36) * c.count) / max;
            return (
              <g key={c.rule}>
                <text x={labelW - 6} y={i * rowH + 18} textAnchor="end" fontSize="12" fill="#212b32">
                  {c.label}
                </text>
                <rect x={labelW} y={i * rowH + 4} width={w} height={rowH - 8} fill="#b3200f" />
                <text x={labelW + w + 4} y={i * rowH + 18} fontSize="12" fill="#212b32">
                  {c.count}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
