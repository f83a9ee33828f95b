import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIllFormedText, isWellFormedText, toWellFormedText } from './common.js';

// The engine's own checks (ES2024), as the oracle.
const native = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const nativeFix = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();

describe('well-formed text', () => {
  it('agrees with String.prototype.isWellFormed and toWellFormed on any UTF-16 string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(isWellFormedText(s)).toBe(native(s));
        expect(toWellFormedText(s)).toBe(nativeFix(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the path of the first ill-formed string or key in a parsed JSON value', () => {
    expect(findIllFormedText({ a: ['ok', { b: 'x\ud800' }] })).toEqual(['a', 1, 'b']);
    expect(findIllFormedText({ ok: 1, ['k\udc00']: 'v' })).toEqual(['k\ufffd']);
    expect(findIllFormedText('\ud800')).toEqual([]);
    expect(findIllFormedText({ emoji: '😀', n: 1, t: true, z: null })).toBeNull();
  });

  it('walks any nesting JSON.parse accepts without running out of stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\ud800"${']'.repeat(200_000)}`) as unknown;
    expect(findIllFormedText(deep)).toHaveLength(200_000);
  });

  it('finds one exactly when JSON.stringify has to escape a lone surrogate (ES2019 escapes those, and only those, as \\uDxxx)', () => {
    const escapedSurrogate = /(^|[^\\])(\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 })), (value, extra) => {
        const both = { value, extra };
        expect(findIllFormedText(both) !== null).toBe(escapedSurrogate.test(JSON.stringify(both)));
      }),
      { numRuns: 2000 },
    );
  });
});
