/*
 * A scanner's keydowns, read as tokens: one per thing the scanner meant to
 * send. Most are one key; a character sent in "Alt mode" (Alt held, its
 * code on the numeric keypad: Alt+0 2 9 for GS) is several keydowns and one
 * token. Pure: the learner (learn-scanner-profile.ts) and the decoder that
 * applies a learned profile (scanner-profile.ts) read keys the same way.
 */

const GS = '\u001d';

/** A keydown as the browser reports it: what a recording of a scanner holds. */
export interface RecordedKey {
  key: string;
  /** The key's position (`KeyZ`, `Digit2`, `BracketRight`): what a HID scanner actually sends. */
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
  timeStamp: number;
}

export type KeyToken =
  /** A printable character as this keyboard typed it (AltGr characters included). */
  | { kind: 'char'; key: string; code: string | undefined; shift: boolean; at: number; event: RecordedKey }
  /** A character sent as Alt + its decimal code on the numeric keypad. */
  | { kind: 'alt-code'; char: string; digits: string; at: number; event: RecordedKey }
  /** ASCII 29 itself, or the GroupSeparator key. */
  | { kind: 'gs'; at: number; event: RecordedKey }
  /** Ctrl (or Meta) with a key: Ctrl+] is GS in a US keyboard's terms. */
  | { kind: 'ctrl'; key: string; code: string | undefined; at: number; event: RecordedKey }
  | { kind: 'terminator'; key: 'Enter' | 'Tab'; at: number; event: RecordedKey }
  /** Any other named key: F1–F24, Dead, Unidentified… */
  | { kind: 'named'; key: string; at: number; event: RecordedKey };

/** Keys that only change what other keys type. 'Alt' is read separately: it starts an Alt-mode character. */
const MODIFIERS = new Set(['Shift', 'Control', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS']);

/** The digit of a numeric-keypad key held with Alt; null for any other key. */
function keypadDigit(event: RecordedKey): string | null {
  if (!event.altKey || event.ctrlKey) return null;
  const fromCode = /^Numpad([0-9])$/.exec(event.code ?? '');
  if (fromCode) return fromCode[1]!;
  // A recording without positions: a digit under Alt is the keypad's.
  return !event.code && /^[0-9]$/.test(event.key) ? event.key : null;
}

/**
 * The character Windows composes from Alt + digits: with a leading 0 from
 * Windows-1252 (Latin-1 here), without from code page 437. Below 128 both
 * are ASCII, and a control code is that control character: Alt+029 and
 * Alt+29 are both how a scanner sends GS.
 */
export function altCodeChar(digits: string): string {
  const value = Number.parseInt(digits, 10) % 256;
  if (value < 128 || digits.startsWith('0')) return String.fromCharCode(value);
  return '\uFFFD';
}

function tokenOf(event: RecordedKey): KeyToken | null {
  const { key } = event;
  const at = event.timeStamp;
  if (MODIFIERS.has(key) || key === 'Alt') return null;
  if (key === 'Enter' || key === 'Tab') {
    return event.ctrlKey || event.altKey || event.metaKey ? { kind: 'named', key, at, event } : { kind: 'terminator', key, at, event };
  }
  if (key === 'GroupSeparator' || key === GS) return { kind: 'gs', at, event };
  // Ctrl+Alt together is AltGr on European layouts: a normal character.
  if ((event.ctrlKey && !event.altKey) || event.metaKey) return { kind: 'ctrl', key, code: event.code || undefined, at, event };
  if (key.length === 1) return { kind: 'char', key, code: event.code || undefined, shift: event.shiftKey === true, at, event };
  return { kind: 'named', key, at, event };
}

/** Reads keydowns one at a time; an Alt-mode character is complete when the next key (or `flush`) comes. */
export interface KeyReader {
  push(event: RecordedKey): KeyToken[];
  flush(): KeyToken[];
  /** True while Alt-mode digits wait for their character to complete. */
  readonly composing: boolean;
}

export function createKeyReader(): KeyReader {
  let alt: { digits: string; last: RecordedKey } | null = null;

  function finishAlt(): KeyToken[] {
    const done = alt;
    alt = null;
    if (!done || done.digits === '') return [];
    return [{ kind: 'alt-code', char: altCodeChar(done.digits), digits: done.digits, at: done.last.timeStamp, event: done.last }];
  }

  return {
    push(event) {
      if (event.key === 'Alt') {
        // Every Alt-mode character starts with its own Alt press.
        const before = finishAlt();
        alt = { digits: '', last: event };
        return before;
      }
      const digit = alt ? keypadDigit(event) : null;
      if (alt && digit !== null) {
        alt = { digits: alt.digits + digit, last: event };
        return [];
      }
      // Shift and the like do not end an Alt-mode character; anything else does.
      if (MODIFIERS.has(event.key)) return [];
      const token = tokenOf(event);
      return [...finishAlt(), ...(token ? [token] : [])];
    },
    flush: finishAlt,
    get composing() {
      return alt !== null && alt.digits !== '';
    },
  };
}

/** Reads a whole recording. */
export function readKeys(events: readonly RecordedKey[]): KeyToken[] {
  const reader = createKeyReader();
  return [...events.flatMap((event) => reader.push(event)), ...reader.flush()];
}

/** A token as a person would read it on the set-up page: `F8`, `Ctrl+]`, `Alt+029`, `a`. */
export function describeToken(token: KeyToken): string {
  switch (token.kind) {
    case 'char':
      return token.key;
    case 'alt-code':
      return `Alt+${token.digits}`;
    case 'gs':
      return 'GS';
    case 'ctrl':
      return `Ctrl+${token.key}`;
    case 'terminator':
    case 'named':
      return token.key;
    default: {
      const unreachable: never = token;
      return unreachable;
    }
  }
}
