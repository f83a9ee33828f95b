import type { LabelSpec } from './label-sheet.js';
import { decodeImage } from './decode-image.js';
import { crop, rasterisePdf, type GrayImage } from './rasterise-pdf.js';
import { labelLayout, type Box } from './render-labels-pdf.js';

const MM = 72 / 25.4;

export interface ScannedLabel {
  readonly spec: LabelSpec;
  /** What zxing read from the printed symbol, or why it read nothing. */
  readonly read: { readonly text: string } | { readonly error: string };
  /** Where the ink (pixels darker than mid-grey) is, in points from the symbol box's top left. */
  readonly ink: Box | null;
}

function inkOf(image: GrayImage, dpi: number): Box | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      if ((image.pixels[y * image.width + x] ?? 255) >= 128) continue;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  const pt = (px: number) => (px * 72) / dpi;
  return x1 < 0 ? null : { x: pt(x0), y: pt(y0), width: pt(x1 + 1 - x0), height: pt(y1 + 1 - y0) };
}

/**
 * Prints a label PDF on paper, as far as a test can: rasterises every page (pdftoppm) and reads
 * each label's symbol with zxing from the page image, in the symbol's box and 2 mm around it
 * (no further: the cell's border and text are not a symbol's). Test and tooling use only.
 */
export async function scanLabelsPdf(pdf: Buffer, specs: readonly LabelSpec[], dpi = 300): Promise<ScannedLabel[]> {
  const pages = await rasterisePdf(pdf, dpi);
  return specs.map((spec, index) => {
    const { page, symbolBox } = labelLayout(index, spec);
    const margin = 2 * MM;
    const region = crop(pages[page] ?? { width: 0, height: 0, pixels: new Uint8Array() }, { x: symbolBox.x - margin, y: symbolBox.y - margin, width: symbolBox.width + 2 * margin, height: symbolBox.height + 2 * margin }, dpi);
    let read: ScannedLabel['read'];
    try {
      read = { text: decodeImage(region).text };
    } catch (err) {
      read = { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    const ink = inkOf(region, dpi);
    return { spec, read, ink: ink && { ...ink, x: ink.x - margin, y: ink.y - margin } };
  });
}
