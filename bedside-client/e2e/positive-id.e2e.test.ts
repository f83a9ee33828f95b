import { describe, expect, it } from 'vitest';
import { apiSignIn, auditEntries } from './harness/api.js';
import { violations } from './harness/axe.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';

/*
 * Issue 12: the three sequences in which the handheld showed, or checked a
 * pack against, the wrong patient. Each failed on the code before the
 * positive-ID state machine (shared/src/bedside/positive-id.ts).
 */
const e2e = useE2eEnvironment();

async function nurseHandheld() {
  const { page, context } = await handheld(e2e.browser, e2e.server.origin);
  await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
  return { page, context };
}

async function auditOf(eventId: string) {
  const token = await apiSignIn(e2e.server.origin, 'demo-admin');
  return (await auditEntries(e2e.server.origin, token)).find((entry) => entry.eventId === eventId);
}

describe('the screen never shows, or checks against, the wrong patient', () => {
  it('a wristband that fails to read ends the previous patient: the next pack is checked against nobody', async () => {
    const { page } = await nurseHandheld();
    await hidScan(page, barcode('wristband-edith-pryce').raw);
    await waitOrExplain(page, page.getByRole('heading', { name: 'PRYCE, Edith' }));
    await hidScan(page, barcode('wristband-bad-check-digit').raw);
    await waitOrExplain(page, page.getByText(/This wristband did not read correctly/).first());
    expect(await page.getByRole('heading', { name: 'PRYCE, Edith' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Patient' }).getByText('No patient identified').waitFor();

    const packSent = page.waitForRequest((r) => r.url().endsWith('/api/scans') && (r.postData() ?? '').includes('PA2611A'));
    await page.getByRole('button', { name: 'OK' }).click();
    await hidScan(page, barcode('pack-paracetamol').raw);
    const pack = JSON.parse((await packSent).postData() ?? '{}') as { eventId: string };
    await waitOrExplain(page, page.getByText(/No patient identified/).nth(1));
    const entry = await auditOf(pack.eventId);
    expect(entry?.patientId).toBeNull();
    expect(entry?.rules).toEqual(['patient-not-identified']);
    await screenshot(page, 'positive-id-1-bad-band-ends-id');
  });

  it('offline, another band takes the previous patient off the screen at once; the band is identified when the server is back', async () => {
    const { page, context } = await nurseHandheld();
    await hidScan(page, barcode('wristband-harold-vance').raw);
    await waitOrExplain(page, page.getByRole('heading', { name: 'VANCE, Harold' }));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await context.setOffline(true);
    // Kathleen is on ward 8A, so not on this handheld's signed 7B list: nobody can be shown.
    await hidScan(page, barcode('wristband-kathleen-lowry').raw);
    await waitOrExplain(page, page.getByRole('heading', { name: 'Identifying…' }));
    expect(await page.getByRole('heading', { name: 'VANCE, Harold' }).count()).toBe(0);
    expect(await page.getByText(/Enoxaparin/i).count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'positive-id-2-offline-identifying');
    // Irene is on the list: shown as the list names her, without a chart.
    await hidScan(page, barcode('wristband-irene-wolsey').raw);
    await waitOrExplain(page, page.getByRole('heading', { name: 'WOLSEY, Irene' }));
    await page.getByText(/Identified offline from this handheld’s ward list/).waitFor();
    expect(await violations(page)).toEqual([]);
    const queued = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('wardscan-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('outbox').objectStore('outbox').getAll();
            all.onsuccess = () => resolve((all.result as { eventId: string }[]).map((item) => item.eventId));
          };
        }),
    );
    expect(queued).toHaveLength(2);

    await context.setOffline(false);
    await waitOrExplain(page, page.getByRole('heading', { name: 'Sent after reconnecting' }), 20_000);
    expect(await violations(page)).toEqual([]);
    await page.getByText(/Identified offline/).waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { name: 'WOLSEY, Irene' }).count()).toBe(1);
    // Kathleen's band was refused (another ward), so Irene's is the identification.
    expect((await auditOf(queued[0]!))?.outcome).toBe('stop');
    expect((await auditOf(queued[1]!))?.patientId).toBe('patient-irene-wolsey');
  });

  it('scans are sent in order: a pack read while the band is still on its way is checked against that band’s patient', async () => {
    const { page } = await nurseHandheld();
    await hidScan(page, barcode('wristband-edith-pryce').raw);
    await waitOrExplain(page, page.getByRole('heading', { name: 'PRYCE, Edith' }));
    // The next band's request is held back on the way out, as a slow Wi-Fi hop would.
    const band = barcode('wristband-agnes-morrow').raw;
    await page.route('**/api/scans', async (route) => {
      if ((route.request().postData() ?? '').includes(band)) await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    const packSent = page.waitForRequest((r) => r.url().endsWith('/api/scans') && (r.postData() ?? '').includes('PA2611A'));
    await hidScan(page, band);
    await hidScan(page, barcode('pack-paracetamol').raw);
    const pack = JSON.parse((await packSent).postData() ?? '{}') as { eventId: string };
    await waitOrExplain(page, page.getByRole('heading', { name: 'MORROW, Agnes' }));
    await waitOrExplain(page, page.getByRole('alert'));
    const entry = await auditOf(pack.eventId);
    expect(entry?.patientId).toBe('patient-agnes-morrow');
    await page.unrouteAll();
  });
});
