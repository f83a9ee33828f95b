import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import bwipjs from 'bwip-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import { wristbandHri } from './wristband.js';
import type { InterpretOptions, Scan } from './scan-types.js';

/*
 * Real symbols, end to end: bwip-js draws each fixture as a PNG, @zxing/library
 * (the decoder the bedside client's camera uses) reads the pixels back, and
 * interpretScan must recover the fields the fixture was made from.
 */
interface Fixture {
  name: string;
  bwip: { bcid: string; text: string };
  scan: Scan;
}
const fixturesPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'barcodes', 'codes.json');
const { options, codes } = JSON.parse(readFileSync(fixturesPath, 'utf8')) as { options: InterpretOptions; codes: Fixture[] };

// ASSUME_GS1 makes zxing report a GS1-128's FNC1s as ']C1' and GS; without it they vanish.
const hints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  [DecodeHintType.ASSUME_GS1, true],
]);

async function render(bwip: Fixture['bwip'] & { parsefnc?: boolean }): Promise<PNG> {
  const png = await bwipjs.toBuffer({ ...bwip, scale: 3, paddingwidth: 12, paddingheight: 12, backgroundcolor: 'FFFFFF' });
  return PNG.sync.read(png);
}

function decode(image: PNG): string {
  const luminance = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < luminance.length; i++) {
    const [r, g, b] = [image.data[i * 4]!, image.data[i * 4 + 1]!, image.data[i * 4 + 2]!];
    luminance[i] = (r * 299 + g * 587 + b * 114) / 1000;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, image.width, image.height)));
  return new MultiFormatReader().decode(bitmap, hints).getText();
}

describe('bwip-js → @zxing/library → interpretScan round trip', () => {
  it('covers every symbology the ward meets', () => {
    const symbologies = new Set(codes.map((c) => c.bwip.bcid));
    for (const bcid of ['gs1datamatrix', 'gs1-128', 'ean13', 'code128', 'gs1qrcode', 'qrcode', 'datamatrix']) {
      expect(symbologies).toContain(bcid);
    }
  });

  it.each(codes.map((c) => [c.name, c] as const))('%s', async (_name, fixture) => {
    const decoded = decode(await render(fixture.bwip));
    const result = interpretScan(decoded, options);
    expect(result, JSON.stringify(decoded)).toMatchObject({ ok: true, scan: fixture.scan });
    if (result.ok) expect(result.scan).toEqual(fixture.scan);
  });

  it('refuses a pack whose GTIN was printed with a wrong check digit, after a real decode', async () => {
    // bwip-js checks GS1 check digits too, so draw the wrong digit as plain Code 128 with FNC1.
    const decoded = decode(await render({ bcid: 'code128', text: '^FNC10105099999000012', parsefnc: true }));
    expect(interpretScan(decoded, options)).toMatchObject({ ok: false, error: { code: 'CHECK_DIGIT' } });
  });

  it('prints and reads back a wristband from wristbandHri, names with spaces, accents and slashes included', async () => {
    const label = {
      companyPrefix: '5055220',
      nhsNumber: '9990000026',
      odsCode: 'RXX',
      mrn: 'K/1234 5',
      familyName: "VAN DER BERG-O'NEIL",
      givenName: 'ZOË (ZOE)',
      birthDate: '2024-02-29',
    };
    const decoded = decode(await render({ bcid: 'gs1datamatrix', text: wristbandHri(label) }));
    expect(interpretScan(decoded, options)).toMatchObject({
      ok: true,
      scan: {
        kind: 'patient',
        nhsNumber: '9990000026',
        gsrn: '505522099900000262',
        mrn: 'K/1234 5',
        familyName: "VAN DER BERG-O'NEIL",
        givenName: 'ZOË (ZOE)',
        birthDate: '2024-02-29',
      },
    });
  });
});
