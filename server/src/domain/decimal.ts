/*
 * Exact decimal arithmetic for doses. Doses travel as decimal strings
 * ("500", "2.5") and are compared as rationals of BigInts, so 1 g / 500 mg is
 * exactly 2 and 2.5 mg / 5 mg exactly 1/2: no binary floating point anywhere.
 */

/** A non-negative rational number num/den in lowest terms, den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** Parses a decimal string such as "2.5" exactly; throws on anything else (callers pass zod-checked input). */
export function parseDecimal(text: string): Rational {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const fraction = m[2] ?? '';
  return rational(BigInt((m[1] ?? '0') + fraction), 10n ** BigInt(fraction.length));
}

export const multiply = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divide = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const compare = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isInteger = (a: Rational): boolean => a.den === 1n;
export const ZERO = rational(0n);
/** The exact sum of `xs` (0 for none). */
export const sum = (xs: readonly Rational[]): Rational => xs.reduce(add, ZERO);

/**
 * The exact decimal string of `a` when it has at most `maxPlaces` decimal
 * places, otherwise null (1/3 has no exact decimal; we never round a dose).
 */
export function toDecimalString(a: Rational, maxPlaces = 6): string | null {
  for (let places = 0; places <= maxPlaces; places++) {
    const scale = 10n ** BigInt(places);
    if ((a.num * scale) % a.den === 0n) {
      const scaled = (a.num * scale) / a.den;
      const negative = scaled < 0n;
      const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
      const whole = digits.slice(0, digits.length - places);
      const frac = digits.slice(digits.length - places);
      return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
    }
  }
  return null;
}
