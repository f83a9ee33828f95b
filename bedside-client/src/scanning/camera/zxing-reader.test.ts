// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { interpretScan } from '@wardscan/shared';
import { renderLabel, toRgba, type LabelOptions } from '../../../e2e/harness/images.js';
import { createZxingJsDecoder } from './zxing-reader.js';

/*
 * The fallback decoder on real symbols: bwip-js draws the barcode, zxing-js
 * (with the hints the camera uses) reads it, cameraRaw maps it, and the
 * shared interpreter the server uses must understand the result.
 */
const decodeFrame = createZxingJsDecoder();
async function decode(bcid: string, text: string, label: Partial<LabelOptions> = {}) {
  const image = toRgba(await renderLabel(bcid, text, { quietZone: 10, ...label }));
  return decodeFrame(image as ImageData);
}

const options = { nhsCompanyPrefixes: ['5099999'], acceptPlainNhsNumber: true, today: '2026-11-24' };

describe('zxing-js fallback: decode → raw → interpretScan', () => {
  it('reads a GS1 DataMatrix drug pack as GTIN, expiry, batch and serial', async () => {
    const raw = await decode('gs1datamatrix', '(01)05099997000013(17)351231(10)PA2611A(21)SN100001');
    expect(raw).toBe(']d201050999970000131735123110PA2611A\u001d21SN100001');
    expect(interpretScan(raw ?? '', options)).toMatchObject({
      ok: true,
      symbology: ']d2',
      scan: { kind: 'product', gtin: '05099997000013', expiry: '2035-12-31', batch: 'PA2611A', serial: 'SN100001' },
    });
  });

  it('reads a DCB1077 wristband DataMatrix as the patient’s NHS Number', async () => {
    const raw = await decode('gs1datamatrix', '(8018)509999999900101371');
    expect(interpretScan(raw ?? '', options)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: '9990010137' } });
  });

  it('reads GS1-128 with its ]C1 identifier', async () => {
    const raw = await decode('gs1-128', '(01)05099997000013(10)PA2611A');
    expect(raw?.startsWith(']C1')).toBe(true);
    expect(interpretScan(raw ?? '', options)).toMatchObject({ ok: true, scan: { kind: 'product', gtin: '05099997000013', batch: 'PA2611A' } });
  });

  it('reads an EAN-13 pack as a GTIN-14', async () => {
    const raw = await decode('ean13', '5099997000020');
    expect(raw).toBe(']E05099997000020');
    expect(interpretScan(raw ?? '', options)).toMatchObject({ ok: true, scan: { kind: 'product', gtin: '05099997000020' } });
  });

  it('reads a plain NHS Number in Code 128 and in QR', async () => {
    for (const bcid of ['code128', 'qrcode']) {
      const raw = await decode(bcid, '9990010137');
      expect(interpretScan(raw ?? '', options)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: '9990010137' } });
    }
  });

  it('passes a Codabar read on with ]F0 and its start/stop characters, which UK blood labels use', async () => {
    expect(await decode('rationalizedCodabar', 'A123456B')).toBe(']F0A123456B');
  });

  it('reads a Code 128 NHS Number with the band’s dark edge beside it (the start-pattern fix)', async () => {
    expect(await decode('code128', '9990010137', { darkEdgeGap: 10 })).toBe(']C09990010137');
  });
});
