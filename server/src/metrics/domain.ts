import type { RuleId, WardDayMetrics } from '@wardscan/shared';
import { addDays, wardDate } from '../domain/ward-time.js';

export interface DoseFact {
  readonly givenAt: string;
  /** 'wristband' when the patient was identified by scanning the band. */
  readonly patientIdMethod: string;
  readonly overrideReason: string | null;
}
export interface StopFact {
  readonly at: string;
  readonly rules: readonly RuleId[];
}

/**
 * Per ward day: doses given, how many with both wristband and product
 * scanned (every recorded dose has a product scan; a typed patient ID does
 * not count as scanned), overrides, and stops by rule.
 */
export function wardDays(fromDate: string, toDate: string, timeZone: string, doses: readonly DoseFact[], stops: readonly StopFact[]): WardDayMetrics[] {
  const days: WardDayMetrics[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const given = doses.filter((d) => wardDate(new Date(d.givenAt), timeZone) === date);
    const scanned = given.filter((d) => d.patientIdMethod === 'wristband').length;
    const overrides = given.filter((d) => d.overrideReason !== null).length;
    const stopsByRule: Record<string, number> = {};
    for (const s of stops) {
      if (wardDate(new Date(s.at), timeZone) !== date) continue;
      for (const r of s.rules) stopsByRule[r] = (stopsByRule[r] ?? 0) + 1;
    }
    days.push({
      date,
      dosesGiven: given.length,
      dosesFullyScanned: scanned,
      scanCompliance: given.length ? scanned / given.length : null,
      overrides,
      overrideRate: given.length ? overrides / given.length : null,
      stopsByRule,
    });
  }
  return days;
}
