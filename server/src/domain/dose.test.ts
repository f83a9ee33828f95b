import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, toDecimalString, divide } from './decimal.js';
import { calculateDose } from './dose.js';

const tablets = (value: string, unit: 'mg' | 'g' | 'microgram', scored = false) => ({ strength: { value, unit }, form: 'tablet' as const, scored });

describe('exact dose arithmetic', () => {
  it('gives 2 tablets for 1 g from 500 mg tablets', () => {
    expect(calculateDose({ value: '1', unit: 'g' }, tablets('500', 'mg'))).toEqual({ kind: 'exact', doseToGive: { quantity: '2', unit: 'tablet', text: '2 tablets' } });
  });

  it('gives half a scored 5 mg tablet for 2.5 mg, and cautions for an unscored one', () => {
    expect(calculateDose({ value: '2.5', unit: 'mg' }, tablets('5', 'mg', true))).toMatchObject({ kind: 'exact', doseToGive: { quantity: '0.5', text: 'half a tablet' } });
    expect(calculateDose({ value: '2.5', unit: 'mg' }, tablets('5', 'mg', false))).toMatchObject({ kind: 'caution', doseToGive: { text: 'half a tablet' } });
  });

  it('says one and a half tablets, and refuses a third of a tablet', () => {
    expect(calculateDose({ value: '7.5', unit: 'mg' }, tablets('5', 'mg', true))).toMatchObject({ doseToGive: { quantity: '1.5', text: '1 and a half tablets' } });
    expect(calculateDose({ value: '5', unit: 'mg' }, tablets('15', 'mg', true)).kind).toBe('impossible');
  });

  it('never splits a capsule', () => {
    expect(calculateDose({ value: '250', unit: 'mg' }, { strength: { value: '500', unit: 'mg' }, form: 'capsule', scored: false }).kind).toBe('impossible');
  });

  it('converts micrograms and grams within the mass dimension', () => {
    expect(calculateDose({ value: '0.1', unit: 'mg' }, tablets('50', 'microgram'))).toMatchObject({ doseToGive: { text: '2 tablets' } });
    expect(calculateDose({ value: '125', unit: 'microgram' }, tablets('0.125', 'mg'))).toMatchObject({ doseToGive: { text: '1 tablet' } });
  });

  it('measures liquids in mL exactly, and refuses a volume that does not come out exact', () => {
    const liquid = { strength: { value: '40', unit: 'mg' as const }, form: 'injection' as const, scored: false };
    expect(calculateDose({ value: '320', unit: 'mg' }, liquid)).toMatchObject({ doseToGive: { quantity: '8', unit: 'mL', text: '8 mL' } });
    expect(calculateDose({ value: '10', unit: 'mg' }, { ...liquid, strength: { value: '3', unit: 'mg' } }).kind).toBe('impossible');
  });

  it('stops a mismatch across dimensions', () => {
    const res = calculateDose({ value: '5', unit: 'mL' }, tablets('5', 'mg'));
    expect(res.kind).toBe('impossible');
  });

  it('computes n tablets for any whole multiple of any strength, with no float rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 3 }), (n, units, places) => {
        const strength = toDecimalString(divide(parseDecimal(String(units)), parseDecimal(String(10 ** places)))) as string;
        const dose = toDecimalString(divide(parseDecimal(String(units * n)), parseDecimal(String(10 ** places)))) as string;
        const res = calculateDose({ value: dose, unit: 'mg' }, tablets(strength, 'mg'));
        expect(res).toMatchObject({ kind: 'exact', doseToGive: { quantity: String(n) } });
      }),
    );
  });

  it('keeps 0.1 + 0.2 exact', () => {
    expect(toDecimalString(divide(parseDecimal('0.3'), parseDecimal('0.1')))).toBe('3');
  });
});
