import { describe, expect, it } from 'vitest';
import { apiSignIn } from './harness/api.js';
import { barcode } from './harness/barcodes.js';
import { violations } from './harness/axe.js';
import { useE2eEnvironment } from './harness/environment.js';
import { handheld, hidScan, screenshot, signInWithBadge, signInWithPassword, waitOrExplain } from './harness/browser.js';

const e2e = useE2eEnvironment();

describe('ward manager', () => {
  it('sees a stop made on the nurse’s handheld in the live feed within a second', async () => {
    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    await waitOrExplain(manager.page, manager.page.getByRole('status').filter({ hasText: '● Live' }));

    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse').raw, '246810');
    await hidScan(nurse.page, barcode('wristband-agnes-morrow').raw);
    await nurse.page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();

    const sentAt = Date.now();
    await hidScan(nurse.page, barcode('pack-furosemide').raw);
    const feed = manager.page.getByRole('list', { name: 'Live alerts' });
    await waitOrExplain(manager.page, feed.getByRole('listitem').filter({ hasText: 'STOP' }).filter({ hasText: 'Agnes' }), 5000);
    const elapsed = Date.now() - sentAt;
    console.log(`live feed: stop shown on the manager's screen ${elapsed} ms after the nurse's scan was sent`);
    expect(elapsed).toBeLessThan(1000);
    await nurse.page.getByRole('heading', { name: 'STOP – DO NOT GIVE' }).waitFor();

    // The log and charts pick the stop up too.
    await waitOrExplain(manager.page, manager.page.getByRole('table', { name: 'Mismatch log' }).getByText(/Furosemide/).first());
    await screenshot(manager.page, 'manager-1-dashboard', true);
    await manager.page.setViewportSize({ width: 360, height: 740 });
    await screenshot(manager.page, 'manager-2-dashboard-handheld');
  });

  it('sets a workaround radar threshold on screen: a refusal beside its field, then two bands in seconds are enough to flag', async () => {
    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    const radar = manager.page.getByRole('region', { name: 'Workaround radar' });
    await radar.getByRole('heading', { name: 'Workaround radar' }).waitFor();

    // Two patients' bands on one handheld within seconds: under the default of 3, not a flag.
    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse-2').raw, '246810');
    await hidScan(nurse.page, barcode('wristband-bernard-quill').raw);
    await nurse.page.getByRole('heading', { name: 'QUILL, Bernard' }).waitFor();
    await hidScan(nurse.page, barcode('wristband-clara-fenwick').raw);
    await nurse.page.getByRole('heading', { name: 'FENWICK, Clara' }).waitFor();

    const copiedFlag = radar.getByRole('list', { name: 'Workaround flags' }).getByRole('listitem').filter({ hasText: 'Copied bands' });
    await radar.getByRole('button', { name: 'Refresh the radar' }).click();
    await manager.page.waitForTimeout(500);
    expect(await copiedFlag.count()).toBe(0);

    await radar.getByRole('button', { name: 'Radar thresholds' }).click();
    const form = radar.getByRole('form', { name: 'Radar thresholds' });
    const patients = form.getByRole('spinbutton', { name: "Different patients' wristbands on one handheld, at least (patients)", exact: true });
    await patients.waitFor();
    expect(await patients.inputValue()).toBe('3');

    // The server judges: a pre-scan maximum under its minimum is refused beside that field.
    const trayMax = form.getByRole('spinbutton', { name: "And at most (older packs are another round's) (minutes)", exact: true });
    await trayMax.fill('5');
    await patients.fill('2');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    const refusal = form.getByRole('group', { name: 'Pre-scanned tray' }).getByText('Must be more than the minutes before the band from which a pack counts as pre-scanned.');
    await waitOrExplain(manager.page, refusal);
    expect(await trayMax.getAttribute('aria-invalid')).toBe('true');
    expect(await violations(manager.page)).toEqual([]);
    await trayMax.scrollIntoViewIfNeeded();
    await screenshot(manager.page, 'manager-3-radar-threshold-refused');

    await trayMax.fill('240');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await waitOrExplain(manager.page, form.getByRole('status').filter({ hasText: 'Thresholds saved. The radar now uses them.' }));
    // The radar reads again with 2 patients as enough.
    await waitOrExplain(manager.page, copiedFlag.filter({ hasText: 'Bernard' }).filter({ hasText: 'Clara' }));
    await screenshot(manager.page, 'manager-4-radar-threshold-saved', true);

    await form.getByRole('button', { name: 'Reset to defaults' }).click();
    await waitOrExplain(manager.page, form.getByRole('status').filter({ hasText: 'Every threshold is back to its default.' }));
    expect(await patients.inputValue()).toBe('3');
    await copiedFlag.waitFor({ state: 'detached' });
  });

  it('sets the ward’s standard drug round times on screen: an uneven interval refused beside its line, a change saved, then reset', async () => {
    const manager = await handheld(e2e.browser, e2e.server.origin);
    await manager.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(manager.page, 'demo-manager');
    const form = manager.page.getByRole('form', { name: 'Standard drug round times' });
    const bd = form.getByLabel('Twice a day (BD), time 2', { exact: true });
    await waitOrExplain(manager.page, bd);
    expect(await bd.inputValue()).toBe('18:00');

    // Every 8 hours at 07:00, 14:00, 22:00 is uneven: the server refuses it beside that line.
    const eight = form.getByRole('group', { name: 'Every 8 hours', exact: true });
    await eight.getByLabel('Every 8 hours, time 1', { exact: true }).fill('07:00');
    await bd.fill('20:00');
    await form.getByRole('button', { name: 'Save round times' }).click();
    await waitOrExplain(manager.page, eight.getByText('the times must be exactly 8 hours apart'));
    expect(await violations(manager.page)).toEqual([]);
    await eight.scrollIntoViewIfNeeded();
    await screenshot(manager.page, 'manager-6-round-times-refused');

    await eight.getByLabel('Every 8 hours, time 1', { exact: true }).fill('06:00');
    await form.getByRole('button', { name: 'Save round times' }).click();
    await waitOrExplain(manager.page, form.getByRole('status').filter({ hasText: 'Round times saved.' }));
    // A nurse on the ward reads the times now in force from the server.
    const token = await apiSignIn(e2e.server.origin, 'demo-nurse');
    const saved = await (await fetch(`${e2e.server.origin}/api/wards/ward-7b/round-times`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(saved).toMatchObject({ own: true, times: { perDay: { '2': ['08:00', '20:00'] }, everyHours: { '8': ['06:00', '14:00', '22:00'] } } });

    await form.getByRole('button', { name: 'Reset to defaults' }).click();
    await waitOrExplain(manager.page, form.getByRole('status').filter({ hasText: "Every line is back to the trust's standard times." }));
    expect(await bd.inputValue()).toBe('18:00');
  });

  it('shows the trust view to an admin: wards ranked, and their day shifts beside their night shifts', async () => {
    // A dose given on the demo ward, so Ward 7B has a day or night shift to measure.
    const nurse = await handheld(e2e.browser, e2e.server.origin);
    await signInWithBadge(nurse.page, barcode('badge-demo-nurse').raw, '246810');
    await hidScan(nurse.page, barcode('wristband-agnes-morrow').raw);
    await nurse.page.getByRole('heading', { name: 'MORROW, Agnes' }).waitFor();

    const admin = await handheld(e2e.browser, e2e.server.origin);
    await admin.page.setViewportSize({ width: 1024, height: 900 });
    await signInWithPassword(admin.page, 'demo-admin');
    await admin.page.getByRole('button', { name: 'Trust', exact: true }).click();
    await admin.page.getByRole('table', { name: 'Wards ranked, last 14 days' }).waitFor();
    const shifts = admin.page.getByRole('table', { name: 'Day and night shifts by ward, last 14 days' });
    await waitOrExplain(admin.page, shifts.getByRole('rowheader', { name: 'Day shifts (07:00–19:00)' }).first());
    expect(await shifts.getByRole('rowheader', { name: 'Night shifts (19:00–07:00)' }).count()).toBe(await admin.page.getByRole('table', { name: 'Wards ranked, last 14 days' }).getByRole('row').count() - 1);
    await admin.page.getByText(/^By shift \(\d+\)$/).click();
    expect(await violations(admin.page)).toEqual([]);
    await screenshot(admin.page, 'manager-5-trust-shifts', true);
  });
});
