import { DEFAULT_ROUND_TIMES, type RoundTimes, type RoundTimesInput, type WardRoundTimes, type WhenCode } from '@wardscan/shared';
import type { Repositories } from '../repositories.js';

/**
 * How an order names its times without clock times (issue 13): a count a day
 * (TDS), an even interval (every 8 hours) or times of day (timing.when). The
 * FHIR mapper says which it read; the ward's setting turns it into clock
 * times when the order is written (fhir/apply-medication-request.ts).
 */
export type WardTimesAsk =
  | { readonly kind: 'standard'; readonly perDay: 1 | 2 | 3 | 4 }
  | { readonly kind: 'interval'; readonly hours: 6 | 8 | 12 }
  | { readonly kind: 'when'; readonly codes: readonly WhenCode[] };

/** The ward's clock times for what the order asked, in the order the day runs. */
export function clockTimesFor(ask: WardTimesAsk, times: RoundTimes): string[] {
  const found =
    ask.kind === 'standard' ? times.perDay[String(ask.perDay) as '1'] : ask.kind === 'interval' ? times.everyHours[String(ask.hours) as '6'] : ask.codes.map((c) => times.when[c]);
  return [...new Set(found)].sort();
}

/** The standard times in force on a ward: its own, else the trust defaults (also for a patient on no ward). */
export const roundTimesOf = (repos: Repositories, wardId: string | null): RoundTimes => (wardId ? repos.wards.roundTimes(wardId) : null) ?? DEFAULT_ROUND_TIMES;

export function wardRoundTimes(repos: Repositories, wardId: string): WardRoundTimes {
  const own = repos.wards.roundTimes(wardId);
  return { wardId, own: own !== null, times: own ?? DEFAULT_ROUND_TIMES };
}

/** The times after a change: each part given replaces that part; `reset` starts from the trust defaults. */
export function changedRoundTimes(current: RoundTimes, input: RoundTimesInput): RoundTimes {
  const from = input.reset ? DEFAULT_ROUND_TIMES : current;
  return {
    perDay: { ...from.perDay, ...input.perDay },
    everyHours: { ...from.everyHours, ...input.everyHours },
    when: { ...from.when, ...input.when },
  };
}
