import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_UNIT, type ScanRequest, type TransfusionCheckRequest } from '@wardscan/shared';
import { NurseScreen } from '../nurse/NurseScreen.js';
import { ADA_UNIT, buildCheckResponse, buildPatientTransfusions, PUMP, SECOND_BADGE, secondCheckerNeeded } from '../test/blood-builders.js';
import { patientScanResponse } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';
import { BagReadout } from './BagReadout.js';

/*
 * Issue 12, blood at the bedside: what the bag shows of its product code, and
 * a badge or a pump scanned while the bag's labels are still being read.
 */

const WRISTBAND = '8018509999999900101371';

afterEach(() => vi.unstubAllGlobals());

async function scan(raw: string) {
  await act(async () => {
    scannerBurst(raw);
  });
}

describe('the product read from the bag', () => {
  it('is said as a product code, not a bare code, when no source names it', () => {
    render(<BagReadout unit={{ ...EMPTY_UNIT, productCode: 'E0001V00' }} />);
    expect(screen.getByText(/^product code/)).toHaveTextContent(/^product code E0001V00$/);
  });

  it('is named where a source names the code, with the code to compare with the label', () => {
    render(<BagReadout unit={{ ...EMPTY_UNIT, productCode: 'E0336V00' }} />);
    expect(screen.getByText(/^Red cells/)).toHaveTextContent(/^Red cells in additive solution \(AS-5\), leucocyte-reduced \(product code E0336V00\)$/);
  });
});

describe('a badge or a pump scanned while the bag is read', () => {
  it('says the badge comes after “Check this unit”, keeps the half-read bag when a pump is scanned, and sends neither anywhere', async () => {
    const server = fakeServer({
      'GET /api/health': () => json({ ok: true }),
      'POST /api/scans': ({ body }) => json(patientScanResponse((body as ScanRequest).eventId)),
      'GET /api/patients/p-ada/transfusions': () => json(buildPatientTransfusions()),
      'GET /api/equipment/assignments': () => json([]),
      'POST /api/transfusions/check': ({ body }) => json(buildCheckResponse((body as TransfusionCheckRequest).eventId, secondCheckerNeeded()), 201),
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    await scan(ADA_UNIT.din);
    const bag = screen.getByRole('region', { name: 'Blood bag check' });

    await scan(SECOND_BADGE);
    expect(within(bag).getByRole('alert')).toHaveTextContent(
      'That was a staff badge. Scan all the labels on the bag, then press “Check this unit”; the second checker’s badge comes after.',
    );
    await scan(PUMP);
    expect(within(bag).getByRole('alert')).toHaveTextContent(/^That was a device tag\. Finish this bag first/);
    // The same bag, with what was read of it, is still on screen; no device panel opened.
    expect(screen.getByRole('region', { name: 'Blood bag check' })).toBe(bag);
    expect(within(bag).getByText('G0715 26 100001')).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Device scanned' })).toBeNull();

    await scan(ADA_UNIT.group);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    await screen.findByRole('heading', { name: 'SECOND CHECK NEEDED' });
    // Neither the badge nor the pump went to the scan check, or into the bag's labels.
    await waitFor(() => expect(server.requests.some((r) => r.path === '/api/transfusions/check')).toBe(true));
    expect(server.requests.filter((r) => r.path === '/api/scans').map((r) => (r.body as ScanRequest).raw)).toEqual([WRISTBAND]);
    expect((server.requests.find((r) => r.path === '/api/transfusions/check')?.body as TransfusionCheckRequest).labels).toEqual([ADA_UNIT.din, ADA_UNIT.group]);
  });
});
