/*
 * Learns a scanner's settings from its scans of known symbols: the keys it
 * sent are lined up against the characters it must have meant, which
 * shows its prefix and suffix, whether it sends an AIM identifier, how it
 * sends GS, and which characters the keyboard layout changed on the way.
 * The first symbol (GS1 DataMatrix) shows all of that; the second (Code
 * 128 with `@ # " £ / ~`) confirms the layout on the characters layouts
 * swap and a scanner may not be able to type, and finds a scanner that
 * changes `~`. Pure: recorded keystrokes in, a profile and findings out.
 */
import { LAYOUT_IDS, layoutChar, type LayoutId } from './keyboard-layouts.js';
import { createProfiledDecoder, GS, meantChar, restoreGs, wedgeEventsOf, type GsForm, type LayoutCorrection, type ScannerProfile } from './scanner-profile.js';
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
  /** The keys did not read as the test symbol the page asked for (`first` the DataMatrix, `second` the Code 128). */
  | { kind: 'not-test-symbol'; symbol: 'first' | 'second'; received: string }
  /** Characters of the second symbol that arrive as meant (the layout corrected where it changed them). */
  | { kind: 'chars-ok'; chars: string[] }
  /**
   * A character of the second symbol that does not arrive as meant even with
   * the layout corrected: `received` is what came instead (a character, or a
   * key that types none), null when nothing came.
   */
  | { kind: 'char-changed'; meant: string; received: string | null; lost: boolean }
  /** The scanner's GS substitute is a character barcodes hold (the second symbol's `~`): such a barcode reads GS there. */
  | { kind: 'gs-substitute-clash'; text: string };

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

export interface LearnBothOptions {
  /** What the two test symbols hold, AIM identifier first: the GS1 DataMatrix (with a GS), then the Code 128. */
  expected: readonly [first: string, second: string];
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
/**
 * Characters of the second symbol a scanner may not send as one character
 * key: '£' has no key on a US layout (Alt+0163, or nothing), '~' is a key
 * that types nothing on a French one and what some scanners' data editing
 * replaces. Each may arrive as any one key, or none, and is judged apart.
 */
const MAY_NOT_TYPE: ReadonlySet<string> = new Set(['£', '~']);
/** The layout examples the page shows first: the characters UK, German and French keyboards swap. */
const EXAMPLE_ORDER = '"@#£~/';

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
  if (!consistent(pairs)) return null;
  return { prefix, aim: withAim, pairs, gs: gsGroups[0] ?? [], suffix: tokens.slice(i) };
}

/**
 * One received character means one character, and each meant character
 * arrives one way. An Alt code is the character itself, whatever the
 * layout: it must be the one meant, and says nothing about the keys.
 */
function consistent(pairs: readonly [DataToken, string][]): boolean {
  const meant = new Map<string, string>();
  const received = new Map<string, string>();
  for (const [token, char] of pairs) {
    if (token.kind === 'alt-code') {
      if (token.char !== char) return false;
      continue;
    }
    const reading = readingOf(token);
    if ((meant.get(reading) ?? char) !== char || (received.get(char) ?? reading) !== reading) return false;
    meant.set(reading, char);
    received.set(char, reading);
  }
  return true;
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
  const changed = pairs.filter(([token, char]) => token.kind === 'char' && token.key !== char);
  if (changed.length === 0) return { layout: null, examples: [] };
  const charMap = Object.fromEntries(changed.map(([token, char]) => [readingOf(token), char]));
  const rank = (meant: string) => {
    const i = EXAMPLE_ORDER.indexOf(meant);
    return i >= 0 ? i : /[A-Za-z0-9]/.test(meant) ? EXAMPLE_ORDER.length + 1 : EXAMPLE_ORDER.length;
  };
  const examples = Object.entries(charMap)
    .map(([received, meant]) => ({ meant, received }))
    .sort((a, b) => rank(a.meant) - rank(b.meant))
    .slice(0, 4);
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

/** Ctrl+] is GS in a US keyboard's terms; on other layouts the same key has another character. */
function describeGsKey(token: KeyToken): string {
  if (token.kind === 'ctrl' && token.code === 'BracketRight' && token.key !== ']') return `Ctrl+] (Ctrl and the “${token.key}” key on this keyboard)`;
  return token.kind === 'alt-code' ? `${describeToken(token)} on the numeric keypad` : describeToken(token);
}

/** The longest gap between the keys the wedge decoder reads (modifier presses are not among them), up to the first Enter or Tab. */
function longestGap(tokens: readonly KeyToken[]): number {
  const end = tokens.findIndex((t) => t.kind === 'terminator');
  const burst = end < 0 ? tokens : tokens.slice(0, end + 1);
  return burst.reduce((max, t, i) => (i === 0 ? 0 : Math.max(max, t.at - burst[i - 1]!.at)), 0);
}

/** The first symbol's keys, lined up: everything but the layout, which the second symbol may add to. */
interface FirstScan {
  events: readonly RecordedKey[];
  expected: string;
  received: string;
  alignment: Alignment;
  /** Keys before the data (a leading GS is FNC1 sent first, not a prefix). */
  prefix: KeyToken[];
  /** Keys after the data, before the terminator. */
  beforeEnd: KeyToken[];
  afterEnd: KeyToken[];
  terminator: 'Enter' | 'Tab' | null;
  maxGap: number;
}

type Read<T> = { ok: true; scan: T } | { ok: false; findings: Finding[] };

const hasDeadKeys = (tokens: readonly KeyToken[]) => tokens.some((t) => t.kind === 'named' && t.key === 'Dead');

function readFirst(events: readonly RecordedKey[], expected: string): Read<FirstScan> {
  const tokens = readKeys(events);
  const received = tokens.map(describeToken).join(' ');
  if (hasDeadKeys(tokens)) return { ok: false, findings: [{ kind: 'dead-keys' }] };
  const alignment = bestAlignment(tokens, expected);
  if (!alignment) return { ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'first', received }] };
  const end = alignment.suffix.findIndex((t) => t.kind === 'terminator');
  // A scanner that sends FNC1 first as GS: interpretScan takes a leading GS, so it is no prefix.
  const leadingGs = alignment.prefix.length > 0 && signature(alignment.prefix) === signature(alignment.gs);
  return {
    ok: true,
    scan: {
      events,
      expected,
      received,
      alignment,
      prefix: leadingGs ? [] : alignment.prefix,
      beforeEnd: end < 0 ? alignment.suffix : alignment.suffix.slice(0, end),
      afterEnd: end < 0 ? [] : alignment.suffix.slice(end + 1),
      terminator: end < 0 ? null : (alignment.suffix[end] as Extract<KeyToken, { kind: 'terminator' }>).key,
      maxGap: longestGap(tokens),
    },
  };
}

function profileOf(scan: FirstScan, layout: LayoutCorrection | null, now: Date): ScannerProfile {
  return {
    version: 1,
    learnedAt: now.toISOString(),
    layout,
    gs: gsFormOf(scan.alignment.gs, layout),
    prefix: meantText(scan.prefix, layout),
    suffix: meantText(scan.beforeEnd, layout),
    terminator: scan.terminator,
    aim: scan.alignment.aim,
  };
}

/** What the profiled decoder reads from a scan's keys: its first scanner capture, a leading GS (FNC1) dropped. */
function readBack(events: readonly RecordedKey[], profile: ScannerProfile, maxGap: number, maxKeyGapMs: number): string | undefined {
  const decoder = createProfiledDecoder(profile, { maxScannerGapMs: Math.max(maxGap + 1, maxKeyGapMs), pauseMs: 1e9 });
  const first = [...events.flatMap((e) => decoder.push(e).results), ...decoder.flush(Number.POSITIVE_INFINITY)].find((r) => r.source === 'scanner');
  return first?.raw.startsWith(GS) ? first.raw.slice(1) : first?.raw;
}

/** What the first symbol must read back as with `profile`: without GS if the scanner drops it, without the AIM identifier if it sends none. */
function firstWanted(scan: FirstScan, profile: ScannerProfile): string {
  const want = profile.gs.kind === 'missing' ? scan.expected.split(GS).join('') : scan.expected;
  return profile.aim ? want : want.slice(3);
}

/** What the second symbol adds to the findings, in the page's order, after the layout. */
interface SecondFindings {
  clash: Finding[];
  changed: Finding[];
  ok: Finding[];
}

function findingsOf(scan: FirstScan, profile: ScannerProfile, examples: CharExample[], maxGap: number, maxKeyGapMs: number, second?: SecondFindings): Finding[] {
  const { layout, gs } = profile;
  const findings: Finding[] = [];
  if (maxGap > maxKeyGapMs) findings.push({ kind: 'slow', maxGapMs: Math.round(maxGap), allowedMs: maxKeyGapMs });
  findings.push(gsFinding(gs, scan.alignment.gs.map(describeGsKey).join(' ')), ...(second?.clash ?? []));
  if (layout) findings.push(layout.scanner ? { kind: 'layout-corrected', scanner: layout.scanner, host: layout.host, examples } : { kind: 'layout-partial', examples });
  findings.push(...(second?.changed ?? []), ...(second?.ok ?? []));
  findings.push(profile.aim ? { kind: 'aim-on', identifier: scan.expected.slice(0, 3) } : { kind: 'aim-off' });
  if (scan.prefix.length > 0) findings.push({ kind: 'prefix', shown: scan.prefix.map(describeToken).join(' ') });
  if (scan.beforeEnd.length > 0) findings.push({ kind: 'suffix', shown: scan.beforeEnd.map(describeToken).join(' ') });
  findings.push(profile.terminator ? { kind: 'terminator', key: profile.terminator } : { kind: 'no-terminator' });
  if (scan.afterEnd.length > 0) findings.push({ kind: 'keys-after-terminator', shown: scan.afterEnd.map(describeToken).join(' ') });
  return findings;
}

/** Learns the scanner's profile from the keys it sent for one test symbol (the first, GS1 DataMatrix). */
export function learnScannerProfile(events: readonly RecordedKey[], options: LearnOptions): LearnResult {
  const read = readFirst(events, options.expected);
  if (!read.ok) return read;
  const { scan } = read;
  const { layout, examples } = layoutCorrection(scan.alignment.pairs);
  const profile = profileOf(scan, layout, options.now);
  // The profile must read the test symbol back exactly, or it is not used.
  if (readBack(events, profile, scan.maxGap, options.maxKeyGapMs) !== firstWanted(scan, profile)) {
    return { ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'first', received: scan.received }] };
  }
  return { ok: true, profile, findings: findingsOf(scan, profile, examples, scan.maxGap, options.maxKeyGapMs) };
}

/** The second symbol's data keys: its keys less the prefix, suffix and terminator the first symbol showed. */
function secondBody(tokens: readonly KeyToken[], scan: FirstScan): KeyToken[] | null {
  const p = scan.prefix.length;
  if (signature(tokens.slice(0, p)) !== signature(scan.prefix)) return null;
  const end = scan.terminator ? tokens.findIndex((t, i) => i >= p && t.kind === 'terminator') : tokens.length;
  const s = scan.beforeEnd.length;
  if (end < 0 || end - s < p || signature(tokens.slice(end - s, end)) !== signature(scan.beforeEnd)) return null;
  return tokens.slice(p, end - s);
}

interface SecondAlignment {
  /** Characters that must arrive as one character key (or Alt code). */
  pairs: [DataToken, string][];
  /** Characters that may arrive as any one key or none (MAY_NOT_TYPE), judged with the learned layout. */
  loose: { meant: string; token: KeyToken | null }[];
}

function* choose(items: readonly number[], k: number, from = 0): Generator<Set<number>> {
  if (k === 0) yield new Set();
  else for (let i = from; i <= items.length - k; i += 1) for (const rest of choose(items, k - 1, i + 1)) yield new Set([items[i]!, ...rest]);
}

/** Lines the second symbol's data keys up with its characters: the most arriving unchanged. */
function alignSecond(body: readonly KeyToken[], expected: string): SecondAlignment | null {
  const chars = [...expected];
  const looseAt = chars.flatMap((c, i) => (MAY_NOT_TYPE.has(c) ? [i] : []));
  const missing = chars.length - body.length;
  if (missing < 0 || missing > looseAt.length) return null;
  let best: { alignment: SecondAlignment; unchanged: number } | null = null;
  for (const dropped of choose(looseAt, missing)) {
    const alignment: SecondAlignment = { pairs: [], loose: [] };
    let next = 0;
    let unchanged = 0;
    let fits = true;
    for (const [at, char] of chars.entries()) {
      const token = dropped.has(at) ? null : body[next++]!;
      if (token && isData(token) && readingOf(token) === char) unchanged += 1;
      if (MAY_NOT_TYPE.has(char)) alignment.loose.push({ meant: char, token });
      else if (isData(token ?? undefined)) alignment.pairs.push([token as DataToken, char]);
      else fits = false;
    }
    if (!fits || !consistent(alignment.pairs)) continue;
    if (!best || unchanged > best.unchanged) best = { alignment, unchanged };
  }
  return best?.alignment ?? null;
}

/** The characters the profiled decoder reads from one key (as the wedge decoder takes them). */
function readAs(profile: ScannerProfile, token: KeyToken): string {
  return wedgeEventsOf(profile, token)
    .events.map((e) => e.scanned ?? (e.key.length === 1 && !e.ctrlKey && !e.metaKey ? e.key : ''))
    .join('');
}

/**
 * Learns the scanner's profile from its scans of both test symbols: the
 * first (GS1 DataMatrix) shows GS, prefix, suffix, terminator and AIM
 * identifiers; both together the keyboard layout, which must give every
 * character of the second (Code 128): `@ # "` as any other character, and
 * `£ ~`, which a scanner may send as an Alt code, as a key that types
 * nothing on this keyboard (read by its position), or not at all.
 */
export function learnFromBothTestSymbols(first: readonly RecordedKey[], second: readonly RecordedKey[], options: LearnBothOptions): LearnResult {
  const [expectedFirst, expectedSecond] = options.expected;
  const read = readFirst(first, expectedFirst);
  if (!read.ok) return read;
  const { scan } = read;
  const tokens = readKeys(second);
  if (hasDeadKeys(tokens)) return { ok: false, findings: [{ kind: 'dead-keys' }] };
  const notSecond: LearnResult = { ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'second', received: tokens.map(describeToken).join(' ') }] };
  const aim = /^\][A-Za-z][0-9]/.test(expectedSecond) ? expectedSecond.slice(0, 3) : '';
  const text = expectedSecond.slice(aim.length);
  const body = secondBody(tokens, scan);
  const aligned = body ? alignSecond(body, scan.alignment.aim ? aim + text : text) : null;
  if (!aligned) return notSecond;

  // The layout from every character both symbols must carry as a character key; with it, `£ ~` that arrive as
  // character keys the layout explains (`¬` for `~` on a UK keyboard) join them, so the examples show them too.
  const strict = [...scan.alignment.pairs, ...aligned.pairs];
  const strictProfile = profileOf(scan, layoutCorrection(strict).layout, options.now);
  const explained = aligned.loose.flatMap(({ meant, token }) =>
    token?.kind === 'char' && readAs(strictProfile, token) === meant ? [[token, meant] as [DataToken, string]] : [],
  );
  const { layout, examples } = layoutCorrection([...strict, ...explained]);
  const profile = profileOf(scan, layout, options.now);
  // What this profile reads for each of `£ ~`: '' when nothing, or a key that types nothing and has no character in the scanner's layout.
  const judged = aligned.loose.map(({ meant, token }) => ({ meant, token, read: token ? readAs(profile, token) : '' }));

  const changed: Finding[] = judged
    .filter(({ meant, read: r }) => r !== meant)
    .map(({ meant, token, read: r }) => ({ kind: 'char-changed', meant, received: token ? describeToken(token) : null, lost: r === '' }));
  const clash: Finding[] = profile.gs.kind === 'text' && text.includes(profile.gs.text) ? [{ kind: 'gs-substitute-clash', text: profile.gs.text }] : [];
  const notOk = new Set([...judged.filter(({ meant, read: r }) => r !== meant).map((j) => j.meant), ...(clash.length > 0 && profile.gs.kind === 'text' ? profile.gs.text : '')]);
  const checked = [...new Set(text)].filter((c) => !/[A-Za-z0-9]/.test(c) && !notOk.has(c));
  const ok: Finding[] = checked.length > 0 ? [{ kind: 'chars-ok', chars: checked }] : [];

  // Both symbols must read back with the profile exactly as judged, or the scans do not go together.
  let at = 0;
  const wantSecond = restoreGs(
    profile,
    [...(scan.alignment.aim ? aim + text : text)].map((c) => (MAY_NOT_TYPE.has(c) ? judged[at++]!.read : c)).join(''),
  );
  const maxGap = Math.max(scan.maxGap, longestGap(tokens));
  const firstBack = readBack(first, profile, scan.maxGap, options.maxKeyGapMs);
  if (firstBack !== firstWanted(scan, profile) || readBack(second, profile, maxGap, options.maxKeyGapMs) !== wantSecond) return notSecond;
  return { ok: true, profile, findings: findingsOf(scan, profile, examples, maxGap, options.maxKeyGapMs, { clash, changed, ok }) };
}
