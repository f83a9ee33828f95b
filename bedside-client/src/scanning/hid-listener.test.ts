import { afterEach, describe, expect, it } from 'vitest';
import { scannerBurst } from '../test/render.js';
import { dispatchRecorded, recordScan } from '../test/scanner-recordings.js';
import { listenForHidScans } from './hid-listener.js';
import { learnScannerProfile } from './learn-scanner-profile.js';
import { TEST_SYMBOL_RAW } from './test-symbol.js';

const settings = { scannerMaxKeyGapMs: 50, gsSubstitutes: [] as string[] };
let stop: (() => void) | null = null;
afterEach(() => stop?.());

function listen(extra: Partial<Parameters<typeof listenForHidScans>[1]> = {}) {
  const scans: { raw: string; source: string }[] = [];
  stop = listenForHidScans(window, { ...settings, ...extra }, (raw, source) => scans.push({ raw, source }));
  return scans;
}

describe('listenForHidScans', () => {
  it('reports a fast burst ending in Enter as a scanner scan, whatever has focus', () => {
    const scans = listen();
    const events = scannerBurst('8018509999999900101371');
    expect(scans).toEqual([{ raw: '8018509999999900101371', source: 'scanner' }]);
    // No key of the burst does its default thing: nothing typed, no button pressed by the Enter.
    expect(events.every((event) => event.defaultPrevented)).toBe(true);
  });

  it('takes a burst out of the form field that had focus', () => {
    const scans = listen();
    document.body.innerHTML = '<label for="pin">PIN</label><input id="pin" value="12" />';
    const pin = document.getElementById('pin') as HTMLInputElement;
    pin.focus();
    const start = performance.now() + 5000;
    // The first key of a burst cannot be told from typing, so it reaches the field…
    const first = new KeyboardEvent('keydown', { key: '8', bubbles: true, cancelable: true });
    Object.defineProperty(first, 'timeStamp', { value: start });
    pin.dispatchEvent(first);
    expect(first.defaultPrevented).toBe(false);
    pin.value = '128';
    // …and is taken back out once the rest of the burst shows it was a scanner.
    const rest = scannerBurst('017509999800000000016', { start: start + 10, target: pin });
    expect(rest.every((event) => event.defaultPrevented)).toBe(true);
    expect(pin.value).toBe('12');
    expect(scans).toEqual([{ raw: '8017509999800000000016', source: 'scanner' }]);
  });

  it('leaves a person typing into a field alone and reports nothing', () => {
    const scans = listen();
    document.body.innerHTML = '<input id="search" />';
    const field = document.getElementById('search') as HTMLInputElement;
    const events = scannerBurst('para', { gapMs: 180, target: field });
    expect(events.some((event) => event.defaultPrevented)).toBe(false);
    expect(scans).toEqual([]);
  });

  it('reports slow keys typed outside any field as typed, not scanned', () => {
    const scans = listen();
    scannerBurst('9990010137', { gapMs: 200 });
    expect(scans).toEqual([{ raw: '9990010137', source: 'keyboard' }]);
  });

  it('turns Ctrl+] inside a burst into GS, as scanners send FNC1', () => {
    const scans = listen();
    let at = performance.now() + 9000;
    const keys = [...'0105099997000013', ']', ...'21SN1', 'Enter'];
    for (const [i, key] of keys.entries()) {
      const event = new KeyboardEvent('keydown', { key, ctrlKey: key === ']' && i === 16, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: (at += 8) });
      window.dispatchEvent(event);
    }
    expect(scans).toEqual([{ raw: '0105099997000013\u001d21SN1', source: 'scanner' }]);
  });

  it('completes a burst with no terminator after a pause, as some scanners are set up', async () => {
    const scans = listen();
    scannerBurst('8018509999999900101371', { terminator: 'Shift' });
    expect(scans).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(scans).toEqual([{ raw: '8018509999999900101371', source: 'scanner' }]);
  });

  it("reads a burst as the device's learned scanner profile says: a US-layout scanner on a German keyboard", () => {
    const scanner = { scanner: 'us', host: 'de', gs: 'ctrl-bracket' } as const;
    const learned = learnScannerProfile(recordScan(TEST_SYMBOL_RAW, scanner), { expected: TEST_SYMBOL_RAW, maxKeyGapMs: 50, now: new Date() });
    if (!learned.ok) throw new Error('not learned');
    const scans = listen({ profile: learned.profile });
    const raw = ']d2010509999700001310ZY-7\u001d21SN1';
    const events = dispatchRecorded(recordScan(raw, scanner), window, performance.now() + 9000);
    expect(scans).toEqual([{ raw, source: 'scanner' }]);
    // The Ctrl+'+' (GS) and every key after the first are kept from the page.
    expect(events.slice(1).every((event) => event.key === 'Shift' || event.key === 'Control' || event.defaultPrevented)).toBe(true);
  });

  it('composes GS sent as Alt+029 on the keypad into one GS', () => {
    const scans = listen();
    const raw = '0105099997000013' + '10A1\u001d21X';
    dispatchRecorded(recordScan(raw, { scanner: 'us', host: 'us', gs: 'alt-029' }), window, performance.now() + 9000);
    expect(scans).toEqual([{ raw, source: 'scanner' }]);
  });
});
