// @vitest-environment node
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import { BinaryBitmap, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { interpretScan } from '@wardscan/shared';
import { cameraHints, cameraRaw, createRepeatFilter } from './zxing-reader.js';

/*
 * The real decoder on real symbols: bwip-js draws the barcode, zxing (with
 * the hints the camera uses) reads it, cameraRaw maps it, and the shared
 * interpreter the server uses must understand the result.
 */
async function decode(bcid: string, text: string) {
  const png = PNG.sync.read(await bwipjs.toBuffer({ bcid, text, scale: 3, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF' }));
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i += 1) luminance[i] = png.data[i * 4] ?? 255;
  // As BrowserMultiFormatReader does: decode(bitmap, hints) on every frame.
  const result = new MultiFormatReader().decode(
    new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height))),
    cameraHints() as never,
  );
  return cameraRaw(result.getBarcodeFormat(), result.getText());
}

const options = { nhsCompanyPrefixes: ['5099999'], acceptPlainNhsNumber: true, today: '2026-11-24' };

describe('camera decode → raw → interpretScan', () => {
  it('reads a GS1 DataMatrix drug pack as GTIN, expiry, batch and serial', async () => {
    const raw = await decode('gs1datamatrix', '(01)05099997000013(17)351231(10)PA2611A(21)SN100001');
    expect(raw.startsWith(']d2')).toBe(true);
    const interpretation = interpretScan(raw, options);
    expect(interpretation).toMatchObject({
      ok: true,
      symbology: ']d2',
      scan: { kind: 'product', gtin: '05099997000013', expiry: '2035-12-31', batch: 'PA2611A', serial: 'SN100001' },
    });
  });

  it('reads a DCB1077 wristband DataMatrix as the patient’s NHS Number', async () => {
    const raw = await decode('gs1datamatrix', '(8018)509999999900101371');
    expect(interpretScan(raw, options)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: '9990010137' } });
  });

  it('reads GS1-128 with its ]C1 identifier', async () => {
    const raw = await decode('gs1-128', '(01)05099997000013(10)PA2611A');
    expect(raw.startsWith(']C1')).toBe(true);
    expect(interpretScan(raw, options)).toMatchObject({ ok: true, scan: { kind: 'product', gtin: '05099997000013', batch: 'PA2611A' } });
  });

  it('reads an EAN-13 pack as a GTIN-14', async () => {
    const raw = await decode('ean13', '5099997000020');
    expect(raw).toBe(']E05099997000020');
    expect(interpretScan(raw, options)).toMatchObject({ ok: true, scan: { kind: 'product', gtin: '05099997000020' } });
  });

  it('reads a plain NHS Number in Code 128 and in QR', async () => {
    for (const bcid of ['code128', 'qrcode']) {
      const raw = await decode(bcid, '9990010137');
      expect(interpretScan(raw, options)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: '9990010137' } });
    }
  });

  it('passes a Codabar read on with ]F0 and its start/stop characters, which UK blood labels use', async () => {
    expect(await decode('rationalizedCodabar', 'A123456B')).toBe(']F0A123456B');
  });
});

describe('createRepeatFilter', () => {
  it('counts a symbol held in view once, and again after a pause', () => {
    const accept = createRepeatFilter(2500);
    expect(accept('x', 0)).toBe(true);
    expect(accept('x', 100)).toBe(false);
    expect(accept('y', 200)).toBe(true);
    expect(accept('y', 5000)).toBe(true);
  });
});
