import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAssignment } from '../test/blood-builders.js';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { DevicesTable } from './DevicesTable.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });

describe('DevicesTable (ward manager)', () => {
  it('lists each device with its patient, bed, time and maintenance date, flagging one overdue or unregistered', async () => {
    const server = fakeServer({
      'GET /api/equipment/assignments': () =>
        json([
          buildAssignment(),
          buildAssignment({ id: 'equipment-2', equipmentKey: 'giai:50999987B0002', assetName: 'Infusion pump 7B0002', maintenanceDueOn: '2000-01-31', patientName: 'Ben Babbage', bedLabel: null }),
          buildAssignment({ id: 'equipment-3', equipmentKey: 'giai:50999989Z9999', assetName: null, maintenanceDueOn: null, patientName: 'Cy Clark' }),
        ]),
    });
    renderSignedIn(<DevicesTable wardId="ward-1" refreshKey={0} />, { session: manager });
    const table = await screen.findByRole('table', { name: 'Devices with patients now' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Infusion pump 7B0001');
    expect(rows[0]).toHaveTextContent('Ada Lovelace');
    expect(rows[0]).toHaveTextContent('Bay 1 Bed 3');
    expect(rows[0]).toHaveTextContent('30 Jun 2035');
    expect(rows[0]).not.toHaveTextContent('OVERDUE');
    expect(rows[1]).toHaveTextContent('No bed');
    expect(rows[1]).toHaveTextContent('⚠ OVERDUE 31 Jan 2000');
    expect(rows[2]).toHaveTextContent('Unregistered device 50999989Z9999');
    expect(rows[2]).toHaveTextContent('⚠ NOT REGISTERED');
    expect(server.requests[0]?.query.get('wardId')).toBe('ward-1');
  });

  it('says when no device is with a patient, and fetches again on Refresh', async () => {
    const server = fakeServer({ 'GET /api/equipment/assignments': () => json([]) });
    renderSignedIn(<DevicesTable wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByText('No devices are with patients now.')).toBeVisible();
    server.on('GET /api/equipment/assignments', () => json([buildAssignment()]));
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('table', { name: 'Devices with patients now' })).toBeVisible();
  });

  it('shows the server’s error in words', async () => {
    fakeServer({ 'GET /api/equipment/assignments': () => apiError(403, 'FORBIDDEN', 'Only this ward’s staff can see its devices.') });
    renderSignedIn(<DevicesTable wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByRole('alert')).toHaveTextContent('Devices could not be loaded: Only this ward’s staff can see its devices.');
  });
});
