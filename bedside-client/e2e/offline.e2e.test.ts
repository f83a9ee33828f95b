import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn, auditEntries } from './harness/api.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';
import { startServer } from './harness/server.js';

const e2e = useE2eEnvironment();

/** The offline queue as IndexedDB holds it on the handheld. */
function queuedEventIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('wardscan-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve((all.result as { eventId: string }[]).map((item) => item.eventId));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

describe('network drops mid-round', () => {
  it('queues two scans while the server is down, keeps them over a reload, and sends each once when it returns', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    await hidScan(page, barcode('wristband-jasper-kemble').raw);
    await page.getByRole('heading', { name: 'KEMBLE, Jasper' }).waitFor();
    // The app shell must be cached before the server goes, or the reload below has nothing to load.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    const port = e2e.server.port;
    await e2e.server.stop();
    await hidScan(page, barcode('pack-paracetamol').raw);
    await page.getByText(/OFFLINE – ward server unreachable/).waitFor();
    await hidScan(page, barcode('pack-furosemide').raw);
    const waiting = page.getByRole('list', { name: 'Waiting to send' });
    await waitOrExplain(page, waiting.getByRole('listitem').nth(1));
    expect(await page.getByRole('button', { name: /confirm/i }).count()).toBe(0);
    await screenshot(page, 'offline-1-waiting-to-send');
    const queued = await queuedEventIds(page);
    expect(queued).toHaveLength(2);

    // A reload with the server still down: the service worker serves the app, IndexedDB the queue.
    await page.reload();
    await waitOrExplain(page, page.getByRole('list', { name: 'Waiting to send' }).getByRole('listitem').nth(1));
    expect(await queuedEventIds(page)).toEqual(queued);

    e2e.server = await startServer(e2e.dbPath, port);
    await waitOrExplain(page, page.getByRole('heading', { name: 'Sent after reconnecting' }), 20_000);
    expect(await page.getByRole('list', { name: 'Waiting to send' }).count()).toBe(0);
    await screenshot(page, 'offline-2-sent-after-reconnecting');

    const token = await apiSignIn(e2e.server.origin, 'demo-manager');
    const entries = await auditEntries(e2e.server.origin, token);
    for (const eventId of queued) expect(entries.filter((entry) => entry.eventId === eventId)).toHaveLength(1);
    // In the order they were scanned.
    const seqs = queued.map((eventId) => entries.find((entry) => entry.eventId === eventId)?.seq ?? 0);
    expect(seqs[0]).toBeLessThan(seqs[1] ?? 0);
  });
});
