import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { violations } from './harness/axe.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, signInWithBadge, signInWithPassword, waitOrExplain } from './harness/browser.js';

/*
 * WCAG 2.1 AA as axe-core checks it (contrast, names, roles, labels) on the
 * screens people read in a hurry, in real Chromium; and the sign-in done
 * with the keyboard alone.
 */
const e2e = useE2eEnvironment();

describe('accessibility (axe-core, WCAG 2.1 AA) in Chromium', () => {
  it('the sign-in screen, and signing in with the keyboard alone', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Username' }).waitFor();
    expect(await violations(page)).toEqual([]);
    // The check is not vacuous: a planted unlabelled image is caught.
    await page.evaluate(() => document.body.appendChild(Object.assign(document.createElement('img'), { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' })));
    expect((await violations(page)).join('\n')).toMatch(/^image-alt/m);
    await page.evaluate(() => document.querySelector('img[src^="data:image/gif"]')?.remove());

    // Typed at a person's pace: a burst faster than the scanner key gap would be read as a scan.
    await page.getByRole('textbox', { name: 'Username' }).focus();
    await page.keyboard.type('demo-nurse', { delay: 90 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password', { delay: 90 });
    await page.keyboard.press('Enter');
    await waitOrExplain(page, page.getByRole('button', { name: 'Sign out' }));
  });

  it("the nurse's patient banner, match and stop screens, and the blood check", async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    await hidScan(page, barcode('wristband-agnes-morrow').raw);
    await page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();
    expect(await violations(page)).toEqual([]);

    await hidScan(page, barcode('pack-furosemide').raw);
    await page.getByRole('alert').getByRole('heading', { name: 'STOP – DO NOT GIVE' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Understood – not given' }).click();

    // Match or warning depends on the hour (right-time): the amber screen is checked as well as the green.
    await hidScan(page, barcode('pack-bisoprolol').raw);
    await page.getByRole('alert').getByRole('heading', { name: /^(MATCH|WARNING)$/ }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Back', exact: true }).click();

    for (const id of ['blood-agnes-din', 'blood-agnes-group', 'blood-agnes-product']) await hidScan(page, barcode(id).raw);
    await page.getByRole('button', { name: 'Check this unit' }).click();
    await waitOrExplain(page, page.getByText('Second checker: scan your badge'));
    expect(await violations(page)).toEqual([]);
  });

  it("the nurse's ward round, a patient's read-only chart, and the identified patient's chart", async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    const round = page.getByRole('region', { name: 'Ward 7B Acute Medicine: the round' });
    await waitOrExplain(page, round);
    await round.getByRole('button').first().waitFor();
    expect(await violations(page)).toEqual([]);

    await round.getByRole('button', { name: /MORROW, Agnes/ }).click();
    await waitOrExplain(page, page.getByText('Read only: scan the wristband to give a dose.'));
    await page.getByRole('heading', { name: 'Today’s doses' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Back to the round' }).click();

    await hidScan(page, barcode('wristband-agnes-morrow').raw);
    await page.getByRole('region', { name: 'Patient' }).getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();
    await waitOrExplain(page, page.getByRole('heading', { name: 'Today’s doses' }));
    expect(await violations(page)).toEqual([]);
    // Documenting a dose as not given, with its coded reasons.
    await page.getByRole('button', { name: 'Not given…' }).first().click();
    await page.getByLabel(/^Why was the .* dose not given\?$/).waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it("the pharmacy catalogue and the ward manager's dashboard", async () => {
    const pharmacy = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(pharmacy.page, 'demo-pharmacist');
    await pharmacy.page.getByRole('heading', { name: 'Product catalogue' }).waitFor();
    expect(await violations(pharmacy.page)).toEqual([]);

    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    await waitOrExplain(manager.page, manager.page.getByRole('status').filter({ hasText: '● Live' }));
    await manager.page.getByRole('table', { name: 'Mismatch log' }).waitFor();
    expect(await violations(manager.page)).toEqual([]);
  });

  it("the admin's staff accounts (a confirmation, a field error) and My account (a refusal beside the field)", async () => {
    const admin = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(admin.page, 'demo-admin');
    await admin.page.getByRole('button', { name: 'Staff accounts' }).click();
    await admin.page.getByRole('list', { name: 'Staff' }).waitFor();
    await waitOrExplain(admin.page, admin.page.getByRole('status').filter({ hasText: '● Live' }));
    expect(await violations(admin.page)).toEqual([]);

    const nurse = admin.page.getByRole('listitem').filter({ has: admin.page.getByRole('heading', { name: 'Nina Demo (nurse)', exact: true }) });
    await nurse.getByRole('button', { name: 'Manage Nina Demo (nurse)' }).click();
    await nurse.getByRole('button', { name: 'Deactivate' }).click();
    await nurse.getByText('Deactivate Nina Demo (nurse)?').waitFor();
    expect(await violations(admin.page)).toEqual([]);
    await nurse.getByRole('button', { name: 'Cancel' }).click();
    await nurse.getByRole('button', { name: 'Set a new PIN' }).click();
    await nurse.getByRole('textbox', { name: 'New PIN' }).fill('123');
    await nurse.getByRole('button', { name: 'Set this PIN' }).click();
    await nurse.getByText('The new PIN needs at least 6 digits.').waitFor();
    expect(await violations(admin.page)).toEqual([]);

    await admin.page.getByRole('button', { name: /^My account:/ }).click();
    const form = admin.page.getByRole('region', { name: 'Change my password' });
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password', { exact: true }).fill('a-long-enough-password');
    await form.getByLabel('New password again').fill('a-long-enough-password');
    await form.getByRole('button', { name: 'Change my password' }).click();
    await waitOrExplain(admin.page, form.getByText('Your current password is not right: the password was not changed.'));
    expect(await violations(admin.page)).toEqual([]);
  });
});
