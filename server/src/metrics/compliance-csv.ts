import { COMPLIANCE_FIGURE_IDS, MANUAL_ID_METHODS, NOT_GIVEN_REASONS, type ComplianceCounts, type ComplianceFigure, type Shift } from '@wardscan/shared';
import { csvCell } from '../audit/csv.js';
import type { WardComplianceReport } from './compliance.js';
import { rankWards } from './compliance-service.js';

interface Row {
  readonly rank: number | null;
  readonly report: WardComplianceReport;
  /** The whole period; the period's day (or night) shifts summed; one ward day; one shift. */
  readonly kind: 'period' | 'period-shifts' | 'day' | 'shift';
  readonly shift: Shift | null;
  /** For the period: days measured and how many partial; for its shifts summed: shifts measured and how many partial. */
  readonly spans?: { readonly days?: number; readonly partialDays?: number; readonly shifts?: number; readonly partialShifts?: number };
  readonly from: string;
  readonly to: string;
  readonly start: string;
  readonly end: string;
  readonly coverage: string;
  readonly notes: readonly string[];
  readonly counts: ComplianceCounts;
  readonly figures: readonly ComplianceFigure[];
}

const COUNT_COLUMNS = [
  'due', 'given', 'prnGiven', 'givenBothScanned', 'patientScanned', 'medicationScanned', 'manualIdentification',
  'keyedProduct', 'documentedLate', 'notGiven', 'missed', 'open', 'scheduledClosed', 'overrides', 'stops',
] as const satisfies readonly (keyof ComplianceCounts)[];

/**
 * The trust view as CSV: per ward, the period's figures (with the days they
 * are over), its day shifts and its night shifts summed (with the shifts they
 * are over), then each day's and each shift's, with every count and every figure's numerator, denominator and value (the
 * same numbers as the screen and the MeasureReport). Cells are defused against
 * spreadsheet formulas by the audit export's csvCell.
 */
export function trustCsv(reports: readonly WardComplianceReport[]): string {
  const rows: Row[] = [];
  let rank = 0;
  for (const report of rankWards(reports)) {
    const t = report.total;
    const given = t.figures.find((f) => f.id === 'both-scanned')?.value ?? null;
    const period = { from: t.from, to: t.to, start: t.start, end: t.end };
    rows.push({ rank: given === null ? null : ++rank, report, kind: 'period', shift: null, spans: { days: t.days, partialDays: t.partialDays }, ...period, coverage: t.coverage, notes: t.notes, counts: t.counts, figures: t.figures });
    for (const b of report.byShift) {
      const coverage = b.shifts === 0 ? 'none' : b.partialShifts > 0 ? 'partial' : 'full';
      rows.push({ rank: null, report, kind: 'period-shifts', shift: b.shift, spans: { shifts: b.shifts, partialShifts: b.partialShifts }, ...period, coverage, notes: [], counts: b.counts, figures: b.figures });
    }
    for (const d of report.days) rows.push({ rank: null, report, kind: 'day', shift: null, from: d.date, to: d.date, start: d.start, end: d.end, coverage: d.coverage, notes: d.notes, counts: d.counts, figures: d.figures });
    for (const s of report.shifts) rows.push({ rank: null, report, kind: 'shift', shift: s.shift, from: s.date, to: s.date, start: s.start, end: s.end, coverage: s.coverage, notes: s.notes, counts: s.counts, figures: s.figures });
  }
  const rules = (pick: (c: ComplianceCounts) => Record<string, number>) => [...new Set(rows.flatMap((r) => Object.keys(pick(r.counts))))].sort();
  const overrideRules = rules((c) => c.overridesByRule);
  const stopRules = rules((c) => c.stopsByRule);
  const reasons = Object.keys(NOT_GIVEN_REASONS);
  const header = [
    'rank', 'wardId', 'wardName', 'row', 'shift', 'from', 'to', 'start', 'end', 'coverage', 'notes', 'days', 'partialDays', 'shifts', 'partialShifts',
    ...COUNT_COLUMNS,
    ...MANUAL_ID_METHODS.map((m) => `manualIdentification:${m}`),
    ...reasons.map((r) => `notGiven:${r}`),
    ...overrideRules.map((r) => `overrides:${r}`),
    ...stopRules.map((r) => `stops:${r}`),
    'minutesFromDue:count', 'minutesFromDue:median', 'minutesFromDue:p90',
    ...COMPLIANCE_FIGURE_IDS.flatMap((id) => [id, `${id}:numerator`, `${id}:denominator`]),
  ];
  // A number as JavaScript writes it (digits, '.', '-', 'e') cannot be a formula: an early dose's -5 stays a number.
  const cell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : csvCell(v));
  const line = (cells: readonly unknown[]) => `${cells.map(cell).join(',')}\r\n`;
  return (
    line(header) +
    rows
      .map((r) => {
        const c = r.counts;
        const figure = (id: string) => r.figures.find((f) => f.id === id);
        return line([
          r.rank, r.report.ward.id, r.report.ward.name, r.kind, r.shift, r.from, r.to, r.start, r.end, r.coverage, r.notes.join(' '),
          r.spans?.days, r.spans?.partialDays, r.spans?.shifts, r.spans?.partialShifts,
          ...COUNT_COLUMNS.map((k) => c[k]),
          ...MANUAL_ID_METHODS.map((m) => c.manualIdentificationByMethod[m] ?? 0),
          ...reasons.map((k) => c.notGivenByReason[k] ?? 0),
          ...overrideRules.map((k) => c.overridesByRule[k] ?? 0),
          ...stopRules.map((k) => c.stopsByRule[k] ?? 0),
          c.minutesFromDue.count, c.minutesFromDue.median, c.minutesFromDue.p90,
          ...COMPLIANCE_FIGURE_IDS.flatMap((id) => {
            const f = figure(id);
            return [f?.value, f?.numerator, f?.denominator];
          }),
        ]);
      })
      .join('')
  );
}
