/*
 * Keyboard-wedge decoder: USB/Bluetooth scanners type their data as a burst
 * of keys tens of milliseconds apart, usually ending in Enter or Tab; a
 * person types far slower (DOMAIN.md, "Scanners"). This pure state machine
 * turns key events into complete scans and says which of the two made each,
 * because a typed patient identifier is blocked by default.
 *
 * Scanner settings vary by ward, so nothing is assumed: AIM identifiers stay
 * in `raw` for interpretScan to read; a configured prefix/suffix is stripped;
 * GS arrives as Ctrl+], a GroupSeparator key, ASCII 29, or a configured
 * substitute. A key may also carry what it means when this device's scanner
 * sent it (`scanned`, from the handheld's learned scanner profile): a
 * scanner set to a US layout on a UK keyboard types `@` for `"`. Only
 * scanner bursts read that meaning; a person's typing stays as typed.
 */
import { GS } from './scan-result.js';

/** The parts of a DOM KeyboardEvent the decoder reads. */
export interface WedgeKeyEvent {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** Milliseconds, as DOM `event.timeStamp`. */
  timeStamp: number;
  /**
   * What this key means if a scanner sent it, when that differs from what
   * the host keyboard made of it (keyboard layout mismatch, GS sent as a
   * function key). Default: the key's own character. Used in scanner
   * bursts only.
   */
  scanned?: string;
}

/** One complete capture: the characters, and whether a scanner or a person produced them. */
export interface WedgeResult {
  raw: string;
  source: 'scanner' | 'keyboard';
}

/** Ward-specific scanner settings; every field has a default that suits common scanners. */
export interface WedgeDecoderOptions {
  /** Longest gap between a scanner's keys, ms. Default 50. */
  maxScannerGapMs?: number;
  /** Fewest characters a scanner burst has; shorter fast runs count as typing. Default 4. */
  minScannerLength?: number;
  /** Keys that end a capture. Default ['Enter', 'Tab']. */
  terminators?: readonly string[];
  /** Silence after which a scanner burst without a terminator is complete, ms. Default 100. */
  pauseMs?: number;
  /** Characters this ward's scanners send in place of GS, e.g. ['~']. Scanner bursts only. */
  gsSubstitutes?: readonly string[];
  /** A prefix the scanners are set to send, stripped from scanner bursts. */
  prefix?: string;
  /** A suffix the scanners are set to send (before any terminator), stripped from scanner bursts. */
  suffix?: string;
}

/** A keystroke decoder for one input; feed it every keydown. */
export interface WedgeDecoder {
  /** Feeds one key event; returns the captures it completed (usually none, at most two). */
  push(event: WedgeKeyEvent): WedgeResult[];
  /** Completes a scanner burst that has been silent for `pauseMs`; call it on a timer. */
  flush(now: number): WedgeResult[];
  /** Drops anything half-captured, e.g. when the screen changes. */
  reset(): void;
  /** True while characters are waiting for a terminator or pause. */
  readonly pending: boolean;
}

interface Run {
  /** As typed: what a person's key means on this keyboard. */
  chars: string[];
  /** As scanned: what the scanner meant by the same key (`WedgeKeyEvent.scanned`). */
  scanned: string[];
  /** Timestamp of each character, for the gap test. */
  times: number[];
}

/** Keys that carry no character: modifiers, dead keys and the like are ignored entirely. */
function characterOf(event: WedgeKeyEvent): string | null {
  const { key } = event;
  if (key === 'GroupSeparator' || key === GS) return GS;
  // Ctrl+] is how a US-layout keyboard emulation sends GS (ASCII 29).
  if (event.ctrlKey && !event.altKey && key === ']') return GS;
  // Ctrl+Alt together is AltGr on European layouts: a normal character.
  if ((event.ctrlKey && !event.altKey) || event.metaKey) return null;
  return key.length === 1 ? key : null;
}

/** The key as typed and as scanned; null when it carries neither (a modifier, a shortcut). */
function entryOf(event: WedgeKeyEvent): { typed: string; scanned: string } | null {
  const typed = characterOf(event) ?? '';
  const scanned = event.scanned ?? typed;
  return typed === '' && scanned === '' ? null : { typed, scanned };
}

/** Creates a decoder with this ward's scanner settings. */
export function createWedgeDecoder(options: WedgeDecoderOptions = {}): WedgeDecoder {
  const maxGap = options.maxScannerGapMs ?? 50;
  const minLength = options.minScannerLength ?? 4;
  const terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
  const pauseMs = options.pauseMs ?? 100;
  const substitutes = new Set(options.gsSubstitutes ?? []);
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';

  // Characters are grouped into runs: a gap longer than maxGap starts a new run,
  // so typed characters before a scanner burst never become part of the scan.
  let runs: Run[] = [];

  const lastTime = (): number | null => runs.at(-1)?.times.at(-1) ?? null;

  function isScannerRun(run: Run): boolean {
    return run.chars.length >= minLength;
  }

  function scannerRaw(run: Run): string {
    let raw = run.scanned.map((c) => (substitutes.has(c) ? GS : c)).join('');
    if (prefix && raw.startsWith(prefix)) raw = raw.slice(prefix.length);
    if (suffix && raw.endsWith(suffix)) raw = raw.slice(0, raw.length - suffix.length);
    return raw;
  }

  /** Completes everything buffered: a final scanner run on its own, anything before it as typing. */
  function complete(): WedgeResult[] {
    const last = runs.at(-1);
    if (last === undefined) return [];
    const results: WedgeResult[] = [];
    const scanner = isScannerRun(last);
    const typedRuns = scanner ? runs.slice(0, -1) : runs;
    const typed = typedRuns.map((run) => run.chars.join('')).join('');
    if (typed.length > 0) results.push({ raw: typed, source: 'keyboard' });
    if (scanner) results.push({ raw: scannerRaw(last), source: 'scanner' });
    runs = [];
    return results;
  }

  function pausedBurst(now: number): boolean {
    const last = runs.at(-1);
    const lastAt = lastTime();
    return last !== undefined && lastAt !== null && isScannerRun(last) && now - lastAt > pauseMs;
  }

  return {
    push(event) {
      const results = pausedBurst(event.timeStamp) ? complete() : [];
      if (terminators.has(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
        const lastAt = lastTime();
        const last = runs.at(-1);
        // A scanner's terminator follows its data at burst speed; a late Enter is a person's.
        if (last !== undefined && lastAt !== null && event.timeStamp - lastAt > maxGap) runs.push({ chars: [], scanned: [], times: [] });
        return [...results, ...complete()];
      }
      const entry = entryOf(event);
      if (entry === null) return results;
      const lastAt = lastTime();
      if (lastAt === null || event.timeStamp - lastAt > maxGap) runs.push({ chars: [], scanned: [], times: [] });
      const run = runs.at(-1)!;
      run.chars.push(entry.typed);
      run.scanned.push(entry.scanned);
      run.times.push(event.timeStamp);
      return results;
    },
    flush(now) {
      return pausedBurst(now) ? complete() : [];
    },
    reset() {
      runs = [];
    },
    get pending() {
      return runs.length > 0;
    },
  };
}
