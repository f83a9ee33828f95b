import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash.js';

/** The first form of canonicalJson: every stored audit hash was computed with it. */
function originalCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(originalCanonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${originalCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
  });

  it('writes exactly what the original form wrote, so stored hashes keep verifying', () => {
    const anything = fc.anything({
      withBigInt: false,
      withBoxedValues: false,
      withDate: true,
      withMap: false,
      withSet: false,
      withNullPrototype: true,
      withObjectString: false,
      withSparseArray: true,
      withTypedArray: false,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(originalCanonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches the original form on an audit row with odd keys and values', () => {
    const row = { seq: 1, 'é': 'x', Z: -0, a: [undefined, () => 1, NaN], f: () => 1, u: '\u2028\ud800', d: new Date(0) };
    expect(canonicalJson(row)).toBe(originalCanonicalJson(row));
  });
});
