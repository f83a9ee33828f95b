import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';
import { writeBarcodeVideo } from './harness/y4m.js';

/** The demo paracetamol pack's element string in bwip-js's bracketed form. */
const PACK_HRI = '(01)05099997000013(17)351231(10)PA2611A(21)SN100001';

const e2e = useE2eEnvironment(async (video) => {
  expect(barcode('pack-paracetamol').raw).toBe('01050999970000131735123110PA2611A\u001d21SN100001');
  await writeBarcodeVideo(video, 'gs1datamatrix', PACK_HRI);
});

describe('camera path', () => {
  it('decodes a GS1 DataMatrix from the rear camera and shows the verdict', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    const scans: { raw: string; source: string }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/scans') && request.method() === 'POST') scans.push(JSON.parse(request.postData() ?? '{}'));
    });
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '1234');
    // The pack is in front of the camera from the start: with no patient yet, the server says to scan the wristband.
    await waitOrExplain(page, page.getByRole('alert').getByRole('heading', { name: /STOP|SCANNED|WARNING/ }), 20_000);
    expect(scans[0]).toMatchObject({ source: 'camera', raw: ']d201050999970000131735123110PA2611A\u001d21SN100001' });

    await hidScan(page, barcode('wristband-jasper-kemble').raw);
    await page.getByRole('heading', { name: 'KEMBLE, Jasper' }).waitFor();
    // Held in view, the same pack is not read again; pausing and restarting the camera reads it afresh.
    await page.getByRole('button', { name: 'Pause camera' }).click();
    await page.getByRole('button', { name: 'Start camera' }).click();
    const verdict = page.getByRole('alert');
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'MATCH' }), 20_000);
    expect(await verdict.getByLabel('Dose to give').textContent()).toBe('Give: 2 tablets');
    expect(scans.filter((scan) => scan.source === 'camera').length).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'camera-1-verdict-match');
  });
});
