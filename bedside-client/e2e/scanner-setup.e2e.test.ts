import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RecordedKey } from '../src/scanning/scanner-keys.js';
import { TEST_CODE128_RAW, TEST_SYMBOL_RAW } from '../src/scanning/test-symbol.js';
import { recordScan, type SimulatedScanner } from '../src/test/scanner-recordings.js';
import { violations } from './harness/axe.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, screenshot, signInWithPassword, waitOrExplain } from './harness/browser.js';

/*
 * A US-layout scanner on a handheld whose keyboard is German: the keys
 * reach Chromium's input pipeline with the positions the scanner pressed
 * (`code`) and the characters a German layout makes of them (`key`), as a
 * real HID scanner's do; '£', which a US layout has no key for, comes as
 * Alt+0163 on the numeric keypad. The set-up page learns the mismatch from
 * its two test symbols; every later scan is read as the scanner meant it.
 */
const e2e = useE2eEnvironment();
const GS = '\u001d';
const US_SCANNER_ON_GERMAN_KEYBOARD: SimulatedScanner = { scanner: 'us', host: 'de', gs: 'ctrl-bracket', noKey: 'alt-code' };

const VIRTUAL_KEYS: Record<string, number> = {
  Shift: 16, Control: 17, Alt: 18, Enter: 13, Tab: 9, F8: 119,
  BracketRight: 221, Minus: 189, Slash: 191, Period: 190, Quote: 222, Backslash: 220, Backquote: 192,
};

function virtualKey(recorded: RecordedKey): number {
  const code = recorded.code ?? '';
  const match = /^(?:Key|Digit|Numpad)(.)$/.exec(code);
  if (match) return code.startsWith('Numpad') ? 96 + Number(match[1]) : match[1]!.charCodeAt(0);
  return VIRTUAL_KEYS[code] ?? VIRTUAL_KEYS[recorded.key] ?? 0;
}

/** One key as Chrome's input pipeline receives it (CDP Input.dispatchKeyEvent). */
interface KeyEvent {
  type: 'keyDown' | 'rawKeyDown' | 'keyUp';
  key: string;
  code?: string;
  windowsVirtualKeyCode: number;
  modifiers: number;
  text?: string;
  unmodifiedText?: string;
  timestamp: number;
}

/** Sends recorded keydowns (each with its keyup) through CDP, stamped 4 ms apart as the scanner pressed them. */
async function typeRecorded(page: Page, events: readonly RecordedKey[]): Promise<void> {
  await page.locator('html:not([data-hid-listeners="0"])[data-hid-listeners]').waitFor({ state: 'attached' });
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const first = events[0]?.timeStamp ?? 0;
  const sends = events.flatMap((recorded): KeyEvent[] => {
    const modifiers = (recorded.altKey ? 1 : 0) | (recorded.ctrlKey ? 2 : 0) | (recorded.metaKey ? 4 : 0) | (recorded.shiftKey ? 8 : 0);
    const timestamp = start + (recorded.timeStamp - first) / 1000;
    const printable = recorded.key.length === 1 && !recorded.ctrlKey;
    const text = recorded.key === 'Enter' ? '\r' : printable ? recorded.key : undefined;
    const base = { key: recorded.key, ...(recorded.code ? { code: recorded.code } : {}), windowsVirtualKeyCode: virtualKey(recorded), modifiers };
    const down: KeyEvent = text === undefined ? { type: 'rawKeyDown', ...base, timestamp } : { type: 'keyDown', ...base, text, unmodifiedText: text, timestamp };
    return [down, { type: 'keyUp', ...base, timestamp: timestamp + 0.001 }];
  });
  await Promise.all(sends.map((event) => cdp.send('Input.dispatchKeyEvent', event)));
}

describe('scanner set-up in Chromium', () => {
  it('learns a US-layout scanner on a German keyboard from the two test symbols, then reads a pack and a wristband as the scanner meant them', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(page, 'demo-nurse');
    await page.getByRole('button', { name: 'Set up scanner' }).click();
    await waitOrExplain(page, page.getByText('Waiting for the scan of the test symbol…'));
    await page.getByRole('img', { name: 'Test symbol: a GS1 DataMatrix' }).waitFor();
    expect(await page.getByRole('img', { name: 'Test symbol: a GS1 DataMatrix' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'scanner-setup-1-test-symbol', true);

    await typeRecorded(page, recordScan(TEST_SYMBOL_RAW, US_SCANNER_ON_GERMAN_KEYBOARD));
    // Then scan this one: the Code 128 with @ # " £ / ~.
    await waitOrExplain(page, page.getByText('Waiting for the scan of the second test symbol…'));
    const second = page.getByRole('img', { name: 'Second test symbol: a Code 128 barcode' });
    await second.waitFor();
    expect(await second.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // Drawn at least 1.5 CSS px a module (198 modules with its quiet zone) on the handheld's screen.
    expect((await second.boundingBox())?.width).toBeGreaterThanOrEqual(1.5 * 198);
    await page.getByRole('heading', { name: 'Your scanner is set up' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'scanner-setup-2-second-symbol', true);

    // '@' arrives as '"', '#' as '§', '"' as 'Ä', '/' as '-', '~' as '°', and '£' as Alt+0163.
    await typeRecorded(page, recordScan(TEST_CODE128_RAW, US_SCANNER_ON_GERMAN_KEYBOARD));
    await waitOrExplain(page, page.getByRole('heading', { name: 'Try a scan' }));
    await page.getByRole('heading', { name: 'Your scanner is set up' }).waitFor();
    await page.getByText(/types in a US English keyboard layout, but this handheld’s keyboard is set to German \(QWERTZ\): “"” arrived as “Ä”, “@” arrived as “"”, “#” arrived as “§”, “~” arrived as “°”/).waitFor();
    await page.getByText('The characters @ # " £ / ~ of the second test symbol arrive as the scanner read them.').waitFor();

    // Y, Z and '-' arrive as Z, Y and ß on this keyboard; ']' as '+', and GS as Ctrl and '+'.
    await typeRecorded(page, recordScan(`]d2010509999700005117351231` + `10ZY-2608${GS}21SN400001`, US_SCANNER_ON_GERMAN_KEYBOARD));
    const read = page.getByText(/^Read:/);
    await waitOrExplain(page, read);
    expect(await read.textContent()).toBe('Read: ]d201050999970000511735123110ZY-2608⟨GS⟩21SN400001');
    await page.getByText('Pack, GTIN 05099997000051, batch ZY-2608').waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'scanner-setup-3-learned', true);

    // Every later scan: at the bedside, the wristband's AIM identifier arrives as '+d2' and is read as ']d2'.
    await page.getByRole('button', { name: 'Done' }).click();
    await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByText('No patient identified'));
    await typeRecorded(page, recordScan(']d28018509999999900101371', US_SCANNER_ON_GERMAN_KEYBOARD));
    await waitOrExplain(page, page.getByRole('heading', { name: 'MORROW, Agnes' }));
  });
});
