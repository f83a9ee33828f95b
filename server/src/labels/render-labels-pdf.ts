import PDFDocument from 'pdfkit';
import type { LabelSpec } from './label-sheet.js';
import { parseSymbolSvg, symbolSvg, type SymbolDrawing } from './symbol-svg.js';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 10 * MM };
const CELL = { width: 95 * MM, height: 44 * MM };
const SYMBOL_MM = { '2d': 24, linear: { width: 40, height: 14 } };
const PER_ROW = 2;
const ROWS = Math.floor((PAGE.height - 2 * PAGE.margin) / CELL.height);

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where the index-th label of a sheet goes, in PDF points from the page's top left: its page
 * (from 0), its cell, and the box its symbol is fitted into (the symbol, quiet zone included,
 * keeps its proportions and sits at the box's top left).
 */
export function labelLayout(index: number, spec: Pick<LabelSpec, 'bcid'>): { page: number; cell: Box; symbolBox: Box } {
  const slot = index % (PER_ROW * ROWS);
  const x = PAGE.margin + (slot % PER_ROW) * CELL.width;
  const y = PAGE.margin + Math.floor(slot / PER_ROW) * CELL.height;
  const [width, height] =
    spec.bcid === 'gs1datamatrix' ? [SYMBOL_MM['2d'] * MM, SYMBOL_MM['2d'] * MM] : [SYMBOL_MM.linear.width * MM, SYMBOL_MM.linear.height * MM + 6 * MM]; // + its text
  return { page: Math.floor(index / (PER_ROW * ROWS)), cell: { x, y, ...CELL }, symbolBox: { x: x + 4 * MM, y: y + 4 * MM, width, height } };
}

/** Draws bwip-js's shapes as PDF paths, scaled to fit the box as the PNG they replace was. */
function drawSymbol(doc: PDFKit.PDFDocument, symbol: SymbolDrawing, box: Box): void {
  const scale = Math.min(box.width / symbol.width, box.height / symbol.height);
  doc.save().translate(box.x, box.y).scale(scale);
  if (symbol.background) doc.rect(0, 0, symbol.width, symbol.height).fill(symbol.background);
  for (const shape of symbol.shapes) {
    for (const s of shape.path) {
      if (s.op === 'M') doc.moveTo(s.x, s.y);
      else if (s.op === 'L') doc.lineTo(s.x, s.y);
      else if (s.op === 'C') doc.bezierCurveTo(s.x1, s.y1, s.x2, s.y2, s.x, s.y);
      else doc.closePath();
    }
    if (shape.kind === 'stroke') doc.lineWidth(shape.lineWidth).lineCap('butt').stroke(shape.color);
    else doc.fill(shape.color, shape.rule);
  }
  doc.restore().fillColor('black');
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
 * Lays the labels out two to a row on A4 and returns the PDF bytes. Synchronous work, mostly
 * bwip-js's encoding, of about 5 ms a label (0.3–0.5 s for the demo sheet, npm run bench:labels):
 * the server calls it through render-pool.ts, on a worker thread, never on the event loop.
 */
export async function renderLabelsPdf(specs: readonly LabelSpec[], title = 'Wardscan demo labels', options: RenderOptions = {}): Promise<Buffer> {
  const info = { Title: title, Creator: 'Wardscan', ...(options.creationDate ? { CreationDate: options.creationDate } : {}) };
  const doc = new PDFDocument({ size: 'A4', margin: 0, info });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  let page = 0;
  for (const [index, spec] of specs.entries()) {
    const { page: onPage, cell, symbolBox } = labelLayout(index, spec);
    if (onPage !== page) doc.addPage();
    page = onPage;
    const { x, y } = cell;
    doc.rect(x + 1, y + 1, CELL.width - 2, CELL.height - 2).lineWidth(0.5).dash(3, { space: 3 }).stroke().undash();
    drawSymbol(doc, parseSymbolSvg(symbolSvg(spec)), symbolBox);
    const textX = symbolBox.x + symbolBox.width + 3 * MM;
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
