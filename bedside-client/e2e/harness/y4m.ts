import bwipjs from 'bwip-js/node';
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export interface VideoOptions {
  width?: number;
  height?: number;
  frames?: number;
  fps?: number;
  /** Barcode module size in pixels, as bwip-js `scale`. */
  scale?: number;
}

/**
 * A Y4M (YUV 4:2:0) video of one barcode drawn by bwip-js, centred on white,
 * for Chromium's --use-file-for-fake-video-capture. Grey-scale: Y is the
 * luminance, U and V stay neutral (128).
 */
export async function writeBarcodeVideo(path: string, bcid: string, text: string, options: VideoOptions = {}): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 10;
  const symbol = PNG.sync.read(await bwipjs.toBuffer({ bcid, text, scale: options.scale ?? 6, backgroundcolor: 'FFFFFF', paddingwidth: 4, paddingheight: 4 }));
  if (symbol.width > width || symbol.height > height) throw new Error(`barcode ${symbol.width}×${symbol.height} does not fit the ${width}×${height} frame`);

  const luma = Buffer.alloc(width * height, 255);
  const left = Math.floor((width - symbol.width) / 2);
  const top = Math.floor((height - symbol.height) / 2);
  for (let y = 0; y < symbol.height; y += 1) {
    for (let x = 0; x < symbol.width; x += 1) {
      const i = (y * symbol.width + x) * 4;
      const r = symbol.data[i] ?? 255;
      const g = symbol.data[i + 1] ?? 255;
      const b = symbol.data[i + 2] ?? 255;
      // BT.601 luma, studio range as Y4M players expect.
      luma[(top + y) * width + left + x] = Math.round(16 + (219 * (0.299 * r + 0.587 * g + 0.114 * b)) / 255);
    }
  }
  for (let i = 0; i < luma.length; i += 1) if (luma[i] === 255) luma[i] = 235;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${options.fps ?? 15}:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** A plain white video: a camera that sees no barcode. */
export function writeBlankVideo(path: string, width = 320, height = 240): void {
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Buffer.alloc(width * height, 235), Buffer.alloc((width * height) / 2, 128)]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}
