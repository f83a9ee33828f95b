import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { barcode } from './harness/barcodes.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithPassword, waitOrExplain } from './harness/browser.js';
import { makeRoundWard, type RoundWard } from './harness/round-ward.js';

/*
 * Figures for the closing note of issue 12, on a 30-bed ward: how long from
 * pressing "Sign in" to the ward round on screen, and from "Confirm given"
 * on one handheld to the bed's status changing on another's round (the
 * server tells the ward's round room 'ward:changed' over socket.io; the
 * round is fetched again). Both timed inside the pages (the same clock), so
 * Playwright's own waiting is not counted, and printed.
 */
const e2e = useE2eEnvironment();
const BEDS = 30;
const SIGN_INS = 5;
const DOSES = 3;
let ward: RoundWard;

beforeAll(async () => {
  ward = await makeRoundWard(e2e.server.origin, BEDS);
});

type Marks = Record<string, number | undefined>;
const marks = (page: Page): Promise<Marks> => page.evaluate(() => ((window as unknown as { __marks?: Marks }).__marks ?? {}));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const summary = (values: number[]) => `median ${Math.round(median(values))} ms (each: ${values.map((v) => Math.round(v)).join(', ')} ms)`;

interface SignInTimes {
  /** "Sign in" pressed → all the round's beds in the page. */
  total: number;
  /** Of which: until signed in (the server checks the password, slow on purpose). */
  signedIn: number;
}

/** Signs in with the password and measures, in the page, the press of "Sign in" to all the round's beds in the page. */
async function timedSignIn(page: Page, username: string): Promise<SignInTimes> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.evaluate((beds) => {
    const marks: Marks = {};
    (window as unknown as { __marks: Marks }).__marks = marks;
    document.addEventListener(
      'click',
      (event) => {
        const button = (event.target as Element | null)?.closest('button');
        if (button?.textContent?.trim() === 'Sign in') marks.signIn ??= performance.now();
      },
      true,
    );
    const observer = new MutationObserver(() => {
      if (marks.signIn === undefined) return;
      // Signed in: the top bar's "Sign out" is there (the password checked, the session made).
      if (marks.signedIn === undefined && Array.from(document.querySelectorAll('button')).some((button) => button.textContent?.trim() === 'Sign out')) marks.signedIn = performance.now();
      if (document.querySelectorAll('.round li').length >= beds) {
        marks.round = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, BEDS);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  const round = page.getByRole('region', { name: `${ward.wardName}: the round` });
  await waitOrExplain(page, round);
  expect(await round.getByRole('listitem').count()).toBe(BEDS);
  const { signIn, signedIn, round: shown } = await marks(page);
  if (signIn === undefined || signedIn === undefined || shown === undefined) throw new Error(`not timed: ${JSON.stringify(await marks(page))}`);
  return { total: shown - signIn, signedIn: signedIn - signIn };
}

describe(`the ward round on a ${BEDS}-bed ward: figures for issue 12`, () => {
  it('times sign-in to the round list on screen', async () => {
    const times: SignInTimes[] = [];
    for (let i = 0; i < SIGN_INS; i++) {
      const { context, page } = await handheld(e2e.browser, e2e.server.origin);
      times.push(await timedSignIn(page, ward.nurses[i % ward.nurses.length]!));
      if (i === 0) await screenshot(page, 'round-figures-1-round');
      await context.close();
    }
    const totals = times.map((t) => t.total);
    console.log(`[figure] round on screen after sign-in (${BEDS} beds, ${SIGN_INS} sign-ins, each in a fresh browser context): ${summary(totals)}`);
    console.log(`[figure]   of which signing in (password check, session): ${summary(times.map((t) => t.signedIn))}; then the round: ${summary(times.map((t) => t.total - t.signedIn))}`);
    expect(median(totals)).toBeLessThan(5000);
  });

  it('times a dose given on handheld A to the bed’s status changing on handheld B’s round', async () => {
    const a = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(a.page, ward.nurses[0]!);
    const b = await handheld(e2e.browser, e2e.server.origin);
    await signInWithPassword(b.page, ward.nurses[1]!);
    const roundOnB = b.page.getByRole('region', { name: `${ward.wardName}: the round` });
    await waitOrExplain(b.page, roundOnB);

    const times: number[] = [];
    /** When B's round left the screen while it was fetched again, if it did. */
    const blanked: number[] = [];
    for (const patient of ward.patients.slice(0, DOSES)) {
      const bedOnB = roundOnB.getByRole('button', { name: new RegExp(`^${patient.bedLabel} `) });
      await waitOrExplain(b.page, bedOnB.filter({ hasText: '1 due now' }));
      // B watches the bed's row for its "due now" to go.
      await b.page.evaluate((bedLabel) => {
        const marks: Marks = {};
        (window as unknown as { __marks: Marks }).__marks = marks;
        // The row as the nurse reads it: there, and no longer "due now" (not the round gone while it reloads).
        const row = () => Array.from(document.querySelectorAll('.round-bed')).find((candidate) => candidate.querySelector('.bed')?.textContent === bedLabel);
        const observer = new MutationObserver(() => {
          const now = performance.timeOrigin + performance.now();
          if (!row()) marks.gone ??= now;
          if (row() && !(row()?.textContent ?? '').includes('due now')) {
            marks.changed = now;
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }, patient.bedLabel);

      // A identifies the patient, scans the pack and gives the dose.
      await hidScan(a.page, patient.wristbandRaw);
      await waitOrExplain(a.page, a.page.getByRole('region', { name: 'Patient' }).getByRole('heading', { name: `${patient.familyName.toUpperCase()}, ${patient.givenName}` }));
      await hidScan(a.page, barcode('pack-paracetamol').raw);
      const verdict = a.page.getByRole('alert').filter({ has: a.page.locator('#verdict-heading') });
      await waitOrExplain(a.page, verdict.getByRole('heading', { name: 'MATCH' }));
      await a.page.evaluate(() => {
        const marks: Marks = {};
        (window as unknown as { __marks: Marks }).__marks = marks;
        document.addEventListener('click', () => (marks.confirmed ??= performance.timeOrigin + performance.now()), { capture: true, once: true });
      });
      await verdict.getByRole('button', { name: '✓ Confirm given' }).click();
      await waitOrExplain(a.page, a.page.getByRole('heading', { name: '✓ Recorded as given' }));

      await b.page.waitForFunction(() => (window as unknown as { __marks?: Marks }).__marks?.changed !== undefined, undefined, { timeout: 10_000 });
      const { confirmed } = await marks(a.page);
      const { changed, gone } = await marks(b.page);
      if (confirmed === undefined || changed === undefined) throw new Error('not timed');
      times.push(changed - confirmed);
      if (gone !== undefined) blanked.push(gone - confirmed);
      expect(await bedOnB.textContent()).not.toContain('due now');
    }
    await screenshot(b.page, 'round-figures-2-after-doses');
    console.log(`[figure] dose given on handheld A → its status changed on handheld B's round (${BEDS} beds, ${DOSES} doses): ${summary(times)}`);
    // The round stays on screen while it is fetched again: no "Loading…" flash on every dose given on the ward.
    expect(blanked, `B's round left the screen ${blanked.map(Math.round).join(', ')} ms after the dose`).toEqual([]);
    expect(median(times)).toBeLessThan(5000);
  });
});
