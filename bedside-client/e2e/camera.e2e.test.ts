import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';
import { writeBarcodeVideo, writeShotsVideo } from './harness/y4m.js';

/** The demo paracetamol pack's element string in bwip-js's bracketed form. */
const PACK_HRI = '(01)05099997000013(17)351231(10)PA2611A(21)SN100001';
const DEGREE = Math.PI / 180;

/** Every scan the page posts, as sent. */
function postedScans(page: Page): { raw: string; source: string }[] {
  const scans: { raw: string; source: string }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/scans') && request.method() === 'POST') scans.push(JSON.parse(request.postData() ?? '{}'));
  });
  return scans;
}

/** Every URL the page fetches. */
function fetchedUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe('camera path', () => {
  const e2e = useE2eEnvironment(async (video) => {
    expect(barcode('pack-paracetamol').raw).toBe('01050999970000131735123110PA2611A\u001d21SN100001');
    await writeBarcodeVideo(video, 'gs1datamatrix', PACK_HRI);
  });

  it('decodes a GS1 DataMatrix from the rear camera and shows the verdict', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    const scans = postedScans(page);
    const urls = fetchedUrls(page);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    // The pack is in front of the camera from the start: with no patient yet, the server says to scan the wristband.
    await waitOrExplain(page, page.getByRole('alert').getByRole('heading', { name: /STOP|SCANNED|WARNING/ }), 20_000);
    expect(scans[0]).toMatchObject({ source: 'camera', raw: ']d201050999970000131735123110PA2611A\u001d21SN100001' });
    // Read by zxing-wasm, its .wasm fetched from the Wardscan server itself (no CDN), under the server's CSP.
    await page.locator('[aria-label="Camera scanner"][data-decoder="zxing-wasm"]').waitFor();
    expect(urls.some((url) => url.startsWith(`${e2e.server.origin}/assets/`) && url.endsWith('.wasm'))).toBe(true);
    expect(urls.filter((url) => !url.startsWith(e2e.server.origin) && !url.startsWith('data:'))).toEqual([]);

    await hidScan(page, barcode('wristband-jasper-kemble').raw);
    await page.getByRole('heading', { name: 'KEMBLE, Jasper' }).waitFor();
    // Held in view, the same pack is not read again; pausing and restarting the camera reads it afresh.
    await page.getByRole('button', { name: 'Pause camera' }).click();
    await page.getByRole('button', { name: 'Start camera' }).click();
    const verdict = page.getByRole('alert');
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'MATCH' }), 20_000);
    expect(await verdict.getByLabel('Dose to give').textContent()).toBe('Give: 2 tablets (1 g) — oral');
    expect(scans.filter((scan) => scan.source === 'camera').length).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'camera-1-verdict-match');
  });
});

describe('camera path: bands as a camera sees them', () => {
  const KEMBLE_WRISTBAND = barcode('wristband-jasper-kemble').raw;
  const MORROW_NHS_NUMBER = barcode('plain-nhs-agnes-morrow').raw;
  // Two seconds of each, in a loop: Jasper Kemble's wristband turned 35° and tipped away,
  // then Agnes Morrow's Code 128 NHS Number band, its dark edge 6 modules from the first bar
  // (inside the 10-module quiet zone Code 128 asks for, on a dark sheet).
  const e2e = useE2eEnvironment((video) =>
    writeShotsVideo(
      video,
      [
        { bcid: 'gs1datamatrix', text: `(8018)${KEMBLE_WRISTBAND.slice(4)}`, frames: 20, pose: { rotation: 35 * DEGREE, tilt: 15 * DEGREE, modulePx: 7 }, background: 150 },
        { bcid: 'code128', text: MORROW_NHS_NUMBER, frames: 20, pose: { modulePx: 3 }, label: { quietZone: 10, darkEdgeGap: 6 }, background: 90 },
      ],
      { fps: 10 },
    ),
  );

  it('reads a rotated wristband and a Code 128 NHS Number band with a dark edge beside it', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    const scans = postedScans(page);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    await waitOrExplain(page, page.getByRole('heading', { name: 'KEMBLE, Jasper' }), 20_000);
    await waitOrExplain(page, page.getByRole('heading', { name: 'MORROW, Agnes' }), 20_000);
    const camera = scans.filter((scan) => scan.source === 'camera').map((scan) => scan.raw);
    expect(camera).toContain(`]d2${KEMBLE_WRISTBAND}`);
    expect(camera).toContain(`]C0${MORROW_NHS_NUMBER}`);
    expect(new Set(camera)).toEqual(new Set([`]d2${KEMBLE_WRISTBAND}`, `]C0${MORROW_NHS_NUMBER}`]));
    await screenshot(page, 'camera-2-bands');
  });

  it('reads the Code 128 band beside its dark edge with zxing-js where WebAssembly is unavailable', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    // A browser without WebAssembly (or one whose policy blocks it).
    await page.addInitScript(() => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
    const scans = postedScans(page);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    await page.locator('[aria-label="Camera scanner"][data-decoder="zxing-js"]').waitFor({ timeout: 20_000 });
    await waitOrExplain(page, page.getByRole('heading', { name: 'MORROW, Agnes' }), 20_000);
    expect(scans.filter((scan) => scan.source === 'camera').map((scan) => scan.raw)).toContain(`]C0${MORROW_NHS_NUMBER}`);
  });
});
