/*
 * Keydowns as a HID scanner in keyboard emulation produces them on a host:
 * the scanner picks a key position (and Shift) from the layout it is set
 * to; the host's layout turns the position into the `key` the browser
 * reports. Written out by hand from the layouts' charts, for the characters
 * the tests use, apart from keyboard-layouts.ts, so the tests have an
 * oracle of their own.
 */
import type { RecordedKey } from '../scanning/scanner-keys.js';

export type ScannerLayout = 'us' | 'uk';
export type HostLayout = 'us' | 'uk' | 'de' | 'fr';

type Position = readonly [code: string, shift: boolean];

/** Where a US-layout scanner presses for each non-alphanumeric character. */
const US_PUNCTUATION: Record<string, Position> = {
  ']': ['BracketRight', false],
  '"': ['Quote', true],
  '@': ['Digit2', true],
  '#': ['Digit3', true],
  '*': ['Digit8', true],
  '-': ['Minus', false],
  '/': ['Slash', false],
  '.': ['Period', false],
  '~': ['Backquote', true],
  '^': ['Digit6', true],
  '%': ['Digit5', true],
};

/** A UK-layout scanner differs from a US one here ('£' has no key on a US layout). */
const UK_PUNCTUATION: Record<string, Position> = {
  ...US_PUNCTUATION,
  '"': ['Digit2', true],
  '@': ['Quote', true],
  '#': ['Backslash', false],
  '~': ['Backslash', true],
  '£': ['Digit3', true],
};

/** Characters a scanner's layout has no key for: a US layout has none for '£'. */
const NO_KEY: Record<ScannerLayout, ReadonlySet<string>> = { us: new Set(['£']), uk: new Set() };

export function scannerPosition(layout: ScannerLayout, char: string): Position {
  if (/^[a-z]$/.test(char)) return [`Key${char.toUpperCase()}`, false];
  if (/^[A-Z]$/.test(char)) return [`Key${char}`, true];
  if (/^[0-9]$/.test(char)) return [`Digit${char}`, false];
  const position = (layout === 'us' ? US_PUNCTUATION : UK_PUNCTUATION)[char];
  if (!position) throw new Error(`no ${layout} key for ${JSON.stringify(char)} in this test chart`);
  return position;
}

/** What each host layout types at a position, where it is not the US character ('+' marks Shift). */
const HOST_DIFFERENCES: Record<HostLayout, Record<string, string>> = {
  us: {},
  uk: { 'Quote+': '@', 'Digit2+': '"', 'Digit3+': '£', Backslash: '#', 'Backslash+': '~', 'Backquote+': '¬' },
  de: {
    KeyY: 'z', 'KeyY+': 'Z', KeyZ: 'y', 'KeyZ+': 'Y',
    BracketRight: '+', Minus: 'ß', Slash: '-', Quote: 'ä', 'Quote+': 'Ä', 'Digit2+': '"', 'Digit3+': '§', 'Digit6+': '&', 'Digit8+': '(',
    Backslash: '#', 'Backslash+': "'", 'Backquote+': '°',
  },
  fr: {
    KeyA: 'q', 'KeyA+': 'Q', KeyQ: 'a', 'KeyQ+': 'A', KeyW: 'z', 'KeyW+': 'Z', KeyZ: 'w', 'KeyZ+': 'W', KeyM: ',', 'KeyM+': '?',
    Digit1: '&', Digit2: 'é', Digit3: '"', Digit4: "'", Digit5: '(', Digit6: '-', Digit7: 'è', Digit8: '_', Digit9: 'ç', Digit0: 'à',
    'Digit1+': '1', 'Digit2+': '2', 'Digit3+': '3', 'Digit4+': '4', 'Digit5+': '5', 'Digit6+': '6', 'Digit7+': '7', 'Digit8+': '8', 'Digit9+': '9', 'Digit0+': '0',
    BracketRight: '$', Minus: ')', Slash: '!', Period: ':', 'Period+': '/', Quote: 'ù', 'Quote+': '%', Backslash: '*', 'Backslash+': 'µ', 'Backquote+': 'Unidentified',
  },
};

const US_SHIFTED: Record<string, string> = { Quote: '"', Digit2: '@', Digit3: '#', Digit5: '%', Digit6: '^', Digit8: '*', Backquote: '~', Backslash: '|', Period: '>', Slash: '?', Minus: '_' };
const US_BASE: Record<string, string> = { BracketRight: ']', Quote: "'", Minus: '-', Slash: '/', Period: '.', Backquote: '`', Backslash: '\\' };

/** The `key` a host reports for a position. */
export function hostKey(layout: HostLayout, code: string, shift: boolean): string {
  const different = HOST_DIFFERENCES[layout][code + (shift ? '+' : '')];
  if (different !== undefined) return different;
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return shift ? letter[1]! : letter[1]!.toLowerCase();
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit && !shift) return digit[1]!;
  const us = (shift ? US_SHIFTED : US_BASE)[code];
  if (us === undefined) throw new Error(`no ${layout} character for ${code}${shift ? '+Shift' : ''} in this test chart`);
  return us;
}

export type GsSent = 'ctrl-bracket' | 'ascii-29' | 'alt-029' | 'F8' | 'nothing' | { text: string };

export interface SimulatedScanner {
  scanner: ScannerLayout;
  host: HostLayout;
  gs: GsSent;
  prefix?: string;
  suffix?: string;
  terminator?: 'Enter' | 'Tab' | null;
  /** Sends the AIM identifier in front of the data (the raw given already holds it). */
  aim?: boolean;
  gapMs?: number;
  /**
   * What it does with a character its layout has no key for ('£' on a US
   * layout): 'alt-code' types Alt and the character's Windows-1252 code on
   * the numeric keypad (Alt+0163: "Alt mode", "Universal keyboard"),
   * 'drop' leaves it out. Not set: such a character is a mistake in the test.
   */
  noKey?: 'alt-code' | 'drop';
  /** Characters of the data its data editing replaces before typing them ('' leaves one out), e.g. { '~': '^' }. */
  replace?: Readonly<Record<string, string>>;
}

/** The keydowns `scanner` produces for `raw` (GS as ASCII 29, AIM identifier included). */
export function recordScan(raw: string, scanner: SimulatedScanner, start = 1000): RecordedKey[] {
  const gap = scanner.gapMs ?? 4;
  let at = start;
  const events: RecordedKey[] = [];
  const press = (event: Omit<RecordedKey, 'timeStamp'>) => {
    events.push({ ...event, timeStamp: at });
    at += gap;
  };
  const typeAltCode = (char: string) => {
    press({ key: 'Alt', code: 'AltLeft', altKey: true });
    for (const digit of char.charCodeAt(0).toString().padStart(4, '0')) press({ key: digit, code: `Numpad${digit}`, altKey: true });
  };
  const typeChar = (char: string) => {
    if (NO_KEY[scanner.scanner].has(char)) {
      if (scanner.noKey === 'alt-code') typeAltCode(char);
      else if (scanner.noKey !== 'drop') throw new Error(`a ${scanner.scanner}-layout scanner has no key for ${JSON.stringify(char)}: say what it does (noKey)`);
      return;
    }
    const [code, shift] = scannerPosition(scanner.scanner, char);
    if (shift) press({ key: 'Shift', code: 'ShiftLeft', shiftKey: true });
    press({ key: hostKey(scanner.host, code, shift), code, shiftKey: shift });
  };
  const typeGs = () => {
    const gs = scanner.gs;
    if (gs === 'ctrl-bracket') {
      press({ key: 'Control', code: 'ControlLeft', ctrlKey: true });
      press({ key: hostKey(scanner.host, 'BracketRight', false), code: 'BracketRight', ctrlKey: true });
    } else if (gs === 'ascii-29') press({ key: '\u001d', code: '' });
    else if (gs === 'alt-029') {
      press({ key: 'Alt', code: 'AltLeft', altKey: true });
      for (const digit of '029') press({ key: digit, code: `Numpad${digit}`, altKey: true });
    } else if (gs === 'F8') press({ key: 'F8', code: 'F8' });
    else if (gs !== 'nothing') [...gs.text].forEach(typeChar);
  };
  const body = scanner.aim === false && raw.startsWith(']') ? raw.slice(3) : raw;
  [...(scanner.prefix ?? '')].forEach(typeChar);
  for (const char of body) {
    if (char === '\u001d') typeGs();
    else [...(scanner.replace?.[char] ?? char)].forEach(typeChar);
  }
  [...(scanner.suffix ?? '')].forEach(typeChar);
  const terminator = scanner.terminator === undefined ? 'Enter' : scanner.terminator;
  if (terminator) press({ key: terminator, code: terminator });
  return events;
}

/** Dispatches recorded keydowns on `target` (jsdom stamps events itself, so the stamp is set). */
export function dispatchRecorded(events: readonly RecordedKey[], target: EventTarget = window, offset = 0): KeyboardEvent[] {
  return events.map((recorded) => {
    const event = new KeyboardEvent('keydown', { ...recorded, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: recorded.timeStamp + offset });
    target.dispatchEvent(event);
    return event;
  });
}
