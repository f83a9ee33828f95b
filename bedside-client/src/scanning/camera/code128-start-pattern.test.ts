// @vitest-environment node
import { BitArray, Code128Reader } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { FixedCode128Reader, findStartPattern } from './code128-start-pattern.js';

/** A scan line from runs of alternating dark/light widths, starting dark at `offset`. */
function row(offset: number, runs: number[]): BitArray {
  const bits = new BitArray(offset + runs.reduce((a, b) => a + b, 0) + 20);
  let x = offset;
  runs.forEach((width, i) => {
    if (i % 2 === 0) bits.setRange(x, x + width);
    x += width;
  });
  return bits;
}

// Start B (Code 128 pattern 104: bar 2, space 1, bar 1, space 2, bar 1, space 4), at 2 pixels per module, and the next bar.
const START_B = [4, 2, 2, 4, 2, 8, 4];
const original = (Code128Reader as unknown as { findStartPattern(row: BitArray): Int32Array }).findStartPattern;

describe('Code 128 start pattern', () => {
  // The band's edge and two specks of dirt, then a quiet zone, then the start pattern: its first bar is the 4th dark run.
  const BEHIND_DIRT = [12, 6, 3, 6, 3, 30, ...START_B];

  it('is found behind other dark runs, as ZXing (Java) finds it', () => {
    expect([...findStartPattern(row(0, BEHIND_DIRT))]).toEqual([60, 82, 104]);
  });

  it('is missed by @zxing/library 0.21 there (the bug the fix is for)', () => {
    expect(() => original(row(0, BEHIND_DIRT))).toThrow();
  });

  it('is found as before when it is the first dark run', () => {
    const line = row(30, START_B);
    expect([...findStartPattern(line)]).toEqual([...original(line)]);
  });

  it('stands in only while FixedCode128Reader decodes, leaving zxing-js as it was', () => {
    expect(() => new FixedCode128Reader().decodeRow(0, row(0, BEHIND_DIRT))).toThrow();
    expect((Code128Reader as unknown as { findStartPattern: unknown }).findStartPattern).toBe(original);
  });
});
