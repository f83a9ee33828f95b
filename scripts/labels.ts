/**
 * `npm run labels [out.pdf]`: prints the demo ward's barcodes (DCB1077
 * wristbands, staff badges, bed GLNs, drug packs) to an A4 PDF, so the
 * product can be tried with a phone camera or a USB scanner in minutes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLabelSheet, readDemoWardFiles } from '../server/src/labels/label-sheet.js';
import { renderLabelsPdf } from '../server/src/labels/render-labels-pdf.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? resolve(root, 'data/demo-labels.pdf'));

const sheet = buildLabelSheet(readDemoWardFiles(resolve(root, 'fixtures/demo-ward')));
const pdf = await renderLabelsPdf(sheet);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, pdf);
console.log(`${sheet.length} labels, ${pdf.length} bytes → ${out}`);
