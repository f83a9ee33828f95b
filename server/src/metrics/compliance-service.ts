import { TREND_FIGURES, type ComplianceFigure, type TrustCompliance, type TrustWard, type WardCompliance } from '@wardscan/shared';
import { addDays, wardDate, wardInstant } from '../domain/ward-time.js';
import { computeCompliance, type ComplianceInput, type WardComplianceReport, type WardSpec } from './compliance.js';
import type { ComplianceRepository } from './compliance-repository.js';

export interface ComplianceEnv {
  readonly repo: ComplianceRepository;
  readonly now: Date;
  readonly windowMinutes: number;
}

const DEFAULT_ZONE = 'Europe/London';

/** The instants a set of wards' periods span: from the earliest midnight to the latest. */
function span(wards: readonly WardSpec[], from: string, to: string): [Date, Date] {
  const starts = wards.map((w) => wardInstant(from, '00:00', w.timeZone).getTime());
  const ends = wards.map((w) => wardInstant(addDays(to, 1), '00:00', w.timeZone).getTime());
  return [new Date(Math.min(...starts)), new Date(Math.max(...ends))];
}

function inputFor(env: ComplianceEnv, wards: WardSpec[], from: string, to: string, facts: Pick<ComplianceInput, 'orders' | 'given' | 'omissions' | 'stops'>): ComplianceInput {
  const zones = new Map(env.repo.wards().map((w) => [w.id, w.timeZone]));
  const patientWards = env.repo.patientWards();
  return {
    wards,
    zoneOf: (id) => zones.get(id) ?? DEFAULT_ZONE,
    patientWard: (id) => patientWards.get(id),
    from,
    to,
    now: env.now,
    windowMinutes: env.windowMinutes,
    ...facts,
  };
}

/** One ward's figures for whole ward days `from`..`to`: in all, per day and per shift. */
export function wardCompliance(env: ComplianceEnv, ward: { id: string; name: string; timeZone: string }, from: string, to: string): WardCompliance {
  const spec: WardSpec = { ...ward, recordsFrom: env.repo.recordsFrom(ward.id) };
  const [start, end] = span([spec], from, to);
  const [report] = computeCompliance(inputFor(env, [spec], from, to, env.repo.forWardPatients(ward.id, start, end)));
  if (!report) throw new Error('no report for the ward asked for');
  return {
    wardId: ward.id,
    wardName: ward.name,
    timeZone: ward.timeZone,
    generatedAt: env.now.toISOString(),
    recordsFrom: spec.recordsFrom === null ? null : new Date(spec.recordsFrom).toISOString(),
    total: report.total,
    byShift: report.byShift,
    days: report.days,
    shifts: report.shifts,
  };
}

/** Every ward's figures over the last `days` ward days to `to` (default: today in each ward). */
export function trustReports(env: ComplianceEnv, days: number, to?: string): { from: string; to: string; reports: WardComplianceReport[] } {
  const wards = env.repo.wards().map((w): WardSpec => ({ ...w, recordsFrom: env.repo.recordsFrom(w.id) }));
  // One period for the whole trust: the ward days of the first ward's zone (wards of a trust share one in practice).
  const last = to ?? wardDate(env.now, wards[0]?.timeZone ?? DEFAULT_ZONE);
  const first = addDays(last, -(days - 1));
  if (wards.length === 0) return { from: first, to: last, reports: [] };
  const [start, end] = span(wards, first, last);
  const facts = env.repo.forWards(wards.map((w) => w.id), start, end);
  return { from: first, to: last, reports: computeCompliance(inputFor(env, wards, first, last, facts)) };
}

const bothScanned = (r: WardComplianceReport) => r.total.figures.find((f) => f.id === 'both-scanned');

/**
 * Wards ranked by the share of doses given with both the wristband and the
 * pack scanned (Leapfrog's headline), then by doses given; a ward that gave
 * nothing in the period is unranked, at the end.
 */
export function rankWards(reports: readonly WardComplianceReport[]): WardComplianceReport[] {
  const key = (r: WardComplianceReport) => bothScanned(r)?.value ?? -1;
  return [...reports].sort((a, b) => key(b) - key(a) || b.total.counts.given - a.total.counts.given || a.ward.name.localeCompare(b.ward.name));
}

const trendFigures = (figures: readonly ComplianceFigure[]) => figures.filter((f) => (TREND_FIGURES as readonly string[]).includes(f.id));

/** The trust view of every ward's reports: ranked, each with its daily trend of TREND_FIGURES. */
export function trustView(reports: readonly WardComplianceReport[], days: number, generatedAt: Date): TrustCompliance {
  let rank = 0;
  const wards = rankWards(reports).map((r): TrustWard => ({
    wardId: r.ward.id,
    wardName: r.ward.name,
    rank: bothScanned(r)?.value === null ? null : ++rank,
    total: r.total,
    trend: r.days.map((d) => ({ date: d.date, coverage: d.coverage, notes: d.notes, figures: trendFigures(d.figures) })),
    byShift: r.byShift,
    shiftTrend: r.shifts.flatMap((s) => (s.shift ? [{ date: s.date, shift: s.shift, coverage: s.coverage, notes: s.notes, figures: trendFigures(s.figures) }] : [])),
  }));
  return { days, generatedAt: generatedAt.toISOString(), wards };
}
