import fc from 'fast-check';
import type { DoseUnit, Ingredient, UnitDose } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { divide, parseDecimal, toDecimalString } from './decimal.js';
import { calculateDose, doseLine, type PackStrength } from './dose.js';

const ratio = (n: string, nu: DoseUnit, d: string, du: DoseUnit) => ({ numerator: { value: n, unit: nu }, denominator: { value: d, unit: du } });
const ingredient = (name: string, strength: Ingredient['strength']): Ingredient => ({ substance: null, substanceName: name, strength });
const pack = (ingredients: Ingredient[], unitDose: UnitDose | null = null, scored = false): PackStrength => ({ ingredients, unitDose, scored });
const tablets = (value: string, unit: 'mg' | 'g' | 'microgram', scored = false) => pack([ingredient('testamol', ratio(value, unit, '1', 'tablet'))], { size: { value: '1', unit: 'tablet' }, container: 'tablet' }, scored);

describe('exact dose arithmetic from the strength ratio', () => {
  it('gives 2 capsules (1 g) for 1 g from 500 mg / 1 capsule', () => {
    const amox = pack([ingredient('amoxicillin', ratio('500', 'mg', '1', 'capsule'))]);
    expect(calculateDose({ value: '1', unit: 'g' }, amox)).toMatchObject({ kind: 'exact', doseToGive: { quantity: '2', unit: 'capsule', text: '2 capsules (1 g)' } });
  });

  it('gives 2 mL (80 mg) — 1 ampoule from gentamicin 80 mg / 2 mL, never 1 mL', () => {
    const gent = pack([ingredient('gentamicin', ratio('80', 'mg', '2', 'mL'))], { size: { value: '2', unit: 'mL' }, container: 'ampoule' });
    expect(calculateDose({ value: '80', unit: 'mg' }, gent)).toMatchObject({ kind: 'exact', doseToGive: { quantity: '2', unit: 'mL', text: '2 mL (80 mg) — whole ampoule' } });
    expect(calculateDose({ value: '320', unit: 'mg' }, gent)).toMatchObject({ doseToGive: { quantity: '8', text: '8 mL (320 mg) — 4 ampoules' } });
    // dm+d holds it as 40 mg / 1 mL in a 2 mL ampoule: the same answer.
    const dmd = pack([ingredient('gentamicin', ratio('40', 'mg', '1', 'mL'))], { size: { value: '2', unit: 'mL' }, container: 'ampoule' });
    expect(calculateDose({ value: '80', unit: 'mg' }, dmd)).toMatchObject({ doseToGive: { quantity: '2', unit: 'mL' } });
  });

  it('gives the whole 0.4 mL enoxaparin syringe for 40 mg, and part of one for 20 mg', () => {
    const enox = pack([ingredient('enoxaparin sodium', ratio('40', 'mg', '0.4', 'mL'))], { size: { value: '0.4', unit: 'mL' }, container: 'syringe' });
    expect(calculateDose({ value: '40', unit: 'mg' }, enox)).toMatchObject({ doseToGive: { quantity: '0.4', text: '0.4 mL (40 mg) — whole syringe' } });
    expect(calculateDose({ value: '20', unit: 'mg' }, enox)).toMatchObject({ doseToGive: { quantity: '0.2', text: '0.2 mL (20 mg) — 1 syringe' } });
  });

  it('says how many containers of what size a volume takes, where the pack’s unit dose is known (issue 12)', () => {
    const vials = pack([ingredient('testomycin', ratio('50', 'mg', '1', 'mL'))], { size: { value: '5', unit: 'mL' }, container: 'vial' });
    expect(calculateDose({ value: '400', unit: 'mg' }, vials)).toMatchObject({ kind: 'exact', line: '8 mL (400 mg) — 2 vials (5 mL each)', doseToGive: { quantity: '8', text: '8 mL (400 mg) — 2 vials' } });
    const morphine = pack([ingredient('morphine sulfate', ratio('10', 'mg', '1', 'mL'))], { size: { value: '1', unit: 'mL' }, container: 'ampoule' });
    expect(calculateDose({ value: '5', unit: 'mg' }, morphine)).toMatchObject({ line: '0.5 mL (5 mg) — 1 ampoule (1 mL)', doseToGive: { text: '0.5 mL (5 mg) — 1 ampoule' } });
    const enox = pack([ingredient('enoxaparin sodium', ratio('40', 'mg', '0.4', 'mL'))], { size: { value: '0.4', unit: 'mL' }, container: 'syringe' });
    expect(calculateDose({ value: '40', unit: 'mg' }, enox)).toMatchObject({ line: '0.4 mL (40 mg) — whole syringe' });
    // No unit dose on record: the volume alone, no container guessed.
    expect(calculateDose({ value: '400', unit: 'mg' }, pack([ingredient('testomycin', ratio('50', 'mg', '1', 'mL'))]))).toMatchObject({ line: '8 mL (400 mg)' });
    expect(calculateDose({ value: '1', unit: 'g' }, tablets('500', 'mg'))).toMatchObject({ line: '2 tablets (1 g)' });
  });

  it('names the route in words after the dose', () => {
    expect(doseLine('0.5 mL (5 mg) — 1 ampoule (1 mL)', 'sc')).toBe('0.5 mL (5 mg) — 1 ampoule (1 mL) — subcutaneous');
    expect(doseLine('8 mL (400 mg) — 2 vials (5 mL each)', 'iv')).toBe('8 mL (400 mg) — 2 vials (5 mL each) — intravenous');
  });

  it('refuses 30 mg from 500 mg tablets, saying it cannot be made', () => {
    const res = calculateDose({ value: '30', unit: 'mg' }, tablets('500', 'mg', true));
    expect(res).toMatchObject({ kind: 'impossible', message: expect.stringMatching(/30 mg cannot be made from 500 mg\/tablet/) });
  });

  it('refuses a strength without its denominator, and a liquid is never assumed per mL', () => {
    expect(calculateDose({ value: '80', unit: 'mg' }, pack([ingredient('gentamicin', null)])).kind).toBe('impossible');
  });

  it('counts every ingredient of a combination given in tablets: 2 co-codamol 30/500 give 60 mg codeine and 1 g paracetamol', () => {
    const cocodamol = pack([ingredient('codeine phosphate', ratio('30', 'mg', '1', 'tablet')), ingredient('paracetamol', ratio('500', 'mg', '1', 'tablet'))]);
    const res = calculateDose({ value: '2', unit: 'tablet' }, cocodamol);
    expect(res).toMatchObject({ kind: 'exact', doseToGive: { text: '2 tablets (60 mg codeine phosphate + 1000 mg paracetamol)' } });
    if (res.kind !== 'exact') throw new Error('not exact');
    expect(res.given.map((g) => [g.substanceName, g.amount])).toEqual([
      ['codeine phosphate', { num: 60000n, den: 1n }],
      ['paracetamol', { num: 1000000n, den: 1n }],
    ]);
    // A combination ordered by mass does not say how many tablets.
    expect(calculateDose({ value: '1', unit: 'g' }, cocodamol).kind).toBe('impossible');
    expect(calculateDose({ value: '2', unit: 'capsule' }, cocodamol).kind).toBe('impossible');
  });

  it('measures an oral liquid by volume: 5 mL of 120 mg/5 mL gives 120 mg', () => {
    const susp = pack([ingredient('paracetamol', ratio('120', 'mg', '5', 'mL'))]);
    const res = calculateDose({ value: '5', unit: 'mL' }, susp);
    expect(res).toMatchObject({ kind: 'exact', doseToGive: { quantity: '5', unit: 'mL', text: '5 mL (120 mg)' } });
    expect(calculateDose({ value: '240', unit: 'mg' }, susp)).toMatchObject({ doseToGive: { quantity: '10', text: '10 mL (240 mg)' } });
  });

  it('gives half a scored 5 mg tablet for 2.5 mg, and cautions for an unscored one', () => {
    expect(calculateDose({ value: '2.5', unit: 'mg' }, tablets('5', 'mg', true))).toMatchObject({ kind: 'exact', doseToGive: { quantity: '0.5', text: 'half a tablet (2.5 mg)' } });
    expect(calculateDose({ value: '2.5', unit: 'mg' }, tablets('5', 'mg', false))).toMatchObject({ kind: 'caution', doseToGive: { text: 'half a tablet (2.5 mg)' } });
  });

  it('says one and a half tablets, and refuses a third of a tablet', () => {
    expect(calculateDose({ value: '7.5', unit: 'mg' }, tablets('5', 'mg', true))).toMatchObject({ doseToGive: { quantity: '1.5', text: '1 and a half tablets (7.5 mg)' } });
    expect(calculateDose({ value: '5', unit: 'mg' }, tablets('15', 'mg', true)).kind).toBe('impossible');
  });

  it('never splits a capsule', () => {
    expect(calculateDose({ value: '250', unit: 'mg' }, pack([ingredient('amoxicillin', ratio('500', 'mg', '1', 'capsule'))])).kind).toBe('impossible');
  });

  it('converts micrograms and grams within the mass dimension', () => {
    expect(calculateDose({ value: '0.1', unit: 'mg' }, tablets('50', 'microgram'))).toMatchObject({ doseToGive: { quantity: '2', unit: 'tablet' } });
    expect(calculateDose({ value: '125', unit: 'microgram' }, tablets('0.125', 'mg'))).toMatchObject({ doseToGive: { quantity: '1' } });
  });

  it('refuses a volume that does not come out exact to 0.01 mL, and a mismatch across dimensions', () => {
    expect(calculateDose({ value: '10', unit: 'mg' }, pack([ingredient('x', ratio('3', 'mg', '1', 'mL'))])).kind).toBe('impossible');
    expect(calculateDose({ value: '5', unit: 'mL' }, tablets('5', 'mg')).kind).toBe('impossible');
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
