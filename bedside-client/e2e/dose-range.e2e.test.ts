import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn } from './harness/api.js';
import { violations } from './harness/axe.js';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { HANDHELD, handheld, hidScan, screenshot, signInWithBadge, waitOrExplain } from './harness/browser.js';
import { REPO } from './harness/server.js';

/*
 * Issue 13 on the handheld, in real Chromium at 360×740: an order given as a
 * dose range comes in over the FHIR interface as a trust's EPR would send it,
 * and the nurse chooses the dose at the bedside. The order is the published
 * UK Core paracetamol example with its 500 mg doseQuantity made a doseRange
 * of 500 mg to 1 g (as in server/src/administrations/dose-range.int.test.ts),
 * for Desmond Harlow, who has no other paracetamol order.
 */
const e2e = useE2eEnvironment();
const DESMOND_NHS = '9990040524';
const ORDER_SYSTEM = 'https://fhir.example-trust.nhs.uk/Id/prescription';
const WARD_ZONE = 'Europe/London'; // Ward 7B's clock (fixtures/demo-ward/ward.json)

/** The ward's clock now, "HH:MM". */
const wardClock = (at = new Date()): string => new Intl.DateTimeFormat('en-GB', { timeZone: WARD_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

/**
 * The UK Core example as an active range order. The test runs on the real
 * clock, so its four-times-a-day timing is replaced by one dose at the
 * ward's time now: the dose is due when the pack is scanned, and the verdict
 * is a match rather than an early or late warning. Ordered an hour ago, so
 * yesterday's time is before the order and no missed dose is charted.
 */
function rangeOrder(value: string, doseTime: string): Record<string, unknown> {
  const example = JSON.parse(readFileSync(join(REPO, 'fixtures/fhir/published/uk-core/MedicationRequest-ParacetamolOral.json'), 'utf8'));
  const dosage = example.dosageInstruction[0];
  dosage.text = 'Paracetamol 500 mg to 1 g, once a day.';
  dosage.timing = { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: [`${doseTime}:00`] } };
  dosage.doseAndRate = [
    {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/dose-rate-type', code: 'ordered', display: 'Ordered' }] },
      doseRange: { low: { value: 500, unit: 'milligram', system: 'http://snomed.info/sct', code: '258684004' }, high: { value: 1, unit: 'gram', system: 'http://unitsofmeasure.org', code: 'g' } },
    },
  ];
  const { requester: _requester, id: _id, ...rest } = example;
  return {
    ...rest,
    status: 'active',
    intent: 'order',
    identifier: [{ system: ORDER_SYSTEM, value }],
    subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DESMOND_NHS}` },
    authoredOn: new Date(Date.now() - 3600_000).toISOString(),
    dosageInstruction: [dosage],
  };
}

/** An admin imports the order over /fhir/r4 as a transaction Bundle; the order's id on the chart. */
async function importRangeOrder(value: string): Promise<string> {
  const admin = await apiSignIn(e2e.server.origin, 'demo-admin');
  const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: rangeOrder(value, wardClock()), request: { method: 'POST', url: 'MedicationRequest' } }] };
  const response = await fetch(`${e2e.server.origin}/fhir/r4`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
    body: JSON.stringify(bundle),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const location: string = JSON.parse(text).entry[0].response.location;
  return location.split('/')[1] as string;
}

/** Lets the page finish what it does after a render (the verdict brings itself into view on the next frame). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The part's box within the 740 px of the screen as it is now (boxes are relative to the viewport). */
async function expectOnScreen(page: Page, name: string, locator: Locator): Promise<{ top: number; bottom: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name} is not on the page`);
  const seen = { top: Math.round(box.y * 10) / 10, bottom: Math.round((box.y + box.height) * 10) / 10 };
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(seen.top >= 0 && seen.bottom <= HANDHELD.height, `${name} off screen (viewport ${HANDHELD.height} px, page scrolled ${scrollY} px): ${JSON.stringify(seen)}`).toBe(true);
  return seen;
}

describe('a dose-range order at the bedside, 360×740', () => {
  it('imported over FHIR; the nurse sees the range and how the pack makes each end, a typed dose out of range is refused, one tap chooses, confirms on screen, and the chart shows the dose given', async () => {
    const rx = await importRangeOrder('e2e-range-1');

    const { page } = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(page, barcode('badge-demo-nurse').raw, '246810');
    await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByText('No patient identified'));
    await hidScan(page, barcode('wristband-desmond-harlow').raw);
    await waitOrExplain(page, page.getByRole('region', { name: 'Patient' }).getByRole('heading', { name: 'HARLOW, Desmond' }));

    await hidScan(page, barcode('pack-paracetamol').raw);
    const verdict = page.getByRole('alert').filter({ has: page.locator('#verdict-heading') });
    await waitOrExplain(page, verdict.getByRole('heading', { name: 'MATCH', exact: true }));
    await settled(page);
    await verdict.getByText('Choose a dose from 500 to 1000 mg, then give Paracetamol 500mg tablets').waitFor();
    // No single dose is offered as the one to give.
    expect(await verdict.getByLabel('Dose to give', { exact: true }).count()).toBe(0);

    // The range, and how this pack makes each end, one tap each.
    const chooser = verdict.getByRole('group', { name: 'Dose to give: choose from 500 to 1000 mg' });
    const low = chooser.getByRole('button', { name: /^500 mg/ });
    const high = chooser.getByRole('button', { name: /^1000 mg/ });
    expect(await low.textContent()).toBe('500 mg1 tablet (500 mg)');
    expect(await high.textContent()).toBe('1000 mg2 tablets (1000 mg)');
    const confirm = verdict.getByRole('button', { name: '✓ Confirm given' });
    expect(await confirm.isDisabled()).toBe(true);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'dose-range-1-chooser');

    // Typed out of range: refused on screen in words, and "Confirm given" stays off.
    const typed = chooser.getByRole('textbox');
    await typed.pressSequentially('1500', { delay: 120 });
    await chooser.getByText('✕ 1500 mg is above the prescribed range (500 to 1000 mg).').waitFor();
    expect(await typed.getAttribute('aria-invalid')).toBe('true');
    expect(await confirm.isDisabled()).toBe(true);
    await verdict.getByText(/^Cannot confirm yet: /).waitFor();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'dose-range-2-refused');
    await typed.fill('');
    await typed.pressSequentially('250', { delay: 120 });
    await chooser.getByText('✕ 250 mg is below the prescribed range (500 to 1000 mg).').waitFor();
    expect(await confirm.isDisabled()).toBe(true);

    // One tap chooses the top of the range; "Confirm given" is then on screen without scrolling.
    const scrolledBefore = await page.evaluate(() => window.scrollY);
    await high.tap();
    expect(await high.getAttribute('aria-pressed')).toBe('true');
    expect(await low.getAttribute('aria-pressed')).toBe('false');
    // Chosen is seen, not only announced: a tick before it.
    expect(await high.textContent()).toBe('✓ 1000 mg2 tablets (1000 mg)');
    expect(await typed.inputValue()).toBe('1000');
    expect(await chooser.getByText(/below|above/).count()).toBe(0);
    await settled(page);
    expect(await confirm.isEnabled()).toBe(true);
    expect(await page.evaluate(() => window.scrollY), 'choosing a dose scrolled the page').toBe(scrolledBefore);
    const layout = {
      heading: await expectOnScreen(page, 'MATCH heading', verdict.getByRole('heading', { name: 'MATCH', exact: true })),
      high: await expectOnScreen(page, '1000 mg button', high),
      confirm: await expectOnScreen(page, '"Confirm given"', confirm),
    };
    console.log(`[layout] dose range chosen (scrolled ${scrolledBefore} px): ${JSON.stringify(layout)}`);
    expect(await violations(page)).toEqual([]);
    await screenshot(page, 'dose-range-3-chosen');

    await confirm.tap();
    const given = page.getByRole('status').filter({ has: page.getByRole('heading', { name: '✓ Recorded as given' }) });
    await waitOrExplain(page, given);
    await given.getByText(/^2 tablets \(1000 mg\), oral at \d{2}:\d{2}$/).waitFor();

    // The chart: the dose is given, and how much of the range.
    const chart = page.getByRole('region', { name: 'Today’s doses' });
    const slot = chart.getByRole('listitem').filter({ hasText: 'Paracetamol' }).filter({ hasText: 'nurse chooses' });
    await waitOrExplain(page, slot.getByText(/^Given · \d{2}:\d{2}$/i));
    await slot.getByText(/^Given at \d{2}:\d{2} by .+: 1000 mg$/).waitFor();
    await screenshot(page, 'dose-range-4-charted', true);

    // What the server recorded: 1000 mg on this order, once.
    const nurse = await apiSignIn(e2e.server.origin, 'demo-nurse');
    const response = await fetch(`${e2e.server.origin}/api/patients/patient-desmond-harlow/chart`, { headers: { Authorization: `Bearer ${nurse}` } });
    const slots = ((await response.json()) as { slots: { prescriptionId: string; status: string }[] }).slots.filter((s) => s.prescriptionId === rx);
    expect(slots.map((s) => s.status)).toEqual(['given']);
  });
});
