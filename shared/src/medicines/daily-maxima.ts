import type { Quantity } from './product.js';

/**
 * Licensed adult maxima in 24 hours from all sources, per substance: a dose
 * that would pass one is a stop even when no prescription states a maximum.
 * Matched by substance name (normalised: salts removed), so every product and
 * combination containing it counts (co-codamol counts toward paracetamol).
 * Source: BNF (NICE), adult doses, as of 2026-12; ward policy may be stricter
 * (a prescription's own maxDosePerPeriod is checked as well).
 */
export interface DailyMaximum {
  readonly substance: string;
  readonly max: Quantity;
  readonly source: string;
}

export const DAILY_MAXIMA_VERSION = '2026-12-02';

export const DAILY_MAXIMA: readonly DailyMaximum[] = [
  { substance: 'paracetamol', max: { value: '4', unit: 'g' }, source: 'BNF: paracetamol, adult, max. 4 g daily' },
  { substance: 'ibuprofen', max: { value: '2.4', unit: 'g' }, source: 'BNF: ibuprofen, adult, max. 2.4 g daily' },
  { substance: 'codeine', max: { value: '240', unit: 'mg' }, source: 'BNF: codeine phosphate, adult, max. 240 mg daily' },
  { substance: 'tramadol', max: { value: '400', unit: 'mg' }, source: 'BNF: tramadol hydrochloride, adult, max. 400 mg daily' },
];
