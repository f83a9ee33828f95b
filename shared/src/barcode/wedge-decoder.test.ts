import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import { type WedgeDecoder, type WedgeKeyEvent, type WedgeResult, createWedgeDecoder } from './wedge-decoder.js';

/*
 * Recorded-style key sequences: keydown `key` and `timeStamp` as a browser
 * reports them. Scanners here send a key every 4–12 ms (USB HID at 125–250 Hz
 * polling); people type 120–400 ms apart.
 */
const GS = '\u001d';

function keys(text: string, start: number, gaps: readonly number[]): WedgeKeyEvent[] {
  let t = start;
  return [...text].map((key, i) => {
    if (i > 0) t += gaps[i % gaps.length]!;
    return { key, timeStamp: t };
  });
}

const SCANNER_GAPS = [8, 4, 12, 6, 9];
const HUMAN_GAPS = [180, 240, 130, 390, 210];

function feed(decoder: WedgeDecoder, events: readonly WedgeKeyEvent[]): WedgeResult[] {
  return events.flatMap((event) => decoder.push(event));
}

function scannerBurst(text: string, start: number, terminator: string | null = 'Enter'): WedgeKeyEvent[] {
  const events = keys(text, start, SCANNER_GAPS);
  if (terminator) events.push({ key: terminator, timeStamp: events.at(-1)!.timeStamp + 7 });
  return events;
}

describe('createWedgeDecoder', () => {
  it('emits a scanner burst ended by Enter as source scanner', () => {
    const decoder = createWedgeDecoder();
    expect(feed(decoder, scannerBurst('9434765919', 1000))).toEqual([{ raw: '9434765919', source: 'scanner' }]);
    expect(decoder.pending).toBe(false);
  });

  it('emits a burst ended by Tab', () => {
    const decoder = createWedgeDecoder();
    expect(feed(decoder, scannerBurst('5012345678900', 50, 'Tab'))).toEqual([{ raw: '5012345678900', source: 'scanner' }]);
  });

  it('reports slow typing followed by Enter as source keyboard', () => {
    const decoder = createWedgeDecoder();
    const typed = keys('9434765919', 2000, HUMAN_GAPS);
    typed.push({ key: 'Enter', timeStamp: typed.at(-1)!.timeStamp + 300 });
    expect(feed(decoder, typed)).toEqual([{ raw: '9434765919', source: 'keyboard' }]);
  });

  it('keeps typing that precedes a scan apart from the scan', () => {
    const decoder = createWedgeDecoder();
    const events = [...keys('abc', 0, HUMAN_GAPS), ...scannerBurst(']C09990000018', 5000)];
    expect(feed(decoder, events)).toEqual([
      { raw: 'abc', source: 'keyboard' },
      { raw: ']C09990000018', source: 'scanner' },
    ]);
  });

  it('does not count a short fast run (two keys pressed together) as a scanner', () => {
    const decoder = createWedgeDecoder();
    const events: WedgeKeyEvent[] = [
      { key: '1', timeStamp: 0 },
      { key: '2', timeStamp: 20 },
      { key: 'Enter', timeStamp: 35 },
    ];
    expect(feed(decoder, events)).toEqual([{ raw: '12', source: 'keyboard' }]);
  });

  it('treats an Enter long after a burst as a person pressing it', () => {
    const decoder = createWedgeDecoder({ pauseMs: 1000 });
    const events = scannerBurst('9434765919', 0, null);
    events.push({ key: 'Enter', timeStamp: events.at(-1)!.timeStamp + 400 });
    expect(feed(decoder, events)).toEqual([{ raw: '9434765919', source: 'keyboard' }]);
  });

  it('turns Ctrl+], a GroupSeparator key and ASCII 29 into GS', () => {
    const decoder = createWedgeDecoder();
    const events = [
      ...keys(']d20109501101020917', 0, SCANNER_GAPS),
      { key: ']', ctrlKey: true, timeStamp: 160 },
      ...keys('10AB1', 168, SCANNER_GAPS),
      { key: 'GroupSeparator', timeStamp: 215 },
      ...keys('21X', 222, SCANNER_GAPS),
      { key: GS, timeStamp: 250 },
      ...keys('91M', 256, SCANNER_GAPS),
      { key: 'Enter', timeStamp: 290 },
    ];
    expect(feed(decoder, events)).toEqual([
      { raw: `]d20109501101020917${GS}10AB1${GS}21X${GS}91M`, source: 'scanner' },
    ]);
  });

  it('turns configured substitutes into GS in scanner bursts only', () => {
    const decoder = createWedgeDecoder({ gsSubstitutes: ['~'] });
    expect(feed(decoder, scannerBurst('0109501101020917' + '10AB~21X', 0))).toEqual([
      { raw: `0109501101020917` + `10AB${GS}21X`, source: 'scanner' },
    ]);
    const typed = keys('a~b', 1000, HUMAN_GAPS);
    typed.push({ key: 'Enter', timeStamp: 2000 });
    expect(feed(decoder, typed)).toEqual([{ raw: 'a~b', source: 'keyboard' }]);
  });

  it('strips a configured prefix and suffix but keeps AIM identifiers for interpretScan', () => {
    const decoder = createWedgeDecoder({ prefix: '@@', suffix: '#' });
    expect(feed(decoder, scannerBurst('@@]E06291041500213#', 0))).toEqual([{ raw: ']E06291041500213', source: 'scanner' }]);
  });

  it('ignores modifier keys, dead keys and other Ctrl shortcuts; AltGr characters count', () => {
    const decoder = createWedgeDecoder();
    const events: WedgeKeyEvent[] = [
      { key: 'Shift', timeStamp: 0 },
      { key: 'A', timeStamp: 3 },
      { key: 'Dead', timeStamp: 8 },
      { key: 'b', ctrlKey: true, timeStamp: 12 },
      { key: '@', ctrlKey: true, altKey: true, timeStamp: 16 },
      { key: '1', timeStamp: 22 },
      { key: '2', timeStamp: 28 },
      { key: 'Enter', timeStamp: 33 },
    ];
    expect(feed(decoder, events)).toEqual([{ raw: 'A@12', source: 'scanner' }]);
  });

  it('completes a burst without terminator after the pause, on flush', () => {
    const decoder = createWedgeDecoder({ pauseMs: 100 });
    const events = scannerBurst('=G07152312345600', 0, null);
    expect(feed(decoder, events)).toEqual([]);
    const last = events.at(-1)!.timeStamp;
    expect(decoder.flush(last + 50)).toEqual([]);
    expect(decoder.pending).toBe(true);
    expect(decoder.flush(last + 101)).toEqual([{ raw: '=G07152312345600', source: 'scanner' }]);
    expect(decoder.pending).toBe(false);
  });

  it('completes a paused burst when the next key arrives before the timer fired', () => {
    const decoder = createWedgeDecoder({ pauseMs: 100 });
    const first = scannerBurst('9434765919', 0, null);
    const second = scannerBurst('5012345678900', first.at(-1)!.timeStamp + 500);
    expect(feed(decoder, [...first, ...second])).toEqual([
      { raw: '9434765919', source: 'scanner' },
      { raw: '5012345678900', source: 'scanner' },
    ]);
  });

  it('never completes typing on a pause: a person may stop to look', () => {
    const decoder = createWedgeDecoder({ pauseMs: 100 });
    feed(decoder, keys('943', 0, HUMAN_GAPS));
    expect(decoder.flush(60_000)).toEqual([]);
    expect(decoder.pending).toBe(true);
    decoder.reset();
    expect(decoder.pending).toBe(false);
  });

  it('honours a wider scanner gap for slow Bluetooth scanners', () => {
    const slow = keys('9434765919', 0, [70, 80, 65]);
    slow.push({ key: 'Enter', timeStamp: slow.at(-1)!.timeStamp + 70 });
    expect(feed(createWedgeDecoder(), slow)[0]?.source).toBe('keyboard');
    expect(feed(createWedgeDecoder({ maxScannerGapMs: 90 }), slow)).toEqual([{ raw: '9434765919', source: 'scanner' }]);
  });

  it('emits nothing for a bare Enter', () => {
    expect(createWedgeDecoder().push({ key: 'Enter', timeStamp: 5 })).toEqual([]);
  });

  it("reads a key's scanned meaning in a scanner burst, and its typed meaning when a person typed it", () => {
    // A US-layout scanner on a UK keyboard: the scanner meant '"' (Shift+'), the UK keyboard made it '@'.
    const decoder = createWedgeDecoder();
    const burst: WedgeKeyEvent[] = keys('21AB', 0, SCANNER_GAPS);
    burst.push({ key: '@', scanned: '"', timeStamp: 40 }, { key: 'F8', scanned: GS, timeStamp: 46 }, ...keys('91X', 52, SCANNER_GAPS));
    burst.push({ key: 'Enter', timeStamp: 80 });
    expect(feed(decoder, burst)).toEqual([{ raw: `21AB"${GS}91X`, source: 'scanner' }]);
    const typed: WedgeKeyEvent[] = [
      { key: 'a', timeStamp: 1000 },
      { key: '@', scanned: '"', timeStamp: 1200 },
      { key: 'F8', scanned: GS, timeStamp: 1400 },
      { key: 'Enter', timeStamp: 1600 },
    ];
    expect(feed(decoder, typed)).toEqual([{ raw: 'a@', source: 'keyboard' }]);
  });

  it('hands interpretScan a pack scanned by a wedge scanner that sends GS as Ctrl+]', () => {
    const decoder = createWedgeDecoder();
    const events = [
      ...keys(']d2010509999900001117270131' + '10PCM2401', 0, SCANNER_GAPS),
      { key: ']', ctrlKey: true, timeStamp: 300 },
      ...keys('21SN000000001', 306, SCANNER_GAPS),
      { key: 'Enter', timeStamp: 420 },
    ];
    const [capture] = feed(decoder, events);
    expect(capture?.source).toBe('scanner');
    expect(interpretScan(capture!.raw, { today: '2025-06-01' })).toMatchObject({
      ok: true,
      symbology: ']d2',
      scan: { kind: 'product', gtin: '05099999000011', expiry: '2027-01-31', batch: 'PCM2401', serial: 'SN000000001' },
    });
  });
});
