import { describe, expect, it } from 'vitest';
import { recordScan, type SimulatedScanner } from '../test/scanner-recordings.js';
import { learnScannerProfile, type Finding } from './learn-scanner-profile.js';
import { adviceFor, overallSeverity } from './scanner-advice.js';
import type { RecordedKey } from './scanner-keys.js';
import { TEST_SYMBOL_RAW } from './test-symbol.js';

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
    expect(result).toEqual({ ok: false, findings: [{ kind: 'not-test-symbol', received: '] C 0 9 9 9 0 0 1 0 1 3 7 Enter' }] });
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
