/*
 * npm run bench:labels [-- --runs 5]
 *
 * How long the label renderer holds a core (issue 16: it shares the server's two with the bedside
 * verdicts): renderLabelsPdf on this thread, for the demo ward's sheet and for one wristband
 * reprint (the longest names a record allows), after a warm-up. Prints each run's time, the
 * median, the PDF's size and the load average (the figures mean little on a busy machine).
 */
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LIMITS } from '@wardscan/shared';
import { buildLabelSheet, readDemoWardFiles, wristbandLabelSpec } from '../server/src/labels/label-sheet.js';
import { renderLabelsPdf } from '../server/src/labels/render-labels-pdf.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sheet = buildLabelSheet(readDemoWardFiles(resolve(root, 'fixtures/demo-ward')));
// Names as long as a record allows: left out of the symbol, and the text shrinks to fit.
const wristband = wristbandLabelSpec(
  {
    id: 'bench',
    nhsNumber: '9434765919',
    mrn: 'RX999',
    birthDate: '1950-05-05',
    familyName: `Ashworth-${'Q'.repeat(LIMITS.nameMaxLength - 9)}`,
    givenName: `Maria ${'é'.repeat(LIMITS.nameMaxLength - 6)}`,
  },
  '5099999',
);

async function bench(name: string, specs: Parameters<typeof renderLabelsPdf>[0]): Promise<void> {
  let bytes = (await renderLabelsPdf(specs)).length; // warm-up: fonts, the encoder, the JIT
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    bytes = (await renderLabelsPdf(specs)).length;
    ms.push(performance.now() - t0);
  }
  const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? NaN;
  console.log(`${name.padEnd(28)} median ${median.toFixed(0).padStart(5)} ms   runs ${ms.map((m) => m.toFixed(0)).join(' ')}   ${bytes} bytes`);
}

console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await bench(`demo sheet (${sheet.length} labels)`, sheet);
await bench('wristband, longest names', [wristband]);
console.log(`load average after:  ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
