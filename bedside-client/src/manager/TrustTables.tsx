import type { ComplianceFigure, ComplianceFigureId, TrustWard } from '@wardscan/shared';
import { formatDate } from '../ui/format.js';
import { daysText, figureOf, notesText, scoreText, shiftsLabel, shiftsText, targetState } from './compliance.resource.js';
import { ScrollRegion } from './ScrollRegion.js';

/* The trust view's tables: wards ranked, their day and night shifts side by side, and one ward shift by shift. */

const COLUMNS: readonly { id: ComplianceFigureId; label: string }[] = [
  { id: 'both-scanned', label: 'Wristband and pack scanned' },
  { id: 'patient-scan', label: 'Patient scan' },
  { id: 'medication-scan', label: 'Medication scan' },
  { id: 'missed-dose', label: 'Missed doses' },
];

/** One figure's cell: the score, whether it misses its target, and its count out of its denominator. */
function FigureCell({ figures, id }: { figures: readonly ComplianceFigure[]; id: ComplianceFigureId }) {
  const f = figureOf(figures, id);
  return (
    <td>
      <strong>{scoreText(f)}</strong>
      {targetState(f) === 'below' ? <span className="visually-hidden"> (below the 95% target)</span> : null}
      <div className="hint">{f.value === null ? 'no doses' : `${f.numerator.toLocaleString('en-GB')} of ${f.denominator.toLocaleString('en-GB')}`}</div>
    </td>
  );
}

/** The figures' column headings, in the order `FigureCell`s follow them. */
function FigureHeadings() {
  return COLUMNS.map((c) => (
    <th scope="col" key={c.id}>
      {c.label}
    </th>
  ));
}

/** The same figures for each ward's day shifts and night shifts, side by side. */
export function ShiftTable({ wards, days }: { wards: TrustWard[]; days: number }) {
  return (
    <ScrollRegion label="Day and night shifts">
      <table aria-label={`Day and night shifts by ward, last ${days} days`} style={{ minWidth: 720 }}>
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col">Shifts</th>
            <FigureHeadings />
            <th scope="col">Over</th>
          </tr>
        </thead>
        {wards.map((w) => (
          <tbody key={w.wardId}>
            {w.byShift.map((b, i) => (
              <tr key={b.shift}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={w.byShift.length}>
                    {w.wardName}
                  </th>
                ) : null}
                <th scope="row">{shiftsLabel(b.shift)}</th>
                {COLUMNS.map((c) => (
                  <FigureCell key={c.id} figures={b.figures} id={c.id} />
                ))}
                <td>{shiftsText(b)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </ScrollRegion>
  );
}

/** The chosen ward's figure shift by shift, each with its count and why it is partial. */
export function ShiftTrendTable({ ward, id, label }: { ward: TrustWard; id: ComplianceFigureId; label: string }) {
  const measured = ward.shiftTrend.filter((s) => s.coverage !== 'none');
  return (
    <details>
      <summary>By shift ({measured.length})</summary>
      <ScrollRegion label={`${ward.wardName}: ${label} by shift`}>
        <table aria-label={`${ward.wardName}: ${label} by shift`}>
          <thead>
            <tr>
              <th scope="col">Shift</th>
              <th scope="col">{label}</th>
              <th scope="col">Count</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {measured.map((s) => {
              const f = figureOf(s.figures, id);
              return (
                <tr key={`${s.date}-${s.shift}`}>
                  <th scope="row">
                    {formatDate(s.date)} {s.shift === 'day' ? 'day' : 'night'}
                  </th>
                  <td>{scoreText(f)}</td>
                  <td>{f.value === null ? 'no doses' : `${f.numerator} of ${f.denominator}`}</td>
                  <td>{s.coverage === 'partial' ? notesText(s.notes) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

export function RankingTable({ wards, days }: { wards: TrustWard[]; days: number }) {
  return (
    <ScrollRegion label="Ward ranking">
      <table aria-label={`Wards ranked, last ${days} days`} style={{ minWidth: 640 }}>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Ward</th>
            <FigureHeadings />
            <th scope="col">Days</th>
          </tr>
        </thead>
        <tbody>
          {wards.map((w) => (
            <tr key={w.wardId}>
              <td>{w.rank ?? '—'}</td>
              <th scope="row">{w.wardName}</th>
              {COLUMNS.map((c) => (
                <FigureCell key={c.id} figures={w.total.figures} id={c.id} />
              ))}
              <td>{daysText(w.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

