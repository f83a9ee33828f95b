/*
 * Learns a scanner's settings from one scan of a known symbol: the keys it
 * sent are lined up against the characters it must have meant, which
 * shows its prefix and suffix, whether it sends an AIM identifier, how it
 * sends GS, and which characters the keyboard layout changed on the way.
 * Pure: recorded keystrokes in, a profile and findings out.
 */
import { LAYOUT_IDS, layoutChar, type LayoutId } from './keyboard-layouts.js';
import { createProfiledDecoder, GS, meantChar, type GsForm, type LayoutCorrection, type ScannerProfile } from './scanner-profile.js';
import { describeToken, readKeys, type KeyToken, type RecordedKey } from './scanner-keys.js';

/** What the test scan showed, each with its own fix (scanner-advice.ts words it). */
export type Finding =
  | { kind: 'layout-corrected'; scanner: LayoutId | null; host: LayoutId | null; examples: CharExample[] }
  /** No known layout explains the changed characters: only those on the test symbol can be corrected. */
  | { kind: 'layout-partial'; examples: CharExample[] }
  | { kind: 'gs-ok'; shown: string }
  /** `safe`: the substitute cannot occur in GS1 data (a character outside GS1's set 82). */
  | { kind: 'gs-substitute'; text: string; safe: boolean }
  | { kind: 'gs-key'; key: string }
  | { kind: 'gs-missing' }
  | { kind: 'aim-on'; identifier: string }
  | { kind: 'aim-off' }
  | { kind: 'prefix'; shown: string }
  | { kind: 'suffix'; shown: string }
  | { kind: 'terminator'; key: 'Enter' | 'Tab' }
  | { kind: 'no-terminator' }
  | { kind: 'keys-after-terminator'; shown: string }
  | { kind: 'slow'; maxGapMs: number; allowedMs: number }
  | { kind: 'dead-keys' }
  | { kind: 'not-test-symbol'; received: string };

export interface CharExample {
  meant: string;
  received: string;
}

export type LearnResult = { ok: true; profile: ScannerProfile; findings: Finding[] } | { ok: false; findings: Finding[] };

export interface LearnOptions {
  /** What the test symbol holds, AIM identifier first, GS as ASCII 29. */
  expected: string;
  /** The ward's longest gap between a scanner's keys (ClientConfig.scannerMaxKeyGapMs). */
  maxKeyGapMs: number;
  now: Date;
}

type DataToken = Extract<KeyToken, { kind: 'char' | 'alt-code' }>;

interface Alignment {
  prefix: KeyToken[];
  aim: boolean;
  pairs: [DataToken, string][];
  gs: KeyToken[];
  suffix: KeyToken[];
}

// GS1 General Specifications, figure 7.11-1: the characters allowed in AI values (set 82).
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]$/;
const MAX_GS_KEYS = 4;

const isData = (token: KeyToken | undefined): token is DataToken => token?.kind === 'char' || token?.kind === 'alt-code';
const readingOf = (token: DataToken): string => (token.kind === 'char' ? token.key : token.char);
const signature = (tokens: readonly KeyToken[]): string => tokens.map((t) => `${t.kind}:${describeToken(t)}:${'code' in t ? (t.code ?? '') : ''}`).join('|');

/** Lines the keys up with the expected text: `p` keys of prefix, AIM identifier or not, `g` keys per GS. */
function align(tokens: readonly KeyToken[], aim: string, body: string, p: number, withAim: boolean, g: number): Alignment | null {
  let i = p;
  const pairs: [DataToken, string][] = [];
  const gsGroups: KeyToken[][] = [];
  for (const char of withAim ? [...aim, ...body] : [...body]) {
    if (char === GS) {
      const group = tokens.slice(i, i + g);
      if (group.length < g || group.some((t) => t.kind === 'terminator')) return null;
      gsGroups.push(group);
      i += g;
    } else {
      const token = tokens[i];
      if (!isData(token)) return null;
      pairs.push([token, char]);
      i += 1;
    }
  }
  const prefix = tokens.slice(0, p);
  if (prefix.some((t) => t.kind === 'terminator')) return null;
  if (new Set(gsGroups.map(signature)).size > 1) return null;
  // One received character means one character, and each meant character arrives one way.
  const meant = new Map<string, string>();
  const received = new Map<string, string>();
  for (const [token, char] of pairs) {
    const reading = readingOf(token);
    if ((meant.get(reading) ?? char) !== char || (received.get(char) ?? reading) !== reading) return null;
    meant.set(reading, char);
    received.set(char, reading);
  }
  return { prefix, aim: withAim, pairs, gs: gsGroups[0] ?? [], suffix: tokens.slice(i) };
}

/** The most natural line-up: most characters arriving unchanged, then the fewest keys left over as prefix, suffix and GS. */
function bestAlignment(tokens: readonly KeyToken[], expected: string): Alignment | null {
  const aim = /^\][A-Za-z][0-9]/.test(expected) ? expected.slice(0, 3) : '';
  const body = expected.slice(aim.length);
  let best: { alignment: Alignment; score: [number, number] } | null = null;
  for (const withAim of aim ? [true, false] : [false]) {
    for (let g = 0; g <= (body.includes(GS) ? MAX_GS_KEYS : 0); g += 1) {
      for (let p = 0; p < tokens.length; p += 1) {
        const alignment = align(tokens, aim, body, p, withAim, g);
        if (!alignment) continue;
        const unchanged = alignment.pairs.filter(([token, char]) => readingOf(token) === char).length;
        const score: [number, number] = [unchanged, -(p + alignment.suffix.length + g)];
        if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { alignment, score };
      }
    }
  }
  return best?.alignment ?? null;
}

/** Which layout the scanner types in (every key position gives the meant character) and which the keyboard uses. */
function layoutCorrection(pairs: readonly [DataToken, string][]): { layout: LayoutCorrection | null; examples: CharExample[] } {
  const changed = pairs.filter(([token, char]) => readingOf(token) !== char);
  if (changed.length === 0) return { layout: null, examples: [] };
  const charMap = Object.fromEntries(changed.map(([token, char]) => [readingOf(token), char]));
  const examples = Object.entries(charMap)
    .map(([received, meant]) => ({ meant, received }))
    .sort((a, b) => Number(/[A-Za-z0-9]/.test(a.meant)) - Number(/[A-Za-z0-9]/.test(b.meant)))
    .slice(0, 3);
  const keyed = pairs.flatMap(([token, char]) => (token.kind === 'char' && token.code ? [{ token, char, code: token.code }] : []));
  const changedAllKeyed = changed.every(([token]) => token.kind === 'char' && token.code);
  const fits = (read: (pair: (typeof keyed)[number]) => string) => (id: LayoutId) =>
    keyed.every((pair) => layoutChar(id, pair.code, pair.token.shift) === read(pair));
  const scanner = changedAllKeyed ? (LAYOUT_IDS.find(fits((pair) => pair.char)) ?? null) : null;
  const host = LAYOUT_IDS.filter((id) => id !== scanner).find(fits((pair) => pair.token.key)) ?? null;
  return { layout: { scanner, host, charMap }, examples };
}

function gsFormOf(tokens: readonly KeyToken[], layout: LayoutCorrection | null): GsForm {
  const [only] = tokens;
  if (only === undefined) return { kind: 'missing' };
  if (tokens.length === 1) {
    if (only.kind === 'gs' || (only.kind === 'alt-code' && only.char === GS)) return { kind: only.kind === 'gs' ? 'control' : 'alt-code' };
    if (only.kind === 'ctrl') return { kind: 'ctrl', key: only.key, code: only.code ?? null };
    if (only.kind === 'named') return { kind: 'key', key: only.key };
  }
  const text = meantText(tokens, layout);
  const named = tokens.find((t) => t.kind === 'named');
  if (text === '' && named) return { kind: 'key', key: describeToken(named) };
  return text === '' ? { kind: 'missing' } : { kind: 'text', text };
}

/** The characters keys meant, as the profiled decoder will read them (keys that type none drop out). */
function meantText(tokens: readonly KeyToken[], layout: LayoutCorrection | null): string {
  return tokens
    .map((t) => (t.kind === 'char' ? meantChar(layout, t) : t.kind === 'alt-code' ? t.char : t.kind === 'gs' ? GS : ''))
    .join('');
}

function gsFinding(gs: GsForm, shown: string): Finding {
  switch (gs.kind) {
    case 'control':
    case 'ctrl':
    case 'alt-code':
      return { kind: 'gs-ok', shown };
    case 'key':
      return { kind: 'gs-key', key: gs.key };
    case 'text':
      return { kind: 'gs-substitute', text: gs.text, safe: [...gs.text].some((c) => !CSET82.test(c)) };
    case 'missing':
      return { kind: 'gs-missing' };
    default: {
      const unreachable: never = gs;
      return unreachable;
    }
  }
}

/** The longest gap between the keys the wedge decoder reads (modifier presses are not among them), up to the first Enter or Tab. */
/** Ctrl+] is GS in a US keyboard's terms; on other layouts the same key has another character. */
function describeGsKey(token: KeyToken): string {
  if (token.kind === 'ctrl' && token.code === 'BracketRight' && token.key !== ']') return `Ctrl+] (Ctrl and the “${token.key}” key on this keyboard)`;
  return token.kind === 'alt-code' ? `${describeToken(token)} on the numeric keypad` : describeToken(token);
}

function longestGap(tokens: readonly KeyToken[]): number {
  const end = tokens.findIndex((t) => t.kind === 'terminator');
  const burst = end < 0 ? tokens : tokens.slice(0, end + 1);
  return burst.reduce((max, t, i) => (i === 0 ? 0 : Math.max(max, t.at - burst[i - 1]!.at)), 0);
}

/** Learns the scanner's profile from the keys it sent for the test symbol. */
export function learnScannerProfile(events: readonly RecordedKey[], options: LearnOptions): LearnResult {
  const tokens = readKeys(events);
  const received = tokens.map(describeToken).join(' ');
  if (tokens.some((t) => t.kind === 'named' && t.key === 'Dead')) return { ok: false, findings: [{ kind: 'dead-keys' }] };
  const alignment = bestAlignment(tokens, options.expected);
  if (!alignment) return { ok: false, findings: [{ kind: 'not-test-symbol', received }] };

  const { layout, examples } = layoutCorrection(alignment.pairs);
  const gs = gsFormOf(alignment.gs, layout);
  const end = alignment.suffix.findIndex((t) => t.kind === 'terminator');
  const beforeEnd = end < 0 ? alignment.suffix : alignment.suffix.slice(0, end);
  const afterEnd = end < 0 ? [] : alignment.suffix.slice(end + 1);
  const terminator = end < 0 ? null : (alignment.suffix[end] as Extract<KeyToken, { kind: 'terminator' }>).key;
  // A scanner that sends FNC1 first as GS: interpretScan takes a leading GS, so it is no prefix.
  const leadingGs = alignment.prefix.length > 0 && signature(alignment.prefix) === signature(alignment.gs);
  const prefix = leadingGs ? [] : alignment.prefix;
  const profile: ScannerProfile = {
    version: 1,
    learnedAt: options.now.toISOString(),
    layout,
    gs,
    prefix: meantText(prefix, layout),
    suffix: meantText(beforeEnd, layout),
    terminator,
    aim: alignment.aim,
  };

  const findings: Finding[] = [];
  const maxGap = longestGap(tokens);
  if (maxGap > options.maxKeyGapMs) findings.push({ kind: 'slow', maxGapMs: Math.round(maxGap), allowedMs: options.maxKeyGapMs });
  findings.push(gsFinding(gs, alignment.gs.map(describeGsKey).join(' ')));
  if (layout) findings.push(layout.scanner ? { kind: 'layout-corrected', scanner: layout.scanner, host: layout.host, examples } : { kind: 'layout-partial', examples });
  findings.push(alignment.aim ? { kind: 'aim-on', identifier: options.expected.slice(0, 3) } : { kind: 'aim-off' });
  if (prefix.length > 0) findings.push({ kind: 'prefix', shown: prefix.map(describeToken).join(' ') });
  if (beforeEnd.length > 0) findings.push({ kind: 'suffix', shown: beforeEnd.map(describeToken).join(' ') });
  findings.push(terminator ? { kind: 'terminator', key: terminator } : { kind: 'no-terminator' });
  if (afterEnd.length > 0) findings.push({ kind: 'keys-after-terminator', shown: afterEnd.map(describeToken).join(' ') });

  // The profile must read the test symbol back exactly (without GS if the scanner drops it), or it is not used.
  const want = gs.kind === 'missing' ? options.expected.split(GS).join('') : options.expected;
  const wantRead = profile.aim ? want : want.slice(3);
  const decoder = createProfiledDecoder(profile, { maxScannerGapMs: Math.max(maxGap + 1, options.maxKeyGapMs), pauseMs: 1e9 });
  const first = [...events.flatMap((e) => decoder.push(e).results), ...decoder.flush(Number.POSITIVE_INFINITY)].find((r) => r.source === 'scanner');
  const readBack = first?.raw.startsWith(GS) ? first.raw.slice(1) : first?.raw;
  if (readBack !== wantRead) return { ok: false, findings: [{ kind: 'not-test-symbol', received }] };
  return { ok: true, profile, findings };
}
