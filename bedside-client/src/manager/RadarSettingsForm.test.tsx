import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RADAR_SETTINGS, type RadarSettingsInput, type WardRadar, type WardRadarSettings } from '@wardscan/shared';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeReply, type FakeServer } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { ServicesContext } from '../services.js';
import { RadarPanel } from './RadarPanel.js';
import { RADAR_THRESHOLD_GROUPS, RADAR_THRESHOLD_IDS } from './radar.resource.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });
// Typing as a person does: slower than a scanner's burst.
const person = () => userEvent.setup({ delay: 120 });

const settingsOf = (own: RadarSettingsInput): WardRadarSettings => ({ wardId: 'ward-1', own, settings: { ...DEFAULT_RADAR_SETTINGS, ...own }, defaults: DEFAULT_RADAR_SETTINGS });
const radar = (): WardRadar => ({
  wardId: 'ward-1',
  timeZone: 'Europe/London',
  from: '2026-06-24T07:30:00.000Z',
  to: '2026-07-01T07:30:00.000Z',
  settings: DEFAULT_RADAR_SETTINGS,
  flags: [],
});

/** A server holding the ward's own thresholds: PUT replaces them, as the real one does. */
function settingsServer(initial: RadarSettingsInput = {}): FakeServer & { own: () => RadarSettingsInput } {
  let own = initial;
  const server = fakeServer({
    'GET /api/wards/ward-1/radar': () => json(radar()),
    'GET /api/wards/ward-1/radar-settings': () => json(settingsOf(own)),
    'PUT /api/wards/ward-1/radar-settings': ({ body }) => {
      own = body as RadarSettingsInput;
      return json(settingsOf(own));
    },
  });
  return Object.assign(server, { own: () => own });
}

const radarCalls = (server: FakeServer) => server.requests.filter((r) => r.method === 'GET' && r.path === '/api/wards/ward-1/radar').length;

async function openThresholds() {
  renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
  await screen.findByText('No workaround patterns in the last 7 days.');
  await userEvent.click(screen.getByRole('button', { name: 'Radar thresholds' }));
  return screen.findByRole('form', { name: 'Radar thresholds' });
}

describe('RadarSettingsForm', () => {
  it('lists every threshold under its pattern, in words with its unit, its default and its range', async () => {
    settingsServer({ copiedBandsPatients: 4 });
    const form = await openThresholds();
    // Every threshold the server knows has words on screen.
    expect(RADAR_THRESHOLD_GROUPS.flatMap((g) => Object.keys(g.thresholds)).sort()).toEqual([...RADAR_THRESHOLD_IDS].sort());
    expect(within(form).getAllByRole('spinbutton')).toHaveLength(RADAR_THRESHOLD_IDS.length);

    const copied = within(form).getByRole('group', { name: 'Copied bands' });
    const patients = within(copied).getByRole('spinbutton', { name: "Different patients' wristbands on one handheld, at least (patients)" });
    expect(patients).toHaveValue(4);
    expect(patients).toHaveAccessibleDescription('Default 3; 2 to 50.');
    expect(within(copied).getByRole('spinbutton', { name: 'All within (seconds)' })).toHaveValue(60);
    const override = within(form).getByRole('group', { name: 'Override rate' });
    expect(within(override).getByRole('spinbutton', { name: "A nurse's override rate compared with the rest of the ward's, at least (times as high)" })).toHaveValue(2);
    expect(within(form).getByText(/This ward has changed 1 of them\./)).toBeVisible();
  });

  it('saves only the thresholds that differ from the defaults, then refreshes the radar', async () => {
    const server = settingsServer({ copiedBandsPatients: 4 });
    const form = await openThresholds();
    const user = person();
    const patients = within(form).getByRole('spinbutton', { name: "Different patients' wristbands on one handheld, at least (patients)" });
    await user.clear(patients);
    await user.type(patients, '3');
    const late = within(form).getByRole('spinbutton', { name: 'A dose confirmed after its pack scan, or documented after it was given, by at least (minutes)' });
    await user.clear(late);
    await user.type(late, '45');
    const before = radarCalls(server);
    await user.click(within(form).getByRole('button', { name: 'Save thresholds' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Thresholds saved. The radar now uses them.');
    // 3 patients is the default again: it follows the default from now on.
    expect(server.own()).toEqual({ lateConfirmationMinutes: 45 });
    await waitFor(() => expect(radarCalls(server)).toBe(before + 1));
    expect(within(form).getByText(/This ward has changed 1 of them\./)).toBeVisible();
  });

  it('shows the server’s refusal beside the field it names, and does not refresh the radar', async () => {
    const server = settingsServer();
    server.on('PUT /api/wards/ward-1/radar-settings', () =>
      apiError(400, 'VALIDATION', 'preScanMaxMinutes: Must be more than the minutes before the band from which a pack counts as pre-scanned.', 'preScanMaxMinutes'),
    );
    const form = await openThresholds();
    const user = person();
    const max = within(form).getByRole('spinbutton', { name: "And at most (older packs are another round's) (minutes)" });
    await user.clear(max);
    await user.type(max, '5');
    const before = radarCalls(server);
    await user.click(within(form).getByRole('button', { name: 'Save thresholds' }));

    const message = 'Must be more than the minutes before the band from which a pack counts as pre-scanned.';
    await waitFor(() => expect(max).toHaveAttribute('aria-invalid', 'true'));
    expect(max).toHaveAccessibleDescription(`Default 240; 2 to 1440. ${message}`);
    // Beside its own field, in the pre-scanned tray group: not a box at the top.
    expect(within(within(form).getByRole('group', { name: 'Pre-scanned tray' })).getByText(message)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(form).queryByRole('status')).toBeNull();
    expect(radarCalls(server)).toBe(before);
    expect(max).toHaveValue(5);
  });

  it('says a field that is not a number is not one, without asking the server', async () => {
    const server = settingsServer();
    const form = await openThresholds();
    const user = person();
    const beds = within(form).getByRole('spinbutton', { name: 'With packs for different beds, at least (beds)' });
    await user.clear(beds);
    await user.click(within(form).getByRole('button', { name: 'Save thresholds' }));
    expect(await within(form).findByText('Enter a number.')).toBeVisible();
    expect(beds).toHaveAttribute('aria-invalid', 'true');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('resets every threshold to its default and refreshes the radar', async () => {
    const server = settingsServer({ copiedBandsPatients: 4, overrideRateFactor: 2.5 });
    const form = await openThresholds();
    const before = radarCalls(server);
    await userEvent.click(within(form).getByRole('button', { name: 'Reset to defaults' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Every threshold is back to its default.');
    expect(server.own()).toEqual({});
    expect(within(form).getByRole('spinbutton', { name: "Different patients' wristbands on one handheld, at least (patients)" })).toHaveValue(3);
    expect(within(form).getByRole('spinbutton', { name: "A nurse's override rate compared with the rest of the ward's, at least (times as high)" })).toHaveValue(2);
    expect(within(form).getByText(/This ward uses the defaults\./)).toBeVisible();
    await waitFor(() => expect(radarCalls(server)).toBe(before + 1));
  });

  it('says when the thresholds cannot be saved for another reason', async () => {
    const server = settingsServer();
    server.on('PUT /api/wards/ward-1/radar-settings', () => apiError(403, 'FORBIDDEN', 'You can only change your own ward.'));
    const form = await openThresholds();
    await userEvent.click(within(form).getByRole('button', { name: 'Reset to defaults' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The thresholds could not be saved: You can only change your own ward.');
  });
  it("drops the last ward's thresholds when the ward changes, so they cannot be saved to the new one", async () => {
    const server = settingsServer({ copiedBandsPatients: 4 });
    server.on('GET /api/wards/ward-2/radar', () => json({ ...radar(), wardId: 'ward-2' }));
    // Ward 2's thresholds are still on their way when the manager looks.
    server.on('GET /api/wards/ward-2/radar-settings', () => new Promise<FakeReply>(() => {}));
    const { rerender, services } = renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    await userEvent.click(await screen.findByRole('button', { name: 'Radar thresholds' }));
    const form = await screen.findByRole('form', { name: 'Radar thresholds' });
    expect(within(form).getByRole('spinbutton', { name: "Different patients' wristbands on one handheld, at least (patients)" })).toHaveValue(4);

    rerender(
      <ServicesContext.Provider value={services}>
        <RadarPanel wardId="ward-2" refreshKey={0} />
      </ServicesContext.Provider>,
    );
    expect(await screen.findByText('Loading the thresholds…')).toBeVisible();
    expect(screen.queryByRole('form', { name: 'Radar thresholds' })).toBeNull();
  });
});
