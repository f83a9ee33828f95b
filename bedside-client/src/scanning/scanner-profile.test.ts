import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretScan, SCANNER_LEFT_OUT_GS, UNREADABLE_WRISTBAND } from '@wardscan/shared';
import { recordScan, type GsSent, type SimulatedScanner } from '../test/scanner-recordings.js';
import { learnFromBothTestSymbols, learnScannerProfile } from './learn-scanner-profile.js';
import { createProfiledDecoder, parseScannerProfile, type ScannerProfile } from './scanner-profile.js';
import type { RecordedKey } from './scanner-keys.js';
import { TEST_CODE128_RAW, TEST_SYMBOL_RAW } from './test-symbol.js';

const GS = '\u001d';

function learned(scanner: SimulatedScanner): ScannerProfile {
  const result = learnScannerProfile(recordScan(TEST_SYMBOL_RAW, scanner), { expected: TEST_SYMBOL_RAW, maxKeyGapMs: 50, now: new Date(0) });
  if (!result.ok) throw new Error(`not learned: ${JSON.stringify(result.findings)}`);
  return result.profile;
}

function learnedFromBoth(scanner: SimulatedScanner): ScannerProfile {
  const result = learnFromBothTestSymbols(recordScan(TEST_SYMBOL_RAW, scanner), recordScan(TEST_CODE128_RAW, scanner, 5000), {
    expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW],
    maxKeyGapMs: 50,
    now: new Date(0),
  });
  if (!result.ok) throw new Error(`not learned: ${JSON.stringify(result.findings)}`);
  return result.profile;
}

function decode(profile: ScannerProfile | null, events: readonly RecordedKey[]) {
  const decoder = createProfiledDecoder(profile, { maxScannerGapMs: 50, pauseMs: 250 });
  return [...events.flatMap((event) => decoder.push(event).results), ...decoder.flush(Number.POSITIVE_INFINITY)];
}

/** A keydown with the fields a browser sets; `+` in front of `code` means Shift was held. */
function k(key: string, code: string, timeStamp: number, modifiers: Partial<Pick<RecordedKey, 'ctrlKey' | 'altKey'>> = {}): RecordedKey {
  const shiftKey = code.startsWith('+');
  return { key, code: shiftKey ? code.slice(1) : code, shiftKey, ...modifiers, timeStamp };
}

/*
 * Recorded sequences: keydowns as Chrome reported them for scanners in
 * keyboard emulation, written out as captured (modifier presses included,
 * keys 4–9 ms apart).
 */
describe('recorded scanner sequences, decoded with the learned profile', () => {
  it('a US-layout scanner on a UK keyboard: Shift+2 meant "@" but arrived as \'"\'', () => {
    const profile = learned({ scanner: 'us', host: 'uk', gs: 'ctrl-bracket' });
    // Code 128 asset tag "]C0PUMP@W7": the @ is not on the test symbol; the scanner's layout is.
    const recorded: RecordedKey[] = [
      k(']', 'BracketRight', 0), k('C', '+KeyC', 6), k('0', 'Digit0', 11), k('P', '+KeyP', 17), k('U', '+KeyU', 22),
      k('M', '+KeyM', 28), k('P', '+KeyP', 33), k('Shift', '+ShiftLeft', 38), k('"', '+Digit2', 42), k('W', '+KeyW', 48),
      k('7', 'Digit7', 53), k('Enter', 'Enter', 59),
    ];
    expect(decode(profile, recorded)).toEqual([{ raw: ']C0PUMP@W7', source: 'scanner' }]);
    // Without the profile the keyboard's reading goes through unchanged.
    expect(decode(null, recorded)).toEqual([{ raw: ']C0PUMP"W7', source: 'scanner' }]);
  });

  it('a US-layout scanner on a German keyboard: Ctrl+] arrives as Ctrl and "+", Y and Z swapped', () => {
    const profile = learned({ scanner: 'us', host: 'de', gs: 'ctrl-bracket' });
    const recorded: RecordedKey[] = [
      k('+', 'BracketRight', 0), k('d', 'KeyD', 5), k('2', 'Digit2', 9),
      ...[...'010509999700001317351231'].map((d, i) => k(d, `Digit${d}`, 14 + i * 5)),
      k('1', 'Digit1', 140), k('0', 'Digit0', 145), k('Z', '+KeyY', 150), k('Y', '+KeyZ', 155), k('ß', 'Minus', 160), k('2', 'Digit2', 165),
      k('Control', 'ControlLeft', 170, { ctrlKey: true }), k('+', 'BracketRight', 174, { ctrlKey: true }),
      k('2', 'Digit2', 179), k('1', 'Digit1', 184), k('S', '+KeyS', 189), k('N', '+KeyN', 194), k('1', 'Digit1', 199), k('Enter', 'Enter', 204),
    ];
    const [scan] = decode(profile, recorded);
    expect(scan).toEqual({ raw: `]d201050999970000131735123110YZ-2${GS}21SN1`, source: 'scanner' });
    expect(interpretScan(scan!.raw, { today: '2025-06-01' })).toMatchObject({ ok: true, scan: { gtin: '05099997000013', batch: 'YZ-2', serial: 'SN1' } });
  });

  it('GS sent as Alt+029 on the numeric keypad (Windows Alt mode) is one GS, with or without a profile', () => {
    const recorded: RecordedKey[] = [
      ...[...'0105099997000013'].map((d, i) => k(d, `Digit${d}`, i * 5)),
      k('1', 'Digit1', 80), k('0', 'Digit0', 85), k('A', '+KeyA', 90), k('1', 'Digit1', 95),
      k('Alt', 'AltLeft', 100, { altKey: true }), k('0', 'Numpad0', 104, { altKey: true }), k('2', 'Numpad2', 108, { altKey: true }),
      k('9', 'Numpad9', 112, { altKey: true }), k('2', 'Digit2', 118), k('1', 'Digit1', 123), k('X', '+KeyX', 128), k('Enter', 'Enter', 133),
    ];
    const expected = [{ raw: `010509999700001310A1${GS}21X`, source: 'scanner' }];
    expect(decode(null, recorded)).toEqual(expected);
    expect(decode(learned({ scanner: 'us', host: 'us', gs: 'alt-029' }), recorded)).toEqual(expected);
  });

  it('GS sent as F8, learned, becomes GS; unlearned, it is lost', () => {
    const recorded: RecordedKey[] = [
      ...[...'0105099997000013'].map((d, i) => k(d, `Digit${d}`, i * 5)),
      k('1', 'Digit1', 80), k('0', 'Digit0', 85), k('B', '+KeyB', 90), k('F8', 'F8', 95), k('2', 'Digit2', 100), k('1', 'Digit1', 105), k('Enter', 'Enter', 110),
    ];
    expect(decode(learned({ scanner: 'us', host: 'us', gs: 'F8' }), recorded)).toEqual([{ raw: `010509999700001310B${GS}21`, source: 'scanner' }]);
    expect(decode(null, recorded)).toEqual([{ raw: '010509999700001310B21', source: 'scanner' }]);
  });

  it('strips the learned prefix and suffix, and turns the learned "^]" back into GS', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: { text: '^]' }, prefix: '#', suffix: '*' };
    const profile = learned(scanner);
    const raw = `]d2010509999700001310LOT7${GS}21S9`;
    expect(decode(profile, recordScan(raw, scanner))).toEqual([{ raw, source: 'scanner' }]);
  });

  it('a US-layout scanner on a UK keyboard, Code 128 "]C0BAY#4~£": Shift+3 arrived as "£", Shift+` as "¬", and its own £ as Alt+0163', () => {
    const profile = learnedFromBoth({ scanner: 'us', host: 'uk', gs: 'ctrl-bracket', noKey: 'alt-code' });
    const recorded: RecordedKey[] = [
      k(']', 'BracketRight', 0), k('Shift', '+ShiftLeft', 5), k('C', '+KeyC', 9), k('0', 'Digit0', 14), k('Shift', '+ShiftLeft', 19), k('B', '+KeyB', 23),
      k('Shift', '+ShiftLeft', 28), k('A', '+KeyA', 32), k('Shift', '+ShiftLeft', 37), k('Y', '+KeyY', 41), k('Shift', '+ShiftLeft', 46), k('£', '+Digit3', 50),
      k('4', 'Digit4', 55), k('Shift', '+ShiftLeft', 60), k('¬', '+Backquote', 64),
      k('Alt', 'AltLeft', 69, { altKey: true }), k('0', 'Numpad0', 73, { altKey: true }), k('1', 'Numpad1', 77, { altKey: true }),
      k('6', 'Numpad6', 81, { altKey: true }), k('3', 'Numpad3', 85, { altKey: true }), k('Enter', 'Enter', 91),
    ];
    expect(decode(profile, recorded)).toEqual([{ raw: ']C0BAY#4~£', source: 'scanner' }]);
    expect(decode(null, recorded)).toEqual([{ raw: ']C0BAY£4¬£', source: 'scanner' }]);
  });

  it('a US-layout scanner on a French keyboard: Shift+` types nothing (Unidentified), and its position says "~"', () => {
    const profile = learnedFromBoth({ scanner: 'us', host: 'fr', gs: 'ctrl-bracket', noKey: 'alt-code' });
    const recorded: RecordedKey[] = [
      k('$', 'BracketRight', 0), k('C', '+KeyC', 5), k('à', 'Digit0', 10), k('Q', '+KeyA', 15), k('Shift', '+ShiftLeft', 20),
      k('Unidentified', '+Backquote', 24), k('&', 'Digit1', 29), k('Enter', 'Enter', 34),
    ];
    expect(decode(profile, recorded)).toEqual([{ raw: ']C0A~1', source: 'scanner' }]);
    expect(decode(null, recorded)).toEqual([{ raw: '$CàQ&', source: 'scanner' }]);
  });

  it('a scanner that drops GS, a wristband: the keys carry no separator, and the stop names the scanner, not the band (issue 14)', () => {
    const profile = learned({ scanner: 'us', host: 'us', gs: 'nothing' });
    expect(profile.gs).toEqual({ kind: 'missing' });
    // ]d2 8018 505522094347659196 | 91 RXX/MRN1 — no Ctrl+] after the GSRN.
    const recorded: RecordedKey[] = [
      k(']', 'BracketRight', 0), k('d', 'KeyD', 5), k('2', 'Digit2', 10),
      ...[...'8018505522094347659196'].map((d, i) => k(d, `Digit${d}`, 15 + i * 5)),
      k('9', 'Digit9', 130), k('1', 'Digit1', 135), k('R', '+KeyR', 140), k('X', '+KeyX', 145), k('X', '+KeyX', 150),
      k('/', 'Slash', 155), k('M', '+KeyM', 160), k('R', '+KeyR', 165), k('N', '+KeyN', 170), k('1', 'Digit1', 175), k('Enter', 'Enter', 180),
    ];
    const raw = ']d2801850552209434765919691RXX/MRN1';
    expect(decode(profile, recorded)).toEqual([{ raw, source: 'scanner' }]);
    expect(decode(null, recorded)).toEqual([{ raw, source: 'scanner' }]);
    const read = interpretScan(raw, { nhsCompanyPrefixes: ['5055220'], today: '2025-06-01' });
    expect(read).toMatchObject({ ok: false, error: { code: 'SYNTAX' } });
    expect(!read.ok && read.error.message.startsWith(`${SCANNER_LEFT_OUT_GS} in this wristband`)).toBe(true);
    expect(!read.ok && read.error.message).not.toMatch(new RegExp(`^${UNREADABLE_WRISTBAND}`));
  });

  it('a scanner with AIM identifiers off and a "#" prefix: the prefix goes, the bare element string is read by its content', () => {
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: 'ctrl-bracket', prefix: '#', aim: false };
    const profile = learned(scanner);
    expect(profile).toMatchObject({ prefix: '#', aim: false });
    const recorded: RecordedKey[] = [
      k('Shift', '+ShiftLeft', 0), k('#', '+Digit3', 4),
      ...[...'0105099997000013'].map((d, i) => k(d, `Digit${d}`, 9 + i * 5)),
      k('1', 'Digit1', 95), k('0', 'Digit0', 100), k('L', '+KeyL', 105), k('7', 'Digit7', 110),
      k('Control', 'ControlLeft', 115, { ctrlKey: true }), k(']', 'BracketRight', 119, { ctrlKey: true }),
      k('2', 'Digit2', 124), k('1', 'Digit1', 129), k('Q', '+KeyQ', 134), k('Enter', 'Enter', 139),
    ];
    const [scan] = decode(profile, recorded);
    expect(scan).toEqual({ raw: `010509999700001310L7${GS}21Q`, source: 'scanner' });
    expect(interpretScan(scan!.raw, { today: '2025-06-01' })).toMatchObject({ ok: true, symbology: null, scan: { gtin: '05099997000013', batch: 'L7', serial: 'Q' } });
    // Unlearned, the prefix stays and the scan is no barcode Wardscan knows.
    expect(decode(null, recorded)).toEqual([{ raw: `#010509999700001310L7${GS}21Q`, source: 'scanner' }]);
  });

  it("leaves a person's typing as typed: the correction is for the scanner only", () => {
    const profile = learned({ scanner: 'us', host: 'uk', gs: 'ctrl-bracket' });
    const typed: RecordedKey[] = [k('a', 'KeyA', 0), k('"', '+Digit2', 200), k('b', 'KeyB', 400), k('Enter', 'Enter', 600)];
    expect(decode(profile, typed)).toEqual([{ raw: 'a"b', source: 'keyboard' }]);
  });

  it('reads back a stored profile only if it has the right shape', () => {
    const profile = learned({ scanner: 'us', host: 'fr', gs: 'F8' });
    expect(parseScannerProfile(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
    expect(parseScannerProfile({ ...profile, version: 2 })).toBeNull();
    expect(parseScannerProfile({ ...profile, gs: { kind: 'text', text: '' } })).toBeNull();
    expect(parseScannerProfile({ ...profile, layout: { scanner: 'xx', host: null, charMap: {} } })).toBeNull();
    expect(parseScannerProfile('nonsense')).toBeNull();
  });
});

describe('learn, then decode (property)', () => {
  const gsSent = fc.constantFrom<GsSent>('ctrl-bracket', 'ascii-29', 'alt-029', 'F8', { text: '~' }, { text: '^]' });
  const scanner = fc.record({
    scanner: fc.constantFrom('us' as const, 'uk' as const),
    host: fc.constantFrom('us' as const, 'uk' as const, 'de' as const, 'fr' as const),
    gs: gsSent,
    prefix: fc.constantFrom('', '#', 'X', '*'),
    suffix: fc.constantFrom('', '*', '#'),
    terminator: fc.constantFrom('Enter' as const, 'Tab' as const),
    aim: fc.boolean(),
  });
  const batch = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-./"'), minLength: 1, maxLength: 20 });
  const serial = fc.string({ unit: fc.constantFrom(...'AQWZYMamqwzy0123456789-'), minLength: 1, maxLength: 20 });

  it('reads any pack exactly as the scanner meant it, for any scanner set-up that sends GS', () => {
    fc.assert(
      fc.property(scanner, batch, serial, (sim, lot, sn) => {
        const profile = learned(sim);
        const raw = `]d201050999970000131735123110${lot}${GS}21${sn}`;
        const [scan] = decode(profile, recordScan(raw, sim));
        expect(scan).toEqual({ raw: sim.aim ? raw : raw.slice(3), source: 'scanner' });
      }),
      { numRuns: 300 },
    );
    // Hundreds of learn-then-decode runs: about 1.5 s alone, far more on a loaded machine.
  }, 30_000);

  // At least 4 characters: a shorter burst is taken for typing (the wedge decoder's minScannerLength).
  const code128Text = fc.string({ unit: fc.constantFrom(...'ABCYZQWMabyzqwm0123456789-./@#"£~'), minLength: 4, maxLength: 20 });

  it('reads any Code 128 with @ # " £ / ~ exactly as meant, for any scanner set-up learned from both symbols whose GS substitute is not ~', () => {
    const tildeFree = scanner.filter((sim) => typeof sim.gs !== 'object' || sim.gs.text !== '~');
    fc.assert(
      fc.property(tildeFree, code128Text, (sim, text) => {
        const full: SimulatedScanner = { ...sim, noKey: 'alt-code' };
        const profile = learnedFromBoth(full);
        const raw = `]C0${text}`;
        const [scan] = decode(profile, recordScan(raw, full));
        expect(scan).toEqual({ raw: sim.aim ? raw : text, source: 'scanner' });
      }),
      { numRuns: 300 },
    );
    // Hundreds of learn-then-decode runs: about 1.5 s alone, far more on a loaded machine.
  }, 30_000);
});
