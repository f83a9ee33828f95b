// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretScan } from '@wardscan/shared';
import { addNoise, blur, drawLabel, grayImage, renderLabel, toBytes, toRgba, type LabelOptions } from '../../../e2e/harness/images.js';
import { alternate } from './frame-decoder.js';
import { OWN_WASM, QUICK, THOROUGH, decodeWithWasm, loadWasmReader } from './wasm-reader.js';
import { createZxingJsDecoder } from './zxing-reader.js';

/*
 * zxing-wasm must hand the app the same raw strings zxing-js did: the server
 * and interpretScan read them, and what a scanner sends, unchanged.
 */
const zxingJs = createZxingJsDecoder();

async function image(bcid: string, text: string, label: Partial<LabelOptions> = {}) {
  return toRgba(await renderLabel(bcid, text, { quietZone: 10, ...label })) as ImageData;
}

const SYMBOLS: [name: string, bcid: string, text: string, raw: string][] = [
  ['GS1 DataMatrix drug pack', 'gs1datamatrix', '(01)05099997000013(17)351231(10)PA2611A(21)SN100001', ']d201050999970000131735123110PA2611A\u001d21SN100001'],
  ['DCB1077 wristband', 'gs1datamatrix', '(8018)509999999900101371(91)RXX/MRN0012345', ']d28018509999999900101371\u001d91RXX/MRN0012345'],
  ['GS1-128 bed label', 'gs1-128', '(414)5099999000011', ']C14145099999000011'],
  ['EAN-13 pack', 'ean13', '5099997000020', ']E05099997000020'],
  ['Code 128 NHS Number', 'code128', '9990010137', ']C09990010137'],
  ['QR NHS Number', 'qrcode', '9990010137', ']Q19990010137'],
  ['ISBT 128 DIN in Code 128', 'code128', '=G150926123456', ']C0=G150926123456'],
  ['Codabar blood label', 'rationalizedCodabar', 'A123456B', ']F0A123456B'],
  ['plain DataMatrix', 'datamatrix', '9990010137', ']d19990010137'],
];

beforeAll(async () => {
  // Node has no server to fetch from: the same .wasm, from node_modules.
  const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  await loadWasmReader({ wasmBinary: readFileSync(file).buffer as ArrayBuffer });
});

describe('zxing-wasm raw strings', () => {
  it.each(SYMBOLS)('%s: AIM identifier + data, as zxing-js gave it', async (_name, bcid, text, raw) => {
    const frame = await image(bcid, text);
    expect(await decodeWithWasm(frame, QUICK)).toBe(raw);
    expect(await decodeWithWasm(frame, THOROUGH)).toBe(raw);
    // zxing-js 0.21 may end a GS1-128 with a stray GS (a checksum of 102 read as FNC1); interpretScan drops it.
    expect(zxingJs(frame)?.replace(/\u001d$/, '')).toBe(raw);
  });

  it('reads GS1 QR as ]Q3, which interpretScan reads as GS1 (zxing-js sent ]Q1)', async () => {
    const raw = await decodeWithWasm(await image('gs1qrcode', '(01)05099997000013(10)PA2611A'), QUICK);
    expect(raw).toBe(']Q3010509999700001310PA2611A');
    expect(interpretScan(raw ?? '', {})).toMatchObject({ ok: true, symbology: ']Q3', scan: { kind: 'product', gtin: '05099997000013', batch: 'PA2611A' } });
  });

  it('reads a Code 128 NHS Number with a dark edge beside it', async () => {
    expect(await decodeWithWasm(await image('code128', '9990010137', { darkEdgeGap: 10 }), QUICK)).toBe(']C09990010137');
  });

  // Issue 14: zxing-js read none of 8 DataMatrix bands near the frame's edge. Each is held for two frames, as
  // the camera alternates: a quick look (finds it only mid-edge), then a thorough one (finds it anywhere).
  it('reads a wristband DataMatrix near each edge and corner of the frame, where zxing-js reads none', async () => {
    const band = ['gs1datamatrix', '(8018)509999999900101371(91)RXX/MRN0012345', ']d28018509999999900101371\u001d91RXX/MRN0012345'] as const;
    const label = await renderLabel(band[0], band[1], { quietZone: 2 });
    const [width, height, modulePx] = [640, 480, 5];
    const reach = (label.width * modulePx) / label.modulePx / 2 + 4;
    const places: [number, number][] = [
      [reach, reach], [width / 2, reach], [width - reach, reach], [width - reach, height / 2],
      [width - reach, height - reach], [width / 2, height - reach], [reach, height - reach], [reach, height / 2],
    ];
    let seed = 14;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const app = alternate((frame) => decodeWithWasm(frame, QUICK), (frame) => decodeWithWasm(frame, THOROUGH));
    const readByApp: (string | null)[] = [];
    const readByZxingJs: (string | null)[] = [];
    for (const [x, y] of places) {
      const gray = grayImage(width, height, 120);
      drawLabel(gray, label, { x, y, modulePx, rotation: 0.05, tilt: 0.1, tiltAxis: 1 });
      blur(gray, 0.6);
      addNoise(gray, 3, random);
      const frame = toRgba({ width, height, data: toBytes(gray) }) as ImageData;
      const first = await app(frame);
      const second = await app(frame);
      readByApp.push(first ?? second);
      readByZxingJs.push(zxingJs(frame));
    }
    expect(readByApp).toEqual(places.map(() => band[2]));
    expect(readByZxingJs).toEqual(places.map(() => null));
  });

  it('reads nothing from a blank frame', async () => {
    const blank = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(255) } as ImageData;
    expect(await decodeWithWasm(blank, THOROUGH)).toBeNull();
  });

  it('fetches its .wasm from our own server, never from a CDN', () => {
    const url = OWN_WASM.locateFile?.('zxing_reader.wasm', 'https://fastly.jsdelivr.net/npm/zxing-wasm/dist/reader/') ?? '';
    expect(url).toMatch(/^\/.*zxing_reader.*\.wasm$/);
  });
});
