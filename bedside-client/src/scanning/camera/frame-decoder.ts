/*
 * Which decoder reads the camera's frames, and how hard it looks at each.
 *
 * A thorough look (many more scan lines, inverted symbols) takes several times a
 * quick one. Done on every frame it would make a slow handheld lag behind
 * the hand; never done, it misses faint, noisy, off-centre and small symbols. So the
 * frames alternate: a quick look, then a thorough one. A symbol held in view
 * for a few frames gets both, and the camera never waits more than one
 * thorough look for the next frame.
 */

/** One frame in, the raw string of the symbol read (AIM identifier + data), or null. */
export type FrameDecode = (image: ImageData) => Promise<string | null>;

export interface FrameDecoder {
  readonly engine: 'zxing-wasm' | 'zxing-js';
  readonly decode: FrameDecode;
}

/** Quick and thorough decodes on alternate frames, starting quick. */
export function alternate(quick: FrameDecode, thorough: FrameDecode): FrameDecode {
  let frame = 0;
  return (image) => (frame++ % 2 === 0 ? quick : thorough)(image);
}

/** zxing-wasm, alternating quick and thorough; its modules are loaded only when the camera starts. */
export async function createWasmFrameDecoder(): Promise<FrameDecoder> {
  const { QUICK, THOROUGH, decodeWithWasm, loadWasmReader } = await import('./wasm-reader.js');
  await loadWasmReader();
  return { engine: 'zxing-wasm', decode: alternate((image) => decodeWithWasm(image, QUICK), (image) => decodeWithWasm(image, THOROUGH)) };
}

/** zxing-js, for a browser without WebAssembly (or where it is blocked). */
export async function createZxingJsFrameDecoder(): Promise<FrameDecoder> {
  const { createZxingJsDecoder } = await import('./zxing-reader.js');
  const decode = createZxingJsDecoder();
  return { engine: 'zxing-js', decode: async (image) => decode(image) };
}

/**
 * zxing-wasm where the browser can run it, else zxing-js. BarcodeDetector is
 * not used: Chromium on Linux and Windows has none, and where it exists
 * (Android, macOS) no test here shows it reads as well as zxing-wasm.
 */
export async function createFrameDecoder(): Promise<FrameDecoder> {
  if (typeof WebAssembly === 'object') {
    try {
      return await createWasmFrameDecoder();
    } catch {
      // Blocked by policy, file unreachable, out of memory: the camera still works, more slowly.
    }
  }
  return createZxingJsFrameDecoder();
}
