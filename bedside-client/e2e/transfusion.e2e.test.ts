import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn, auditEntries } from './harness/api.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { violations } from './harness/axe.js';
import { handheld, hidScan, screenshot, signInWithBadge, signInWithPassword, waitOrExplain } from './harness/browser.js';

const e2e = useE2eEnvironment();

async function nurseWith(wristbandId: string, heading: string): Promise<Page> {
  const { page } = await handheld(e2e.browser, e2e.server.origin);
  await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
  await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByText('No patient identified'));
  await hidScan(page, barcode(wristbandId).raw);
  await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByRole('heading', { name: heading }));
  return page;
}

/** Scans each bag label with the HID scanner, waiting for the bag panel to show what it read. */
async function scanBag(page: Page, labels: { id: string; shows: string }[]) {
  const bag = page.getByRole('region', { name: 'Blood bag check' });
  for (const label of labels) {
    await hidScan(page, barcode(label.id).raw);
    await waitOrExplain(page, bag.getByText(label.shows, { exact: true }));
  }
  return bag;
}

describe('blood transfusion at the bedside, HID scanner', () => {
  it('checks Agnes’s unit, waits for the second checker, starts and ends the transfusion, and the audit holds each step', async () => {
    const page = await nurseWith('wristband-agnes-morrow', 'MORROW, Agnes');
    const bag = await scanBag(page, [
      { id: 'blood-agnes-din', shows: 'G0715 26 100001' },
      { id: 'blood-agnes-group', shows: 'A RhD positive (A+)' },
      { id: 'blood-agnes-product', shows: 'E0001V00' },
    ]);
    // The demo bag's product code is named by no public source; the lab's issue of this DIN names the component (issue 12).
    expect(await bag.getByText('Red cells', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'transfusion-1-bag-read');
    await bag.getByRole('button', { name: 'Check this unit' }).click();

    const verdict = page.getByRole('alert');
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'SECOND CHECK NEEDED' }));
    await verdict.getByText('Unit G0715 26 100001 · Red cells · A RhD positive (A+)').waitFor();
    await verdict.getByText('Second checker: scan your badge').waitFor();
    expect(await verdict.getByRole('button', { name: '▶ Start transfusion' }).isDisabled()).toBe(true);
    await screenshot(page, 'transfusion-2-second-checker-needed');

    await hidScan(page, barcode('badge-demo-nurse-2').raw);
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'MATCH' }));
    await verdict.getByText(/^✓ Second check by /).waitFor();
    await screenshot(page, 'transfusion-3-verdict-match');
    await screenshot(page, 'transfusion-3-verdict-match-full', true);

    await verdict.getByRole('button', { name: '▶ Start transfusion' }).click();
    await waitOrExplain(page, page.getByRole('heading', { name: '✓ Transfusion started' }));
    const running = page.getByRole('list', { name: 'Transfusions running' });
    await waitOrExplain(page, running.getByText(/unit G0715 26 100001/));
    await screenshot(page, 'transfusion-4-started');

    await running.getByRole('button', { name: 'End transfusion' }).click();
    await running.getByRole('radio', { name: 'Completed' }).check();
    await running.getByRole('button', { name: 'Record the end' }).click();
    await waitOrExplain(page, page.getByText('✓ Ended: unit G0715 26 100001 – Completed.'));
    await waitOrExplain(page, page.getByText('No transfusion running.'));
    await screenshot(page, 'transfusion-5-ended');

    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const audit = await auditEntries(e2e.server.origin, managerToken, { patientId: 'patient-agnes-morrow' });
    const summaries = audit.map((entry) => entry.summary);
    expect(summaries.filter((s) => s.startsWith('Transfusion check:'))).toHaveLength(1);
    expect(audit.filter((entry) => entry.type === 'witness' && entry.summary.startsWith('Transfusion second check by'))).toHaveLength(1);
    expect(summaries).toContain('Transfusion started: unit G071526100001');
    expect(summaries).toContain('Transfusion ended (completed): unit G071526100001');
  });

  it('shows a red stop for Bernard’s unit at Agnes’s bedside, with no way to start it', async () => {
    const page = await nurseWith('wristband-agnes-morrow', 'MORROW, Agnes');
    const bag = await scanBag(page, [
      { id: 'blood-bernard-din', shows: 'G0715 26 100003' },
      { id: 'blood-bernard-group', shows: 'O RhD negative (O-)' },
    ]);
    // A label from Agnes's own bag, mixed in, is refused: the bag is read again from the start.
    await hidScan(page, barcode('blood-agnes-group').raw);
    await waitOrExplain(page, bag.getByRole('alert').filter({ hasText: 'Label refused: This bag shows two blood groups (O- and A+)' }));
    await bag.getByText('O RhD negative (O-)', { exact: true }).waitFor();
    expect(await bag.getByRole('button', { name: 'Check this unit' }).count()).toBe(0);
    await screenshot(page, 'transfusion-5b-label-refused');
    await bag.getByRole('button', { name: 'Start this bag again' }).click();
    await scanBag(page, [
      { id: 'blood-bernard-din', shows: 'G0715 26 100003' },
      { id: 'blood-bernard-group', shows: 'O RhD negative (O-)' },
    ]);
    await bag.getByRole('button', { name: 'Check this unit' }).click();
    const verdict = page.getByRole('alert');
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'STOP – DO NOT TRANSFUSE' }));
    await verdict.getByText('✕ A stop cannot be started or overridden.').waitFor();
    expect(await verdict.getByRole('button', { name: /start/i }).count()).toBe(0);
    // No badge makes a stop safe: the second checker is not asked for.
    expect(await page.getByText('Second checker: scan your badge').count()).toBe(0);
    await screenshot(page, 'transfusion-6-verdict-stop-wrong-patient');
    await screenshot(page, 'transfusion-6-verdict-stop-wrong-patient-full', true);
    // Even a badge scanned now does not turn the stop into anything else.
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/scans'));
    await hidScan(page, barcode('badge-demo-nurse-2').raw);
    await answered;
    await verdict.getByRole('heading', { name: 'STOP – DO NOT TRANSFUSE' }).waitFor();
    expect(await page.getByRole('button', { name: /start/i }).count()).toBe(0);

    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const audit = await auditEntries(e2e.server.origin, managerToken, { patientId: 'patient-agnes-morrow' });
    const stops = audit.filter((entry) => entry.summary.startsWith('Transfusion check:') && entry.outcome === 'stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.rules).toContain('transfusion-patient');
    expect(audit.some((entry) => entry.summary.includes('Transfusion started: unit G071526100003'))).toBe(false);
  });

  it('links pump 1 to the patient (match), the ward manager sees it among the devices with patients, and it leaves when released', async () => {
    const page = await nurseWith('wristband-jasper-kemble', 'KEMBLE, Jasper');
    await hidScan(page, barcode('pump-1').raw);
    const panel = page.getByRole('region', { name: 'Device scanned' });
    await waitOrExplain(page, panel.getByText('Equipment 50999987B0001'));
    // The pump's 'What is it for?' (issue 12), axe-clean.
    expect(await violations(page)).toEqual([]);
    await panel.getByRole('radio').first().check();
    await panel.getByRole('button', { name: 'Link to KEMBLE, Jasper' }).click();
    const verdict = page.getByRole('alert');
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'DEVICE LINKED' }));
    await screenshot(page, 'transfusion-7-device-linked');
    await verdict.getByRole('button', { name: 'Done' }).click();
    const devices = page.getByRole('list', { name: 'Devices with this patient' });
    await waitOrExplain(page, devices.getByText('Infusion pump 7B0001'));

    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    const table = manager.page.getByRole('table', { name: 'Devices with patients now' });
    const row = table.getByRole('row').filter({ hasText: 'Infusion pump 7B0001' });
    await waitOrExplain(manager.page, row);
    expect(await row.textContent()).toMatch(/Jasper/i);
    await screenshot(manager.page, 'transfusion-8-manager-devices', true);

    // Released at the bedside, it is gone from the manager's table.
    await devices.getByRole('button', { name: 'Release Infusion pump 7B0001' }).click();
    await page.getByRole('list', { name: 'Devices with this patient' }).waitFor({ state: 'detached' });
    await manager.page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await waitOrExplain(manager.page, manager.page.getByText('No devices are with patients now.'));
  });

  it('links a syringe driver scanned by its UDI (GTIN + serial) through the same device panel', async () => {
    const page = await nurseWith('wristband-irene-wolsey', 'WOLSEY, Irene');
    await hidScan(page, barcode('syringe-driver-udi').raw);
    const panel = page.getByRole('region', { name: 'Device scanned' });
    await waitOrExplain(page, panel.getByText('Device, GTIN 05099997000198, serial SD000123'));
    await panel.getByRole('radio').last().check();
    await panel.getByRole('button', { name: 'Link to WOLSEY, Irene' }).click();
    await waitOrExplain(page, page.getByRole('alert').getByRole('heading', { name: 'DEVICE LINKED' }));
    await page.getByRole('alert').getByRole('button', { name: 'Done' }).click();
    await waitOrExplain(page, page.getByRole('list', { name: 'Devices with this patient' }).getByText('Syringe driver SD000123'));
  });
});
