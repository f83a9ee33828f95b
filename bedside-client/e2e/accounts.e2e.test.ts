import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, signInWithPassword, waitOrExplain } from './harness/browser.js';

/*
 * Issue 16 in real Chromium against the real server: an admin deactivates a
 * nurse, and the nurse's handheld is signed out at its next request; a lock
 * is announced on the admin's screen as it happens; a nurse changes her PIN
 * and signs in with it. All at 360 × 740.
 */
const e2e = useE2eEnvironment();

async function openStaffAccounts(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Staff accounts' }).click();
  await waitOrExplain(page, page.getByRole('list', { name: 'Staff' }));
  await waitOrExplain(page, page.getByRole('status').filter({ hasText: '● Live' }));
}

const staffCard = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });

/** Nothing on the page is wider than the handheld's screen, and every control of the screen (and the top bar's My account) is a 44 × 44 px target at least. */
async function fitsHandheld(page: Page): Promise<void> {
  const { scrollWidth, small } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    small: Array.from(document.querySelectorAll('main button, main input, header button.who'))
      .map((el) => ({ text: (el.textContent ?? el.id).trim(), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  }));
  expect(scrollWidth).toBeLessThanOrEqual(360);
  expect(small).toEqual([]);
}

describe('accounts (issue 16)', () => {
  it('an admin deactivates a nurse: her handheld is signed out at its next request, and she cannot sign in', async () => {
    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(nurse.page, 'demo-nurse');
    await nurse.page.getByText('No patient identified').waitFor();

    const admin = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(admin.page, 'demo-admin');
    await openStaffAccounts(admin.page);
    await fitsHandheld(admin.page);
    await screenshot(admin.page, 'accounts-0-staff-list');
    const card = staffCard(admin.page, 'Nina Demo (nurse)');
    await card.getByRole('button', { name: 'Manage Nina Demo (nurse)' }).click();
    await card.getByRole('button', { name: 'Deactivate' }).click();
    await card.getByText('Deactivate Nina Demo (nurse)?').waitFor();
    await fitsHandheld(admin.page);
    await screenshot(admin.page, 'accounts-1-confirm-deactivate');
    await card.getByRole('button', { name: 'Yes, deactivate' }).click();
    await waitOrExplain(admin.page, card.getByRole('status').filter({ hasText: 'Nina Demo (nurse) is deactivated and signed out of every handheld.' }));
    await card.getByText('Deactivated', { exact: true }).waitFor();

    // The nurse's next request (a wristband scan) meets a 401: back to sign-in, nothing of the patient shown.
    await hidScan(nurse.page, barcode('wristband-agnes-morrow').raw);
    await waitOrExplain(nurse.page, nurse.page.getByRole('heading', { name: 'Wardscan sign in' }));
    expect(await nurse.page.getByText('MORROW').count()).toBe(0);
    expect(await nurse.page.evaluate(() => sessionStorage.getItem('wardscan.session'))).toBeNull();

    await nurse.page.getByRole('textbox', { name: 'Username' }).fill('demo-nurse');
    await nurse.page.getByLabel('Password', { exact: true }).fill('demo-password');
    await nurse.page.getByRole('button', { name: 'Sign in' }).last().click();
    await waitOrExplain(nurse.page, nurse.page.getByRole('alert'));
    expect(await nurse.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    // Reactivated, she signs in again.
    await card.getByRole('button', { name: 'Reactivate' }).click();
    await card.getByRole('button', { name: 'Yes, reactivate' }).click();
    await waitOrExplain(admin.page, card.getByRole('status').filter({ hasText: 'is active again' }));
    await signInWithPassword(nurse.page, 'demo-nurse');
    await admin.context.close();
    await nurse.context.close();
  });

  it('announces a locked account on the admin’s screen as it happens; a new PIN lifts the lock', async () => {
    const admin = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(admin.page, 'demo-admin');
    await openStaffAccounts(admin.page);

    for (let i = 0; i < 5; i++) {
      await fetch(`${e2e.server.origin}/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'demo-nurse-2', password: `wrong-${i}` }) });
    }
    const notices = admin.page.getByRole('list', { name: 'Accounts locked since this screen opened' });
    await waitOrExplain(admin.page, notices.getByText(/Wendy Demo \(second nurse, witness\)’s account is locked until \d\d:\d\d/));
    const card = staffCard(admin.page, 'Wendy Demo (second nurse, witness)');
    await card.getByText(/^Locked until/).waitFor();
    await notices.getByRole('button', { name: 'Manage Wendy Demo (second nurse, witness)' }).click();
    await card.getByRole('button', { name: 'Set a new PIN' }).click();
    await card.getByRole('textbox', { name: 'New PIN' }).fill('12345');
    await card.getByRole('button', { name: 'Set this PIN' }).click();
    await card.getByText('The new PIN needs at least 6 digits.').waitFor();
    await fitsHandheld(admin.page);
    await screenshot(admin.page, 'accounts-2-locked-new-pin');
    await card.getByRole('textbox', { name: 'New PIN' }).fill('482913');
    await card.getByRole('button', { name: 'Set this PIN' }).click();
    await waitOrExplain(admin.page, card.getByRole('status').filter({ hasText: 'new PIN is set and the lock is lifted' }));
    expect(await card.getByText(/^Locked until/).count()).toBe(0);

    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse-2').raw, '482913');
    await admin.context.close();
    await nurse.context.close();
  });

  it('a nurse changes her PIN on My account (a wrong current password first) and signs in with her badge and the new PIN', async () => {
    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(nurse.page, 'demo-nurse-8a');
    await nurse.page.getByRole('button', { name: /^My account:/ }).click();
    const form = nurse.page.getByRole('region', { name: 'Change my PIN' });
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New PIN', { exact: true }).fill('273645');
    await form.getByLabel('New PIN again').fill('273645');
    await form.getByRole('button', { name: 'Change my PIN' }).click();
    await waitOrExplain(nurse.page, form.getByText('Your current password is not right: the PIN was not changed.'));
    await fitsHandheld(nurse.page);
    await screenshot(nurse.page, 'accounts-3-my-account-error');
    await form.getByLabel('Current password').fill('demo-password');
    await form.getByRole('button', { name: 'Change my PIN' }).click();
    await waitOrExplain(nurse.page, form.getByRole('status').filter({ hasText: 'Your PIN is changed.' }));

    await nurse.page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse-8a').raw, '273645');
    await nurse.context.close();
  });
});
