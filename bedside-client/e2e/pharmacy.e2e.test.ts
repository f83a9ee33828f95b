import { describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithPassword, waitOrExplain } from './harness/browser.js';

const e2e = useE2eEnvironment();

describe('pharmacy catalogue', () => {
  it('adds an unknown pack by scanning it, and shows a GTIN already linked elsewhere beside the GTIN field', async () => {
    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(page, 'demo-pharmacist');
    await page.getByRole('heading', { name: 'Product catalogue' }).waitFor();

    await hidScan(page, barcode('pack-unknown').raw);
    const form = page.getByRole('form', { name: 'New product' });
    await waitOrExplain(page, form);
    expect(await form.getByLabel('GTINs').inputValue()).toBe('05099997000990');
    expect(await page.getByRole('textbox', { name: 'Batch' }).inputValue()).toBe('XX0000');
    await form.getByLabel('Name', { exact: true }).fill('Ondansetron 4 mg orodispersible tablets');
    await form.getByLabel('Generic drug').fill('ondansetron');
    await form.getByLabel('Strength', { exact: true }).fill('4');
    await form.getByLabel('Per', { exact: true }).fill('1');
    await form.getByRole('checkbox', { name: 'oral', exact: true }).check();
    await form.getByRole('button', { name: 'Save product' }).click();
    await waitOrExplain(page, page.getByText(/Saved Ondansetron 4 mg orodispersible tablets/));

    // The paracetamol pack's GTIN belongs to paracetamol: linking it here is refused beside the field.
    await page.getByRole('button', { name: 'Edit Ondansetron 4 mg orodispersible tablets, GTIN 05099997000990' }).click();
    const edit = page.getByRole('form', { name: 'Edit product' });
    await edit.getByLabel('GTINs').fill('05099997000990\n05099997000013');
    await edit.getByRole('button', { name: 'Save product' }).click();
    const gtins = edit.getByLabel('GTINs');
    await waitOrExplain(page, edit.locator('#product-gtins-error'));
    expect(await gtins.getAttribute('aria-invalid')).toBe('true');
    await gtins.scrollIntoViewIfNeeded();
    await screenshot(page, 'pharmacy-1-gtin-conflict');
  });
});
