// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { readBarcodes } from 'zxing-wasm/reader';
import { interpretScan, isValidGs1CheckDigit } from '@wardscan/shared';
import { renderLabel, toRgba } from '../../e2e/harness/images.js';
import { decodeWithWasm, loadWasmReader, QUICK, THOROUGH } from './camera/wasm-reader.js';
import { TEST_CODE128_BWIP, TEST_CODE128_CHECKED, TEST_CODE128_RAW, TEST_CODE128_TEXT, TEST_SYMBOL_BWIP, TEST_SYMBOL_HRI, TEST_SYMBOL_RAW } from './test-symbol.js';

async function loadOwnWasm(): Promise<void> {
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await loadWasmReader({ wasmBinary: readFileSync(wasm).buffer as ArrayBuffer });
}

/**
 * Draws a bwip-js SVG of a linear symbol as a camera frame: each bar is a
 * vertical stroke (`M x y1 L x y2`, `stroke-width` wide), painted black on
 * white at `px` pixels per module. What the page shows, as it shows it.
 */
function rasteriseLinearSvg(svg: string, px = 4): ImageData {
  const [, , , w, h] = /viewBox="(\d+) (\d+) (\d+) (\d+)"/.exec(svg)!.map(Number) as [number, number, number, number, number];
  const width = w * px;
  const height = h * px;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  let bars = 0;
  for (const [, strokeWidth, d] of svg.matchAll(/<path stroke="#000000" stroke-width="([\d.]+)" d="([^"]+)"/g)) {
    for (const [, x, y1, y2] of d!.matchAll(/M([\d.]+) ([\d.]+)L[\d.]+ ([\d.]+)/g)) {
      const left = Math.round((Number(x) - Number(strokeWidth) / 2) * px);
      const right = Math.round((Number(x) + Number(strokeWidth) / 2) * px);
      const [top, bottom] = [Number(y1), Number(y2)].sort((a, b) => a - b).map((y) => Math.round(y * px)) as [number, number];
      for (let row = top; row < bottom; row += 1) {
        for (let col = left; col < right; col += 1) data.fill(0, (row * width + col) * 4, (row * width + col) * 4 + 3);
      }
      bars += 1;
    }
  }
  if (bars === 0) throw new Error('no bars in the SVG');
  return { data, width, height, colorSpace: 'srgb' } as ImageData;
}

/*
 * The set-up page learns from the difference between what the scanner
 * sends and TEST_SYMBOL_RAW: the picture it shows must hold exactly that.
 */
describe('the scanner set-up test symbol', () => {
  it('is the committed SVG that bwip-js draws from TEST_SYMBOL_HRI', () => {
    const committed = readFileSync(new URL('./test-symbol.svg', import.meta.url), 'utf8');
    expect(committed).toBe(bwipjs.toSVG({ ...TEST_SYMBOL_BWIP }));
  });

  it('decodes (zxing-wasm, as the camera reads it) to TEST_SYMBOL_RAW: AIM ]d2, GS after the batch', async () => {
    await loadOwnWasm();
    const frame = toRgba(await renderLabel('gs1datamatrix', TEST_SYMBOL_HRI, { quietZone: 10 })) as ImageData;
    expect(await decodeWithWasm(frame, THOROUGH)).toBe(TEST_SYMBOL_RAW);
  });

  it('is a valid GS1 element string with a valid GTIN', () => {
    expect(interpretScan(TEST_SYMBOL_RAW, {})).toMatchObject({
      ok: true,
      symbology: ']d2',
      scan: { kind: 'product', gtin: '05099999000998', batch: 'AZERTY-QWERTZ', serial: 'd"x/5.m' },
    });
    expect(isValidGs1CheckDigit('05099999000998')).toBe(true);
  });
});

/*
 * The second symbol: a Code 128 barcode with the characters keyboards swap
 * or scanners cannot type. Its '£' is one ISO 8859-1 byte (FNC4 + '#').
 */
describe('the scanner set-up second test symbol (Code 128)', () => {
  const committed = readFileSync(new URL('./test-symbol-code128.svg', import.meta.url), 'utf8');

  it('is the committed SVG that bwip-js draws from TEST_CODE128_TEXT', () => {
    expect(committed).toBe(bwipjs.toSVG({ ...TEST_CODE128_BWIP }));
  });

  it('holds every character the set-up page checks, and letters and digits', () => {
    for (const char of TEST_CODE128_CHECKED) expect(TEST_CODE128_TEXT).toContain(char);
    expect(TEST_CODE128_TEXT).toMatch(/[A-Z]/);
    expect(TEST_CODE128_TEXT).toMatch(/[a-z]/);
    expect(TEST_CODE128_TEXT).toMatch(/[0-9]/);
  });

  it.each([
    ['a quick look', QUICK],
    ['a hard look', THOROUGH],
  ])('decodes from the committed SVG (zxing-wasm, %s) to TEST_CODE128_RAW: AIM ]C0, £ as one character', async (_name, options) => {
    await loadOwnWasm();
    expect(await decodeWithWasm(rasteriseLinearSvg(committed), options)).toBe(TEST_CODE128_RAW);
  });

  it('carries £ as the single ISO 8859-1 byte 163, not as UTF-8', async () => {
    await loadOwnWasm();
    const [result] = await readBarcodes(rasteriseLinearSvg(committed), THOROUGH);
    expect(result?.bytes).toEqual(new Uint8Array(Buffer.from(TEST_CODE128_TEXT, 'latin1')));
    expect([...(result?.bytes ?? [])].filter((b) => b > 127)).toEqual([163]);
  });

  it('would read "Â£" if bwip-js encoded the text as UTF-8 (its default): why TEST_CODE128_BWIP sets binarytext', async () => {
    await loadOwnWasm();
    const utf8 = bwipjs.toSVG({ ...TEST_CODE128_BWIP, binarytext: false });
    expect(await decodeWithWasm(rasteriseLinearSvg(utf8), THOROUGH)).toBe(TEST_CODE128_RAW.replace('£', 'Â£'));
  });

  it('is nothing Wardscan would take for a patient, a pack or a badge', () => {
    expect(interpretScan(TEST_CODE128_RAW, {})).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED' } });
  });
});
