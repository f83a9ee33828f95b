import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An 8-bit grey image, row after row (0 black, 255 white). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** A binary PGM (P5, maxval 255): what `pdftoppm -gray` writes. */
export function readPgm(bytes: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('Not an 8-bit binary PGM.');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = bytes.subarray(header[0].length, header[0].length + width * height);
  if (pixels.length !== width * height) throw new Error('A PGM shorter than its size.');
  return { width, height, pixels };
}

/**
 * Each page of a PDF as a grey image at `dpi`, rasterised by poppler's pdftoppm (Debian's
 * poppler-utils, installed by .ci/run), as a printer's RIP would. Test and tooling use only.
 */
export async function rasterisePdf(pdf: Buffer, dpi = 300): Promise<GrayImage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'wardscan-pdf-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = execFile('pdftoppm', ['-r', String(dpi), '-gray', '-', join(dir, 'page')], (err) => {
        if (!err) resolve();
        else if ('code' in err && err.code === 'ENOENT') reject(new Error('pdftoppm is not installed: apt-get install poppler-utils (as .ci/run does).'));
        else reject(err);
      });
      child.stdin?.end(pdf);
    });
    // page-1.pgm … or page-01.pgm … when there are ten pages or more.
    const pages = (await readdir(dir)).map((name) => ({ name, n: Number(/-(\d+)\.pgm$/.exec(name)?.[1]) })).sort((a, b) => a.n - b.n);
    return await Promise.all(pages.map(async (p) => readPgm(await readFile(join(dir, p.name)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The part of an image inside a box given in PDF points (1/72 in) at the image's `dpi`. */
export function crop(image: GrayImage, box: { x: number; y: number; width: number; height: number }, dpi: number): GrayImage {
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const x0 = Math.max(0, px(box.x));
  const y0 = Math.max(0, px(box.y));
  const width = Math.min(image.width, px(box.x + box.width)) - x0;
  const height = Math.min(image.height, px(box.y + box.height)) - y0;
  const pixels = new Uint8Array(width * height);
  for (let row = 0; row < height; row += 1) pixels.set(image.pixels.subarray((y0 + row) * image.width + x0, (y0 + row) * image.width + x0 + width), row * width);
  return { width, height, pixels };
}
