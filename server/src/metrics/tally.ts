import type { ComplianceCounts, ManualIdMethod } from '@wardscan/shared';

/** How one due dose ended, as the chart records it (or does not). */
export type DoseFate =
  | {
      readonly kind: 'given';
      readonly prn: boolean;
      /** 'wristband', or how the patient was identified instead. */
      readonly patientIdMethod: 'wristband' | ManualIdMethod;
      readonly productKeyed: boolean;
      readonly documentedLate: boolean;
      /** The rules overridden with a coded reason; null when nothing was overridden. */
      readonly overriddenRules: readonly string[] | null;
      /** Minutes from the scheduled time to the giving; null for an as-needed dose. */
      readonly minutesFromDue: number | null;
    }
  | { readonly kind: 'not-given'; readonly reason: string }
  | { readonly kind: 'missed' }
  | { readonly kind: 'open' };

const bump = (record: Record<string, number>, key: string, by = 1): void => {
  record[key] = (record[key] ?? 0) + by;
};

/** Nearest-rank percentile (the smallest value with at least p of the values at or below it). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
}

/** The counts of one ward day, shift or period, added to one dose at a time. */
export class Tally {
  private readonly c: Omit<ComplianceCounts, 'minutesFromDue'> = {
    due: 0, given: 0, prnGiven: 0, givenBothScanned: 0, patientScanned: 0, medicationScanned: 0,
    manualIdentification: 0, manualIdentificationByMethod: {}, keyedProduct: 0, documentedLate: 0,
    notGiven: 0, notGivenByReason: {}, missed: 0, open: 0, scheduledClosed: 0,
    overrides: 0, overridesByRule: {}, stops: 0, stopsByRule: {},
  };
  private readonly minutes: number[] = [];

  dose(fate: DoseFate): void {
    const c = this.c;
    c.due++;
    switch (fate.kind) {
      case 'given': {
        c.given++;
        if (fate.prn) c.prnGiven++;
        else c.scheduledClosed++;
        const patient = fate.patientIdMethod === 'wristband';
        if (patient) c.patientScanned++;
        else {
          c.manualIdentification++;
          bump(c.manualIdentificationByMethod as Record<string, number>, fate.patientIdMethod);
        }
        if (fate.productKeyed) c.keyedProduct++;
        else c.medicationScanned++;
        if (patient && !fate.productKeyed) c.givenBothScanned++;
        if (fate.documentedLate) c.documentedLate++;
        if (fate.overriddenRules) {
          c.overrides++;
          for (const rule of new Set(fate.overriddenRules)) bump(c.overridesByRule, rule);
        }
        if (fate.minutesFromDue !== null) this.minutes.push(fate.minutesFromDue);
        return;
      }
      case 'not-given':
        c.notGiven++;
        c.scheduledClosed++;
        bump(c.notGivenByReason, fate.reason);
        return;
      case 'missed':
        c.missed++;
        c.scheduledClosed++;
        return;
      case 'open':
        c.open++;
        return;
      default: {
        const never: never = fate;
        return never;
      }
    }
  }

  stop(rules: readonly string[]): void {
    this.c.stops++;
    for (const rule of new Set(rules)) bump(this.c.stopsByRule, rule);
  }

  counts(): ComplianceCounts {
    const sorted = Float64Array.from(this.minutes).sort(); // a typed array sorts numerically, natively
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const c = this.c;
    return {
      ...c,
      manualIdentificationByMethod: { ...c.manualIdentificationByMethod },
      notGivenByReason: { ...c.notGivenByReason },
      overridesByRule: { ...c.overridesByRule },
      stopsByRule: { ...c.stopsByRule },
      minutesFromDue: { count: sorted.length, median: round(nearestRank(sorted, 0.5)), p90: round(nearestRank(sorted, 0.9)) },
    };
  }
}
