import { writeFileSync } from 'node:fs';
import { drawLabel, grayImage, renderLabel, toBytes, type Gray, type LabelOptions, type Pose } from './images.js';

/** One barcode held in front of the fake camera for `frames` frames. */
export interface Shot {
  bcid: string;
  text: string;
  frames?: number;
  /** Where and how it is held; centred, square on, 6 px modules unless given. */
  pose?: Partial<Pose>;
  label?: Partial<LabelOptions>;
  /** Grey level of what is behind the label (white unless given). */
  background?: number;
}

export interface VideoOptions {
  width?: number;
  height?: number;
  fps?: number;
}

/**
 * A Y4M (YUV 4:2:0) video of the shots one after another, for Chromium's
 * --use-file-for-fake-video-capture, which plays it in a loop. Grey-scale:
 * Y is the luminance, U and V stay neutral (128).
 */
export async function writeShotsVideo(path: string, shots: Shot[], options: VideoOptions = {}): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames: Buffer[] = [];
  for (const shot of shots) {
    const label = await renderLabel(shot.bcid, shot.text, { quietZone: 4, ...shot.label });
    const frame = grayImage(width, height, shot.background ?? 255);
    drawLabel(frame, label, { x: width / 2, y: height / 2, modulePx: 6, ...shot.pose });
    const luma = yuvFrame(frame);
    for (let i = 0; i < (shot.frames ?? 10); i += 1) frames.push(luma);
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${options.fps ?? 15}:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...frames]));
}

/** One Y4M frame: BT.601 studio-range luma (16–235, as Y4M players expect) and neutral chroma. */
function yuvFrame(image: Gray): Buffer {
  const luma = Buffer.from(toBytes(image)).map((v) => Math.round(16 + (219 * v) / 255));
  return Buffer.concat([Buffer.from('FRAME\n'), luma, Buffer.alloc((image.width / 2) * (image.height / 2) * 2, 128)]);
}

/** A video of one barcode drawn by bwip-js, centred on white. */
export async function writeBarcodeVideo(path: string, bcid: string, text: string, options: VideoOptions = {}): Promise<void> {
  await writeShotsVideo(path, [{ bcid, text }], options);
}

/** A plain white video: a camera that sees no barcode. */
export function writeBlankVideo(path: string, width = 320, height = 240): void {
  const frame = yuvFrame(grayImage(width, height, 255));
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}
