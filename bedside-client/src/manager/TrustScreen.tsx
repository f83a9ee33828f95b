import { useEffect, useState } from 'react';
import { TRUST_PERIODS, type ComplianceFigureId, type TrustCompliance } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { daysText, fetchMeasureReport, fetchTrustCompliance, fetchTrustCsv, figureOf, figureText, saveFile, trendPoints } from './compliance.resource.js';
import { RateChart } from './MetricsCharts.js';
import { RankingTable, ShiftTable, ShiftTrendTable } from './TrustTables.js';

const TREND_CHOICES: readonly { id: ComplianceFigureId; label: string }[] = [
  { id: 'both-scanned', label: 'Wristband and pack scanned' },
  { id: 'patient-scan', label: 'Patient scan compliance' },
  { id: 'medication-scan', label: 'Medication scan compliance' },
  { id: 'missed-dose', label: 'Missed doses' },
];
const percentText = (value: number | null) => (value === null ? 'nothing to measure' : `${(value * 100).toFixed(1)}%`);

/**
 * The trust view for admins: every ward's compliance side by side, ranked by
 * the share of doses given with both the wristband and the pack scanned, its
 * day shifts beside its night shifts, a daily trend (and shift by shift) over
 * 14, 28 or 90 days, and the same figures as CSV and as a
 * FHIR MeasureReport to report onward. Ward-level figures only; read only.
 */
export function TrustScreen() {
  const { http } = useServices();
  const [days, setDays] = useState<number>(TRUST_PERIODS[0]);
  const [trust, setTrust] = useState<TrustCompliance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [trendWard, setTrendWard] = useState<string | null>(null);
  const [trendFigure, setTrendFigure] = useState<ComplianceFigureId>('both-scanned');

  useEffect(() => {
    let current = true;
    setTrust(null);
    fetchTrustCompliance(http, days)
      .then((result) => current && (setTrust(result), setError(null)))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, days]);

  async function download(kind: 'csv' | 'fhir') {
    setExportError(null);
    const today = new Date().toISOString().slice(0, 10);
    try {
      if (kind === 'csv') saveFile(await fetchTrustCsv(http, days), 'text/csv', `wardscan-compliance-${days}-days-${today}.csv`);
      else saveFile(await fetchMeasureReport(http, days), 'application/fhir+json', `wardscan-measure-report-${days}-days-${today}.json`);
    } catch (caught) {
      setExportError(errorMessage(caught));
    }
  }

  const measured = trust?.wards.filter((w) => w.total.coverage !== 'none') ?? [];
  const shown = trust?.wards.find((w) => w.wardId === trendWard) ?? measured[0] ?? trust?.wards[0];
  const choice = TREND_CHOICES.find((c) => c.id === trendFigure) ?? TREND_CHOICES[0];
  return (
    <div className="screen">
      <h1 style={{ fontSize: 24, margin: '4px 0' }}>Trust: scan compliance by ward</h1>
      <p className="hint">
        From each ward's chart: every dose due, not only the doses scanned. Leapfrog's target is at least 95% of doses given with the patient and the medication scanned.
      </p>
      <div className="row" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end' }}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 'bold' }}>Period</legend>
          <div style={{ display: 'flex', gap: 4 }}>
            {TRUST_PERIODS.map((d) => (
              <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>
                {d} days
              </button>
            ))}
          </div>
        </fieldset>
        <button type="button" onClick={() => void download('csv')}>
          Download CSV
        </button>
        <button type="button" onClick={() => void download('fhir')}>
          Download FHIR MeasureReport
        </button>
      </div>
      {exportError ? <ErrorBox>The file could not be downloaded: {exportError}</ErrorBox> : null}
      {error ? <ErrorBox>The trust view could not be loaded: {error}</ErrorBox> : null}
      {!trust && !error ? <p role="status">Loading the wards' figures…</p> : null}
      {trust && trust.wards.length === 0 ? <p className="card">No wards yet.</p> : null}
      {trust && trust.wards.length > 0 ? (
        <>
          <RankingTable wards={trust.wards} days={trust.days} />
          <section className="card" aria-labelledby="shifts-heading">
            <h2 id="shifts-heading" style={{ fontSize: 20, margin: 0 }}>
              Day and night shifts
            </h2>
            <ShiftTable wards={trust.wards} days={trust.days} />
          </section>
          {shown ? (
            <section className="card" aria-labelledby="trend-heading">
              <h2 id="trend-heading" style={{ fontSize: 20, margin: 0 }}>
                Trend
              </h2>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                <div>
                  <label htmlFor="trend-ward">Ward</label>
                  <select id="trend-ward" value={shown.wardId} onChange={(e) => setTrendWard(e.target.value)}>
                    {trust.wards.map((w) => (
                      <option key={w.wardId} value={w.wardId}>
                        {w.wardName}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="trend-figure">Figure</label>
                  <select id="trend-figure" value={choice?.id} onChange={(e) => setTrendFigure(e.target.value as ComplianceFigureId)}>
                    {TREND_CHOICES.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {choice ? (
                <RateChart
                  id={`trend-${shown.wardId}`}
                  title={`${shown.wardName}: ${choice.label}`}
                  points={trendPoints(shown.trend, choice.id)}
                  format={percentText}
                  {...(choice.id === 'missed-dose' ? {} : { target: 0.95 })}
                  summary={`${shown.wardName}: ${choice.label}: ${figureText(figureOf(shown.total.figures, choice.id))} ${daysText(shown.total)}.`}
                />
              ) : null}
              {choice ? <ShiftTrendTable ward={shown} id={choice.id} label={choice.label} /> : null}
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
