import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn, auditEntries } from './harness/api.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';

const e2e = useE2eEnvironment();

async function nurseAtBedside(): Promise<Page> {
  const { page } = await handheld(e2e.browser, e2e.server.origin);
  await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
  await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByText('No patient identified'));
  return page;
}

describe('nurse at the bedside, HID scanner', () => {
  it('signs in by badge and PIN, scans a wristband and a pack, sees a match, confirms it, and it is in the audit log', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-jasper-kemble').raw);
    const banner = page.getByRole('region', { name: 'Patient' });
    await waitOrExplain(page, banner.getByRole('heading', { name: 'KEMBLE, Jasper' }));
    await banner.getByText(/^\d{3} \d{3} \d{4}$/).waitFor();
    await screenshot(page, 'nurse-1-patient-banner');

    await hidScan(page, barcode('pack-paracetamol').raw);
    const verdict = page.getByRole('alert');
    await verdict.getByRole('heading', { name: 'MATCH' }).waitFor();
    expect(await verdict.getByLabel('Dose to give').textContent()).toBe('Give: 2 tablets (1 g) — oral');
    await screenshot(page, 'nurse-2-verdict-match');

    // Jasper's paracetamol is as needed: the nurse says what it is for before confirming.
    expect(await verdict.getByRole('button', { name: '✓ Confirm given' }).isDisabled()).toBe(true);
    await page.getByLabel(/What is this dose for\?/).pressSequentially('headache', { delay: 80 });
    await verdict.getByRole('button', { name: '✓ Confirm given' }).click();
    await page.getByRole('heading', { name: '✓ Recorded as given' }).waitFor();
    await screenshot(page, 'nurse-3-given');

    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const given = await auditEntries(e2e.server.origin, managerToken, { type: 'administration', patientId: 'patient-jasper-kemble' });
    expect(given).toHaveLength(1);
    const scans = await auditEntries(e2e.server.origin, managerToken, { type: 'scan', patientId: 'patient-jasper-kemble' });
    expect(scans.length).toBeGreaterThanOrEqual(1);
  });

  it('shows a red stop for a drug prescribed for another patient, with no way to confirm it', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-agnes-morrow').raw);
    await page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();
    await hidScan(page, barcode('pack-furosemide').raw);
    const verdict = page.getByRole('alert');
    await verdict.getByRole('heading', { name: 'STOP – DO NOT GIVE' }).waitFor();
    expect(await verdict.getByRole('button', { name: /confirm/i }).count()).toBe(0);
    await verdict.getByText('✕ A stop cannot be given or overridden.').waitFor();
    await screenshot(page, 'nurse-4-verdict-stop-wrong-patient');
    // Enter from the next scan must not press the focused "Understood" button or anything else.
    await verdict.getByRole('button', { name: 'Understood – not given' }).focus();
    await hidScan(page, barcode('pack-furosemide').raw);
    await verdict.getByRole('heading', { name: 'STOP – DO NOT GIVE' }).waitFor();
    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    expect(await auditEntries(e2e.server.origin, managerToken, { type: 'administration', patientId: 'patient-agnes-morrow' })).toHaveLength(0);
  });

  it('asks for an override reason on a warning (half of an unscored tablet)', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-agnes-morrow').raw);
    await page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();
    await hidScan(page, barcode('pack-amlodipine').raw);
    const verdict = page.getByRole('alert');
    await verdict.getByRole('heading', { name: 'WARNING' }).waitFor();
    const confirm = verdict.getByRole('button', { name: '✓ Override and confirm given' });
    expect(await confirm.isDisabled()).toBe(true);
    await screenshot(page, 'nurse-5-verdict-warning');
    await verdict.getByLabel('Reason for giving despite the warning').selectOption('partial-tablet-prepared');
    expect(await confirm.isEnabled()).toBe(true);
  });

  it('needs a second nurse’s badge for a high-alert drug before it can be confirmed', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-clara-fenwick').raw);
    await page.getByRole('heading', { name: 'FENWICK, Clara' }).waitFor();
    await hidScan(page, barcode('pack-morphine').raw);
    const verdict = page.getByRole('alert');
    await verdict.getByText('Ask a second nurse to scan their badge and enter their PIN here to witness this dose.').waitFor();
    expect(await verdict.getByRole('button', { name: '✓ Confirm given' }).isDisabled()).toBe(true);
    await screenshot(page, 'nurse-6-verdict-witness-needed');
    // The witness scans their badge and types their PIN on this handheld.
    await hidScan(page, barcode('badge-demo-nurse-2').raw);
    await page.getByLabel('Witness’s PIN').fill('246810');
    await page.getByRole('button', { name: 'Witness this dose' }).click();
    await verdict.getByText(/✓ Witnessed by /).waitFor();
    // A stray badge afterwards does not discard the witnessed verdict.
    await hidScan(page, barcode('badge-demo-nurse-2').raw);
    await page.waitForTimeout(300);
    expect(await verdict.getByText(/✓ Witnessed by /).count()).toBe(1);
    await screenshot(page, 'nurse-7-verdict-witnessed');
    // An as-needed dose says what it is for.
    await page.getByLabel(/What is this dose for\?/).pressSequentially('pain 7/10', { delay: 80 });
    await verdict.getByRole('button', { name: '✓ Confirm given' }).click();
    await page.getByRole('heading', { name: '✓ Recorded as given' }).waitFor();
    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const given = await auditEntries(e2e.server.origin, managerToken, { type: 'administration', patientId: 'patient-clara-fenwick' });
    expect(given).toHaveLength(1);
  });

  it('never identifies a patient from a wristband with a bad check digit, and says why', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-bad-check-digit').raw);
    const notice = page.getByRole('alert');
    await waitOrExplain(page, notice.getByRole('heading', { name: 'STOP' }));
    expect(await page.getByRole('region', { name: 'Patient' }).getByText('No patient identified').isVisible()).toBe(true);
    await screenshot(page, 'nurse-8-bad-wristband');
  });

  it('reprints the current patient’s wristband as a PDF the page can open, and the reprint is audited', async () => {
    const page = await nurseAtBedside();
    await hidScan(page, barcode('wristband-agnes-morrow').raw);
    const banner = page.getByRole('region', { name: 'Patient' });
    await waitOrExplain(page, banner.getByRole('heading', { name: 'MORROW, Agnes' }));
    await banner.getByRole('button', { name: 'Reprint wristband' }).click();
    const link = banner.getByRole('link', { name: /open wristband-9990010137\.pdf/i });
    await waitOrExplain(page, link);
    await screenshot(page, 'nurse-9-wristband-reprint');
    // The link hands over the PDF the server made (a download: the app's CSP keeps blob: out of fetch).
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const reprints = await auditEntries(e2e.server.origin, managerToken, { type: 'label-print', patientId: 'patient-agnes-morrow' });
    expect(reprints).toHaveLength(1);
  });

  it('reprints a wristband that will not scan from the round, with nobody identified (issue 12)', async () => {
    const managerToken = await apiSignIn(e2e.server.origin, 'demo-manager');
    const reprintsOfAgnes = async () => (await auditEntries(e2e.server.origin, managerToken, { type: 'label-print', patientId: 'patient-agnes-morrow' })).length;
    const before = await reprintsOfAgnes();
    const page = await nurseAtBedside();
    const round = page.getByRole('region', { name: /: the round$/ });
    await round.getByRole('button', { name: /MORROW, Agnes/ }).click();
    await waitOrExplain(page, page.getByText('Read only: scan the wristband to give a dose.'));
    await page.getByRole('button', { name: 'Reprint wristband' }).click();
    const link = page.getByRole('link', { name: /open wristband-9990010137\.pdf/i });
    await waitOrExplain(page, link);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Still nobody identified: a reprint is not a positive ID.
    await page.getByRole('region', { name: 'Patient' }).getByText('No patient identified').waitFor();
    expect(await reprintsOfAgnes()).toBe(before + 1);
  });
});
