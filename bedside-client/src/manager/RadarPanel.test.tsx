import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RADAR_SETTINGS, type RadarFlag, type WardRadar } from '@wardscan/shared';
import { ADA_NHS, buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { ServicesContext } from '../services.js';
import { RadarPanel } from './RadarPanel.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });

const BAND = '11111111-1111-4111-8111-111111111111';
const PACK = '22222222-2222-4222-8222-222222222222';

const trayFlag: RadarFlag = {
  pattern: 'pre-scanned-tray',
  title: '2 packs for Ada LOVELACE scanned up to 25 min before their wristband',
  why: 'Packs scanned 10–240 min before the band of the patient they are for (2 or more) suggest a tray prepared and scanned away from the bedside.',
  nurse: { id: 'u-nurse', name: 'Nia Nurse' },
  patient: { id: 'p-ada', name: 'Ada LOVELACE', nhsNumber: ADA_NHS },
  deviceId: 'h1',
  from: '2026-07-01T07:00:00.000Z',
  to: '2026-07-01T07:25:00.000Z',
  evidence: [
    { eventId: PACK, at: '2026-07-01T07:00:00.000Z', what: 'pack', nurse: { id: 'u-nurse', name: 'Nia Nurse' }, patient: null, bedLabel: null, deviceId: 'h1', detail: "Paracetamol 500mg tablets, 25 min before Ada LOVELACE's band (scanned with nobody identified)" },
    { eventId: BAND, at: '2026-07-01T07:25:00.000Z', what: 'wristband', nurse: { id: 'u-nurse', name: 'Nia Nurse' }, patient: { id: 'p-ada', name: 'Ada LOVELACE', nhsNumber: ADA_NHS }, bedLabel: 'Bed 3', deviceId: 'h1', detail: "Ada LOVELACE's wristband" },
  ],
};

const radar = (flags: RadarFlag[], timeZone = 'Europe/London'): WardRadar => ({
  wardId: 'ward-1',
  timeZone,
  from: '2026-06-24T07:30:00.000Z',
  to: '2026-07-01T07:30:00.000Z',
  settings: DEFAULT_RADAR_SETTINGS,
  flags,
});

describe('RadarPanel', () => {
  it('lists each flag with its pattern, what happened and why, on the ward’s clock', async () => {
    fakeServer({ 'GET /api/wards/ward-1/radar': () => json(radar([trayFlag, { ...trayFlag, pattern: 'copied-bands', title: "3 patients' wristbands scanned on one handheld in 40 s" }])) });
    renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    const flags = within(await screen.findByRole('list', { name: 'Workaround flags' })).getAllByRole('listitem');
    expect(flags).toHaveLength(2);
    expect(flags[0]).toHaveTextContent('Pre-scanned tray');
    expect(flags[0]).toHaveTextContent('2 packs for Ada LOVELACE scanned up to 25 min before their wristband');
    expect(flags[0]).toHaveTextContent(/tray prepared and scanned away from the bedside/);
    // 07:00 UTC in July is 08:00 on a London ward's clock.
    expect(flags[0]).toHaveTextContent(/1 Jul,? 08:00 – 1 Jul,? 08:25/);
    expect(flags[1]).toHaveTextContent('Copied bands');
    expect(screen.getByText('2 patterns that may mean the bedside check is being bypassed. Each is a reason to ask, not proof.')).toBeVisible();
  });

  it('opens a flag’s events, each with its nurse, patient, bed and device, and its log entry on request', async () => {
    const server = fakeServer({
      'GET /api/wards/ward-1/radar': () => json(radar([trayFlag], 'America/New_York')),
      'GET /api/audit': ({ query }) =>
        json({ entries: query.get('eventId') === BAND ? [{ seq: 7, at: '2026-07-01T07:25:00.000Z', type: 'scan', wardId: 'ward-1', patientId: 'p-ada', userId: 'u-nurse', deviceId: 'h1', eventId: BAND, outcome: 'match', rules: [], summary: 'Ada LOVELACE identified', detail: {}, prevHash: 'a', hash: 'b' }] : [], page: 1, pageSize: 10, total: 1 }),
    });
    renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    await userEvent.click(await screen.findByText('Show the 2 events'));
    const table = screen.getByRole('table', { name: `Events: ${trayFlag.title}` });
    expect(table).toBeVisible();
    const rows = within(table).getAllByRole('row');
    // New York's clock: 03:25.
    expect(rows[2]).toHaveTextContent(/1 Jul,? 03:25/);
    expect(rows[2]).toHaveTextContent('Wristband');
    expect(rows[2]).toHaveTextContent('Nia Nurse');
    expect(rows[2]).toHaveTextContent('Ada LOVELACE');
    expect(rows[2]).toHaveTextContent('NHS 999 000 0018');
    expect(rows[2]).toHaveTextContent('Bed 3');
    expect(rows[2]).toHaveTextContent('h1');
    expect(rows[1]).toHaveTextContent('(scanned with nobody identified)');
    // The table scrolls sideways in its own region on a narrow screen.
    expect(screen.getByRole('region', { name: `Events behind: ${trayFlag.title} (scrolls sideways)` })).toHaveStyle({ overflowX: 'auto' });

    await userEvent.click(screen.getByRole('button', { name: `Log entry of event ${BAND}` }));
    expect(await screen.findByText('Ada LOVELACE identified')).toBeVisible();
    const asked = server.requests.find((r) => r.path === '/api/audit');
    expect(asked?.query.get('eventId')).toBe(BAND);
    expect(asked?.query.get('wardId')).toBe('ward-1');
  });

  it('asks for the period chosen, and says when nothing was found', async () => {
    const server = fakeServer({ 'GET /api/wards/ward-1/radar': () => json(radar([])) });
    renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByText('No workaround patterns in the last 7 days.')).toBeVisible();
    await userEvent.selectOptions(screen.getByLabelText('Period'), '28');
    expect(await screen.findByText('No workaround patterns in the last 28 days.')).toBeVisible();
    const last = server.requests.at(-1)!;
    const days = (Date.parse(last.query.get('to')!) - Date.parse(last.query.get('from')!)) / 86_400_000;
    expect(days).toBe(28);
  });

  it('shows the server’s refusal in words', async () => {
    fakeServer({ 'GET /api/wards/ward-1/radar': () => apiError(403, 'FORBIDDEN', 'You can only see your own ward.') });
    renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByText('The radar could not be loaded: You can only see your own ward.')).toBeVisible();
  });

  it('refreshes on a live alert at most once a minute, and on Refresh', async () => {
    const server = fakeServer({ 'GET /api/wards/ward-1/radar': () => json(radar([])) });
    const view = renderSignedIn(<RadarPanel wardId="ward-1" refreshKey={0} />, { session: manager });
    await screen.findByText('No workaround patterns in the last 7 days.');
    const radarCalls = () => server.requests.filter((r) => r.path === '/api/wards/ward-1/radar').length;
    view.rerender(
      <ServicesContext.Provider value={view.services}>
        <RadarPanel wardId="ward-1" refreshKey={1} />
      </ServicesContext.Provider>,
    );
    expect(radarCalls()).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh the radar' }));
    await waitFor(() => expect(radarCalls()).toBe(2));
  });
});
