import type { RuleId, WardMetrics } from '@wardscan/shared';
import { PROBLEM_LABELS } from '../nurse/verdict.resource.js';

export interface RatePoint {
  date: string;
  /** 0..1, or null on a day with nothing to measure. */
  value: number | null;
  /** Said beside the value in the chart's table, e.g. "177 of 185 · partial: not over yet". */
  detail?: string;
}

export interface RuleCount {
  rule: string;
  label: string;
  count: number;
}

export function overridePoints(metrics: WardMetrics): RatePoint[] {
  return metrics.days.map((day) => ({ date: day.date, value: day.overrideRate }));
}

/** Stops summed over the period, most frequent rule first. */
export function stopsByRule(metrics: WardMetrics): RuleCount[] {
  const totals = new Map<string, number>();
  for (const day of metrics.days) {
    for (const [rule, count] of Object.entries(day.stopsByRule)) totals.set(rule, (totals.get(rule) ?? 0) + count);
  }
  return [...totals.entries()]
    .map(([rule, count]) => ({ rule, label: PROBLEM_LABELS[rule as RuleId] ?? rule, count }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function percent(value: number | null): string {
  return value === null ? 'no doses' : `${Math.round(value * 100)}%`;
}

/** Mean of the days that have a value, for the chart's spoken summary. */
export function meanRate(points: RatePoint[]): number | null {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The period's override rate in words: overrides of all doses given (pooled,
 * not an average of daily rates, which would weigh a day of 2 doses like a
 * day of 200), with its denominator in doses and in days.
 */
export function overrideSummary(metrics: WardMetrics): string {
  const days = metrics.days;
  const given = days.reduce((n, d) => n + d.dosesGiven, 0);
  const overrides = days.reduce((n, d) => n + d.overrides, 0);
  if (given === 0) return `Override rate: no doses given ${days.length === 1 ? 'on this day' : `in these ${days.length} days`}.`;
  const withDoses = days.filter((d) => d.dosesGiven > 0).length;
  const last = days[days.length - 1];
  return (
    `Override rate: ${percent(overrides / given)} of ${given.toLocaleString('en-GB')} doses given (${overrides.toLocaleString('en-GB')}) ` +
    `over ${withDoses} day${withDoses === 1 ? '' : 's'} with doses given (of ${days.length})${last ? `, latest day ${percent(last.overrideRate)} so far` : ''}.`
  );
}
