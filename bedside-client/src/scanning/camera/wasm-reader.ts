/// <reference types="vite/client" />
/*
 * The camera's decoder: ZXing-C++ compiled to WebAssembly (zxing-wasm, reader
 * build). On camera-like pictures it reads about twice what @zxing/library
 * did, in half the time (npm run bench:decode).
 *
 * Its .wasm is one of our own built assets, served by the Wardscan server and
 * kept by the service worker with the rest of the app: the handheld fetches
 * nothing from a CDN (zxing-wasm's default), and the camera still works on a
 * ward with no internet. The CSP allows compiling it with 'wasm-unsafe-eval'.
 */
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions, type ReadResult, type ZXingModuleOverrides } from 'zxing-wasm/reader';
// Vite copies the .wasm into the build's assets and gives its URL (the bench's bundler does the same).
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** The symbologies a ward meets: GS1 DataMatrix packs and wristbands, GS1-128, EAN-13, Code 128, QR, Codabar (UK blood). */
export const WASM_FORMATS = ['DataMatrix', 'Code128', 'EAN13', 'QRCode', 'Codabar'] as const satisfies ReaderOptions['formats'];

const common = {
  formats: [...WASM_FORMATS],
  // Plain: the data as encoded, GS1 separators as GS; the AIM identifier comes separately.
  textMode: 'Plain',
  maxNumberOfSymbols: 1,
  // Also look at the frame at half size, down to 240 px: averaging four pixels into one halves the
  // sensor noise, and on the bench corpus reads far more noisy frames (640×480: the default
  // 500 px threshold never downscales a VGA camera's frames at all).
  tryDownscale: true,
  downscaleFactor: 2,
  downscaleThreshold: 240,
} as const satisfies ReaderOptions;

/** A quick look: few scan lines, the symbol at any quarter turn, dark on light. */
export const QUICK: ReaderOptions = { ...common, tryHarder: false, tryRotate: true, tryInvert: false };

/**
 * A hard look: many more scan lines, and light-on-dark symbols too. Not
 * turned: the quick look on the next frame does that, and on the bench
 * corpus the pair reads as much as a thorough look that also turns, with
 * half its slowest frames' time. (tryDenoise read nothing more, at a cost.)
 */
export const THOROUGH: ReaderOptions = { ...common, tryHarder: true, tryRotate: false, tryInvert: true, tryDenoise: false };

/** Our own URL for the .wasm (a hashed asset of the client build). */
export const OWN_WASM: ZXingModuleOverrides = {
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
};

/**
 * Fetches and compiles the decoder now, so the first camera frame is not
 * kept waiting, and so a failure (no WebAssembly, blocked by policy, the
 * file missing) is known before the camera starts. Rejects on failure.
 */
export async function loadWasmReader(overrides: ZXingModuleOverrides = OWN_WASM): Promise<void> {
  try {
    await prepareZXingModule({ overrides, fireImmediately: true });
  } catch (error) {
    // zxing-wasm keeps the failed attempt; forget it, so the next camera start tries again.
    purgeZXingModule();
    throw error;
  }
}

/**
 * The raw string the app sends for a read: the AIM symbology identifier
 * (`]d2` GS1 DataMatrix, `]C1` GS1-128, `]C0` Code 128, `]E0` EAN-13, `]Q1`
 * QR, `]Q3` GS1 QR, `]F0` Codabar…) and the data, GS between GS1 elements;
 * what a scanner with AIM identifiers on sends, and what interpretScan reads.
 */
export function wasmRaw(result: Pick<ReadResult, 'symbologyIdentifier' | 'text'>): string {
  return result.symbologyIdentifier + result.text;
}

/** The first symbol read in `image` as a raw string, or null. */
export async function decodeWithWasm(image: ImageData, options: ReaderOptions): Promise<string | null> {
  const [result] = await readBarcodes(image, options);
  return result ? wasmRaw(result) : null;
}
