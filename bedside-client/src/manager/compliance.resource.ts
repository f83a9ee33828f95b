import {
  COMPLIANCE_FIGURES,
  COVERAGE_NOTES,
  SHIFT_HOURS,
  trustComplianceSchema,
  wardComplianceSchema,
  type ComplianceBucket,
  type ComplianceFigure,
  type ComplianceFigureId,
  type ComplianceShiftTotal,
  type ComplianceTotal,
  type Shift,
  type TrustCompliance,
  type WardCompliance,
} from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';
import { formatDate } from '../ui/format.js';
import type { RatePoint } from './charts.resource.js';

/** The ward's last `days` ward days up to today on the ward's clock (the server's, not this screen's). */
export function fetchWardCompliance(http: HttpClient, wardId: string, days: number): Promise<WardCompliance> {
  return http.get(`/api/metrics/ward/${encodeURIComponent(wardId)}/compliance?days=${days}`, wardComplianceSchema);
}

export function fetchTrustCompliance(http: HttpClient, days: number): Promise<TrustCompliance> {
  return http.get(`/api/metrics/trust/compliance?days=${days}`, trustComplianceSchema);
}

export function fetchTrustCsv(http: HttpClient, days: number): Promise<string> {
  return http.text(`/api/metrics/trust/compliance?days=${days}&format=csv`);
}

export function fetchMeasureReport(http: HttpClient, days: number): Promise<Blob> {
  return http.blob(`/api/metrics/trust/measure-report?days=${days}`);
}

/** Hands a fetched file to the browser as a download (the API needs the bearer token, so no plain link). */
export function saveFile(content: Blob | string, type: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

const count = (n: number) => n.toLocaleString('en-GB');

/** "94.2%" to one decimal place; "5.1 per 100" for a rate per 100. */
export function scoreText(figure: Pick<ComplianceFigure, 'id' | 'value'>): string {
  if (figure.value === null) return '—';
  return COMPLIANCE_FIGURES[figure.id].per === 100 ? `${figure.value.toFixed(1)} per 100` : `${(figure.value * 100).toFixed(1)}%`;
}

/** What a figure's denominator counts, in words. */
const DENOMINATOR_WORDS: Record<string, string> = {
  given: 'doses given',
  givenOrMissed: 'doses given or missed',
  scheduledClosed: 'scheduled doses due',
};

/** "94.2% of 1,234 doses given" (a rate per 100: "5.1 per 100 doses given (63 stops)"). */
export function figureText(figure: ComplianceFigure): string {
  const def = COMPLIANCE_FIGURES[figure.id];
  const of = DENOMINATOR_WORDS[def.denominator] ?? 'doses';
  if (figure.value === null) return `No ${of}`;
  if (def.per === 100) return `${scoreText(figure)} ${of} (${count(figure.numerator)} of ${count(figure.denominator)})`;
  return `${scoreText(figure)} of ${count(figure.denominator)} ${of} (${count(figure.numerator)})`;
}

/** "over 9 days (2 partial)" or "no days on record in this period". */
export function daysText(total: Pick<ComplianceTotal, 'days' | 'partialDays'>): string {
  if (total.days === 0) return 'no days on record in this period';
  return `over ${total.days} day${total.days === 1 ? '' : 's'}${total.partialDays ? ` (${total.partialDays} partial)` : ''}`;
}

/** "Day shifts (07:00–19:00)". */
export const shiftsLabel = (shift: Shift): string => `${shift === 'day' ? 'Day' : 'Night'} shifts (${SHIFT_HOURS[shift]})`;

/** "over 14 shifts (1 partial)" or "no shifts on record in this period": the denominator in shifts. */
export function shiftsText(total: Pick<ComplianceShiftTotal, 'shifts' | 'partialShifts'>): string {
  if (total.shifts === 0) return 'no shifts on record in this period';
  return `over ${total.shifts} shift${total.shifts === 1 ? '' : 's'}${total.partialShifts ? ` (${total.partialShifts} partial)` : ''}`;
}

/** Whether a figure with a target meets it: 'met', 'below', or null (no target, or nothing to measure). */
export function targetState(figure: ComplianceFigure): 'met' | 'below' | null {
  const target = COMPLIANCE_FIGURES[figure.id].target;
  if (target === null || figure.value === null) return null;
  return figure.value >= target ? 'met' : 'below';
}

export const figureOf = (figures: readonly ComplianceFigure[], id: ComplianceFigureId): ComplianceFigure =>
  figures.find((f) => f.id === id) ?? { id, numerator: 0, denominator: 0, value: null };

/** Why a day or shift is partial, in words: "Not over yet: doses still to come". */
export function notesText(notes: readonly (keyof typeof COVERAGE_NOTES)[]): string {
  return notes.map((n) => COVERAGE_NOTES[n]).join('; ');
}

/** A figure per ward day for the trend chart, each day's table row saying its count and whether it is partial. */
export function trendPoints(days: readonly Pick<ComplianceBucket, 'date' | 'coverage' | 'notes' | 'figures'>[], id: ComplianceFigureId): RatePoint[] {
  return days.map((d) => {
    const f = figureOf(d.figures, id);
    const detail = d.coverage === 'none' ? notesText(d.notes) : `${f.numerator} of ${f.denominator}${d.coverage === 'partial' ? ` · partial: ${notesText(d.notes)}` : ''}`;
    return { date: d.date, value: d.coverage === 'none' ? null : f.value, detail };
  });
}

/** The partial days of a period in words: "24 Nov: Not over yet…". */
export function partialDays(days: readonly ComplianceBucket[]): string[] {
  return days.filter((d) => d.coverage === 'partial').map((d) => `${formatDate(d.date)}: ${notesText(d.notes)}`);
}
