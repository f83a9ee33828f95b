/**
 * Camera decode time per frame, in Chromium, on a generated video.
 *
 *   npm run bench:decode            (needs Debian's Chromium at /usr/bin/chromium)
 *
 * A GS1 DataMatrix drug pack is drawn with bwip-js and written as a Y4M
 * video; Chromium plays it as a fake rear camera. The page uses the client's
 * own zxing set-up (cameraHints, BrowserMultiFormatReader) and times
 * `reader.decode(video)` on each new frame: the whole per-frame cost of the
 * continuous scan (draw the frame to a canvas, binarise, locate, decode).
 * Prints median, p90 and max in ms, and how many frames decoded correctly.
 * Target: median under 15 ms.
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { writeBarcodeVideo } from '../bedside-client/e2e/harness/y4m.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const FRAMES = Number(process.env.BENCH_FRAMES ?? 150);
const WARM_UP = 10;
const PACK = '(01)05099997000013(17)351231(10)PA2611A(21)SN100001';
const EXPECTED = '\u001d01050999970000131735123110PA2611A\u001d21SN100001';

// Runs in the page: the same reader and hints the bedside app uses.
const pageSource = `
import { cameraHints, CAMERA_FORMATS } from './zxing-reader.ts';
import { BrowserMultiFormatReader } from '@zxing/browser';

window.runBench = async (frames, warmUp, expected) => {
  const video = document.querySelector('video');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  await video.play();
  const reader = new BrowserMultiFormatReader(cameraHints());
  const times = [];
  let decoded = 0;
  for (let i = 0; i < frames + warmUp; i += 1) {
    await new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
    const start = performance.now();
    let text = null;
    try { text = reader.decode(video).getText(); } catch { text = null; }
    const ms = performance.now() - start;
    if (i >= warmUp) { times.push(ms); if (text === expected) decoded += 1; }
  }
  return { times, decoded, width: video.videoWidth, height: video.videoHeight, formats: CAMERA_FORMATS.length };
};
`;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-bench-decode-'));
  const server = createServer();
  const browser = await (async () => {
    const video = join(dir, 'pack.y4m');
    await writeBarcodeVideo(video, 'gs1datamatrix', PACK, { width: 640, height: 480, frames: 30, fps: 30, scale: 6 });
    const bundle = await build({
      stdin: { contents: pageSource, resolveDir: join(repo, 'bedside-client/src/scanning/camera'), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      target: 'es2022',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    const html = `<!doctype html><meta charset="utf-8"><video muted playsinline></video><script type="module">${script}</script>`;
    server.on('request', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  })();
  try {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'runBench' in window);
    const result = await page.evaluate(
      ([frames, warmUp, expected]) =>
        (window as unknown as { runBench: (f: number, w: number, e: string) => Promise<{ times: number[]; decoded: number; width: number; height: number }> }).runBench(
          frames as number,
          warmUp as number,
          expected as string,
        ),
      [FRAMES, WARM_UP, EXPECTED] as const,
    );
    const sorted = [...result.times].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const p90 = percentile(sorted, 90);
    console.log(`camera decode per frame, Chromium ${browser.version()}, ${result.width}×${result.height} fake camera, GS1 DataMatrix pack`);
    console.log(`frames: ${sorted.length} (after ${WARM_UP} warm-up), decoded correctly: ${result.decoded}/${sorted.length}`);
    console.log(`median ${median.toFixed(2)} ms · p90 ${p90.toFixed(2)} ms · min ${sorted[0]?.toFixed(2)} ms · max ${sorted.at(-1)?.toFixed(2)} ms`);
    console.log(`target median < 15 ms: ${median < 15 ? 'met' : 'NOT met'}`);
    if (result.decoded === 0) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
