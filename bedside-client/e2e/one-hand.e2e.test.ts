import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { violations } from './harness/axe.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { HANDHELD, handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';

/*
 * Issue 12, layout for one hand: on a 360×740 handheld, right after the scan
 * that produced it, every verdict shows its word, the dose to give and the
 * primary action without the nurse scrolling; every control on the bedside
 * screens is at least 44×44 px; the patient banner folds to one line once a
 * verdict is on screen, the allergies still shown. Measured with the
 * elements' boxes in real Chromium.
 */
const e2e = useE2eEnvironment();
const MIN_TARGET = 44;

async function nurseAtBedside(): Promise<Page> {
  const { page } = await handheld(e2e.browser, e2e.server.origin);
  await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
  await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByText('No patient identified'));
  return page;
}

/** Lets the page finish what it does after a render (the verdict brings itself into view on the next frame). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

interface Box {
  top: number;
  bottom: number;
}

async function boxOf(name: string, locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name} is not on the page`);
  return { top: Math.round(box.y * 10) / 10, bottom: Math.round((box.y + box.height) * 10) / 10 };
}

/** Each part lies wholly within the 740 px of the screen as it is now (boxes are relative to the viewport). */
async function expectOnScreen(page: Page, parts: Record<string, Locator>): Promise<Record<string, Box>> {
  const boxes: Record<string, Box> = {};
  for (const [name, locator] of Object.entries(parts)) boxes[name] = await boxOf(name, locator);
  const off = Object.entries(boxes).filter(([, box]) => box.top < 0 || box.bottom > HANDHELD.height);
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(off, `off screen (viewport ${HANDHELD.height} px, page scrolled ${scrollY} px): ${JSON.stringify(boxes)}`).toEqual([]);
  return boxes;
}

/** Every visible control on the page (below the fold too) smaller than 44×44 px, described. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], summary, select, input:not([type="hidden"]), textarea, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])',
    );
    const small: string[] = [];
    for (const control of Array.from(controls)) {
      // A radio button or checkbox is touched through its label.
      const target = control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox') ? (control.closest('label') ?? control) : control;
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(target).visibility === 'hidden' || target.closest('.visually-hidden')) continue;
      if (rect.width < min - 0.5 || rect.height < min - 0.5) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 40);
        small.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return small;
  }, MIN_TARGET);
}

async function identify(page: Page, band: string, name: string): Promise<Locator> {
  await hidScan(page, barcode(band).raw);
  const banner = page.getByRole('region', { name: 'Patient' });
  await waitOrExplain(page, banner.getByRole('heading', { name }));
  // In full at identification: the birth date is read against the wristband.
  await banner.getByText('Born').waitFor();
  expect(await smallTargets(page)).toEqual([]);
  return banner;
}

async function scanPack(page: Page, pack: string, heading: string): Promise<Locator> {
  await hidScan(page, barcode(pack).raw);
  const verdict = page.getByRole('alert').filter({ has: page.locator('#verdict-heading') });
  await waitOrExplain(page, verdict.getByRole('heading', { name: heading, exact: true }));
  await settled(page);
  return verdict;
}

/** The folded banner: one line for who (name, NHS Number, bed), the allergies under it, a small part of the screen. */
async function expectFolded(banner: Locator, nhs: RegExp, allergies: RegExp): Promise<void> {
  await banner.getByRole('button', { name: 'More about the patient' }).waitFor();
  expect(await banner.getByText('Born').count()).toBe(0);
  expect(await banner.getByText(nhs).isVisible()).toBe(true);
  expect(await banner.getByText(allergies).isVisible()).toBe(true);
  const box = await banner.boundingBox();
  expect(box?.height, 'folded banner height').toBeLessThanOrEqual(HANDHELD.height * 0.14);
}

describe('one hand at 360×740: the verdict, the dose and the action without scrolling', () => {
  it('match (as-needed paracetamol): word, dose, what it is for and "Confirm given" on screen; banner folded; targets ≥ 44 px', async () => {
    const page = await nurseAtBedside();
    // The home screen (the ward round) first, then a patient's read-only chart and its unreadable-band fallback.
    const round = page.getByRole('region', { name: /: the round$/ });
    await round.waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await round.getByRole('button', { name: /MORROW, Agnes/ }).click();
    await page.getByRole('heading', { name: 'Today’s doses' }).waitFor();
    expect(await smallTargets(page)).toEqual([]);
    const fallback = page.getByRole('button', { name: 'Wristband will not scan…' });
    await fallback.waitFor();
    // The demo ward's policy: allowed with a second nurse's badge and PIN.
    expect(await fallback.isEnabled()).toBe(true);
    await fallback.click();
    await page.getByLabel('Why can the wristband not be scanned?').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Back to the round' }).click();
    await round.waitFor();

    const banner = await identify(page, 'wristband-jasper-kemble', 'KEMBLE, Jasper');
    await screenshot(page, 'one-hand-0-identified');
    const verdict = await scanPack(page, 'pack-paracetamol', 'MATCH');
    const boxes = await expectOnScreen(page, {
      heading: verdict.getByRole('heading', { name: 'MATCH' }),
      dose: verdict.getByLabel('Dose to give'),
      indication: verdict.getByLabel(/What is this dose for\?/),
      primary: verdict.getByRole('button', { name: '✓ Confirm given' }),
    });
    console.log(`[layout] match: ${JSON.stringify(boxes)}`);
    await expectFolded(banner, /^\d{3} \d{3} \d{4}$/, /Allergies:/i);
    expect(await smallTargets(page)).toEqual([]);
    // An as-needed dose's verdict, asking what it is for, with the PRN history on the chart under it.
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'one-hand-1-match');

    // "More" opens the banner in full, "Less" folds it again; a new verdict folds it by itself.
    await banner.getByRole('button', { name: 'More about the patient' }).click();
    await banner.getByText('Born').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'one-hand-1-banner-opened');
    await banner.getByRole('button', { name: 'Less about the patient' }).click();
    await banner.getByRole('button', { name: 'More about the patient' }).waitFor();

    // Given: the record of it, with its one button.
    await verdict.getByLabel(/What is this dose for\?/).pressSequentially('headache', { delay: 80 });
    await verdict.getByRole('button', { name: '✓ Confirm given' }).click();
    await page.getByRole('heading', { name: '✓ Recorded as given' }).waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  it('warning (half of an unscored tablet): word, dose, the override reason and "Override and confirm given" on screen', async () => {
    const page = await nurseAtBedside();
    const banner = await identify(page, 'wristband-agnes-morrow', 'MORROW, Agnes');
    const verdict = await scanPack(page, 'pack-amlodipine', 'WARNING');
    const boxes = await expectOnScreen(page, {
      heading: verdict.getByRole('heading', { name: 'WARNING' }),
      dose: verdict.getByLabel('Dose to give'),
      reason: verdict.getByLabel('Reason for giving despite the warning'),
      primary: verdict.getByRole('button', { name: '✓ Override and confirm given' }),
    });
    console.log(`[layout] warning: ${JSON.stringify(boxes)}`);
    await expectFolded(banner, /^\d{3} \d{3} \d{4}$/, /no known drug allergies/);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'one-hand-2-warning');

    // The chart under the verdict: documenting a dose as not given there.
    await page.getByRole('region', { name: 'Today’s doses' }).getByRole('button', { name: 'Not given…' }).first().click();
    await page.getByLabel(/^Why was the .* dose not given\?$/).waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
  });

  it('high-alert (morphine, witness by badge and PIN): word, dose, what it is for and "Confirm given" on screen', async () => {
    const page = await nurseAtBedside();
    await identify(page, 'wristband-clara-fenwick', 'FENWICK, Clara');
    const verdict = await scanPack(page, 'pack-morphine', 'WARNING');
    await verdict.getByText(/Ask a second nurse to scan their badge/).waitFor();
    const boxes = await expectOnScreen(page, {
      heading: verdict.getByRole('heading', { name: 'WARNING' }),
      dose: verdict.getByLabel('Dose to give'),
      indication: verdict.getByLabel(/What is this dose for\?/),
      primary: verdict.getByRole('button', { name: '✓ Confirm given' }),
    });
    console.log(`[layout] witness: ${JSON.stringify(boxes)}`);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'one-hand-3-witness');
    // The witness's badge opens their PIN entry.
    await hidScan(page, barcode('badge-demo-nurse-2').raw);
    await page.getByLabel('Witness’s PIN').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    // The witness is named on the verdict once their PIN is proved.
    await page.getByLabel('Witness’s PIN').pressSequentially('246810', { delay: 120 });
    await page.keyboard.press('Enter');
    await waitOrExplain(page, verdict.getByText(/Witnessed by /));
    expect(await violations(page)).toEqual([]);
  });

  it('stop (penicillin allergy), scanned with the page scrolled down the chart: the verdict is brought into view', async () => {
    const page = await nurseAtBedside();
    const banner = await identify(page, 'wristband-bernard-quill', 'QUILL, Bernard');
    await page.getByRole('heading', { name: 'Today’s doses' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);

    const verdict = await scanPack(page, 'pack-amoxicillin', 'STOP – DO NOT GIVE');
    const boxes = await expectOnScreen(page, {
      heading: verdict.getByRole('heading', { name: 'STOP – DO NOT GIVE' }),
      problem: verdict.getByRole('list', { name: 'Problems found' }),
      primary: verdict.getByRole('button', { name: 'Understood – not given' }),
    });
    console.log(`[layout] stop: ${JSON.stringify(boxes)}`);
    // Nothing to give on a stop: no dose line.
    expect(await verdict.getByLabel('Dose to give').count()).toBe(0);
    // The banner is not hiding the verdict: the verdict starts below it.
    const bannerBox = await boxOf('banner', banner);
    expect(boxes.heading!.top).toBeGreaterThanOrEqual(bannerBox.bottom);
    await expectFolded(banner, /^\d{3} \d{3} \d{4}$/, /ALLERGIES:.*Penicillin/i);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'one-hand-4-stop-scrolled');
  });
});
