import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, signInWithPassword, waitOrExplain } from './harness/browser.js';

const e2e = useE2eEnvironment();

describe('ward manager', () => {
  it('sees a stop made on the nurse’s handheld in the live feed within a second', async () => {
    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    await waitOrExplain(manager.page, manager.page.getByRole('status').filter({ hasText: '● Live' }));

    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse').raw, '246810');
    await hidScan(nurse.page, barcode('wristband-agnes-morrow').raw);
    await nurse.page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();

    const sentAt = Date.now();
    await hidScan(nurse.page, barcode('pack-furosemide').raw);
    const feed = manager.page.getByRole('list', { name: 'Live alerts' });
    await waitOrExplain(manager.page, feed.getByRole('listitem').filter({ hasText: 'STOP' }).filter({ hasText: 'Agnes' }), 5000);
    const elapsed = Date.now() - sentAt;
    console.log(`live feed: stop shown on the manager's screen ${elapsed} ms after the nurse's scan was sent`);
    expect(elapsed).toBeLessThan(1000);
    await nurse.page.getByRole('heading', { name: 'STOP – DO NOT GIVE' }).waitFor();

    // The log and charts pick the stop up too.
    await waitOrExplain(manager.page, manager.page.getByRole('table', { name: 'Mismatch log' }).getByText(/Furosemide/).first());
    await screenshot(manager.page, 'manager-1-dashboard', true);
    await manager.page.setViewportSize({ width: 360, height: 740 });
    await screenshot(manager.page, 'manager-2-dashboard-handheld');
  });
});
