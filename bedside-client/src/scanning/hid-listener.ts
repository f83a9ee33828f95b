import type { ScanSource, WedgeResult } from '@wardscan/shared';
import { createProfiledDecoder, type ScannerProfile } from './scanner-profile.js';

export interface HidSettings {
  scannerMaxKeyGapMs: number;
  gsSubstitutes: readonly string[];
  /** This handheld's scanner as learned on the set-up page: layout, GS form, prefix and suffix. */
  profile?: ScannerProfile | null;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

function editableTarget(target: EventTarget | null): Editable | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type)) {
    return target;
  }
  return null;
}

/** Sets a field's value so React's onChange sees it. */
function restoreValue(field: Editable, value: string): void {
  if (field.value === value) return;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const TERMINATORS = new Set(['Enter', 'Tab']);

/**
 * Silence after which a scanner burst with no Enter/Tab is taken as complete.
 * Most ward scanners send a terminator; this is the fallback, so it errs on
 * the long side: cutting a burst short would send half a barcode.
 */
export const BURST_PAUSE_MS = 250;

/**
 * Listens to every keydown on the window (capture phase, so whatever has
 * focus) and feeds the shared wedge decoder, reading keys as the learned
 * scanner profile says the scanner meant them. A scanner burst never types
 * into a form field or presses a focused button: its keys are prevented
 * from the second one on, its terminator is prevented, and the one key that
 * reached a field before the burst was recognised is taken back out.
 * Typing by a person into a field is left alone and not reported.
 */
export function listenForHidScans(
  target: Window,
  settings: HidSettings,
  onScan: (raw: string, source: ScanSource) => void,
): () => void {
  const maxGap = settings.scannerMaxKeyGapMs;
  const decoder = createProfiledDecoder(settings.profile ?? null, { maxScannerGapMs: maxGap, gsSubstitutes: settings.gsSubstitutes, pauseMs: BURST_PAUSE_MS });
  let lastKeyAt = Number.NEGATIVE_INFINITY;
  // When the last key was handled, in this page's clock: queued keys handled late still count as one burst.
  let lastHandledAt = 0;
  let burstLength = 0;
  let snapshot: { field: Editable; value: string } | null = null;
  let typedIntoField = false;

  const emit = (results: WedgeResult[]) => {
    for (const result of results) {
      if (result.source === 'scanner') {
        if (snapshot) restoreValue(snapshot.field, snapshot.value);
        onScan(result.raw, 'scanner');
      } else if (!typedIntoField) {
        // Typed somewhere other than a field (a person keying an identifier): reported as typed.
        onScan(result.raw, 'keyboard');
      }
    }
    if (results.length > 0) {
      typedIntoField = false;
      snapshot = null;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const { key, code, ctrlKey, altKey, shiftKey, metaKey, timeStamp } = event;
    // Every key goes to the decoder: an Alt press starts an Alt-mode character, a learned F-key is GS.
    const { results, data: isCharacter } = decoder.push({ key, code, ctrlKey, altKey, shiftKey, metaKey, timeStamp });
    const isTerminator = TERMINATORS.has(event.key);
    if (!isCharacter && !isTerminator) {
      emit(results);
      return;
    }
    const field = editableTarget(event.target);
    const fast = event.timeStamp - lastKeyAt <= maxGap;
    lastKeyAt = event.timeStamp;
    lastHandledAt = performance.now();
    if (isCharacter) {
      burstLength = fast ? burstLength + 1 : 1;
      if (burstLength === 1) snapshot = field ? { field, value: field.value } : null;
    }
    const inBurst = isCharacter && burstLength >= 2;
    const endsScan = isTerminator && results.some((result) => result.source === 'scanner');
    // Space and characters outside fields: a lone space still presses a focused button for keyboard users.
    if (inBurst || endsScan || (isCharacter && !field && event.key !== ' ')) event.preventDefault();
    else if (isCharacter && field) typedIntoField = true;
    if (isTerminator) burstLength = 0;
    emit(results);
  };

  const timer = setInterval(() => {
    // Silence is measured from when the last key was handled, not from its stamp: keys still
    // queued behind a busy page are not silence, and must not split the burst.
    if (decoder.pending) emit(decoder.flush(lastKeyAt + (performance.now() - lastHandledAt)));
  }, 50);
  target.addEventListener('keydown', onKeyDown, { capture: true });
  markListening(target, +1);
  return () => {
    clearInterval(timer);
    target.removeEventListener('keydown', onKeyDown, { capture: true });
    markListening(target, -1);
  };
}

/**
 * `<html data-hid-listeners="n">`: how many screens are listening for the
 * scanner now. Lets the end-to-end tests (and anyone debugging a ward's
 * scanner) see that the page is ready before the first scan.
 */
export function markListening(target: Window, change: number): void {
  const root = target.document.documentElement;
  root.dataset.hidListeners = String(Math.max(0, Number(root.dataset.hidListeners ?? '0') + change));
}
