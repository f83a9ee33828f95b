import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import type { LabelSpec } from './label-sheet.js';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 10 * MM };
const CELL = { width: 95 * MM, height: 44 * MM };
const SYMBOL_MM = { '2d': 24, linear: { width: 40, height: 14 } };

/** Renders one symbol as a PNG at print resolution (bwip-js scale 6 ≈ 0.5 mm modules at 300 dpi). */
export function renderSymbolPng(spec: Pick<LabelSpec, 'bcid' | 'text'>, scale = 6): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: spec.bcid,
    text: spec.text,
    scale,
    includetext: spec.bcid !== 'gs1datamatrix',
    textxalign: 'center',
    // A white quiet zone, opaque: scanners and zxing need both.
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
}

/**
 * The title's font size (lines at 0.8 of it) at which a label's text fits its
 * cell: 10 pt, smaller for long names (100 + 100 characters fit at 6 pt), so a
 * name is printed whole rather than running into the next label.
 */
function textSize(doc: PDFKit.PDFDocument, spec: LabelSpec, width: number, height: number): number {
  for (let size = 10; size > 5; size -= 0.5) {
    doc.font('Helvetica-Bold').fontSize(size);
    let used = doc.heightOfString(spec.title, { width });
    doc.font('Helvetica').fontSize(size * 0.8);
    for (const line of spec.lines) used += doc.heightOfString(line, { width });
    if (used <= height) return size;
  }
  return 5;
}

export interface RenderOptions {
  /** The PDF's creation date (and so its file ID); now unless given. Tests fix it to compare bytes. */
  readonly creationDate?: Date;
}

/**
 * Lays the labels out two to a row on A4 and returns the PDF bytes. Synchronous work of
 * tens of milliseconds a label (seconds for the demo sheet): the server calls it through
 * render-pool.ts, on a worker thread, never on the event loop.
 */
export async function renderLabelsPdf(specs: readonly LabelSpec[], title = 'Wardscan demo labels', options: RenderOptions = {}): Promise<Buffer> {
  const info = { Title: title, Creator: 'Wardscan', ...(options.creationDate ? { CreationDate: options.creationDate } : {}) };
  const doc = new PDFDocument({ size: 'A4', margin: 0, info });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const perRow = 2;
  const rows = Math.floor((PAGE.height - 2 * PAGE.margin) / CELL.height);
  for (const [index, spec] of specs.entries()) {
    const slot = index % (perRow * rows);
    if (index > 0 && slot === 0) doc.addPage();
    const x = PAGE.margin + (slot % perRow) * CELL.width;
    const y = PAGE.margin + Math.floor(slot / perRow) * CELL.height;
    doc.rect(x + 1, y + 1, CELL.width - 2, CELL.height - 2).lineWidth(0.5).dash(3, { space: 3 }).stroke().undash();
    const png = await renderSymbolPng(spec);
    const is2d = spec.bcid === 'gs1datamatrix';
    const fit: [number, number] = is2d
      ? [SYMBOL_MM['2d'] * MM, SYMBOL_MM['2d'] * MM]
      : [SYMBOL_MM.linear.width * MM, SYMBOL_MM.linear.height * MM + 6 * MM];
    doc.image(png, x + 4 * MM, y + 4 * MM, { fit });
    const textX = x + 4 * MM + fit[0] + 3 * MM;
    const textWidth = CELL.width - (textX - x) - 3 * MM;
    const size = textSize(doc, spec, textWidth, CELL.height - 8 * MM);
    const box = { width: textWidth, height: CELL.height - 8 * MM, ellipsis: true };
    doc.font('Helvetica-Bold').fontSize(size).text(spec.title, textX, y + 5 * MM, box);
    doc.font('Helvetica').fontSize(size * 0.8);
    for (const line of spec.lines) doc.text(line, box);
  }
  doc.end();
  return done;
}
