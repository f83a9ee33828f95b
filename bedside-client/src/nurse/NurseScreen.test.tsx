import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanRequest } from '@wardscan/shared';
import { NO_BLOOD } from '../test/blood-builders.js';
import { buildConfig, buildVerdict, patientScanResponse, productScanResponse } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { bedsideServer, PACK, WRISTBAND } from '../test/bedside-server.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';
import { NurseScreen } from './NurseScreen.js';

afterEach(() => vi.unstubAllGlobals());

async function scan(raw: string) {
  await act(async () => {
    scannerBurst(raw);
  });
}

describe('NurseScreen', () => {
  it('starts with no patient and asks for the wristband', () => {
    bedsideServer();
    renderSignedIn(<NurseScreen />);
    expect(within(screen.getByRole('region', { name: 'Patient' })).getByText('No patient identified')).toBeVisible();
    expect(screen.getByText('Next: scan the patient’s wristband.')).toBeVisible();
  });

  it('shows the patient banner after a wristband scan from the HID scanner', async () => {
    const server = bedsideServer();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    const banner = await screen.findByRole('region', { name: 'Patient' });
    expect(within(banner).getByRole('heading', { name: 'LOVELACE, Ada' })).toBeVisible();
    expect(within(banner).getByText('999 000 0018')).toBeVisible();
    expect(within(banner).getByText('7 Mar 1948')).toBeVisible();
    expect(within(banner).getByText('Bay 1 Bed 3')).toBeVisible();
    expect(within(banner).getByLabelText('Allergies')).toHaveTextContent('penicillin (rash)');
    expect(await screen.findByText(/Missed · /)).toBeVisible();
    expect(server.requests.find((r) => r.path === '/api/scans')?.body).toMatchObject({ raw: WRISTBAND, source: 'scanner', deviceId: 'handheld-test' });
  });

  it('says plainly, on screen, when another wristband changes the patient', async () => {
    const server = bedsideServer();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByText('Patient identified: LOVELACE, Ada');
    const ben = { ...patientScanResponse('x').patient!, id: 'p-ben', familyName: 'Babbage', givenName: 'Ben', nhsNumber: '9990000026' };
    server.on('POST /api/scans', ({ body }) => json(patientScanResponse((body as ScanRequest).eventId, ben)));
    await scan('8018509999999900202641');
    expect(await screen.findByText('Patient changed: now BABBAGE, Ben')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'BABBAGE, Ben' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'LOVELACE, Ada' })).toBeNull();
  });

  it('shows a match with the dose to give, and confirms it against the scan that was checked', async () => {
    const server = bedsideServer();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await scan(PACK);
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'MATCH' })).toBeVisible();
    expect(within(verdict).getByLabelText('Dose to give')).toHaveTextContent('Give: 2 tablets');
    await userEvent.click(within(verdict).getByRole('button', { name: '✓ Confirm given' }));
    expect(await screen.findByRole('heading', { name: '✓ Recorded as given' })).toBeVisible();
    const packScan = server.requests.filter((r) => r.path === '/api/scans')[1]?.body as ScanRequest;
    expect(server.requests.find((r) => r.path === '/api/administrations')?.body).toMatchObject({
      productScanEventId: packScan.eventId,
      prescriptionId: 'rx-para',
    });
  });

  it('shows a stop with what is wrong and offers no way to confirm it', async () => {
    bedsideServer(
      buildVerdict({
        outcome: 'stop',
        title: 'Not for this patient',
        checks: [{ rule: 'right-patient', outcome: 'stop', message: 'This dose is prescribed for another patient. Do not give.' }],
      }),
    );
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await scan(PACK);
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'STOP – DO NOT GIVE' })).toBeVisible();
    expect(within(verdict).getByText('This dose is prescribed for another patient. Do not give.')).toBeVisible();
    expect(within(verdict).queryByRole('button', { name: /confirm/i })).toBeNull();
    expect(within(verdict).getByText('✕ A stop cannot be given or overridden.')).toBeVisible();
  });

  it('asks for a coded reason before a warning can be confirmed', async () => {
    const server = bedsideServer(
      buildVerdict({ outcome: 'warning', checks: [{ rule: 'right-time', outcome: 'warning', message: 'Due at 14:00; 50 minutes early.' }] }),
    );
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await scan(PACK);
    const confirm = await screen.findByRole('button', { name: '✓ Override and confirm given' });
    expect(confirm).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Reason for giving despite the warning'), 'time-agreed-clinically');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await screen.findByRole('heading', { name: '✓ Recorded as given' });
    expect(server.requests.find((r) => r.path === '/api/administrations')?.body).toMatchObject({ overrideReason: 'time-agreed-clinically' });
  });

  it('shows the server’s error in words when a scan is refused', async () => {
    const server = bedsideServer();
    server.on('POST /api/scans', () => apiError(403, 'FORBIDDEN', 'You are not on this ward’s rota.'));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    expect(await screen.findByText('You are not on this ward’s rota.')).toBeVisible();
  });

  it('queues scans while the server is unreachable, blocks confirming, and sends them in order when it returns', async () => {
    const server = bedsideServer();
    renderSignedIn(<NurseScreen />);
    server.down();
    await scan(WRISTBAND);
    expect(await screen.findByText(/OFFLINE/)).toBeVisible();
    await scan(PACK);
    const waiting = await screen.findByRole('list', { name: 'Waiting to send' });
    await waitFor(() => expect(within(waiting).getAllByRole('listitem')).toHaveLength(2));
    expect(within(waiting).getAllByRole('listitem')[0]).toHaveTextContent('Wristband, NHS No. 999 001 0137');
    expect(screen.getByRole('heading', { name: 'Not checked yet' })).toBeVisible();
    expect(screen.queryByRole('button', { name: /confirm/i })).toBeNull();

    server.up();
    expect(await screen.findByRole('heading', { name: 'Sent after reconnecting' }, { timeout: 4000 })).toBeVisible();
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).toBeNull();
    const sent = server.requests.filter((r) => r.path === '/api/scans' && r.method === 'POST').map((r) => (r.body as ScanRequest).raw);
    // Each attempt while down, then the replay: wristband strictly before the pack.
    expect(sent.slice(-2)).toEqual([WRISTBAND, PACK]);
    expect(screen.getByText('To give a dose, scan the pack again now so it is checked.')).toBeVisible();
  });

  it('keeps a confirmation the server never acknowledged and sends it, with the same event id, when it returns', async () => {
    const server = bedsideServer();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await scan(PACK);
    const confirm = await screen.findByRole('button', { name: '✓ Confirm given' });
    server.down();
    await userEvent.click(confirm);
    const waiting = await screen.findByRole('list', { name: 'Waiting to send' });
    expect(within(waiting).getByRole('listitem')).toHaveTextContent('Given: 2 tablets');
    const attempt = server.requests.find((r) => r.path === '/api/administrations')?.body as { eventId: string };

    server.up();
    expect(await screen.findByRole('heading', { name: 'Sent after reconnecting' }, { timeout: 4000 })).toBeVisible();
    const sent = server.requests.filter((r) => r.path === '/api/administrations').map((r) => (r.body as { eventId: string }).eventId);
    expect(sent).toEqual([attempt.eventId, attempt.eventId]);
    expect(screen.getByText(/RECORDED/)).toBeVisible();
  });

  it('ends the positive ID on “Finish patient”, here and on the server', async () => {
    const server = bedsideServer();
    server.on('DELETE /api/devices/handheld-test/context', () => ({ status: 204 }));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await userEvent.click(await screen.findByRole('button', { name: 'Finish patient' }));
    expect(screen.getByText('No patient identified')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Patient finished' })).toBeVisible();
    expect(server.requests.some((r) => r.method === 'DELETE' && r.path === '/api/devices/handheld-test/context')).toBe(true);
  });

  it('ends the positive ID by itself after the ward’s idle time', async () => {
    bedsideServer().on('DELETE /api/devices/handheld-test/context', () => ({ status: 204 }));
    renderSignedIn(<NurseScreen />, { config: buildConfig({ patientContextTimeoutSeconds: 1 }) });
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    expect(await screen.findByRole('heading', { name: 'Positive ID timed out' }, { timeout: 3000 })).toBeVisible();
    expect(screen.getByText('No patient identified')).toBeVisible();
  });
});

describe('NurseScreen: a pack that fits several orders (issue 11)', () => {
  it('lists the other orders and checks the pack again for the one the nurse picks', async () => {
    const warning = buildVerdict({
      outcome: 'warning',
      title: 'Check before giving Paracetamol 500 mg tablets: Early: due at 12:00, in 3 h 50 min.',
      checks: [{ rule: 'right-time', outcome: 'warning', message: 'Early: due at 12:00, in 3 h 50 min.' }],
      prescriptionId: 'rx-regular',
      alternatives: [{ prescriptionId: 'rx-prn', drugName: 'Paracetamol (as needed)', outcome: 'match', title: 'Give 2 tablets (1 g) Paracetamol 500 mg tablets' }],
    });
    const chosen = buildVerdict({ prescriptionId: 'rx-prn' });
    const server = fakeServer({
      'GET /api/health': () => json({ ok: true }),
      'POST /api/scans': ({ body }) => {
        const request = body as ScanRequest;
        if (request.raw === WRISTBAND) return json(patientScanResponse(request.eventId));
        return json(productScanResponse(request.eventId, request.prescriptionId === 'rx-prn' ? chosen : warning));
      },
      'GET /api/patients/p-ada': () => json(patientScanResponse('x').patient),
      'GET /api/patients/p-ada/transfusions': () => json(NO_BLOOD),
      'GET /api/equipment/assignments': () => json([]),
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    await scan(PACK);
    const others = await screen.findByRole('region', { name: 'This pack fits other orders too' });
    expect(within(others).getByText('Paracetamol (as needed)')).toBeVisible();
    await userEvent.click(within(others).getByRole('button', { name: 'Check for this order' }));
    await screen.findByRole('heading', { name: 'MATCH' });
    const sent = server.requests.filter((r) => r.path === '/api/scans').map((r) => r.body as ScanRequest);
    expect(sent.at(-1)).toMatchObject({ raw: PACK, prescriptionId: 'rx-prn' });
    expect(sent.at(-1)?.eventId).not.toBe(sent.at(-2)?.eventId);
  });
});
