import { useEffect, useRef, useState } from 'react';
import {
  COMPLIANCE_FIGURES,
  MANUAL_ID_METHODS,
  NOT_GIVEN_REASONS,
  type ComplianceBucket,
  type ComplianceFigure,
  type ComplianceFigureId,
  type ComplianceShiftTotal,
  type WardCompliance,
  type RuleId,
} from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { PROBLEM_LABELS } from '../nurse/verdict.resource.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatDate } from '../ui/format.js';
import { daysText, fetchWardCompliance, figureOf, figureText, notesText, partialDays, scoreText, shiftsLabel, shiftsText, targetState, trendPoints } from './compliance.resource.js';
import { RateChart } from './MetricsCharts.js';
import { ScrollRegion } from './ScrollRegion.js';

const REFRESH_AT_MOST_MS = 60_000;
/** The figures shown as cards, the Leapfrog pair first. */
const HEADLINE: readonly ComplianceFigureId[] = ['patient-scan', 'medication-scan', 'both-scanned', 'scanned-of-expected', 'missed-dose'];
const RATES: readonly ComplianceFigureId[] = ['not-given', 'manual-identification', 'keyed-product', 'documented-late', 'override', 'stops-per-100'];
const METHOD_WORDS: Record<(typeof MANUAL_ID_METHODS)[number], string> = { keyed: 'number typed', 'nhs-number-barcode': 'plain NHS Number barcode', manual: 'chosen from the ward list' };
const ruleLabel = (rule: string) => PROBLEM_LABELS[rule as RuleId] ?? rule;
const percentText = (value: number | null) => (value === null ? 'nothing to measure' : `${(value * 100).toFixed(1)}%`);

function FigureCard({ figure }: { figure: ComplianceFigure }) {
  const def = COMPLIANCE_FIGURES[figure.id];
  const state = targetState(figure);
  return (
    <li className="card" style={{ margin: 0, borderLeft: `8px solid ${state === 'below' ? 'var(--red)' : state === 'met' ? 'var(--green)' : '#aeb7bd'}` }}>
      <strong>{def.title}</strong>
      <div style={{ fontSize: 24, fontWeight: 'bold' }}>{scoreText(figure)}</div>
      <div>{figureText(figure)}</div>
      {def.target !== null ? (
        <div className="hint">
          Target at least {def.target * 100}%{state === 'met' ? ': met' : state === 'below' ? ': not met' : ''}
        </div>
      ) : null}
    </li>
  );
}

/** "patient refused 3 · nil by mouth 1" from a count per key. */
function breakdown(counts: Record<string, number>, words: (key: string) => string): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${words(key)} ${n}`);
  return parts.length ? parts.join(' · ') : 'none';
}

function ShiftTable({ shifts, byShift }: { shifts: ComplianceBucket[]; byShift: ComplianceShiftTotal[] }) {
  const measured = shifts.filter((s) => s.coverage !== 'none');
  return (
    <details>
      <summary>By shift ({measured.length})</summary>
      <ul aria-label="Day and night shifts" style={{ margin: '4px 0' }}>
        {byShift.map((b) => (
          <li key={b.shift}>
            {shiftsLabel(b.shift)} {shiftsText(b)}: wristband and pack scanned {figureText(figureOf(b.figures, 'both-scanned'))}; missed {figureText(figureOf(b.figures, 'missed-dose'))}
          </li>
        ))}
      </ul>
      <ScrollRegion label="Figures by shift">
        <table aria-label="Compliance by shift">
          <thead>
            <tr>
              <th scope="col">Shift</th>
              <th scope="col">Patient scanned</th>
              <th scope="col">Pack scanned</th>
              <th scope="col">Doses given</th>
              <th scope="col">Missed</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {measured.map((s) => (
              <tr key={s.start}>
                <th scope="row">
                  {formatDate(s.date)} {s.shift === 'day' ? 'day (07:00–19:00)' : 'night (19:00–07:00)'}
                </th>
                <td>{scoreText(figureOf(s.figures, 'patient-scan'))}</td>
                <td>{scoreText(figureOf(s.figures, 'medication-scan'))}</td>
                <td>{s.counts.given}</td>
                <td>{s.counts.missed}</td>
                <td>{s.coverage === 'partial' ? notesText(s.notes) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

/** What the chart records for a ward's period: each figure with its count, partial days said, the trend, and by shift. */
export function ComplianceView({ report }: { report: WardCompliance }) {
  const { total } = report;
  if (total.coverage === 'none') {
    return <p className="card">Nothing on record for this ward in these days: no compliance to measure yet.</p>;
  }
  const c = total.counts;
  const partial = partialDays(report.days);
  const both = figureOf(total.figures, 'both-scanned');
  return (
    <div>
      <p>
        Every dose due on the ward {daysText(total)}: {c.due.toLocaleString('en-GB')} due, {c.given.toLocaleString('en-GB')} given, {c.notGiven.toLocaleString('en-GB')} documented not given,{' '}
        {c.missed.toLocaleString('en-GB')} missed{c.open ? `, ${c.open} due now` : ''}.
      </p>
      {partial.length ? (
        <div className="hint">
          Partial days:
          <ul style={{ margin: '2px 0' }}>
            {partial.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul aria-label="Compliance figures" style={{ listStyle: 'none', padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 8 }}>
        {HEADLINE.map((id) => (
          <FigureCard key={id} figure={figureOf(total.figures, id)} />
        ))}
      </ul>
      <div className="charts">
        <RateChart
          id="compliance-both"
          title="Wristband and pack scanned"
          points={trendPoints(report.days, 'both-scanned')}
          target={0.95}
          format={percentText}
          summary={`Wristband and pack scanned: ${figureText(both)} ${daysText(total)}.`}
        />
        <RateChart
          id="compliance-missed"
          title="Missed doses"
          points={trendPoints(report.days, 'missed-dose')}
          format={percentText}
          summary={`Missed doses: ${figureText(figureOf(total.figures, 'missed-dose'))} ${daysText(total)}.`}
        />
      </div>
      <table aria-label="Other figures">
        <tbody>
          {RATES.map((id) => {
            const f = figureOf(total.figures, id);
            return (
              <tr key={id}>
                <th scope="row">{COMPLIANCE_FIGURES[id].title}</th>
                <td>{figureText(f)}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">Not given, by reason</th>
            <td>{breakdown(c.notGivenByReason, (k) => NOT_GIVEN_REASONS[k as keyof typeof NOT_GIVEN_REASONS] ?? k)}</td>
          </tr>
          <tr>
            <th scope="row">Manual identification, by how</th>
            <td>{breakdown(c.manualIdentificationByMethod, (k) => METHOD_WORDS[k as keyof typeof METHOD_WORDS] ?? k)}</td>
          </tr>
          <tr>
            <th scope="row">Overrides, by rule (of {c.given.toLocaleString('en-GB')} doses given)</th>
            <td>{breakdown(c.overridesByRule, ruleLabel)}</td>
          </tr>
          <tr>
            <th scope="row">Stops, by rule</th>
            <td>{breakdown(c.stopsByRule, ruleLabel)}</td>
          </tr>
          <tr>
            <th scope="row">Minutes from due to given</th>
            <td>
              {c.minutesFromDue.count === 0
                ? 'no scheduled doses given'
                : `median ${c.minutesFromDue.median} min, 90% within ${c.minutesFromDue.p90} min (${c.minutesFromDue.count.toLocaleString('en-GB')} scheduled doses given)`}
            </td>
          </tr>
        </tbody>
      </table>
      <ShiftTable shifts={report.shifts} byShift={report.byShift} />
    </div>
  );
}

/** The dashboard's compliance section: the ward's last `days` ward days, from the chart. */
export function ComplianceSection({ wardId, refreshKey, days = 14 }: { wardId: string | null; refreshKey: number; days?: number }) {
  const { http } = useServices();
  const [report, setReport] = useState<WardCompliance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const lastFetch = useRef(0);
  useEffect(() => {
    if (!wardId) return;
    let current = true;
    lastFetch.current = Date.now();
    fetchWardCompliance(http, wardId, days)
      .then((result) => current && (setReport(result), setError(null)))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, days, tick]);
  // A live alert may follow a dose; the figures read every dose of the period, so at most once a minute.
  useEffect(() => {
    if (refreshKey > 0 && Date.now() - lastFetch.current >= REFRESH_AT_MOST_MS) setTick((t) => t + 1);
  }, [refreshKey]);
  return (
    <section className="card" aria-labelledby="compliance-heading">
      <h2 id="compliance-heading" style={{ fontSize: 20, margin: 0 }}>
        Scan compliance, last {days} days
      </h2>
      <p className="hint" style={{ margin: '2px 0' }}>
        From the chart: every dose due, not only the doses scanned. Patient and medication scan compliance as the Leapfrog Group defines them.
      </p>
      {error ? <ErrorBox>Compliance could not be loaded: {error}</ErrorBox> : null}
      {!report && !error ? <p role="status">Loading compliance…</p> : null}
      {report ? <ComplianceView report={report} /> : null}
    </section>
  );
}
