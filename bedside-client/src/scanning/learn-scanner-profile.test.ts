import { describe, expect, it } from 'vitest';
import { recordScan, type HostLayout, type SimulatedScanner } from '../test/scanner-recordings.js';
import { learnFromBothTestSymbols, learnScannerProfile, type Finding } from './learn-scanner-profile.js';
import { adviceFor, overallSeverity } from './scanner-advice.js';
import { createProfiledDecoder, type ScannerProfile } from './scanner-profile.js';
import { describeToken, readKeys, type RecordedKey } from './scanner-keys.js';
import { TEST_CODE128_RAW, TEST_SYMBOL_RAW } from './test-symbol.js';

const GS = '\u001d';
const NOW = new Date('2025-06-01T09:00:00Z');

function learn(events: readonly RecordedKey[], maxKeyGapMs = 50) {
  return learnScannerProfile(events, { expected: TEST_SYMBOL_RAW, maxKeyGapMs, now: NOW });
}

function learnFrom(scanner: SimulatedScanner) {
  return learn(recordScan(TEST_SYMBOL_RAW, scanner));
}

const kinds = (findings: readonly Finding[]) => findings.map((f) => f.kind);

describe('learnScannerProfile', () => {
  it('finds nothing to change on a scanner that sends what the symbol holds, GS as Ctrl+] and Enter', () => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs: 'ctrl-bracket' });
    expect(result).toMatchObject({
      ok: true,
      profile: { layout: null, gs: { kind: 'ctrl', key: ']', code: 'BracketRight' }, prefix: '', suffix: '', terminator: 'Enter', aim: true, learnedAt: NOW.toISOString() },
    });
    expect(kinds(result.findings)).toEqual(['gs-ok', 'aim-on', 'terminator']);
    expect(overallSeverity(result.findings)).toBe('ok');
  });

  it('learns a US-layout scanner on a UK keyboard: the scanner meant " and the keyboard typed @', () => {
    const result = learnFrom({ scanner: 'us', host: 'uk', gs: 'ctrl-bracket' });
    expect(result).toMatchObject({ ok: true, profile: { layout: { scanner: 'us', host: 'uk', charMap: { '@': '"' } } } });
    expect(result.findings).toContainEqual({ kind: 'layout-corrected', scanner: 'us', host: 'uk', examples: [{ meant: '"', received: '@' }] });
    expect(overallSeverity(result.findings)).toBe('should');
  });

  it('learns a US-layout scanner on a German keyboard, its Ctrl+] arriving as Ctrl and the + key', () => {
    const result = learnFrom({ scanner: 'us', host: 'de', gs: 'ctrl-bracket' });
    expect(result).toMatchObject({ ok: true, profile: { layout: { scanner: 'us', host: 'de' }, gs: { kind: 'ctrl', key: '+', code: 'BracketRight' }, aim: true } });
    expect(result.ok && result.profile.layout?.charMap).toMatchObject({ Z: 'Y', Y: 'Z', '+': ']', ß: '-', '-': '/', Ä: '"' });
  });

  it('learns a US-layout scanner on a French keyboard, where every digit arrives as another character', () => {
    const result = learnFrom({ scanner: 'us', host: 'fr', gs: 'ctrl-bracket', suffix: '*' });
    expect(result).toMatchObject({ ok: true, profile: { layout: { scanner: 'us', host: 'fr' }, aim: true, suffix: '*', gs: { kind: 'ctrl', key: '$' } } });
    expect(result.findings).toContainEqual({ kind: 'suffix', shown: '8' });
  });

  it('learns a UK-layout scanner on a US keyboard (the other way round)', () => {
    const result = learnFrom({ scanner: 'uk', host: 'us', gs: 'ctrl-bracket' });
    expect(result).toMatchObject({ ok: true, profile: { layout: { scanner: 'uk', host: 'us', charMap: { '@': '"' } } } });
  });

  it.each([
    ['ASCII 29', 'ascii-29', { kind: 'control' }, 'gs-ok'],
    ['Alt+029 on the keypad', 'alt-029', { kind: 'alt-code' }, 'gs-ok'],
    ['the F8 key', 'F8', { kind: 'key', key: 'F8' }, 'gs-key'],
    ['a tilde', { text: '~' }, { kind: 'text', text: '~' }, 'gs-substitute'],
    ['caret notation ^]', { text: '^]' }, { kind: 'text', text: '^]' }, 'gs-substitute'],
  ] as const)('learns GS sent as %s', (_name, gs, form, finding) => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs });
    expect(result).toMatchObject({ ok: true, profile: { gs: form } });
    expect(kinds(result.findings)).toContain(finding);
  });

  it('reports a scanner that drops GS as a change that must be made, with the setting to change', () => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs: 'nothing' });
    expect(result).toMatchObject({ ok: true, profile: { gs: { kind: 'missing' } } });
    expect(overallSeverity(result.findings)).toBe('must');
    const advice = adviceFor({ kind: 'gs-missing' });
    expect(advice.fix).toMatch(/ASCII 29/);
  });

  it('calls a substitute that can occur in GS1 data unsafe', () => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs: { text: '%' } });
    expect(result.findings).toContainEqual({ kind: 'gs-substitute', text: '%', safe: false });
    expect(overallSeverity(result.findings)).toBe('must');
  });

  it('learns a prefix and a suffix, and a scanner with AIM identifiers off', () => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs: 'ctrl-bracket', prefix: '#', suffix: '*', aim: false, terminator: 'Tab' });
    expect(result).toMatchObject({ ok: true, profile: { prefix: '#', suffix: '*', aim: false, terminator: 'Tab' } });
    expect(kinds(result.findings)).toEqual(['gs-ok', 'aim-off', 'prefix', 'suffix', 'terminator']);
  });

  it('learns a prefix typed through a layout mismatch as the scanner meant it', () => {
    const result = learnFrom({ scanner: 'us', host: 'uk', gs: 'ascii-29', prefix: '#' });
    expect(result).toMatchObject({ ok: true, profile: { prefix: '#' } });
    expect(result.findings).toContainEqual({ kind: 'prefix', shown: '£' });
  });

  it('asks for Enter when scans end with nothing, and for one Enter when there are two', () => {
    expect(kinds(learnFrom({ scanner: 'us', host: 'us', gs: 'ctrl-bracket', terminator: null }).findings)).toContain('no-terminator');
    const twice = learn([...recordScan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'us', gs: 'ctrl-bracket' }), { key: 'Enter', timeStamp: 1400 }]);
    expect(twice.findings).toContainEqual({ kind: 'keys-after-terminator', shown: 'Enter' });
    expect(overallSeverity(twice.findings)).toBe('must');
  });

  it('reports keys slower than the ward allows', () => {
    const result = learnFrom({ scanner: 'us', host: 'us', gs: 'ctrl-bracket', gapMs: 35 });
    // Ctrl+] is two key presses: 70 ms between the characters either side of it.
    expect(result.findings).toContainEqual({ kind: 'slow', maxGapMs: 70, allowedMs: 50 });
  });

  it('takes a leading GS (FNC1 sent first) for no prefix', () => {
    const events = recordScan(GS + TEST_SYMBOL_RAW.slice(3), { scanner: 'us', host: 'us', gs: 'ascii-29' });
    expect(learn(events)).toMatchObject({ ok: true, profile: { prefix: '', aim: false, gs: { kind: 'control' } } });
  });

  it('refuses something that is not the test symbol, saying what arrived', () => {
    const events = recordScan(']C09990010137', { scanner: 'us', host: 'us', gs: 'ctrl-bracket' });
    const result = learn(events);
    expect(result).toEqual({ ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'first', received: '] C 0 9 9 9 0 0 1 0 1 3 7 Enter' }] });
  });

  it('learns from a recording without key positions, correcting only the characters it saw', () => {
    const events = recordScan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'uk', gs: 'ctrl-bracket' }).map(({ code: _code, ...rest }) => rest);
    const result = learn(events);
    expect(result).toMatchObject({ ok: true, profile: { layout: { scanner: null, charMap: { '@': '"' } } } });
    expect(kinds(result.findings)).toContain('layout-partial');
  });

  it('refuses a keyboard with dead keys', () => {
    const events: RecordedKey[] = [{ key: 'Dead', code: 'Quote', shiftKey: true, timeStamp: 0 }, { key: 'Enter', timeStamp: 5 }];
    expect(learn(events)).toEqual({ ok: false, findings: [{ kind: 'dead-keys' }] });
  });
});

/** Both test symbols scanned one after the other, as the set-up page asks. */
function learnBoth(scanner: SimulatedScanner, second = TEST_CODE128_RAW) {
  return learnFromBothTestSymbols(recordScan(TEST_SYMBOL_RAW, scanner), recordScan(second, scanner, 5000), {
    expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW],
    maxKeyGapMs: 50,
    now: NOW,
  });
}

function learnedBoth(scanner: SimulatedScanner): { profile: ScannerProfile; findings: Finding[] } {
  const result = learnBoth(scanner);
  if (!result.ok) throw new Error(`not learned: ${JSON.stringify(result.findings)}`);
  return result;
}

function decode(profile: ScannerProfile | null, events: readonly RecordedKey[]): string | undefined {
  const decoder = createProfiledDecoder(profile, { maxScannerGapMs: 50, pauseMs: 250 });
  return [...events.flatMap((event) => decoder.push(event).results), ...decoder.flush(Number.POSITIVE_INFINITY)].find((r) => r.source === 'scanner')?.raw;
}

const ALL_CHECKED = ['@', '#', '"', '£', '/', '~'];
/** An asset tag with every character the second symbol checks, in another order: what the profile is for. */
const ASSET_TAG = ']C0PUMP~7@B"#12/£x';

/*
 * The second symbol (Code 128 ]C0 Ws@#"£/~Az09) from a US-layout scanner,
 * which has no key for '£' and sends it as Alt+0163 on the numeric keypad.
 * The keys each keyboard reports are written out: the layouts' charts, not
 * keyboard-layouts.ts, are the oracle.
 */
describe('learnFromBothTestSymbols: a US-layout scanner, the second symbol on each keyboard', () => {
  it.each<[HostLayout, string, object]>([
    ['us', '] C 0 W s @ # " Alt+0163 / ~ A z 0 9 Enter', {}],
    // UK: '@' and '"' swap, '#' is '£' (Shift+3), '~' is '¬' (Shift+`).
    ['uk', '] C 0 W s " £ @ Alt+0163 / ¬ A z 0 9 Enter', { '"': '@', '£': '#', '@': '"', '¬': '~' }],
    // German: Shift+2 is '"', Shift+3 '§', Shift+' 'Ä', / is '-', Shift+` '°', Z is Y.
    ['de', '+ C 0 W s " § Ä Alt+0163 - ° A y 0 9 Enter', { '"': '@', '§': '#', Ä: '"', '-': '/', '°': '~', y: 'z' }],
    // French: shifted digits are digits, unshifted ones accented letters; Shift+` types nothing (Unidentified).
    ['fr', '$ C à Z s 2 3 % Alt+0163 ! Unidentified Q w à ç Enter', { '2': '@', '3': '#', '%': '"', '!': '/', à: '0', ç: '9', Q: 'A', w: 'z', Z: 'W' }],
  ])('on a %s keyboard the keys are %s; both symbols together confirm the layout on @ # " £ / ~', (host, keys, corrected) => {
    const scanner: SimulatedScanner = { scanner: 'us', host, gs: 'ctrl-bracket', noKey: 'alt-code' };
    const second = recordScan(TEST_CODE128_RAW, scanner);
    expect(readKeys(second).map(describeToken).join(' ')).toBe(keys);

    const { profile, findings } = learnedBoth(scanner);
    expect(profile.layout).toEqual(host === 'us' ? null : expect.objectContaining({ scanner: 'us', host, charMap: expect.objectContaining(corrected) }));
    expect(findings).toContainEqual({ kind: 'chars-ok', chars: ALL_CHECKED });
    expect(findings.filter((f) => f.kind === 'char-changed' || f.kind === 'gs-substitute-clash' || f.kind === 'layout-partial')).toEqual([]);
    expect(overallSeverity(findings)).toBe(host === 'us' ? 'ok' : 'should');
    expect(decode(profile, second)).toBe(TEST_CODE128_RAW);
    // Not only the test symbol: any barcode with these characters reads as the scanner meant it.
    expect(decode(profile, recordScan(ASSET_TAG, scanner))).toBe(ASSET_TAG);
  });

  it('on a UK keyboard names the swaps the ward meets: " for @, @ for ", £ for #, ¬ for ~', () => {
    const { findings } = learnedBoth({ scanner: 'us', host: 'uk', gs: 'ctrl-bracket', noKey: 'alt-code' });
    expect(findings).toContainEqual({
      kind: 'layout-corrected',
      scanner: 'us',
      host: 'uk',
      examples: [
        { meant: '"', received: '@' },
        { meant: '@', received: '"' },
        { meant: '#', received: '£' },
        { meant: '~', received: '¬' },
      ],
    });
    expect(adviceFor({ kind: 'chars-ok', chars: ALL_CHECKED }).title).toBe('The characters @ # " £ / ~ of the second test symbol arrive as the scanner read them.');
  });

  it('without the profile a UK keyboard misreads them all', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'uk', gs: 'ctrl-bracket', noKey: 'alt-code' };
    expect(decode(null, recordScan(TEST_CODE128_RAW, scanner))).toBe(']C0Ws"£@£/¬Az09');
  });

  it('on a French keyboard reads the key that types nothing by its position: "~"', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'fr', gs: 'ctrl-bracket', noKey: 'alt-code' };
    const { profile } = learnedBoth(scanner);
    const tilde = recordScan(']C0AB~12', scanner);
    expect(decode(profile, tilde)).toBe(']C0AB~12');
    // Without it the '~' is lost: the French keyboard types nothing for Shift and the ` key.
    expect(decode(null, tilde)).toBe('$CàQB&é');
  });
});

describe('learnFromBothTestSymbols', () => {
  it('learns a UK-layout scanner on a US keyboard: its £ arrives as #, its # as \\, its ~ as |', () => {
    const scanner: SimulatedScanner = { scanner: 'uk', host: 'us', gs: 'ctrl-bracket' };
    expect(readKeys(recordScan(TEST_CODE128_RAW, scanner)).map(describeToken).join(' ')).toBe('] C 0 W s " \\ @ # / | A z 0 9 Enter');
    const { profile, findings } = learnedBoth(scanner);
    expect(profile.layout).toMatchObject({ scanner: 'uk', host: 'us', charMap: { '#': '£', '\\': '#', '|': '~', '@': '"', '"': '@' } });
    expect(findings).toContainEqual({ kind: 'chars-ok', chars: ALL_CHECKED });
    expect(decode(profile, recordScan(ASSET_TAG, scanner))).toBe(ASSET_TAG);
  });

  it('reports a US-layout scanner that drops £ (no key for it, no Alt mode): a change that must be made', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'uk', gs: 'ctrl-bracket', noKey: 'drop' };
    const { profile, findings } = learnedBoth(scanner);
    expect(findings).toContainEqual({ kind: 'char-changed', meant: '£', received: null, lost: true });
    expect(findings).toContainEqual({ kind: 'chars-ok', chars: ['@', '#', '"', '/', '~'] });
    expect(overallSeverity(findings)).toBe('must');
    expect(adviceFor({ kind: 'char-changed', meant: '£', received: null, lost: true })).toEqual({
      severity: 'must',
      title: 'The scanner does not send “£” in a way this handheld can read: nothing arrives. A barcode with “£” in it is misread.',
      fix: 'Set the scanner’s keyboard layout (“Keyboard country”) to the one this handheld uses, or have it send characters its layout has no key for as Alt codes (“Alt mode” or “Universal keyboard”), then scan both test symbols again.',
    });
    // The rest still reads right.
    expect(decode(profile, recordScan(TEST_CODE128_RAW, scanner))).toBe(']C0Ws@#"/~Az09');
  });

  it('reports a scanner that turns ~ into something else', () => {
    const result = learnedBoth({ scanner: 'us', host: 'us', gs: 'ctrl-bracket', noKey: 'alt-code', replace: { '~': '^' } });
    expect(result.findings).toContainEqual({ kind: 'char-changed', meant: '~', received: '^', lost: false });
    expect(result.findings).toContainEqual({ kind: 'chars-ok', chars: ['@', '#', '"', '£', '/'] });
    expect(overallSeverity(result.findings)).toBe('must');
    expect(adviceFor({ kind: 'char-changed', meant: '~', received: '^', lost: false }).title).toBe(
      'The scanner turns “~” into something else: it arrives as “^”. A barcode with “~” in it is misread.',
    );
  });

  it('reports a scanner that leaves ~ out', () => {
    const result = learnedBoth({ scanner: 'us', host: 'uk', gs: 'ascii-29', noKey: 'alt-code', replace: { '~': '' } });
    expect(result.findings).toContainEqual({ kind: 'char-changed', meant: '~', received: null, lost: true });
  });

  it('reports a scanner whose GS substitute is ~: a ~ in a barcode reads as GS', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: { text: '~' }, noKey: 'alt-code' };
    // The first symbol alone cannot tell: GS1 data never holds '~'.
    expect(overallSeverity(learnFrom(scanner).findings)).toBe('should');
    const { profile, findings } = learnedBoth(scanner);
    expect(findings).toContainEqual({ kind: 'gs-substitute-clash', text: '~' });
    expect(findings).toContainEqual({ kind: 'chars-ok', chars: ['@', '#', '"', '£', '/'] });
    expect(overallSeverity(findings)).toBe('must');
    expect(decode(profile, recordScan(TEST_CODE128_RAW, scanner))).toBe(`]C0Ws@#"£/${GS}Az09`);
  });

  it('reports a ~ from a US-layout scanner on a UK keyboard with GS sent as ~: the layout is corrected, the clash stays', () => {
    const { findings } = learnedBoth({ scanner: 'us', host: 'uk', gs: { text: '~' }, noKey: 'alt-code' });
    expect(findings).toContainEqual({ kind: 'gs-substitute-clash', text: '~' });
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'layout-corrected', scanner: 'us', host: 'uk' }));
  });

  it('carries the first symbol’s prefix, suffix, Tab and AIM setting over to the second', () => {
    const result = learnBoth({ scanner: 'us', host: 'de', gs: 'alt-029', noKey: 'alt-code', prefix: '#', suffix: '*', aim: false, terminator: 'Tab' });
    expect(result).toMatchObject({ ok: true, profile: { prefix: '#', suffix: '*', aim: false, terminator: 'Tab', layout: { scanner: 'us', host: 'de' } } });
    expect(result.findings).toContainEqual({ kind: 'chars-ok', chars: ALL_CHECKED });
  });

  it('refuses a second scan that is not the second symbol, saying what arrived', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: 'ctrl-bracket', noKey: 'alt-code' };
    expect(learnBoth(scanner, ']C09990010137')).toEqual({
      ok: false,
      findings: [{ kind: 'not-test-symbol', symbol: 'second', received: '] C 0 9 9 9 0 0 1 0 1 3 7 Enter' }],
    });
    // The first symbol again is not the second either.
    expect(learnBoth(scanner, TEST_SYMBOL_RAW)).toMatchObject({ ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'second' }] });
    expect(adviceFor({ kind: 'not-test-symbol', symbol: 'second', received: 'x' }).title).toBe(
      'That did not read as the second test symbol (the Code 128 barcode). Received: x.',
    );
  });

  it('refuses a second scan sent with another prefix: the scans are not from one scanner set-up', () => {
    const first = recordScan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'us', gs: 'ctrl-bracket', prefix: '*' });
    const second = recordScan(TEST_CODE128_RAW, { scanner: 'us', host: 'us', gs: 'ctrl-bracket', prefix: '#', noKey: 'alt-code' });
    const result = learnFromBothTestSymbols(first, second, { expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW], maxKeyGapMs: 50, now: NOW });
    expect(result).toMatchObject({ ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'second' }] });
  });

  it('refuses a first symbol that does not read, whatever the second', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: 'ctrl-bracket', noKey: 'alt-code' };
    const result = learnFromBothTestSymbols(recordScan(TEST_CODE128_RAW, scanner), recordScan(TEST_CODE128_RAW, scanner), {
      expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW],
      maxKeyGapMs: 50,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, findings: [{ kind: 'not-test-symbol', symbol: 'first' }] });
  });

  it('reports keys slower than the ward allows in either scan', () => {
    const first = recordScan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'us', gs: 'ascii-29' });
    const second = recordScan(TEST_CODE128_RAW, { scanner: 'us', host: 'us', gs: 'ascii-29', noKey: 'alt-code', gapMs: 40 });
    const result = learnFromBothTestSymbols(first, second, { expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW], maxKeyGapMs: 50, now: NOW });
    // Alt+0163 is five key presses: 200 ms between the '"' and the '/' either side of it.
    expect(result.findings).toContainEqual({ kind: 'slow', maxGapMs: 200, allowedMs: 50 });
  });
});
