/*
 * Camera-like pictures of barcodes, for the fake camera's video (y4m.ts) and
 * the decode robustness corpus (scripts/decode-corpus.ts). bwip-js draws the
 * symbol; here it is put on a label, posed in 3-D in front of a pin-hole
 * camera (rotation, tilt, wrap round a wrist, distance), and the picture is
 * spoilt the way a handheld's is (defocus, sensor noise, low contrast,
 * specular glare). Pure arithmetic on grey levels: deterministic for a given
 * random source.
 */
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';

/** A grey-scale picture, 0 black … 255 white, row by row. */
export interface Gray {
  width: number;
  height: number;
  data: Float32Array;
}

/** A label: the symbol on white with its quiet zone, drawn at `modulePx` pixels per module. */
export interface Label extends Gray {
  modulePx: number;
  /** Left edge of the symbol's first module, in label pixels. */
  symbolLeft: number;
}

export const PAPER = 240;
export const INK = 24;
/** Label pixels per module: fine enough to be averaged down to any camera module size. */
const LABEL_MODULE_PX = 8;

export function grayImage(width: number, height: number, fill = PAPER): Gray {
  return { width, height, data: new Float32Array(width * height).fill(fill) };
}

export interface LabelOptions {
  /** White margin round the symbol, in modules (a DataMatrix needs 1, Code 128 10). */
  quietZone: number;
  /** Bar height of a linear symbol, in modules. */
  barHeight?: number;
  /** Something dark (the band's edge, a shadow) this many modules to the left of the symbol. */
  darkEdgeGap?: number;
}

const MATRIX_SYMBOLOGIES = new Set(['gs1datamatrix', 'datamatrix', 'qrcode', 'gs1qrcode']);

/** Draws `text` as bwip-js symbology `bcid` on a white label. */
export async function renderLabel(bcid: string, text: string, options: LabelOptions): Promise<Label> {
  // bwip-js draws a 2-D module as 2 units and a linear one as 1 unit, times `scale`.
  const matrix = MATRIX_SYMBOLOGIES.has(bcid);
  const scale = matrix ? LABEL_MODULE_PX / 2 : LABEL_MODULE_PX;
  // bwip-js takes bar height in millimetres at 72 units to the inch.
  const height = matrix ? {} : { height: ((options.barHeight ?? 30) * 25.4) / 72 };
  const png = PNG.sync.read(await bwipjs.toBuffer({ bcid, text, scale, ...height, backgroundcolor: 'FFFFFF' }));
  const quiet = Math.round(options.quietZone * LABEL_MODULE_PX);
  const edge = options.darkEdgeGap === undefined ? 0 : Math.round(options.darkEdgeGap * LABEL_MODULE_PX);
  const darkWidth = edge > 0 ? 8 * LABEL_MODULE_PX : 0;
  const left = darkWidth > 0 ? darkWidth + edge : quiet;
  const label: Label = { ...grayImage(left + png.width + quiet, png.height + 2 * quiet), modulePx: LABEL_MODULE_PX, symbolLeft: left };
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const i = (y * png.width + x) * 4;
      const luma = 0.299 * (png.data[i] ?? 255) + 0.587 * (png.data[i + 1] ?? 255) + 0.114 * (png.data[i + 2] ?? 255);
      label.data[(y + quiet) * label.width + x + left] = INK + ((PAPER - INK) * luma) / 255;
    }
  }
  for (let y = 0; y < label.height; y += 1) label.data.fill(INK + 12, y * label.width, y * label.width + darkWidth);
  return label;
}

/** Where the label is, as seen by a pin-hole camera. Angles in radians. */
export interface Pose {
  /** Label centre in the frame, px. */
  x: number;
  y: number;
  /** Frame pixels per module at the label centre. */
  modulePx: number;
  /** Turn in the image plane. */
  rotation?: number;
  /** Out-of-plane tilt, about an axis in the label plane at `tiltAxis` from horizontal. */
  tilt?: number;
  tiltAxis?: number;
  /** Wrap round a cylinder (a wrist, a vial): the arc the label's width spans. */
  wrap?: number;
  /** Focal length in frame pixels: how close the camera is; smaller means stronger perspective. */
  focal?: number;
}

/** Maps label pixel (sx, sy) to frame coordinates. */
function projector(label: Label, pose: Pose): (sx: number, sy: number) => [number, number] {
  const scale = pose.modulePx / label.modulePx;
  const focal = pose.focal ?? 700;
  const cosR = Math.cos(pose.rotation ?? 0);
  const sinR = Math.sin(pose.rotation ?? 0);
  const tilt = pose.tilt ?? 0;
  const kx = Math.cos(pose.tiltAxis ?? 0);
  const ky = Math.sin(pose.tiltAxis ?? 0);
  const cosT = Math.cos(tilt);
  const sinT = Math.sin(tilt);
  const wrap = pose.wrap ?? 0;
  const radius = wrap > 0 ? (label.width * scale) / wrap : Infinity;
  return (sx, sy) => {
    const flatX = (sx - label.width / 2) * scale;
    const flatY = (sy - label.height / 2) * scale;
    // The band bends away from the camera towards its ends.
    const x0 = Number.isFinite(radius) ? radius * Math.sin(flatX / radius) : flatX;
    const z0 = Number.isFinite(radius) ? radius * (1 - Math.cos(flatX / radius)) : 0;
    const x1 = x0 * cosR - flatY * sinR;
    const y1 = x0 * sinR + flatY * cosR;
    // Rodrigues' rotation about the in-plane unit axis k = (kx, ky, 0).
    const dot = kx * x1 + ky * y1;
    const x2 = x1 * cosT + ky * z0 * sinT + kx * dot * (1 - cosT);
    const y2 = y1 * cosT - kx * z0 * sinT + ky * dot * (1 - cosT);
    const z2 = z0 * cosT + (kx * y1 - ky * x1) * sinT;
    const depth = focal + z2;
    return [pose.x + (focal * x2) / depth, pose.y + (focal * y2) / depth];
  };
}

function sampleBilinear(image: Gray, x: number, y: number): number | null {
  if (x < 0 || y < 0 || x > image.width - 1 || y > image.height - 1) return null;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, image.width - 1);
  const y1 = Math.min(y0 + 1, image.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  const d = image.data;
  const top = (d[y0 * image.width + x0] ?? 0) * (1 - fx) + (d[y0 * image.width + x1] ?? 0) * fx;
  const bottom = (d[y1 * image.width + x0] ?? 0) * (1 - fx) + (d[y1 * image.width + x1] ?? 0) * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Draws `label` into `frame` at `pose`. A mesh of small triangles carries
 * the projection (exact at the vertices, affine between them); each frame
 * pixel averages label samples at most 2 label pixels apart over its whole
 * footprint, as a sensor pixel averages the light falling on it, so fine
 * modules blur together as they do on a camera (and do not alias).
 */
export function drawLabel(frame: Gray, label: Label, pose: Pose, mesh = 32): void {
  const project = projector(label, pose);
  const step = [label.width / mesh, label.height / mesh] as const;
  const vertices: [number, number][] = [];
  for (let j = 0; j <= mesh; j += 1) for (let i = 0; i <= mesh; i += 1) vertices.push(project(i * step[0], j * step[1]));
  const at = (i: number, j: number) => vertices[j * (mesh + 1) + i] as [number, number];
  for (let j = 0; j < mesh; j += 1) {
    for (let i = 0; i < mesh; i += 1) {
      const s = (di: number, dj: number): [number, number] => [(i + di) * step[0], (j + dj) * step[1]];
      fillTriangle(frame, label, [at(i, j), at(i + 1, j), at(i, j + 1)], [s(0, 0), s(1, 0), s(0, 1)]);
      fillTriangle(frame, label, [at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)], [s(1, 0), s(1, 1), s(0, 1)]);
    }
  }
}

type Triangle = [[number, number], [number, number], [number, number]];

function fillTriangle(frame: Gray, label: Gray, dst: Triangle, src: Triangle): void {
  const [[x0, y0], [x1, y1], [x2, y2]] = dst;
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (Math.abs(det) < 1e-9) return;
  // Label pixels under one frame pixel, along the frame's x and y: the affine map's derivatives.
  const [[u0, v0], [u1, v1], [u2, v2]] = src;
  const dudx = ((u1 - u0) * (y2 - y0) - (u2 - u0) * (y1 - y0)) / det;
  const dvdx = ((v1 - v0) * (y2 - y0) - (v2 - v0) * (y1 - y0)) / det;
  const dudy = ((u2 - u0) * (x1 - x0) - (u1 - u0) * (x2 - x0)) / det;
  const dvdy = ((v2 - v0) * (x1 - x0) - (v1 - v0) * (x2 - x0)) / det;
  const samplesX = Math.min(12, Math.max(1, Math.ceil(Math.hypot(dudx, dvdx) / 2)));
  const samplesY = Math.min(12, Math.max(1, Math.ceil(Math.hypot(dudy, dvdy) / 2)));
  const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
  const maxX = Math.min(frame.width - 1, Math.ceil(Math.max(x0, x1, x2)));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
  const maxY = Math.min(frame.height - 1, Math.ceil(Math.max(y0, y1, y2)));
  for (let py = minY; py <= maxY; py += 1) {
    for (let px = minX; px <= maxX; px += 1) {
      // Barycentric weights of the pixel centre; a small tolerance closes the seams between triangles.
      const cx = px + 0.5;
      const cy = py + 0.5;
      const b1 = ((cx - x0) * (y2 - y0) - (x2 - x0) * (cy - y0)) / det;
      const b2 = ((x1 - x0) * (cy - y0) - (cx - x0) * (y1 - y0)) / det;
      if (b1 < -1e-6 || b2 < -1e-6 || b1 + b2 > 1 + 1e-6) continue;
      let sum = 0;
      let count = 0;
      for (let sy = 0; sy < samplesY; sy += 1) {
        for (let sx = 0; sx < samplesX; sx += 1) {
          const qx = px + (sx + 0.5) / samplesX;
          const qy = py + (sy + 0.5) / samplesY;
          const w1 = ((qx - x0) * (y2 - y0) - (x2 - x0) * (qy - y0)) / det;
          const w2 = ((x1 - x0) * (qy - y0) - (qx - x0) * (y1 - y0)) / det;
          const w0 = 1 - w1 - w2;
          const value = sampleBilinear(label, w0 * u0 + w1 * u1 + w2 * u2, w0 * v0 + w1 * v1 + w2 * v2);
          if (value !== null) {
            sum += value;
            count += 1;
          }
        }
      }
      if (count > 0) frame.data[py * frame.width + px] = sum / count;
    }
  }
}

/** Defocus: a separable Gaussian blur of standard deviation `sigma` pixels. */
export function blur(image: Gray, sigma: number): void {
  if (sigma <= 0) return;
  const radius = Math.ceil(sigma * 3);
  const kernel = Float32Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  for (let i = 0; i < kernel.length; i += 1) kernel[i]! /= total;
  const { width, height } = image;
  // One pass along `count` lines of `length` samples, `step` apart; edges repeat the border sample.
  const pass = (input: Float32Array, output: Float32Array, count: number, length: number, lineStep: number, step: number) => {
    const line = new Float32Array(length + 2 * radius);
    for (let l = 0; l < count; l += 1) {
      const base = l * lineStep;
      for (let k = 0; k < line.length; k += 1) line[k] = input[base + Math.min(length - 1, Math.max(0, k - radius)) * step]!;
      for (let x = 0; x < length; x += 1) {
        let sum = 0;
        for (let k = 0; k < kernel.length; k += 1) sum += kernel[k]! * line[x + k]!;
        output[base + x * step] = sum;
      }
    }
  };
  const horizontal = new Float32Array(image.data.length);
  pass(image.data, horizontal, height, width, width, 1);
  pass(horizontal, image.data, width, height, 1, width);
}

/** Squeezes the grey levels towards `middle`: `factor` 1 leaves them, 0.1 leaves a tenth of the contrast. */
export function reduceContrast(image: Gray, factor: number, middle = 128): void {
  for (let i = 0; i < image.data.length; i += 1) image.data[i] = middle + ((image.data[i] ?? 0) - middle) * factor;
}

/** Uneven light: brighter towards (x, y) of the frame by up to `gain` of full white (a lamp, a window). */
export function light(image: Gray, x: number, y: number, radius: number, gain: number): void {
  for (let py = 0; py < image.height; py += 1) {
    for (let px = 0; px < image.width; px += 1) {
      const d2 = ((px - x) ** 2 + (py - y) ** 2) / (radius * radius);
      image.data[py * image.width + px] = (image.data[py * image.width + px] ?? 0) + 255 * gain * Math.exp(-d2);
    }
  }
}

/** Sensor noise: Gaussian, standard deviation `sigma` grey levels, from `random` (uniform in [0, 1)). */
export function addNoise(image: Gray, sigma: number, random: () => number): void {
  for (let i = 0; i < image.data.length; i += 2) {
    // Box–Muller: two independent normal deviates from two uniform ones.
    const r = sigma * Math.sqrt(-2 * Math.log(1 - random()));
    const a = 2 * Math.PI * random();
    image.data[i] = image.data[i]! + r * Math.cos(a);
    if (i + 1 < image.data.length) image.data[i + 1] = image.data[i + 1]! + r * Math.sin(a);
  }
}

/** The picture as 8-bit grey levels, clipped as a sensor clips. */
export function toBytes(image: Gray): Uint8ClampedArray {
  // A Uint8ClampedArray rounds and clips on assignment.
  const bytes = new Uint8ClampedArray(image.data.length);
  bytes.set(image.data);
  return bytes;
}

/** The picture (grey levels, float or 8-bit) as RGBA pixels, the shape of a canvas's ImageData. */
export function toRgba(image: { width: number; height: number; data: ArrayLike<number> }): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.width * image.height; i += 1) {
    data.fill(image.data[i] ?? 0, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}
