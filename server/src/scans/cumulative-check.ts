import { DAILY_MAXIMA, normaliseSubstance, type Check, type DoseUnit } from '@wardscan/shared';
import { add, compare, sum, toDecimalString, type Rational } from '../domain/decimal.js';
import { fromBase, toBase, type IngredientAmount, type Quantity } from '../domain/dose.js';
import type { PastIngredient } from '../domain/records.js';

/*
 * Limits per ingredient across all of the patient's prescriptions and
 * products in a rolling 24 hours: co-codamol counts toward paracetamol, a
 * PRN dose toward the regular ones.
 */

const DAY = 24 * 60 * 60 * 1000;

/** A maximum that applies to one substance: licensed (DAILY_MAXIMA) or prescribed (maxDosePerPeriod). */
export interface IngredientLimit {
  readonly substanceName: string;
  readonly max: Quantity;
  readonly source: string;
}

const sameIngredient = (a: { substanceCode: string | null; substanceName: string }, b: { substanceCode: string | null; substanceName: string }): boolean =>
  (a.substanceCode !== null && a.substanceCode === b.substanceCode) || normaliseSubstance(a.substanceName) === normaliseSubstance(b.substanceName);

const inUnit = (base: Rational, unit: DoseUnit): string => toDecimalString(fromBase(base, unit), 3) ?? '?';

/** The licensed limits that apply to a dose's ingredients. */
export function licensedLimits(given: readonly IngredientAmount[]): IngredientLimit[] {
  return given.flatMap((g) =>
    DAILY_MAXIMA.filter((m) => normaliseSubstance(g.substanceName).split(' ').includes(m.substance)).map((m) => ({ substanceName: g.substanceName, max: m.max, source: m.source })),
  );
}

/**
 * Stops a dose that would take any ingredient past a limit within 24 hours
 * of `now`, counting every dose of it the patient had from any order.
 */
export function checkCumulative(given: readonly IngredientAmount[], history: readonly PastIngredient[], limits: readonly IngredientLimit[], now: Date): Check {
  const since = now.getTime() - DAY;
  for (const limit of limits) {
    const dose = given.find((g) => normaliseSubstance(g.substanceName) === normaliseSubstance(limit.substanceName));
    if (!dose) continue;
    const before = sum(history.filter((h) => h.givenAt.getTime() > since && h.dimension === dose.dimension && sameIngredient(h, dose)).map((h) => h.amount));
    const after = add(before, dose.amount);
    if (compare(after, toBase(limit.max)) > 0) {
      const unit = limit.max.unit;
      return {
        rule: 'cumulative-dose',
        outcome: 'stop',
        message: `This dose would take ${limit.substanceName} to ${inUnit(after, unit)} ${unit} in 24 hours, over the maximum of ${limit.max.value} ${unit} (${limit.source}); ${inUnit(before, unit)} ${unit} already given from all orders. Do not give; ask the prescriber.`,
      };
    }
  }
  const named = [...new Set(given.map((g) => g.substanceName))].join(', ');
  return { rule: 'cumulative-dose', outcome: 'pass', message: limits.length ? `Within the 24-hour maximum for ${named}, counting every order.` : `No 24-hour maximum on record for ${named || 'this drug'}.` };
}

