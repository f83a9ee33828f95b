/*
 * The camera decode robustness corpus: 7 symbols a ward meets × 10 kinds of
 * degradation × 8 grades = 560 camera-like 640×480 frames, the same on every
 * run (seeded PRNG). Each frame carries the raw string the app must send for
 * it (AIM symbology identifier + data, GS between GS1 elements), so a decoder
 * is scored on exact reads and on wrong reads.
 *
 * Every frame has a mild, random everyday pose (a few degrees of turn and
 * tilt, slight defocus, some noise, a background of random grey that is often
 * darker than the label); one degradation is then graded from mild (1) to
 * severe (8).
 */
import { withGs1CheckDigit } from '../shared/src/barcode/gs1-check-digit.js';
import { mod37_2CheckValue } from '../shared/src/barcode/iso7064-mod37-2.js';
import { nhsCheckDigit, patientGsrn } from '../shared/src/barcode/nhs-number.js';
import {
  addNoise,
  blur,
  drawLabel,
  grayImage,
  light,
  reduceContrast,
  renderLabel,
  toBytes,
  type LabelOptions,
  type Pose,
} from '../bedside-client/e2e/harness/images.js';

export const FRAME = { width: 640, height: 480 } as const;
const GS = '\u001d';
const DEGREE = Math.PI / 180;

/** Mulberry32: a small, fast, seeded PRNG; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + (high - low) * random();
const digits = (random: Random, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A never-issued NHS Number (999 range) with a valid check digit. */
function nhsNumber(random: Random): string {
  for (;;) {
    const first = `999${digits(random, 6)}`;
    const check = nhsCheckDigit(first);
    if (check !== null) return `${first}${check}`;
  }
}

/** What is drawn (bwip-js `bcid` and text) and what the app must send for it. */
interface Content {
  bcid: string;
  text: string;
  raw: string;
  linear: boolean;
}

/** GS1 element string: GS after every element whose AI has no predefined length, except the last (GS1 General Specifications 7.8.5). */
function gs1(elements: [ai: string, value: string][]): { hri: string; data: string } {
  const predefined = /^(0[0-3]|1[1-7]|20|3[1-6]\d\d|41\d)$/;
  const data = elements.map(([ai, value], i) => ai + value + (i < elements.length - 1 && !predefined.test(ai) ? GS : '')).join('');
  return { hri: elements.map(([ai, value]) => `(${ai})${value}`).join(''), data };
}

const SYMBOLS = {
  'wristband DataMatrix': (random: Random): Content => {
    const { hri, data } = gs1([
      // DCB1077: GSRN = NHS GS1 company prefix (the demo's 5099999) + NHS Number + check digit.
      ['8018', patientGsrn('5099999', nhsNumber(random))],
      ['91', `RXX/MRN${digits(random, 7)}`],
      ['93', `${pick(random, ['MORROW', 'QUILL', 'FENWICK', 'HARLOW'])}/${pick(random, ['AGNES', 'BERNARD', 'CLARA'])}/19${digits(random, 2)}0${1 + Math.floor(random() * 9)}1${Math.floor(random() * 10)}`],
    ]);
    return { bcid: 'gs1datamatrix', text: hri, raw: `]d2${data}`, linear: false };
  },
  'drug pack DataMatrix': (random: Random): Content => {
    const { hri, data } = gs1([
      ['01', withGs1CheckDigit(`0509999700${digits(random, 3)}`)],
      ['17', `3${1 + Math.floor(random() * 8)}${pick(random, ['01', '06', '12'])}${pick(random, ['00', '15', '28'])}`],
      ['10', `PA${digits(random, 4)}${pick(random, ['A', 'B', 'C'])}`],
      ['21', `SN${digits(random, 8)}`],
    ]);
    return { bcid: 'gs1datamatrix', text: hri, raw: `]d2${data}`, linear: false };
  },
  'GS1-128 bed label': (random: Random): Content => {
    const { hri, data } = gs1([['414', withGs1CheckDigit(`5099999${digits(random, 5)}`)]]);
    return { bcid: 'gs1-128', text: hri, raw: `]C1${data}`, linear: true };
  },
  'EAN-13 pack': (random: Random): Content => {
    const gtin = withGs1CheckDigit(`5099997${digits(random, 5)}`);
    return { bcid: 'ean13', text: gtin, raw: `]E0${gtin}`, linear: true };
  },
  'Code 128 NHS Number': (random: Random): Content => {
    const nhs = nhsNumber(random);
    return { bcid: 'code128', text: nhs, raw: `]C0${nhs}`, linear: true };
  },
  'QR NHS Number': (random: Random): Content => {
    const nhs = nhsNumber(random);
    return { bcid: 'qrcode', text: nhs, raw: `]Q1${nhs}`, linear: false };
  },
  'ISBT 128 DIN': (random: Random): Content => {
    // Flags 60–96 carry the DIN's ISO 7064 mod 37-2 check (ISBT 128 ST-001).
    const din = `G${digits(random, 4)}26${digits(random, 6)}`;
    const text = `=${din}${60 + (mod37_2CheckValue(din) ?? 0)}`;
    return { bcid: 'code128', text, raw: `]C0${text}`, linear: true };
  },
} as const;

export type SymbolName = keyof typeof SYMBOLS;
export const SYMBOL_NAMES = Object.keys(SYMBOLS) as SymbolName[];

/** The scene before degradation: pose of the label, picture quality, background. */
interface Scene {
  pose: Pose;
  label: LabelOptions;
  blur: number;
  noise: number;
  contrast: number;
  glare: number;
  background: number;
}

/** Grade 1 (mild) … 8 (severe) of each degradation, applied to an everyday scene. */
const DEGRADATIONS = {
  rotation: (scene: Scene, g: number, random: Random) => {
    scene.pose.rotation = (random() < 0.5 ? -1 : 1) * [10, 20, 30, 40, 50, 60, 75, 90][g - 1]! * DEGREE;
  },
  tilt: (scene: Scene, g: number, random: Random) => {
    scene.pose.tilt = [15, 22, 30, 36, 42, 48, 54, 60][g - 1]! * DEGREE;
    scene.pose.tiltAxis = between(random, 0, Math.PI);
    scene.pose.focal = 500;
  },
  blur: (scene: Scene, g: number) => {
    scene.blur = [0.9, 1.2, 1.5, 1.8, 2.1, 2.5, 2.9, 3.4][g - 1]!;
  },
  noise: (scene: Scene, g: number) => {
    scene.noise = [8, 13, 18, 24, 30, 37, 45, 55][g - 1]!;
  },
  contrast: (scene: Scene, g: number) => {
    scene.contrast = [0.6, 0.45, 0.35, 0.27, 0.2, 0.15, 0.11, 0.08][g - 1]!;
  },
  glare: (scene: Scene, g: number) => {
    scene.glare = [0.25, 0.4, 0.55, 0.7, 0.85, 1, 1.2, 1.4][g - 1]!;
  },
  curvature: (scene: Scene, g: number) => {
    scene.pose.wrap = [40, 60, 80, 100, 120, 140, 160, 180][g - 1]! * DEGREE;
  },
  'small modules': (scene: Scene, g: number) => {
    scene.pose.modulePx = [2.2, 1.9, 1.7, 1.5, 1.35, 1.2, 1.1, 1][g - 1]!;
  },
  'off-centre': (scene: Scene, g: number, random: Random) => {
    const reach = [0.3, 0.45, 0.6, 0.7, 0.8, 0.87, 0.93, 1][g - 1]!;
    const angle = between(random, 0, 2 * Math.PI);
    scene.pose.x = FRAME.width / 2 + Math.cos(angle) * reach * FRAME.width * 0.4;
    scene.pose.y = FRAME.height / 2 + Math.sin(angle) * reach * FRAME.height * 0.4;
  },
  'dark edge': (scene: Scene, g: number) => {
    scene.label.darkEdgeGap = [10, 8, 7, 6, 5, 4, 3, 2][g - 1]!;
  },
} as const;

export type DegradationName = keyof typeof DEGRADATIONS;
export const DEGRADATION_NAMES = Object.keys(DEGRADATIONS) as DegradationName[];
export const GRADES = 8;

export interface CorpusFrame {
  index: number;
  symbol: SymbolName;
  degradation: DegradationName;
  grade: number;
  /** What the app must send for this symbol. */
  raw: string;
  width: number;
  height: number;
  /** 8-bit grey levels, row by row. */
  luma: Uint8ClampedArray;
}

export const CORPUS_SIZE = SYMBOL_NAMES.length * DEGRADATION_NAMES.length * GRADES;

function everydayScene(content: Content, random: Random): Scene {
  return {
    pose: {
      x: FRAME.width / 2 + between(random, -40, 40),
      y: FRAME.height / 2 + between(random, -30, 30),
      modulePx: content.linear ? between(random, 2.6, 3.4) : between(random, 4, 6),
      rotation: between(random, -4, 4) * DEGREE,
      tilt: between(random, 0, 8) * DEGREE,
      tiltAxis: between(random, 0, Math.PI),
      focal: 700,
    },
    label: { quietZone: content.linear ? between(random, 6, 10) : between(random, 1.5, 3), barHeight: 28 },
    blur: between(random, 0.5, 0.8),
    noise: between(random, 2, 5),
    contrast: between(random, 0.75, 1),
    glare: 0,
    background: between(random, 30, 200),
  };
}

/** Frame `index` (0 … CORPUS_SIZE − 1) of the corpus drawn from `seed`. */
export async function corpusFrame(index: number, seed = 14): Promise<CorpusFrame> {
  const perSymbol = DEGRADATION_NAMES.length * GRADES;
  const symbol = SYMBOL_NAMES[Math.floor(index / perSymbol)]!;
  const degradation = DEGRADATION_NAMES[Math.floor((index % perSymbol) / GRADES)]!;
  const grade = (index % GRADES) + 1;
  // One stream per frame: a frame does not change when another is added or drawn out of order.
  const random = seededRandom(seed * 100_003 + index * 7919);
  const content = SYMBOLS[symbol](random);
  const scene = everydayScene(content, random);
  DEGRADATIONS[degradation](scene, grade, random);

  const label = await renderLabel(content.bcid, content.text, scene.label);
  const frame = grayImage(FRAME.width, FRAME.height, scene.background);
  drawLabel(frame, label, scene.pose);
  reduceContrast(frame, scene.contrast, between(random, 90, 160));
  if (scene.glare > 0) {
    // A specular highlight on the symbol, about a third of its size, off its centre.
    const size = (label.width * scene.pose.modulePx) / label.modulePx;
    light(frame, scene.pose.x + between(random, -0.2, 0.2) * size, scene.pose.y + between(random, -0.2, 0.2) * size, size / 3, scene.glare);
  }
  blur(frame, scene.blur);
  addNoise(frame, scene.noise, random);
  return { index, symbol, degradation, grade, raw: content.raw, ...FRAME, luma: toBytes(frame) };
}
