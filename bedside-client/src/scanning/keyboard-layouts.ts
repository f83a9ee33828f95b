/*
 * Keyboard layouts a ward scanner may be set to, and a handheld may use.
 * A HID scanner sends key positions (KeyboardEvent.code, with Shift), not
 * characters: it picks the positions from the layout it is set to, and the
 * host turns them back into characters with its own layout (DOMAIN.md,
 * "Keyboard layouts"). Knowing the scanner's layout, the position tells what
 * it meant, for every character, not only those seen on the test symbol.
 *
 * Only the unshifted and shifted characters: AltGr characters (`@` on a
 * German layout, `#` on a French one) are outside GS1's character set 82
 * and fall back to the character map learned from the test symbol.
 */

export type LayoutId = 'us' | 'uk' | 'de' | 'fr';

/** `null`: a dead key (the browser reports `Dead`), or no character. */
type KeyPair = readonly [base: string | null, shifted: string | null];

export const LAYOUT_NAMES: Record<LayoutId, string> = {
  us: 'US English',
  uk: 'UK English',
  de: 'German (QWERTZ)',
  fr: 'French (AZERTY)',
};

/** In the order a tie is settled: the commonest scanner default first. */
export const LAYOUT_IDS: readonly LayoutId[] = ['us', 'uk', 'de', 'fr'];

const PUNCTUATION_CODES = [
  'Backquote', 'Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal',
  'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Comma', 'Period', 'Slash', 'IntlBackslash', 'Space',
] as const;

/** Each layout's punctuation row as base and shifted strings, in PUNCTUATION_CODES order; '¤' marks a dead key. */
const PUNCTUATION: Record<LayoutId, readonly [string, string]> = {
  us: ['`1234567890-=[]\\;\',./\\ ', '~!@#$%^&*()_+{}|:"<>?| '],
  uk: ['`1234567890-=[]#;\',./\\ ', '¬!"£$%^&*()_+{}~:@<>?| '],
  de: ['¤1234567890ß¤ü+#öä,.-< ', '°!"§$%&/()=?¤Ü*\'ÖÄ;:_> '],
  fr: ['²&é"\'(-è_çà)=¤$*mù;:!< ', '¤1234567890°+¤£µM%./§> '],
};

/** Letter positions that a layout moves: QWERTZ swaps Y and Z; AZERTY swaps A/Q and Z/W, and moves M. */
const LETTER_MOVES: Record<LayoutId, Readonly<Record<string, string>>> = {
  us: {},
  uk: {},
  de: { KeyY: 'z', KeyZ: 'y' },
  fr: { KeyA: 'q', KeyQ: 'a', KeyW: 'z', KeyZ: 'w', KeyM: ',', Semicolon: 'm' },
};

function buildLayout(id: LayoutId): ReadonlyMap<string, KeyPair> {
  const keys = new Map<string, KeyPair>();
  const [base, shifted] = PUNCTUATION[id];
  const char = (c: string | undefined) => (c === undefined || c === '¤' ? null : c);
  PUNCTUATION_CODES.forEach((code, i) => keys.set(code, [char(base[i]), char(shifted[i])]));
  for (let c = 'a'.charCodeAt(0); c <= 'z'.charCodeAt(0); c += 1) {
    const letter = String.fromCharCode(c);
    keys.set(`Key${letter.toUpperCase()}`, [letter, letter.toUpperCase()]);
  }
  for (const [code, moved] of Object.entries(LETTER_MOVES[id])) {
    // AZERTY's M position types ',' and '?'; its ';' position types 'm'.
    keys.set(code, moved === ',' ? [',', '?'] : [moved, moved.toUpperCase()]);
  }
  return keys;
}

const LAYOUTS: Record<LayoutId, ReadonlyMap<string, KeyPair>> = {
  us: buildLayout('us'),
  uk: buildLayout('uk'),
  de: buildLayout('de'),
  fr: buildLayout('fr'),
};

/** The character `layout` types for a key position with or without Shift; null if it types none (or a dead key). */
export function layoutChar(layout: LayoutId, code: string, shift: boolean): string | null {
  const pair = LAYOUTS[layout].get(code);
  return pair ? pair[shift ? 1 : 0] : null;
}

/** The key position (and Shift) that types `char` on `layout`; null if it needs AltGr or a dead key. */
export function layoutKeyFor(layout: LayoutId, char: string): { code: string; shift: boolean } | null {
  for (const [code, [base, shifted]] of LAYOUTS[layout]) {
    if (base === char) return { code, shift: false };
    if (shifted === char) return { code, shift: true };
  }
  return null;
}
