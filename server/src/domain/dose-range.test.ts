import fc from 'fast-check';
import type { DoseUnit, Ingredient } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { choiceProblem, rangeChoice, sameUnit, type DoseRange } from './dose-range.js';
import type { PackStrength } from './dose.js';

const ratio = (n: string, nu: DoseUnit, d: string, du: DoseUnit) => ({ numerator: { value: n, unit: nu }, denominator: { value: d, unit: du } });
const pack = (strength: Ingredient['strength'], scored = false, unitDose: PackStrength['unitDose'] = null): PackStrength => ({ ingredients: [{ substance: null, substanceName: 'testamol', strength }], unitDose, scored });
const range = (low: string, high: string, unit: DoseUnit): DoseRange => ({ kind: 'range', low, high, unit });

describe('a range in one unit', () => {
  it('says two bounds of one measure in the finer unit, exactly, and refuses units that cannot be compared', () => {
    expect(sameUnit({ value: '500', unit: 'mg' }, { value: '1', unit: 'g' })).toEqual([{ value: '500', unit: 'mg' }, { value: '1000', unit: 'mg' }]);
    expect(sameUnit({ value: '0.5', unit: 'g' }, { value: '750', unit: 'microgram' })).toEqual([{ value: '500000', unit: 'microgram' }, { value: '750', unit: 'microgram' }]);
    expect(sameUnit({ value: '1', unit: 'tablet' }, { value: '2', unit: 'tablet' })).toEqual([{ value: '1', unit: 'tablet' }, { value: '2', unit: 'tablet' }]);
    expect(sameUnit({ value: '1', unit: 'tablet' }, { value: '500', unit: 'mg' })).toBeNull();
    expect(sameUnit({ value: '1', unit: 'mL' }, { value: '5', unit: 'mg' })).toBeNull();
  });
});

describe('the dose a nurse chooses', () => {
  const morphine = range('5', '10', 'mg');
  it('accepts the bounds and anything between, exactly', () => {
    for (const v of ['5', '5.000001', '7.5', '10']) expect(choiceProblem({ value: v, unit: 'mg' }, morphine), v).toBeNull();
  });

  it('refuses below, above, zero and another unit, in plain words', () => {
    expect(choiceProblem({ value: '4.999999', unit: 'mg' }, morphine)).toEqual({ kind: 'outside', message: '4.999999 mg is below the prescribed range (5 to 10 mg). Do not give it; choose a dose within the range.' });
    expect(choiceProblem({ value: '10.000001', unit: 'mg' }, morphine)?.kind).toBe('outside');
    expect(choiceProblem({ value: '0', unit: 'mg' }, morphine)?.message).toMatch(/not a dose/);
    // 0.01 g is 10 mg, but a dose is chosen in the order's own unit: never converted behind the nurse's back.
    expect(choiceProblem({ value: '0.01', unit: 'g' }, morphine)).toEqual({ kind: 'unit', message: "The dose chosen must be in mg, the unit of the order's range (5 to 10 mg), not g." });
  });

  it('agrees with an independent integer oracle for any bounds and choice (micrograms as whole numbers)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 20_000_000 }), (lowUg, spanUg, chosenUg) => {
        const mg = (ug: number) => (ug / 1000).toFixed(3).replace(/\.?0+$/, '');
        const r = range(mg(lowUg), mg(lowUg + spanUg), 'mg');
        const inside = chosenUg >= lowUg && chosenUg <= lowUg + spanUg;
        expect(choiceProblem({ value: mg(chosenUg), unit: 'mg' }, r) === null).toBe(inside);
      }),
    );
  });
});

describe('what a pack offers for a range', () => {
  it('says how a 10 mg/1 mL ampoule makes 5 and 10 mg, calling neither a match', () => {
    const { choice, check } = rangeChoice(range('5', '10', 'mg'), pack(ratio('10', 'mg', '1', 'mL'), false, { size: { value: '1', unit: 'mL' }, container: 'ampoule' }));
    expect(choice).toEqual({ low: '5', high: '10', unit: 'mg', fromPack: { low: '0.5 mL (5 mg) — 1 ampoule (1 mL)', high: '1 mL (10 mg) — whole ampoule' } });
    expect(check.outcome).toBe('pass');
    expect(check.message).toMatch(/choose the dose to give within it before confirming \(no single dose is checked as a match\)/);
  });

  it('warns when the pack makes one end only by splitting an unscored tablet, and stops when it makes neither end', () => {
    const unscored = rangeChoice(range('250', '500', 'mg'), pack(ratio('500', 'mg', '1', 'tablet')));
    expect(unscored.check.outcome).toBe('warning');
    expect(unscored.check.message).toMatch(/250 mg is half a tablet \(250 mg\) \(Needs half a tablet but this tablet is not scored/);
    const capsules = rangeChoice(range('1', '2', 'tablet'), pack(ratio('500', 'mg', '1', 'capsule')));
    expect(capsules.check.outcome).toBe('stop');
    expect(capsules.choice.fromPack).toEqual({ low: null, high: null });
    expect(capsules.check.message).toMatch(/This pack cannot make up either end: 1 tablet cannot be checked against this pack: prescribed in tablets, but this pack is counted in capsules/);
  });
});
