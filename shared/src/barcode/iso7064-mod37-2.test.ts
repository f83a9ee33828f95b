import { describe, expect, it } from 'vitest';
import { mod37_2CheckCharacter, mod37_2CheckValue, mod37Value } from './iso7064-mod37-2.js';

/*
 * Worked by hand from the definition Σ aᵢ·2^(n+1−i) + C ≡ 1 (mod 37).
 * Powers of two mod 37, 2^1 … 2^13: 2, 4, 8, 16, 32, 27, 17, 34, 31, 25, 13, 26, 15.
 */
describe('ISO/IEC 7064 MOD 37-2', () => {
  it('all zeros: the sum is 0, so C = 1', () => {
    expect(mod37_2CheckCharacter('0000000000000')).toBe('1');
  });

  it('a 1 in the last place: the sum is 1×2 = 2, so C = 1 − 2 ≡ 36, the asterisk', () => {
    expect(mod37_2CheckCharacter('0000000000001')).toBe('*');
  });

  it('one letter: A = 10, weight 2, sum 20, C = 1 − 20 ≡ 18 = I', () => {
    expect(mod37_2CheckCharacter('A')).toBe('I');
  });

  it('DIN G0715 23 123456 checks to J', () => {
    // Weights 2^13 … 2^1 = 15, 26, 13, 25, 31, 34, 17, 27, 32, 16, 8, 4, 2.
    // G=16: 16×15 = 240; 0; 7×13 = 91; 1×25 = 25; 5×31 = 155; 2×34 = 68; 3×17 = 51;
    // 1×27 = 27; 2×32 = 64; 3×16 = 48; 4×8 = 32; 5×4 = 20; 6×2 = 12. Sum 833 = 22×37 + 19.
    // C ≡ 1 − 19 ≡ 19 = J.
    expect(mod37_2CheckCharacter('G071523123456')).toBe('J');
    expect(mod37_2CheckValue('G071523123456')).toBe(19);
  });

  it('DIN A9999 26 000001 checks to W', () => {
    // A=10×15 = 150; 9×26 = 234; 9×13 = 117; 9×25 = 225; 9×31 = 279; 2×34 = 68; 6×17 = 102;
    // zeros; 1×2 = 2. Sum 1177 = 31×37 + 30. C ≡ 1 − 30 ≡ 8.
    expect(mod37_2CheckCharacter('A999926000001')).toBe('8');
  });

  it('is case-blind and refuses characters outside the alphabet', () => {
    expect(mod37_2CheckCharacter('g071523123456')).toBe('J');
    expect(mod37_2CheckCharacter('G0715-23')).toBeNull();
    expect(mod37_2CheckCharacter('')).toBeNull();
    expect(mod37Value('*')).toBe(36);
    expect(mod37Value('AB')).toBeNull();
  });

  it('satisfies the defining congruence for every single-character substitution of a DIN', () => {
    // The check character is what makes the weighted sum of data + check ≡ 1 (mod 37).
    const weightedSum = (s: string): number =>
      [...s].reduce((sum, ch, i) => sum + (mod37Value(ch) ?? 0) * 2 ** (s.length - i), 0);
    const base = 'G071523123456';
    for (let pos = 0; pos < base.length; pos++) {
      for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        const data = base.slice(0, pos) + ch + base.slice(pos + 1);
        const c = mod37_2CheckValue(data) ?? -1;
        expect((weightedSum(data) + c) % 37).toBe(1);
      }
    }
  });

  it('detects every single-character error and every adjacent transposition', () => {
    const base = 'G071523123456';
    const check = mod37_2CheckCharacter(base);
    for (let pos = 0; pos < base.length; pos++) {
      for (const ch of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        if (ch === base[pos]) continue;
        expect(mod37_2CheckCharacter(base.slice(0, pos) + ch + base.slice(pos + 1))).not.toBe(check);
      }
      if (pos + 1 < base.length && base[pos] !== base[pos + 1]) {
        const swapped = base.slice(0, pos) + base[pos + 1] + base[pos] + base.slice(pos + 2);
        expect(mod37_2CheckCharacter(swapped)).not.toBe(check);
      }
    }
  });
});
