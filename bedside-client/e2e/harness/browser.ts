import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { REPO } from './server.js';

export const HANDHELD = { width: 360, height: 740 };
export const SCREENSHOTS = join(REPO, 'bedside-client/e2e/screenshots');

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The camera is a fake device playing `videoFile`; the permission prompt is answered yes.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** Debian's Chromium with a fake rear camera that plays `videoFile` (Y4M) in a loop. */
export function launchChromium(videoFile: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...BASE_ARGS, `--use-file-for-fake-video-capture=${videoFile}`],
  });
}

export async function handheld(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page }> {
  // Set to its wards' zone (the demo's and the round figures' are on UK time), as a ward's handheld is: one set to another says so by each time (issue 12).
  const context = await browser.newContext({ viewport: HANDHELD, deviceScaleFactor: 2, isMobile: true, hasTouch: true, baseURL: origin, timezoneId: 'Europe/London' });
  await context.grantPermissions(['camera'], { origin });
  const page = await context.newPage();
  return { context, page };
}

const sessions = new WeakMap<Page, CDPSession>();

async function cdpFor(page: Page): Promise<CDPSession> {
  const existing = sessions.get(page);
  if (existing) return existing;
  const session = await page.context().newCDPSession(page);
  sessions.set(page, session);
  return session;
}

/** One key as Chrome's input pipeline receives it from a keyboard, stamped with the time the key was "pressed". */
interface KeyEvent {
  type: 'keyDown' | 'rawKeyDown' | 'keyUp';
  key: string;
  code?: string;
  windowsVirtualKeyCode: number;
  modifiers?: number;
  text?: string;
  unmodifiedText?: string;
  timestamp: number;
}

function keyEvents(char: string, timestamp: number): KeyEvent[] {
  if (char === '\u001d') {
    // GS as scanners in keyboard emulation send it: Ctrl+].
    const key = { key: ']', code: 'BracketRight', windowsVirtualKeyCode: 221, modifiers: 2 };
    return [{ type: 'rawKeyDown', ...key, timestamp }, { type: 'keyUp', ...key, timestamp: timestamp + 0.001 }];
  }
  if (char === '\n') {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
    return [{ type: 'keyDown', ...key, text: '\r', timestamp }, { type: 'keyUp', ...key, timestamp: timestamp + 0.001 }];
  }
  const key = { key: char, windowsVirtualKeyCode: char.toUpperCase().charCodeAt(0) };
  return [{ type: 'keyDown', ...key, text: char, unmodifiedText: char, timestamp }, { type: 'keyUp', ...key, timestamp: timestamp + 0.001 }];
}

/**
 * Types `raw` the way a HID scanner does: a real keydown/keyup per
 * character, 4 ms apart, GS (ASCII 29) as Ctrl+], then Enter.
 *
 * The keys go through Chrome's input pipeline (CDP Input.dispatchKeyEvent,
 * what page.keyboard uses) with their press time set, as a hardware
 * keyboard's events carry the time of the key press. Pressing them one
 * round trip at a time measured gaps of up to 90 ms on a busy 2-core
 * machine: slower than any scanner, and the app (rightly) took the burst
 * apart.
 */
export async function hidScan(page: Page, raw: string): Promise<void> {
  // The screen's scanner listener attaches just after it renders; keys sent before would be lost.
  await page.locator('html:not([data-hid-listeners="0"])[data-hid-listeners]').waitFor({ state: 'attached' });
  const cdp = await cdpFor(page);
  const start = Date.now() / 1000;
  const events = [...raw, '\n'].flatMap((char, i) => keyEvents(char, start + i * 0.004));
  await Promise.all(events.map((event) => cdp.send('Input.dispatchKeyEvent', event)));
}

export async function signInWithPassword(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await waitOrExplain(page, page.getByRole('button', { name: 'Sign out' }));
}

export async function signInWithBadge(page: Page, badgeRaw: string, pin: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Badge and PIN' }).waitFor();
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/sessions')) sent.push(request.postData() ?? '');
  });
  await hidScan(page, badgeRaw);
  await page.getByRole('textbox', { name: 'PIN' }).fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  try {
    await waitOrExplain(page, page.getByRole('button', { name: 'Sign out' }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\nsign-in requests: ${sent.join(' | ')}`);
  }
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Waits for `locator`; on timeout, fails with what the page shows instead (and a screenshot). */
export async function waitOrExplain(page: Page, locator: ReturnType<Page['locator']>, timeout = 10_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator('body').innerText().catch(() => '(page text unavailable)');
    await screenshot(page, `failure-${Date.now()}`).catch(() => undefined);
    throw new Error(`${(error as Error).message.split('\n')[0]}\nThe page shows:\n${shown}`);
  }
}
