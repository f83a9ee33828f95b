/**
 * Camera decode robustness, in Chromium, every decoder side by side.
 *
 *   npm run bench:decode            (needs Debian's Chromium at /usr/bin/chromium)
 *   BENCH_STRIDE=5 npm run bench:decode     (every 5th frame only: a quick look)
 *   BENCH_SEED=7 npm run bench:decode       (another corpus: the decoders' options were tuned on seed 14)
 *
 * The corpus (decode-corpus.ts) is 560 camera-like frames: 7 symbols a ward
 * meets × 10 degradations × 8 grades, the same on every run. A page in
 * headless Chromium (bench-decode-page.ts) puts each frame on a canvas and
 * decodes it with:
 *   zxing-js today     @zxing/browser as the camera was configured before issue 14
 *   zxing-js + fix     the app's fallback (no WebAssembly): zxing-js with the Code 128 start-pattern fix
 *   wasm quick         zxing-wasm, the app's quick look
 *   wasm thorough      zxing-wasm, the app's thorough look
 *   app: alternating   the app's decoder as the camera runs it, the symbol in view for two frames
 * and prints the share of frames read correctly per degradation and per
 * symbol, the wrong reads (a raw string other than the symbol's: must be 0
 * for the app's decoders) and the time per frame.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { toRgba } from '../bedside-client/e2e/harness/images.js';
import { CORPUS_SIZE, DEGRADATION_NAMES, GRADES, SYMBOL_NAMES, corpusFrame, type CorpusFrame } from './decode-corpus.js';
import type { FrameReads, PageReport } from './bench-decode-page.js';

const STRIDE = Math.max(1, Number(process.env.BENCH_STRIDE ?? 1));
const SEED = Number(process.env.BENCH_SEED ?? 14);
const WARM_UP = 3;
const OURS = ['zxing-js + fix', 'wasm quick', 'wasm thorough', 'app: alternating'];

async function pageScript(): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./bench-decode-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: 'es2022',
    plugins: [
      {
        // Vite's `?url` import of the decoder's .wasm: here it is served by the bench's own server.
        name: 'wasm-url',
        setup(builder) {
          builder.onResolve({ filter: /\.wasm\?url$/ }, (args) => ({ path: args.path, namespace: 'wasm-url' }));
          builder.onLoad({ filter: /.*/, namespace: 'wasm-url' }, () => ({ contents: 'export default "/zxing_reader.wasm";', loader: 'js' }));
        },
      },
    ],
  });
  return bundle.outputFiles[0]?.text ?? '';
}

/** Right: the symbol's raw string (a trailing GS, which zxing-js 0.21 may add and interpretScan drops, aside). */
const isRight = (raw: string, frame: CorpusFrame) => raw.replace(/\u001d$/, '') === frame.raw;

interface Score {
  read: number;
  wrong: number;
  frames: number;
}

function score(frames: CorpusFrame[], reads: FrameReads[], decoder: string, keep: (frame: CorpusFrame) => boolean): Score {
  const result = { read: 0, wrong: 0, frames: 0 };
  frames.forEach((frame, i) => {
    if (!keep(frame)) return;
    const looks = reads[i]?.[decoder] ?? [];
    result.frames += 1;
    if (looks.some((look) => look.raw !== null && isRight(look.raw, frame))) result.read += 1;
    result.wrong += looks.filter((look) => look.raw !== null && !isRight(look.raw, frame)).length;
  });
  return result;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

const pad = (text: string) => text.padEnd(26);
const cell = (text: string) => text.padStart(17);

function table(title: string, rows: { name: string; keep: (frame: CorpusFrame) => boolean }[], frames: CorpusFrame[], reads: FrameReads[], names: string[]): void {
  console.log(`\n${title}`);
  console.log(pad('') + names.map(cell).join(''));
  for (const row of rows) {
    const scores = names.map((name) => score(frames, reads, name, row.keep));
    if ((scores[0]?.frames ?? 0) === 0) continue;
    console.log(pad(`${row.name} (${scores[0]?.frames})`) + scores.map((s) => cell(`${((100 * s.read) / s.frames).toFixed(0)}%`)).join(''));
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const frames: CorpusFrame[] = [];
  for (let index = 0; index < CORPUS_SIZE; index += STRIDE) frames.push(await corpusFrame(index, SEED));
  const generated = performance.now();
  const script = await pageScript();
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  const server = createServer((req, res) => {
    const frame = /^\/frame\/(\d+)$/.exec(req.url ?? '');
    if (frame) {
      const found = frames[Number(frame[1])];
      if (!found) return void res.writeHead(404).end();
      const { width, height, data } = toRgba({ ...found, data: found.luma });
      return void res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'X-Width': width, 'X-Height': height }).end(Buffer.from(data.buffer));
    }
    if (req.url === '/zxing_reader.wasm') return void res.writeHead(200, { 'Content-Type': 'application/wasm' }).end(wasm);
    if (req.url === '/bench.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const address = server.address();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    await page.waitForFunction(() => 'runBench' in window);
    const report = await page.evaluate(
      ([count, warmUp]) => (window as unknown as { runBench: (c: number, w: number) => Promise<PageReport> }).runBench(count, warmUp),
      [frames.length, WARM_UP] as const,
    );
    const names = Object.keys(report.frames[0] ?? {});
    console.log(`Camera decode robustness: ${frames.length} of ${CORPUS_SIZE} frames (${SYMBOL_NAMES.length} symbols × ${DEGRADATION_NAMES.length} degradations × ${GRADES} grades, seed ${SEED}), 640×480`);
    console.log(`Chromium ${browser.version()} headless; corpus drawn in ${((generated - started) / 1000).toFixed(0)} s, decoded in ${((performance.now() - generated) / 1000).toFixed(0)} s`);
    console.log(`BarcodeDetector: ${report.barcodeDetector}`);
    console.log('"app: alternating" gets two frames of each picture (a quick look, then a thorough one); the others one.');

    table('Read correctly, by degradation (grades 1–8)', DEGRADATION_NAMES.map((name) => ({ name, keep: (f: CorpusFrame) => f.degradation === name })), frames, report.frames, names);
    table('Read correctly, by symbol', SYMBOL_NAMES.map((name) => ({ name, keep: (f: CorpusFrame) => f.symbol === name })), frames, report.frames, names);
    table('Read correctly, by grade (all degradations)', Array.from({ length: GRADES }, (_, g) => ({ name: `grade ${g + 1}`, keep: (f: CorpusFrame) => f.grade === g + 1 })), frames, report.frames, names);
    table('Read correctly, all', [{ name: 'all', keep: () => true }], frames, report.frames, names);

    console.log(`\n${pad('Wrong reads (looks)')}${names.map((name) => cell(String(score(frames, report.frames, name, () => true).wrong))).join('')}`);
    for (const [label, p] of [['ms per frame, median', 50], ['ms per frame, p90', 90]] as const) {
      const times = names.map((name) => report.frames.flatMap((reads) => (reads[name] ?? []).map((look) => look.ms)).sort((a, b) => a - b));
      console.log(pad(label) + times.map((sorted) => cell(percentile(sorted, p).toFixed(1))).join(''));
    }
    const wrongOurs = OURS.filter((name) => score(frames, report.frames, name, () => true).wrong > 0);
    if (wrongOurs.length > 0) {
      console.log(`\nWRONG READS by ${wrongOurs.join(', ')}:`);
      frames.forEach((frame, i) => {
        for (const name of wrongOurs) {
          for (const look of report.frames[i]?.[name] ?? []) {
            if (look.raw !== null && !isRight(look.raw, frame)) console.log(`  #${frame.index} ${frame.symbol}, ${frame.degradation} ${frame.grade}: ${JSON.stringify(look.raw)} for ${JSON.stringify(frame.raw)}`);
          }
        }
      });
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
