/*
 * The browser half of `npm run bench:decode` (bundled by bench-decode.ts):
 * every decoder reads every corpus frame, side by side, in the same page.
 * Each frame is on a canvas, as a camera frame is; each decoder's time runs
 * from the canvas to the raw string (reading the pixels, grey-scaling,
 * decoding), which is its whole per-frame cost in the app.
 */
import { BrowserMultiFormatReader } from '@zxing/browser';
import { createWasmFrameDecoder } from '../bedside-client/src/scanning/camera/frame-decoder.js';
import { QUICK, THOROUGH, decodeWithWasm } from '../bedside-client/src/scanning/camera/wasm-reader.js';
import { cameraHints, cameraRaw, createZxingJsDecoder } from '../bedside-client/src/scanning/camera/zxing-reader.js';

/** What one decoder made of one frame: a raw string per look (null: nothing read) and the ms each took. */
export interface Look {
  raw: string | null;
  ms: number;
}
export type FrameReads = Record<string, Look[]>;

export interface PageReport {
  userAgent: string;
  barcodeDetector: string;
  frames: FrameReads[];
}

type Decode = (canvas: HTMLCanvasElement) => Promise<string | null>;

const pixels = (canvas: HTMLCanvasElement) => canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);

async function decoders(): Promise<{ name: string; looks: number; decode: Decode }[]> {
  // The camera as configured before issue 14: @zxing/browser with the camera's hints, as decodeFromConstraints ran it on every frame.
  const today = new BrowserMultiFormatReader(cameraHints() as never);
  const fixed = createZxingJsDecoder();
  const app = await createWasmFrameDecoder();
  return [
    {
      name: 'zxing-js today',
      looks: 1,
      decode: async (canvas) => {
        try {
          const result = today.decodeFromCanvas(canvas);
          return cameraRaw(result.getBarcodeFormat(), result.getText());
        } catch {
          return null;
        }
      },
    },
    { name: 'zxing-js + fix', looks: 1, decode: async (canvas) => fixed(pixels(canvas)) },
    { name: 'wasm quick', looks: 1, decode: (canvas) => decodeWithWasm(pixels(canvas), QUICK) },
    { name: 'wasm thorough', looks: 1, decode: (canvas) => decodeWithWasm(pixels(canvas), THOROUGH) },
    // The app's decoder as the camera runs it: the symbol in view for two frames, one quick look and one thorough.
    { name: 'app: alternating', looks: 2, decode: (canvas) => app.decode(pixels(canvas)) },
  ];
}

async function frameCanvas(index: number): Promise<HTMLCanvasElement> {
  const response = await fetch(`/frame/${index}`);
  const width = Number(response.headers.get('x-width'));
  const height = Number(response.headers.get('x-height'));
  const rgba = new Uint8ClampedArray(await response.arrayBuffer());
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(rgba, width, height), 0, 0);
  return canvas;
}

async function barcodeDetector(): Promise<string> {
  const detector = (globalThis as { BarcodeDetector?: { getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (!detector) return 'not available in this browser';
  return `available (${(await detector.getSupportedFormats()).join(', ') || 'no formats'}), not compared`;
}

async function run(count: number, warmUp: number): Promise<PageReport> {
  const all = await decoders();
  const first = await frameCanvas(0);
  for (let i = 0; i < warmUp; i += 1) for (const decoder of all) await decoder.decode(first);
  const frames: FrameReads[] = [];
  let next = frameCanvas(0);
  for (let index = 0; index < count; index += 1) {
    const canvas = await next;
    if (index + 1 < count) next = frameCanvas(index + 1);
    const reads: FrameReads = {};
    for (const decoder of all) {
      reads[decoder.name] = [];
      for (let look = 0; look < decoder.looks; look += 1) {
        const started = performance.now();
        const raw = await decoder.decode(canvas);
        reads[decoder.name]!.push({ raw, ms: performance.now() - started });
      }
    }
    frames.push(reads);
  }
  return { userAgent: navigator.userAgent, barcodeDetector: await barcodeDetector(), frames };
}

(window as unknown as { runBench: typeof run }).runBench = run;
