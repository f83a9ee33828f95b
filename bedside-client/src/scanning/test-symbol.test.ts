// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { interpretScan, isValidGs1CheckDigit } from '@wardscan/shared';
import { renderLabel, toRgba } from '../../e2e/harness/images.js';
import { decodeWithWasm, loadWasmReader, THOROUGH } from './camera/wasm-reader.js';
import { TEST_SYMBOL_BWIP, TEST_SYMBOL_HRI, TEST_SYMBOL_RAW } from './test-symbol.js';

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
    const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    await loadWasmReader({ wasmBinary: readFileSync(wasm).buffer as ArrayBuffer });
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
