import { interpretScan, readBloodLabels } from '@wardscan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WARD_DIR } from '../fixtures/demo-ward.js';
import { buildLabelSheet, readDemoWardFiles } from './label-sheet.js';
import { labelLayout, renderLabelsPdf } from './render-labels-pdf.js';
import { scanLabelsPdf, type ScannedLabel } from './scan-labels-pdf.js';
import { symbolSvg } from './symbol-svg.js';

const files = readDemoWardFiles(DEMO_WARD_DIR);
const sheet = buildLabelSheet(files);
const options = { nhsCompanyPrefixes: files.ward.nhsCompanyPrefixes, today: '2026-11-24' };

describe('demo-ward label sheet', () => {
  it('has a label for every demo barcode, wristbands first', () => {
    // Only readable codes are printed: a deliberately wrong check digit cannot be encoded.
    expect(sheet).toHaveLength(files.barcodes.filter((b) => b.hri !== '').length);
    expect(sheet[0]?.kind).toBe('patient');
    expect(new Set(sheet.map((s) => s.kind))).toEqual(new Set(files.barcodes.map((b) => b.kind)));
    expect(sheet.find((s) => s.id === 'plain-nhs-agnes-morrow')?.bcid).toBe('code128');
    // Issue 6 asks for blood unit and pump asset labels too.
    expect(sheet.find((s) => s.kind === 'blood')?.bcid).toBe('code128');
    // The packs a new user tries the stops with, and a whole blood bag's labels.
    for (const id of ['pack-paracetamol-expired', 'pack-metformin-recalled', 'blood-agnes-din', 'blood-agnes-group', 'blood-agnes-product']) expect(sheet.map((s) => s.id)).toContain(id);
    expect(sheet.filter((s) => s.kind === 'asset').map((s) => s.text)).toEqual(['(8004)50999987B0001', '(8004)50999987B0002', '(8004)50999989Z9999']);
  });

  it('prints the NHS Number 3-3-4 and the birth date on each wristband', () => {
    const agnes = sheet.find((s) => s.id === 'wristband-agnes-morrow');
    expect(agnes?.title).toBe('MORROW, Agnes');
    expect(agnes?.lines).toEqual(['NHS No: 999 001 0137', 'DOB: 08/03/1941', 'MRN: RX400100']);
  });

  // The sheet's PDF is rasterised as a printer would (pdftoppm), and every symbol on the page image is
  // decoded by @zxing/library and interpreted; it must give back the record it was made from.
  let pdf: Buffer;
  let scanned: ScannedLabel[];
  beforeAll(async () => {
    pdf = await renderLabelsPdf(sheet);
    scanned = await scanLabelsPdf(pdf, sheet);
  }, 60_000);

  it.each(sheet.map((spec, index) => [spec.id, index] as const))('%s, printed, decodes back to its record', (_id, index) => {
    const { spec, read } = scanned[index]!;
    expect(spec).toBe(sheet[index]);
    if (!('text' in read)) throw new Error(`${spec.id} did not decode from the printed page: ${read.error}`);
    const fixture = files.barcodes.find((b) => b.id === spec.id);
    if (spec.kind === 'blood') {
      // A bag's group or product label alone is no unit: the handheld reads each label and collects them.
      expect(readBloodLabels(read.text)).toEqual(readBloodLabels(fixture?.raw ?? ''));
      expect(readBloodLabels(read.text).ok).toBe(true);
      return;
    }
    const result = interpretScan(read.text, options);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const patient = files.patients.find((p) => p.id === fixture?.patientId);
    if (spec.bcid === 'gs1datamatrix' && patient) {
      // The printed band carries the DCB1077 hospital and descriptive data too.
      expect(result.scan).toEqual({
        kind: 'patient',
        nhsNumber: patient.nhsNumber,
        gsrn: patient.wristbandGsrn,
        mrn: patient.mrn,
        familyName: patient.familyName.toUpperCase(),
        givenName: patient.givenName.toUpperCase(),
        birthDate: patient.birthDate,
      });
    } else {
      const original = interpretScan(fixture?.raw ?? '', options);
      expect(original.ok).toBe(true);
      expect(original.ok && result.scan).toEqual(original.ok && original.scan);
    }
  });

  it('prints each symbol at the size and place the PNG had, inside a white quiet zone', () => {
    const mm = 72 / 25.4;
    for (const [index, { spec, ink }] of scanned.entries()) {
      // Written out, not taken from the renderer: bwip-js's drawing is its modules plus 10 × scale 6
      // units of quiet zone on each side, fitted whole into the symbol box at the box's top left.
      const [width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(symbolSvg(spec))!.slice(1).map(Number) as [number, number];
      const box = labelLayout(index, spec).symbolBox;
      const k = Math.min(box.width / width, box.height / height);
      const expected = { left: 60 * k, top: 60 * k, right: (width - 60) * k, bottom: (height - 60) * k };
      expect(ink, spec.id).not.toBeNull();
      const found = { left: ink!.x, top: ink!.y, right: ink!.x + ink!.width, bottom: ink!.y + ink!.height };
      for (const side of ['left', 'top', 'right', 'bottom'] as const) {
        expect(Math.abs(found[side] - expected[side]) / mm, `${spec.id}: ${side} edge of the ink, mm from where it belongs`).toBeLessThan(0.25);
      }
      expect(expected.left / mm).toBeGreaterThan(2); // the quiet zone: Code 128's 10 modules of 0.2 mm at least
    }
  });

  it('draws the symbols as vectors, not images', () => {
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
  });

  it('renders an A4 PDF with every label', async () => {
    const pdf = await renderLabelsPdf(sheet);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBe(Math.ceil(sheet.length / 12));
  });
});
