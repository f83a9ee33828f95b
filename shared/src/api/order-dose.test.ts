import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenDoseProblem, compareDecimals, orderDoseText } from './order-dose.js';

describe('an order dose in words', () => {
  it("says a range as the nurse's choice, never as one dose", () => {
    expect(orderDoseText({ kind: 'fixed', value: '1', unit: 'tablet' })).toBe('1 tablet');
    expect(orderDoseText({ kind: 'range', low: '5', high: '10', unit: 'mg' })).toBe('5–10 mg, nurse chooses');
    expect(orderDoseText({ kind: 'range', low: '1', high: '2', unit: 'tablet' })).toBe('1–2 tablets, nurse chooses');
  });
});

describe('a dose typed for a range order', () => {
  it('compares decimals exactly, as integers in thousandths would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (a, b) => {
        const text = (n: number) => (n / 1000).toFixed(3).replace(/\.?0+$/, '') || '0';
        expect(compareDecimals(text(a), text(b))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('accepts the bounds and between, and says why anything else is refused', () => {
    const choice = { low: '500', high: '1000', unit: 'mg' as const };
    for (const v of ['500', '750', '999.999999', '1000', ' 1000 ']) expect(chosenDoseProblem(v, choice), v).toBeNull();
    expect(chosenDoseProblem('', choice)).toBe('Enter the dose to give, from 500 to 1000 mg.');
    expect(chosenDoseProblem('1e3', choice)).toBe('Enter the dose as a number in mg, such as 500.');
    expect(chosenDoseProblem('499.9', choice)).toBe('499.9 mg is below the prescribed range (500 to 1000 mg).');
    expect(chosenDoseProblem('1000.1', choice)).toBe('1000.1 mg is above the prescribed range (500 to 1000 mg).');
  });
});
