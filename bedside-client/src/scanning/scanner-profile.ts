/*
 * A handheld's scanner, as learned from the test symbol on the set-up page
 * (learn-scanner-profile.ts), and the decoder that applies it to every
 * later scan. Scanner settings vary by ward and by device (DOMAIN.md,
 * "Scanners"): the client learns them rather than assuming them.
 */
import { createWedgeDecoder, type WedgeDecoderOptions, type WedgeKeyEvent, type WedgeResult } from '@wardscan/shared';
import { LAYOUT_IDS, layoutChar, type LayoutId } from './keyboard-layouts.js';
import { createKeyReader, type KeyToken, type RecordedKey } from './scanner-keys.js';

export const GS = '\u001d';

/** How the scanner sends GS (FNC1 as a separator, ASCII 29). */
export type GsForm =
  /** ASCII 29 itself (or the GroupSeparator key). */
  | { kind: 'control' }
  /** Ctrl with a key: Ctrl+] on a US keyboard; the same key position has another character on other layouts. */
  | { kind: 'ctrl'; key: string; code: string | null }
  /** Alt + 029 (or 29) on the numeric keypad. */
  | { kind: 'alt-code' }
  /** A key that types no character, e.g. F8. */
  | { kind: 'key'; key: string }
  /** Characters in place of GS, e.g. `~` or `^]`. */
  | { kind: 'text'; text: string }
  /** Nothing: the elements run together, and variable-length ones cannot be told apart. */
  | { kind: 'missing' };

/** What the scanner's keys mean when it and the handheld's keyboard are set to different layouts. */
export interface LayoutCorrection {
  /** The layout the scanner types in, if one of the known layouts fits every key of the test symbol. */
  scanner: LayoutId | null;
  /** The handheld keyboard's layout, if known. */
  host: LayoutId | null;
  /** Character as received → character meant, for the characters of the test symbol that arrived changed. */
  charMap: Record<string, string>;
}

export interface ScannerProfile {
  version: 1;
  /** ISO date-time of the test scan it was learned from. */
  learnedAt: string;
  /** null: the scanner and the keyboard agree. */
  layout: LayoutCorrection | null;
  gs: GsForm;
  /** Characters the scanner sends before every barcode (as meant), removed. */
  prefix: string;
  /** Characters it sends after the data, before its Enter or Tab (as meant), removed. */
  suffix: string;
  terminator: 'Enter' | 'Tab' | null;
  /** Whether it sends AIM symbology identifiers (`]d2`, `]C1`…). */
  aim: boolean;
}

/** What a character key meant, given the scanner's layout (by key position) or the learned character map. */
export function meantChar(layout: LayoutCorrection | null, token: { key: string; code: string | undefined; shift: boolean }): string {
  if (!layout) return token.key;
  if (layout.scanner && token.code) {
    const meant = layoutChar(layout.scanner, token.code, token.shift);
    if (meant !== null) return meant;
  }
  return Object.hasOwn(layout.charMap, token.key) ? layout.charMap[token.key]! : token.key;
}

/** What a key that types no character on this keyboard ('Unidentified') meant, by its position in the scanner's layout; null if unknown. */
export function positionChar(layout: LayoutCorrection | null, token: Extract<KeyToken, { kind: 'named' }>): string | null {
  const { code, shiftKey } = token.event;
  if (token.key !== 'Unidentified' || !layout?.scanner || !code) return null;
  return layoutChar(layout.scanner, code, shiftKey === true);
}

/** Whether a Ctrl key combination is the scanner's GS. */
function isProfileGsCtrl(gs: GsForm, token: Extract<KeyToken, { kind: 'ctrl' }>): boolean {
  if (gs.kind !== 'ctrl' || token.event.metaKey) return false;
  return gs.code !== null && token.code !== undefined ? gs.code === token.code : gs.key === token.key;
}

/**
 * The events the wedge decoder reads for one token: what the key is as
 * typed (`key`) and, where the profile reads it differently, as scanned.
 * `data` says whether a scanner could have sent it as part of a barcode.
 */
export function wedgeEventsOf(profile: ScannerProfile | null, token: KeyToken): { events: WedgeKeyEvent[]; data: boolean } {
  const { ctrlKey, altKey, metaKey } = token.event;
  const at = token.at;
  switch (token.kind) {
    case 'char': {
      const scanned = meantChar(profile?.layout ?? null, token);
      const event: WedgeKeyEvent = { key: token.key, ctrlKey, altKey, metaKey, timeStamp: at };
      return { events: [scanned === token.key ? event : { ...event, scanned }], data: true };
    }
    case 'alt-code':
      return { events: [{ key: token.char, timeStamp: at }], data: true };
    case 'gs':
      return { events: [{ key: GS, timeStamp: at }], data: true };
    case 'ctrl': {
      const event: WedgeKeyEvent = { key: token.key, ctrlKey, altKey, metaKey, timeStamp: at };
      if (profile && isProfileGsCtrl(profile.gs, token)) return { events: [{ ...event, scanned: GS }], data: true };
      return { events: [event], data: token.key.length === 1 };
    }
    case 'terminator':
      return { events: [{ key: token.key, timeStamp: at }], data: false };
    case 'named': {
      if (profile?.gs.kind === 'key' && profile.gs.key === token.key) return { events: [{ key: token.key, timeStamp: at, scanned: GS }], data: true };
      // A key that types nothing on this keyboard, where the scanner's layout has a character: '~' from a US-layout scanner on a French keyboard.
      const meant = positionChar(profile?.layout ?? null, token);
      return meant === null ? { events: [], data: false } : { events: [{ key: token.key, timeStamp: at, scanned: meant }], data: true };
    }
    default: {
      const unreachable: never = token;
      return unreachable;
    }
  }
}

/** Puts GS back where the scanner sent characters in its place. */
export function restoreGs(profile: ScannerProfile | null, raw: string): string {
  return profile?.gs.kind === 'text' && profile.gs.text !== '' ? raw.split(profile.gs.text).join(GS) : raw;
}

/** The shared wedge decoder, reading keys as this handheld's scanner meant them. */
export interface ProfiledDecoder {
  /** Feeds one keydown; `data` is true when it is (part of) a character or GS a scanner could send. */
  push(event: RecordedKey): { results: WedgeResult[]; data: boolean };
  flush(now: number): WedgeResult[];
  reset(): void;
  readonly pending: boolean;
}

export function createProfiledDecoder(profile: ScannerProfile | null, options: WedgeDecoderOptions = {}): ProfiledDecoder {
  const decoder = createWedgeDecoder({ ...options, prefix: profile?.prefix || options.prefix, suffix: profile?.suffix || options.suffix });
  const reader = createKeyReader();
  const finish = (results: WedgeResult[]) =>
    results.map((result) => (result.source === 'scanner' ? { ...result, raw: restoreGs(profile, result.raw) } : result));
  const feed = (tokens: KeyToken[]) => {
    let data = false;
    const results: WedgeResult[] = [];
    for (const token of tokens) {
      const read = wedgeEventsOf(profile, token);
      data ||= read.data;
      for (const event of read.events) results.push(...decoder.push(event));
    }
    return { results: finish(results), data };
  };
  return {
    push(event) {
      const read = feed(reader.push(event));
      // An Alt-mode digit is data although its character is not complete yet.
      return { results: read.results, data: read.data || reader.composing };
    },
    flush(now) {
      const { results } = feed(reader.flush());
      return [...results, ...finish(decoder.flush(now))];
    },
    reset() {
      reader.flush();
      decoder.reset();
    },
    get pending() {
      return decoder.pending || reader.composing;
    },
  };
}

function isGsForm(value: unknown): value is GsForm {
  if (typeof value !== 'object' || value === null) return false;
  const gs = value as Record<string, unknown>;
  switch (gs.kind) {
    case 'control':
    case 'alt-code':
    case 'missing':
      return true;
    case 'ctrl':
      return typeof gs.key === 'string' && (gs.code === null || typeof gs.code === 'string');
    case 'key':
      return typeof gs.key === 'string';
    case 'text':
      return typeof gs.text === 'string' && gs.text !== '';
    default:
      return false;
  }
}

/** A stored profile, checked: anything else (an older shape, a hand edit) is no profile. */
export function parseScannerProfile(value: unknown): ScannerProfile | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Partial<ScannerProfile>;
  const layoutOk =
    p.layout === null ||
    (typeof p.layout === 'object' &&
      p.layout !== undefined &&
      (p.layout.scanner === null || LAYOUT_IDS.includes(p.layout.scanner)) &&
      (p.layout.host === null || LAYOUT_IDS.includes(p.layout.host)) &&
      typeof p.layout.charMap === 'object' &&
      p.layout.charMap !== null &&
      Object.values(p.layout.charMap).every((c) => typeof c === 'string'));
  const ok =
    p.version === 1 &&
    typeof p.learnedAt === 'string' &&
    layoutOk &&
    isGsForm(p.gs) &&
    typeof p.prefix === 'string' &&
    typeof p.suffix === 'string' &&
    (p.terminator === null || p.terminator === 'Enter' || p.terminator === 'Tab') &&
    typeof p.aim === 'boolean';
  return ok ? (p as ScannerProfile) : null;
}
