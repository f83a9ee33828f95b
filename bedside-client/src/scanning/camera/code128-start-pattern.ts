/*
 * @zxing/library 0.21's Code128Reader.findStartPattern, as ported from
 * ZXing's Java, slides its 6-run window along the row with
 * `counters = counters.slice(2)`: the window shrinks to 4 runs and never
 * matches again. So a Code 128 start pattern is only found if it is the
 * first or second dark run on the line: anything dark to the left of the
 * symbol (the band's edge, a shadow, a second barcode) and the row is lost.
 * Java does `System.arraycopy(counters, 2, counters, 0, counterPosition - 1)`,
 * keeping 6 runs; `findStartPattern` below is that, and FixedCode128Reader
 * uses it. Only the camera's fallback (no WebAssembly) decodes with zxing-js.
 */
import { BitArray, Code128Reader, MultiFormatReader, NotFoundException, OneDReader, type DecodeHintType, type Result } from '@zxing/library';

/** The private statics of Code128Reader that the start-pattern search reads (the same in ZXing Java). */
interface Code128Internals {
  findStartPattern(row: BitArray): Int32Array;
  CODE_PATTERNS: Int32Array[];
  MAX_AVG_VARIANCE: number;
  MAX_INDIVIDUAL_VARIANCE: number;
  CODE_START_A: number;
  CODE_START_C: number;
}

const code128 = Code128Reader as unknown as Code128Internals;
const patternMatchVariance = (OneDReader as unknown as { patternMatchVariance(counters: Int32Array, pattern: Int32Array, maxIndividualVariance: number): number })
  .patternMatchVariance;

/** [start, end, start code] of the first Code 128 start pattern on `row` with a quiet zone before it. */
export function findStartPattern(row: BitArray): Int32Array {
  const width = row.getSize();
  const rowOffset = row.getNextSet(0);
  const counters = new Int32Array(6);
  let counterPosition = 0;
  let patternStart = rowOffset;
  let isWhite = false;
  for (let i = rowOffset; i < width; i++) {
    if (row.get(i) !== isWhite) {
      counters[counterPosition]! += 1;
      continue;
    }
    if (counterPosition === counters.length - 1) {
      let bestVariance = code128.MAX_AVG_VARIANCE;
      let bestMatch = -1;
      for (let startCode = code128.CODE_START_A; startCode <= code128.CODE_START_C; startCode++) {
        const variance = patternMatchVariance(counters, code128.CODE_PATTERNS[startCode]!, code128.MAX_INDIVIDUAL_VARIANCE);
        if (variance < bestVariance) {
          bestVariance = variance;
          bestMatch = startCode;
        }
      }
      // Whitespace before the start pattern, at least half its width (ZXing's rule, integer arithmetic as in Java).
      if (bestMatch >= 0 && row.isRange(Math.max(0, patternStart - Math.floor((i - patternStart) / 2)), patternStart, false)) {
        return Int32Array.from([patternStart, i, bestMatch]);
      }
      patternStart += counters[0]! + counters[1]!;
      counters.copyWithin(0, 2);
      counters[counterPosition - 1] = 0;
      counters[counterPosition] = 0;
      counterPosition--;
    } else {
      counterPosition++;
    }
    counters[counterPosition] = 1;
    isWhite = !isWhite;
  }
  throw new NotFoundException();
}

/**
 * Code128Reader with the start-pattern search fixed. decodeRow calls the
 * static `Code128Reader.findStartPattern` by name, so the fixed one stands in
 * for the length of the (synchronous) call and the original is put back:
 * other zxing-js readers in the page are left as they were.
 */
export class FixedCode128Reader extends Code128Reader {
  override decodeRow(rowNumber: number, row: BitArray, hints?: Map<DecodeHintType, unknown>): Result {
    const original = code128.findStartPattern;
    code128.findStartPattern = findStartPattern;
    try {
      return super.decodeRow(rowNumber, row, hints as Map<DecodeHintType, never>);
    } finally {
      code128.findStartPattern = original;
    }
  }
}

type Reader = { decodeRow?: unknown; readers?: Reader[] };

/**
 * `reader` (after setHints) with every Code128Reader inside it — they sit in
 * MultiFormatOneDReader's list — replaced by FixedCode128Reader. Decode with
 * `decodeWithState`: `decode(image, hints)` builds the readers afresh.
 */
export function withFixedCode128(reader: MultiFormatReader): MultiFormatReader {
  const replace = (readers: Reader[] | undefined) => {
    readers?.forEach((inner, i) => {
      if (inner instanceof Code128Reader && !(inner instanceof FixedCode128Reader)) readers[i] = new FixedCode128Reader() as Reader;
      else replace(inner.readers);
    });
  };
  replace((reader as unknown as Reader).readers);
  return reader;
}
