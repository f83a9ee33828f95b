/*
 * ISO/IEC 7064 MOD 37-2, the pure check-character system ISBT 128 uses for
 * the Donation Identification Number (ISBT 128 Standard Technical
 * Specification: "keyboard entry check character"). Alphabet: 0–9 are 0–9,
 * A–Z are 10–35, and `*` is 36. The check character C makes
 *   Σ aᵢ · 2^(n+1−i) + C ≡ 1 (mod 37)
 * over the n data characters a₁…aₙ, i.e. the whole string including C,
 * weighted by powers of two from the right, sums to 1 modulo 37.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/** The MOD 37-2 value (0–36) of one character, or null if it has none. */
export function mod37Value(character: string): number | null {
  const i = ALPHABET.indexOf(character.toUpperCase());
  return character.length === 1 && i >= 0 ? i : null;
}

/** The character (0–9, A–Z or `*`) for a MOD 37-2 value 0–36. */
export function mod37Character(value: number): string {
  const c = ALPHABET[value];
  if (c === undefined) throw new RangeError(`MOD 37-2 value out of range: ${value}`);
  return c;
}

/**
 * The ISO/IEC 7064 MOD 37-2 check value (0–36) of `data`, or null if `data`
 * is empty or holds a character outside 0–9 and A–Z.
 */
export function mod37_2CheckValue(data: string): number | null {
  if (data.length === 0) return null;
  // Recursive form of the weighted sum above (ISO/IEC 7064 §7): p ← 2(p + a) mod 37.
  let p = 0;
  for (const ch of data) {
    const v = mod37Value(ch);
    if (v === null || v === 36) return null;
    p = ((p + v) * 2) % 37;
  }
  return (38 - p) % 37;
}

/** The MOD 37-2 check character of `data` (e.g. a 13-character DIN), or null if `data` cannot carry one. */
export function mod37_2CheckCharacter(data: string): string | null {
  const v = mod37_2CheckValue(data);
  return v === null ? null : mod37Character(v);
}
