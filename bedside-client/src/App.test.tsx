import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanRequest } from '@wardscan/shared';
import { App } from './App.js';
import { buildConfig, buildSession, patientScanResponse } from './test/builders.js';
import { apiError, fakeServer, json } from './test/fake-fetch.js';
import { fill, scannerBurst } from './test/render.js';
import { dispatchRecorded, recordScan, type SimulatedScanner } from './test/scanner-recordings.js';
import { TEST_SYMBOL_RAW } from './scanning/test-symbol.js';

afterEach(() => vi.unstubAllGlobals());

describe('App', () => {
  it('says so when the ward’s settings cannot be loaded and none were kept', async () => {
    fakeServer().down();
    render(<App />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot load the ward’s scanning settings');
  });

  it('takes each role to its own screen after sign-in', async () => {
    fakeServer({
      'GET /api/config': () => json(buildConfig()),
      'POST /api/sessions': () => json(buildSession({ role: 'pharmacist', name: 'Pat Pharmacist', wardId: null })),
      'GET /api/products': () => json([]),
      'GET /api/recalls': () => json([]),
    });
    render(<App />);
    await fill(await screen.findByLabelText('Username'), 'demo-pharmacist');
    await fill(screen.getByLabelText('Password'), 'demo-password');
    await userEvent.click(within(screen.getByRole('region', { name: 'Username and password' })).getByRole('button', { name: 'Sign in' }));
    // The catalogue is a lazily loaded chunk.
    expect(await screen.findByRole('heading', { name: 'Product catalogue' }, { timeout: 5000 })).toBeVisible();
    expect(screen.getByText('Pat Pharmacist · Pharmacy')).toBeVisible();
  });

  it('returns to sign-in when the server no longer knows the session, and keeps the ward settings', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession()));
    fakeServer({
      'GET /api/config': () => json(buildConfig()),
      'POST /api/scans': () => apiError(401, 'UNAUTHENTICATED', 'Your session has ended. Sign in again.'),
    });
    render(<App />);
    await screen.findByText('No patient identified');
    scannerBurst('8018509999999900101371');
    expect(await screen.findByRole('heading', { name: 'Wardscan sign in' })).toBeVisible();
    expect(sessionStorage.getItem('wardscan.session')).toBeNull();
  });

  it('offers typed entry only where the trust allows it, and marks it as typed', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession()));
    const server = fakeServer({
      'GET /api/config': () => json(buildConfig({ allowKeyedPatientId: true })),
      'POST /api/scans': ({ body }) => json(patientScanResponse((body as ScanRequest).eventId)),
    });
    render(<App />);
    const form = await screen.findByRole('form', { name: 'Type an identifier' });
    await fill(within(form).getByLabelText(/Type an identifier/), '9990000018');
    await userEvent.click(within(form).getByRole('button', { name: 'Send typed' }));
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    expect(server.requests.find((r) => r.path === '/api/scans')?.body).toMatchObject({ raw: '9990000018', source: 'keyboard' });
  });

  it('hides typed entry where typed identifiers are blocked', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession()));
    fakeServer({ 'GET /api/config': () => json(buildConfig({ allowKeyedPatientId: false })) });
    render(<App />);
    await screen.findByText('No patient identified');
    expect(screen.queryByRole('form', { name: 'Type an identifier' })).toBeNull();
  });

  it('lets a signed-in user set up the scanner, and reads every later bedside scan with what it learned', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession()));
    const server = fakeServer({
      'GET /api/config': () => json(buildConfig()),
      'POST /api/scans': ({ body }) => json(patientScanResponse((body as ScanRequest).eventId)),
    });
    render(<App />);
    await screen.findByText('No patient identified');
    await userEvent.click(screen.getByRole('button', { name: 'Set up scanner' }));
    // A US-layout scanner on a German keyboard: ']' of the AIM identifier arrives as '+'.
    const scanner: SimulatedScanner = { scanner: 'us', host: 'de', gs: 'ctrl-bracket' };
    await screen.findByText('Waiting for the scan of the test symbol…', {}, { timeout: 5000 });
    dispatchRecorded(recordScan(TEST_SYMBOL_RAW, scanner), window, performance.now() + 1000);
    await screen.findByRole('heading', { name: 'Your scanner is set up' }, { timeout: 5000 });
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));

    await screen.findByText('No patient identified');
    dispatchRecorded(recordScan(']d28018509999999900101371', scanner), window, performance.now() + 1000);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    expect(server.requests.find((r) => r.path === '/api/scans')?.body).toMatchObject({ raw: ']d28018509999999900101371', source: 'scanner' });
  });

  it('opens My account from the name in the top bar, and Done goes back to the bedside', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession()));
    fakeServer({ 'GET /api/config': () => json(buildConfig()) });
    render(<App />);
    await screen.findByText('No patient identified');
    await userEvent.click(screen.getByRole('button', { name: 'My account: Nia Nurse · Nurse' }));
    expect(await screen.findByRole('heading', { name: 'Change my PIN' }, { timeout: 5000 })).toBeVisible();
    expect(screen.getByRole('button', { name: 'My account: Nia Nurse · Nurse' })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('No patient identified')).toBeVisible();
  });

  it('gives an admin a Staff accounts tab', async () => {
    sessionStorage.setItem('wardscan.session', JSON.stringify(buildSession({ role: 'admin', name: 'Ada Admin', wardId: null })));
    fakeServer({ 'GET /api/config': () => json(buildConfig()), 'GET /api/staff': () => json([]), 'GET /api/wards': () => json([]) });
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Staff accounts' }));
    expect(await screen.findByRole('heading', { name: 'Staff accounts', level: 1 }, { timeout: 5000 })).toBeVisible();
    expect(await screen.findByText('No staff yet.')).toBeVisible();
  });
});
