import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EquipmentAssignment, EquipmentAssignRequest, EquipmentAssignResponse, PatientTransfusions, ScanRequest, Verdict } from '@wardscan/shared';
import { NurseScreen } from '../nurse/NurseScreen.js';
import { buildAssignment, buildPatientTransfusions, buildTransfusion, NO_BLOOD, PUMP } from '../test/blood-builders.js';
import { buildPatient, patientScanResponse, buildChart, buildRound } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';

const WRISTBAND = '8018509999999900101371';

afterEach(() => vi.unstubAllGlobals());

const serviced: Verdict = {
  outcome: 'match',
  title: 'Device associated with the patient.',
  checks: [
    { rule: 'device-unknown', outcome: 'pass', message: 'Infusion pump 7B0001 is in the asset register.' },
    { rule: 'device-maintenance', outcome: 'pass', message: 'Serviced; next due 2035-06-30.' },
  ],
};

function assigned(request: EquipmentAssignRequest, overrides: Partial<EquipmentAssignResponse> = {}): EquipmentAssignResponse {
  return {
    eventId: request.eventId,
    assignment: buildAssignment({ prescriptionId: request.prescriptionId ?? null, transfusionId: request.transfusionId ?? null }),
    released: null,
    verdict: serviced,
    replayed: false,
    ...overrides,
  };
}

function deviceServer(options: { patient?: ReturnType<typeof buildPatient>; blood?: PatientTransfusions; devices?: EquipmentAssignment[] } = {}) {
  const patient = options.patient ?? buildPatient();
  let devices = options.devices ?? [];
  const server = fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'POST /api/scans': ({ body }) => json(patientScanResponse((body as ScanRequest).eventId, patient)),
    'GET /api/patients/p-ada/transfusions': () => json(options.blood ?? NO_BLOOD),
    'GET /api/equipment/assignments': () => json(devices),
    'GET /api/patients/p-ada/chart': () => json(buildChart()),
    'GET /api/wards/ward-1/round': () => json(buildRound()),
    'POST /api/equipment/assign': ({ body }) => {
      const request = body as EquipmentAssignRequest;
      devices = [assigned(request).assignment];
      return json(assigned(request), 201);
    },
  });
  return Object.assign(server, { setDevices: (next: EquipmentAssignment[]) => (devices = next) });
}

async function scan(raw: string) {
  await act(async () => {
    scannerBurst(raw);
  });
}

async function pumpAtAdasBedside() {
  await scan(WRISTBAND);
  await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
  await scan(PUMP);
  return screen.getByRole('region', { name: 'Device scanned' });
}

describe('DevicePanel (a pump scanned at the bedside)', () => {
  it('offers the patient’s infusion orders and running transfusion, and links the pump to the one chosen', async () => {
    // A pump is offered only orders it can give (issue 12): Ada's paracetamol here is the intravenous one.
    const ivParacetamol = { ...buildPatient().doses[0]!, doseText: '1 g iv', route: 'iv' as const };
    const server = deviceServer({ patient: buildPatient({ doses: [ivParacetamol] }), blood: buildPatientTransfusions({ running: [buildTransfusion()] }) });
    renderSignedIn(<NurseScreen />);
    const panel = await pumpAtAdasBedside();
    expect(within(panel).getByText('Equipment 50999987B0001')).toBeVisible();
    const link = within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' });
    expect(link).toBeDisabled();
    expect(await within(panel).findByRole('radio', { name: 'Blood transfusion · unit G0715 26 100001' })).toBeVisible();
    expect(within(panel).getByRole('radio', { name: 'None of these' })).toBeVisible();
    await userEvent.click(within(panel).getByRole('radio', { name: 'Paracetamol · 1 g iv' }));
    await userEvent.click(link);

    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'DEVICE LINKED' })).toBeVisible();
    expect(within(verdict).getByText(/Infusion pump 7B0001 is with LOVELACE, Ada since/)).toBeVisible();
    const request = server.requests.find((r) => r.path === '/api/equipment/assign')?.body as EquipmentAssignRequest;
    expect(request).toMatchObject({ deviceId: 'handheld-test', raw: PUMP, prescriptionId: 'rx-para' });
    expect(request.transfusionId).toBeUndefined();
    expect(server.requests.some((r) => r.path === '/api/scans' && (r.body as ScanRequest).raw === PUMP)).toBe(false);

    await userEvent.click(within(verdict).getByRole('button', { name: 'Done' }));
    const withPatient = await screen.findByRole('list', { name: 'Devices with this patient' });
    expect(within(withPatient).getByText(/for Paracetamol/)).toBeVisible();
  });

  it('offers only “None of these” for a patient with nothing prescribed or running, and sends no purpose', async () => {
    const server = deviceServer({ patient: buildPatient({ doses: [] }) });
    renderSignedIn(<NurseScreen />);
    const panel = await pumpAtAdasBedside();
    expect(within(panel).getAllByRole('radio')).toHaveLength(1);
    await userEvent.click(within(panel).getByRole('radio', { name: 'None of these' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' }));
    await screen.findByRole('heading', { name: 'DEVICE LINKED' });
    const request = server.requests.find((r) => r.path === '/api/equipment/assign')?.body as EquipmentAssignRequest;
    expect(Object.keys(request).sort()).toEqual(['deviceId', 'eventId', 'raw']);
  });

  it('shows an amber warning for a pump past its maintenance date, and where it was taken from', async () => {
    const server = deviceServer();
    server.on('POST /api/equipment/assign', ({ body }) =>
      json(
        assigned(body as EquipmentAssignRequest, {
          verdict: {
            outcome: 'warning',
            title: 'Device associated, with a warning: Infusion pump 7B0002 was due for maintenance on 2026-01-31. Use another device if one is at hand, and report it.',
            checks: [
              { rule: 'device-unknown', outcome: 'pass', message: 'Infusion pump 7B0002 is in the asset register.' },
              { rule: 'device-maintenance', outcome: 'warning', message: 'Infusion pump 7B0002 was due for maintenance on 2026-01-31. Use another device if one is at hand, and report it.' },
            ],
          },
          released: buildAssignment({ patientId: 'p-ben', patientName: 'Ben Babbage', bedLabel: 'Bed 4' }),
        }),
      ),
    );
    renderSignedIn(<NurseScreen />);
    const panel = await pumpAtAdasBedside();
    await userEvent.click(within(panel).getByRole('radio', { name: 'None of these' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' }));
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'WARNING' })).toBeVisible();
    expect(within(verdict).getByRole('list', { name: 'Problems found' })).toHaveTextContent('⚠ WARNING · Device maintenance due');
    expect(within(verdict).getByText('Taken from Ben Babbage (Bed 4): its link there has ended.')).toBeVisible();
  });

  it('shows the server’s refusal in words and keeps the panel to try again', async () => {
    const server = deviceServer();
    server.on('POST /api/equipment/assign', () => apiError(409, 'CONFLICT', 'No patient is identified on this handheld. Scan the patient’s wristband first.', 'deviceId'));
    renderSignedIn(<NurseScreen />);
    const panel = await pumpAtAdasBedside();
    await userEvent.click(within(panel).getByRole('radio', { name: 'None of these' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('No patient is identified on this handheld. Scan the patient’s wristband first.');
    expect(within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' })).toBeEnabled();
  });

  it('releases a device that is with the patient', async () => {
    const server = deviceServer({ devices: [buildAssignment()] });
    server.on('POST /api/equipment/release', ({ body }) => {
      server.setDevices([]);
      return json({ eventId: (body as { eventId: string }).eventId, released: buildAssignment(), replayed: false });
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    const withPatient = await screen.findByRole('list', { name: 'Devices with this patient' });
    await userEvent.click(within(withPatient).getByRole('button', { name: 'Release Infusion pump 7B0001' }));
    await vi.waitFor(() => expect(screen.queryByRole('list', { name: 'Devices with this patient' })).toBeNull());
    expect(server.requests.find((r) => r.path === '/api/equipment/release')?.body).toMatchObject({ deviceId: 'handheld-test', equipmentKey: 'giai:50999987B0001' });
  });
});

/*
 * Issue 12: since when a device is with the patient is a clinical time, read
 * on the ward's clock. The suite runs with TZ=UTC and the ward here is in New
 * York: a time read on the handheld's clock (10:05) fails.
 */
describe('device times on the ward’s clock', () => {
  it('says since when a device is with the patient at the ward’s time, in the list and on the scanned pump’s verdict', async () => {
    const server = deviceServer({ devices: [buildAssignment({ assignedAt: '2026-11-24T10:05:00.000Z' })] });
    server.on('GET /api/patients/p-ada/chart', () => json(buildChart({ timeZone: 'America/New_York' })));
    renderSignedIn(<NurseScreen />);
    const panel = await pumpAtAdasBedside();
    const withPatient = await screen.findByRole('list', { name: 'Devices with this patient' });
    expect(await within(withPatient).findByText(/since 05:05 GMT-5$/)).toBeVisible();

    await userEvent.click(within(panel).getByRole('radio', { name: 'None of these' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Link to LOVELACE, Ada' }));
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByText('Infusion pump 7B0001 is with LOVELACE, Ada since 05:05 GMT-5.')).toBeVisible();
  });
});
