/**
 * The measuring half of scripts/bench-interpret.ts, in plain JavaScript so it
 * runs on plain Node against the built shared/dist, the code that ships.
 * (Under tsx, esbuild's keepNames wraps every nested function of
 * gs1-barcode-parser on each call and makes both figures several times slower.)
 *
 * How fast interpretScan is, beside the bare gs1-barcode-parser on the same
 * strings, in one run. Target (issue 2): the full validating interpretation
 * at least half the bare parser's rate. Also times the refusal of junk input
 * (control characters, 100,000 characters), which must take well under 1 ms.
 *
 * Run: npm run bench:interpret (builds shared first if needed)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpretScan } from '../dist/barcode/interpret-scan.js';
import { parseBarcode } from '../dist/barcode/generated/gs1-barcode-parser.js';
import { elementStringFromHri } from '../dist/barcode/scan-forms.js';

const GS = '\u001d';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { options } = JSON.parse(readFileSync(join(root, 'fixtures', 'barcodes', 'codes.json'), 'utf8'));

/*
 * A ward round: mostly drug packs (FMD DataMatrix, via camera with a leading
 * GS or via a scanner with ]d2), a wristband before each patient's drugs,
 * some older EAN-13 packs, badges, bed labels, and the odd bad scan.
 */
/** @type {Array<[weight: number, raw: string]>} */
const MIX = [
  [20, `${GS}0105099999000011172701311` + `0PCM2401${GS}21SN000000001`],
  [15, `]d20105099999000028172611001` + `0MOR-77${GS}21A1B2C3`],
  [10, `0105099999000011172701311` + `0PCM2401${GS}21SN000000002`],
  [8, `]d28018505522099900000187${GS}91RXX/MRN0012345${GS}93BLOGGS/JOE/19700101`],
  [4, '9990000026'],
  [6, '5099999000035'],
  [3, ']C18017509999900000000426'],
  [3, ']C14145060000001235'],
  [2, '(01)05099999000011(17)270131(10)PCM2401'],
  [1, '=G07152312345600=%9500'],
  [1, `]d20105099999000012172701311` + `0X`], // wrong GTIN check digit
  [1, `]d2010509999900001117271331`], // month 13
];
const strings = MIX.flatMap(([weight, raw]) => Array.from({ length: weight }, () => raw));

/**
 * Calls per second of `work` over `inputs`, for about `seconds`.
 * @param {(s: string) => unknown} work @param {string[]} inputs
 */
function ratePerSecond(work, inputs, seconds = 0.4) {
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (const s of inputs) work(s);
    count += inputs.length;
  }
  return count / ((performance.now() - start) / 1000);
}

/**
 * Measures each contender in turn, round after round, and reports the median
 * round: other processes on the machine then disturb all of them alike.
 * @param {Array<[label: string, work: (s: string) => unknown, inputs: string[]]>} contenders
 */
function medianRates(contenders, rounds = 7) {
  for (const [, work, inputs] of contenders) for (let i = 0; i < 20_000; i++) work(inputs[i % inputs.length]); // JIT warm-up
  const samples = contenders.map(() => /** @type {number[]} */ ([]));
  for (let round = 0; round < rounds; round++) {
    contenders.forEach(([, work, inputs], i) => samples[i].push(ratePerSecond(work, inputs)));
  }
  return contenders.map(([label], i) => {
    const sorted = samples[i].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const spread = `${Math.round(sorted[0]).toLocaleString('en-GB')}–${Math.round(sorted.at(-1)).toLocaleString('en-GB')}`;
    console.log(`${label.padEnd(62)} ${Math.round(median).toLocaleString('en-GB').padStart(10)} /s  (rounds ${spread})`);
    return median;
  });
}

/** @param {string} s */
function bareParser(s) {
  try {
    return parseBarcode(s);
  } catch (thrown) {
    return thrown; // it throws plain strings on unknown AIs and leading GS
  }
}

/** @param {string} label @param {string} raw */
function microsecondsPerCall(label, raw, runs = 5000) {
  interpretScan(raw, options);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = interpretScan(raw, options);
    times.push((performance.now() - t) * 1000);
    if (result.ok) throw new Error(`${label} was accepted`);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / runs;
  const p99 = times[Math.floor(runs * 0.99)];
  console.log(`${label.padEnd(62)} mean ${mean.toFixed(2).padStart(6)} µs, p99 ${p99.toFixed(2).padStart(6)} µs`);
}

/**
 * The same content in the form gs1-barcode-parser accepts: it throws on a
 * leading GS (camera decoders' FNC1) and on the (AI) form, so on those raw
 * strings its "rate" would time a refusal, not a parse.
 * @param {string} raw
 */
function parserForm(raw) {
  if (raw.startsWith(GS)) return raw.slice(1);
  if (raw.startsWith('(')) {
    const converted = elementStringFromHri(raw);
    return converted.ok ? converted.value : raw;
  }
  return raw;
}

const refusedRaw = strings.filter((s) => typeof bareParser(s) === 'string').length;
const accepted = strings.map(parserForm);
const refusedAccepted = accepted.filter((s) => typeof bareParser(s) === 'string').length;

console.log(`interpretScan benchmark: ${strings.length} strings in the mix, Node ${process.version}\n`);
const [parserRaw, parserAccepted, full] = medianRates([
  [`gs1-barcode-parser, same raw strings (throws on ${refusedRaw})`, bareParser, strings],
  [`gs1-barcode-parser, its accepted form (throws on ${refusedAccepted})`, bareParser, accepted],
  ['interpretScan, full validation, raw strings', (s) => interpretScan(s, options), strings],
]);
console.log(`\nratio interpretScan / bare parser on the same raw strings: ${(full / parserRaw).toFixed(2)} (target ≥ 0.50)`);
console.log(`ratio interpretScan / bare parser on its accepted form:    ${(full / parserAccepted).toFixed(2)} (target ≥ 0.50)\n`);

microsecondsPerCall('refuse 100,000 characters', '0'.repeat(100_000));
microsecondsPerCall('refuse control characters', `0105099999000011\u0000\u0004172701`);
microsecondsPerCall('refuse 512 characters of digits (max length)', '01' + '9'.repeat(510));
