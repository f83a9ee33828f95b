import { interpretScan, readBloodLabels } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_WARD_DIR } from '../fixtures/demo-ward.js';
import { decodePng } from './decode-png.js';
import { buildLabelSheet, readDemoWardFiles } from './label-sheet.js';
import { renderLabelsPdf, renderSymbolPng } from './render-labels-pdf.js';

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

  // Every symbol is rendered by bwip-js, decoded by @zxing/library and interpreted;
  // it must give back the record it was made from.
  it.each(sheet.map((spec) => [spec.id, spec] as const))('%s decodes back to its record', async (_id, spec) => {
    const decoded = decodePng(await renderSymbolPng(spec)); // at the scale the PDF prints
    const fixture = files.barcodes.find((b) => b.id === spec.id);
    if (spec.kind === 'blood') {
      // A bag's group or product label alone is no unit: the handheld reads each label and collects them.
      expect(readBloodLabels(decoded.text)).toEqual(readBloodLabels(fixture?.raw ?? ''));
      expect(readBloodLabels(decoded.text).ok).toBe(true);
      return;
    }
    const result = interpretScan(decoded.text, options);
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

  it('renders an A4 PDF with every label', async () => {
    const pdf = await renderLabelsPdf(sheet);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBe(Math.ceil(sheet.length / 12));
  });
});
